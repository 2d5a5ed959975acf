import secrets
import uuid
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Count, Exists, ExpressionWrapper, F, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce, Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from asskomm.chips import Chip, waiting_list_chip
from asskomm.dates import when
from asskomm.models import Topic
from events import audiences, uploads
from events.uploads import get_private_storage, validate_document
from members import facts
from members.models import Municipality, Organisation
from members.models import Region as SaxonRegion


class EventQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The events ``user`` may see anywhere: lists, pages, feeds, files.

        Published and cancelled events of the audiences the person belongs
        to; drafts only for those who manage the event (the team, or the
        regional coordinator of its region).
        """
        shown = ~Q(status=Event.Status.DRAFT) & self._audience_condition(user)
        managed = self.managed_by(user)
        if managed.query.is_empty():
            # Most people manage no event: one condition the audience index
            # serves, not a second pass over every event.
            return self.filter(shown)
        return self.filter(
            Q(pk__in=self.filter(shown).values("pk")) | Q(pk__in=managed.values("pk"))
        )

    @staticmethod
    def _audience_condition(user):
        """The events whose audience includes ``user``."""
        return audiences.audience_condition(user, Event.invited_municipalities.through, "event")

    def managed_by(self, user):
        """The events ``user`` may manage: all of them for the team, those
        of their regions for a regional coordinator, none for anyone else."""
        if not user.is_authenticated or not user.is_staff:
            return self.none()
        if user.has_perm("events.manage_all_events"):
            return self.all()
        regions = coordinated_regions(user)
        if regions and user.has_perm("events.change_event"):
            return self.filter(region__in=regions)
        return self.none()

    def inside(self, user):
        """The events ``user`` organises or holds a confirmed place at: the
        people who get the online link and see who else is coming."""
        if not user.is_authenticated:
            return self.none()
        inside = Q(
            pk__in=Registration.objects.filter(
                user=user, status=Registration.Status.CONFIRMED
            ).values("event")
        )
        inside |= Q(pk__in=self.managed_by(user).values("pk"))
        return self.filter(inside)

    def upcoming(self, now=None):
        return self.filter(ends_at__gte=now or timezone.now())

    def for_feeds(self, now=None):
        """What calendar feeds carry: the future and the last half year."""
        return self.filter(ends_at__gte=(now or timezone.now()) - timedelta(days=183))

    def past(self, now=None):
        return self.filter(ends_at__lt=now or timezone.now())

    def with_counts(self):
        """Annotates ``confirmed_count``, ``waitlisted_count`` and
        ``attended_count``. Each is a subquery of its own rather than a join
        with GROUP BY: a page of events costs one query however many
        registrations they have, and the paginator's count leaves them out."""
        return self.annotate(
            confirmed_count=_registration_count(status=Registration.Status.CONFIRMED),
            waitlisted_count=_registration_count(status=Registration.Status.WAITLISTED),
            attended_count=_registration_count(attended=True),
        )

    def with_registration_of(self, user):
        """Annotates the status of ``user``'s active registration, if any,
        and how many are before them on the waiting list."""
        if not user.is_authenticated:
            return self
        # One active registration per person and event: no order needed
        # (the default one would join the events).
        mine = (
            Registration.objects.active()
            .filter(event=OuterRef("pk"), user=user)
            .with_waitlist_position()
            .order_by()
        )
        return self.annotate(
            my_registration_status=Subquery(mine.values("status")[:1]),
            my_waitlist_ahead=Subquery(mine.values("waitlist_ahead")[:1]),
        )

    def with_viewer_answers(self, user):
        """Annotates what an event's page asks about its viewer – is ``user``
        inside (``Event.is_inside``), may they manage it
        (``Event.is_managed_by``) – so that asking costs no query."""
        if not user.is_authenticated:
            return self
        return self.annotate(
            viewer_pk=Value(user.pk),
            viewer_inside=Exists(Event.objects.inside(user).filter(pk=OuterRef("pk"))),
            viewer_manages=Exists(Event.objects.managed_by(user).filter(pk=OuterRef("pk"))),
        )


def _registration_count(**conditions):
    """How many registrations of the event (``OuterRef("pk")``) meet
    ``conditions``; served by the index on (event, status, created_at)."""
    counted = (
        Registration.objects.filter(event=OuterRef("pk"), **conditions)
        .order_by()
        .values("event")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return Coalesce(Subquery(counted), 0)


def coordinated_regions(user):
    """The regions a staff member coordinates (empty for everyone else);
    from the person's facts (``members.facts``), with no query of its own."""
    if not user.is_authenticated:
        return []
    return [region for region in SaxonRegion.values if facts.of(user, _coordinates(region))]


def _coordinates(region):
    return f"coordinates_{region}"


def declare_coordination_facts():
    """One fact per region: whether the person coordinates it."""
    for region in SaxonRegion.values:
        facts.declare(
            _coordinates(region),
            lambda region=region: Exists(
                RegionalCoordination.objects.filter(user=OuterRef("pk"), region=region)
            ),
        )


MAX_REMINDER_DAYS = 30

# Addresses under /events/ that are pages, not events.
RESERVED_SLUGS = {"archive", "feed", "guest", "public"}


class Event(models.Model):
    class Kind(models.TextChoices):
        REGIONAL_MEETING = "regional_meeting", _("regional network meeting")
        WORKING_GROUP = "working_group", _("working group session")
        FACHTAG = "fachtag", _("ASSKomm Fachtag")
        WORKSHOP = "workshop", _("workshop")
        ALUMNI_MEETING = "alumni_meeting", _("Beccaria alumni meeting")
        OTHER = "other", _("other event")

    class Region(models.TextChoices):
        CHEMNITZ = SaxonRegion.CHEMNITZ.value, SaxonRegion.CHEMNITZ.label
        DRESDEN = SaxonRegion.DRESDEN.value, SaxonRegion.DRESDEN.label
        LEIPZIG = SaxonRegion.LEIPZIG.value, SaxonRegion.LEIPZIG.label
        STATEWIDE = "statewide", _("statewide")

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        PUBLISHED = "published", _("published")
        CANCELLED = "cancelled", _("cancelled")

    Audience = audiences.Audience

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("short name in the address"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    description = models.TextField(
        _("description"),
        blank=True,
        help_text=_("Plain text; an empty line starts a new paragraph."),
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    venue_name = models.CharField(_("venue"), max_length=200, blank=True)
    venue_address = models.TextField(_("address"), blank=True)
    online_url = models.URLField(
        _("online link"), blank=True, help_text=_("For online or hybrid events.")
    )
    region = models.CharField(_("region"), max_length=10, choices=Region.choices)
    organiser = models.ForeignKey(
        Organisation,
        verbose_name=_("organiser"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organised_events",
    )
    audience = models.CharField(
        _("audience"), max_length=20, choices=Audience.choices, default=Audience.MEMBERS
    )
    invited_municipalities = models.ManyToManyField(
        Municipality,
        verbose_name=_("invited municipalities"),
        blank=True,
        related_name="invited_events",
        help_text=_("Only for the audience “invited municipalities”."),
    )
    topics = models.ManyToManyField(
        Topic, verbose_name=_("topics"), blank=True, related_name="events"
    )
    capacity = models.PositiveIntegerField(
        _("capacity"), null=True, blank=True, help_text=_("Empty: no limit.")
    )
    registration_opens_at = models.DateTimeField(_("registration opens"), null=True, blank=True)
    registration_closes_at = models.DateTimeField(_("registration closes"), null=True, blank=True)
    accepts_guests = models.BooleanField(
        _("guests without an account may register"),
        default=True,
        help_text=_(
            "Only for public events: people without an account register with name and "
            "e-mail address and confirm by e-mail. They count against the capacity."
        ),
    )
    reminder_days = models.PositiveSmallIntegerField(
        _("reminder (days before)"),
        default=3,
        validators=[MaxValueValidator(MAX_REMINDER_DAYS)],
        help_text=_("Confirmed participants get a reminder this many days before; 0: none."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["starts_at", "title"]
        permissions = [("manage_all_events", _("Can manage the events of every region"))]
        indexes = [
            models.Index(fields=["status", "starts_at"], name="event_status_start_idx"),
            # The lists' order (upcoming, archive backwards, the admin's) and date filters.
            models.Index(fields=["starts_at", "title"], name="event_start_idx"),
            models.Index(fields=["ends_at"], name="event_end_idx"),
            models.Index(fields=["kind"], name="event_kind_idx"),
            models.Index(fields=["region"], name="event_region_idx"),
            models.Index(fields=["audience"], name="event_audience_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")),
                name="event_ends_after_start",
                violation_error_message=_("The event must end after it starts."),
            ),
            models.CheckConstraint(
                condition=Q(registration_opens_at__isnull=True)
                | Q(registration_closes_at__isnull=True)
                | Q(registration_closes_at__gt=F("registration_opens_at")),
                name="event_registration_window",
                violation_error_message=_("Registration must close after it opens."),
            ),
            models.CheckConstraint(
                condition=Q(capacity__isnull=True) | Q(capacity__gt=0),
                name="event_capacity_positive",
                violation_error_message=_("Leave the capacity empty for no limit."),
            ),
        ]

    def __str__(self):
        return f"{self.title} ({when(self.starts_at, 'date')})"

    def get_absolute_url(self):
        return reverse("events:detail", kwargs={"slug": self.slug})

    def clean(self):
        super().clean()
        errors = {}
        if self.slug in RESERVED_SLUGS:
            errors["slug"] = _("“%(slug)s” is reserved for a page of the portal.") % {
                "slug": self.slug
            }
        if self.registration_closes_at and self.starts_at:
            if self.registration_closes_at > self.starts_at:
                errors["registration_closes_at"] = _(
                    "Registration closes at the latest when the event starts."
                )
        if self.pk and self.capacity is not None:
            confirmed = self.registrations.filter(status=Registration.Status.CONFIRMED).count()
            if self.capacity < confirmed:
                errors["capacity"] = _(
                    "%(count)d people are already confirmed; the capacity cannot be lower. "
                    "Cancel registrations first."
                ) % {"count": confirmed}
        if not self.venue_name and not self.online_url:
            errors["venue_name"] = _("Give a venue or an online link.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_cancelled(self):
        return self.status == self.Status.CANCELLED

    @property
    def address_line(self):
        """The address on one line."""
        return ", ".join(line.strip() for line in self.venue_address.splitlines() if line.strip())

    @property
    def place(self):
        """Where it happens, in a few words."""
        if self.venue_name:
            return self.venue_name
        return _("online")

    def is_past(self, now=None):
        return self.ends_at < (now or timezone.now())

    def registration_is_open(self, now=None):
        now = now or timezone.now()
        if self.status != self.Status.PUBLISHED or now >= self.starts_at:
            return False
        if self.registration_opens_at and now < self.registration_opens_at:
            return False
        return not (self.registration_closes_at and now >= self.registration_closes_at)

    @property
    def takes_guests(self):
        """Whether people without an account may register at all: a public,
        published event that accepts guests (registration may still be
        closed; see ``guest_registration_is_open``)."""
        return (
            self.accepts_guests
            and self.audience == self.Audience.PUBLIC
            and self.status != self.Status.DRAFT
        )

    def guest_registration_is_open(self, now=None):
        return self.takes_guests and self.registration_is_open(now)

    def is_inside(self, user):
        """Whether ``user`` organises the event or is a confirmed participant:
        they get the online link and see who else is coming, which everyone
        else who can see the event does not (not on the page, not in a
        download, not in a feed). Asked once per event object and person."""
        return self._answer_for(
            user,
            "viewer_inside",
            lambda: Event.objects.inside(user).filter(pk=self.pk).exists(),
        )

    def is_managed_by(self, user):
        """Whether ``user`` may manage the event (``managed_by``); asked once
        per event object and person."""
        return self._answer_for(
            user,
            "viewer_manages",
            lambda: Event.objects.managed_by(user).filter(pk=self.pk).exists(),
        )

    def _answer_for(self, user, question, ask):
        """A page asks the same about its viewer several times (the online
        link, the attendee list, the follow-up): the answer comes from
        ``with_viewer_answers()`` when the event was loaded with it for this
        person, and is kept on the event object, per person."""
        if not user.is_authenticated:
            return False
        if getattr(self, "viewer_pk", None) == user.pk:
            return getattr(self, question)
        answers = self.__dict__.setdefault("_viewer_answers", {})
        key = (question, user.pk)
        if key not in answers:
            answers[key] = ask()
        return answers[key]

    @property
    def seats_left(self):
        """Free places; None without a limit. Uses the count annotated by
        ``with_counts()`` when there is one."""
        if self.capacity is None:
            return None
        confirmed = getattr(self, "confirmed_count", None)
        if confirmed is None:
            confirmed = self.registrations.filter(status=Registration.Status.CONFIRMED).count()
        return max(self.capacity - confirmed, 0)

    @property
    def has_taken_place(self):
        """Over, and not called off: the page speaks of it in the past."""
        return not self.is_cancelled and self.is_past()

    @property
    def status_chip(self):
        """Called off, over, or still a draft; nothing for a coming event."""
        if self.is_cancelled:
            return Chip(_("cancelled"), "red")
        if self.status == self.Status.DRAFT:
            return Chip(_("draft"), "amber")
        if self.is_past():
            return Chip(_("took place"))
        return None

    @property
    def seats_chip(self):
        """Free places, for events one can still register for; nothing for
        events that are over or called off."""
        if self.is_cancelled or self.is_past():
            return None
        seats = self.seats_left
        if seats is None:
            return Chip(_("places available"))
        if seats == 0:
            return Chip(_("fully booked – waiting list"), "amber")
        return Chip(
            ngettext("%(count)d place left", "%(count)d places left", seats) % {"count": seats}
        )

    @property
    def my_registration_chip(self):
        """The viewer's registration, from ``with_registration_of()``."""
        status = getattr(self, "my_registration_status", None)
        if status is None:
            return None
        ahead = getattr(self, "my_waitlist_ahead", None)
        return registration_chip(
            status,
            waitlist_position=None if ahead is None else ahead + 1,
            event_is_past=self.is_past(),
        )


def registration_chip(status, *, waitlist_position=None, event_is_past=False):
    """How a registration's status reads on a chip, wherever it is shown."""
    Status = Registration.Status
    if status == Status.CONFIRMED:
        return Chip(_("registered"), "green")
    if status == Status.WAITLISTED:
        if event_is_past:
            return Chip(_("was on the waiting list"))
        if waitlist_position:
            return waiting_list_chip(waitlist_position)
        return Chip(_("on the waiting list"), "amber")
    if status == Status.CANCELLED:
        return Chip(_("registration cancelled"))
    if status == Status.PENDING:
        return Chip(_("awaiting e-mail confirmation"), "amber")
    return None


# A guest's link to confirm their registration is valid this long; an
# unconfirmed registration is deleted after it (``purge_expired``).
GUEST_CONFIRMATION_PERIOD = timedelta(hours=48)
# Asking again for the same address sends a new link at most this often.
GUEST_RESEND_INTERVAL = timedelta(minutes=10)


class RegistrationQuerySet(models.QuerySet):
    def active(self):
        """Not cancelled: holding a place, waiting, or (a guest) awaiting
        the confirmation of their e-mail address."""
        return self.exclude(status=Registration.Status.CANCELLED)

    def taking_part(self):
        """Confirmed or on the waiting list: the people the organisers
        write to."""
        return self.filter(
            status__in=[Registration.Status.CONFIRMED, Registration.Status.WAITLISTED]
        )

    def guests(self):
        return self.filter(user__isnull=True)

    def members(self):
        return self.filter(user__isnull=False)

    def waitlist_order(self):
        return self.filter(status=Registration.Status.WAITLISTED).order_by("created_at", "pk")

    def with_waitlist_position(self):
        """Annotates ``waitlist_ahead``: how many people are before each
        registration on its event's waiting list. The one place that
        counts it; ``Registration.waitlist_position`` reads it."""
        ahead = (
            Registration.objects.filter(
                event=OuterRef("event"), status=Registration.Status.WAITLISTED
            )
            .filter(
                Q(created_at__lt=OuterRef("created_at"))
                | Q(created_at=OuterRef("created_at"), pk__lt=OuterRef("pk"))
            )
            .order_by()
            .values("event")
            .annotate(count=Count("pk"))
            .values("count")
        )
        return self.annotate(waitlist_ahead=Coalesce(Subquery(ahead), 0))

    def managed_by(self, user):
        return self.filter(event__in=Event.objects.managed_by(user))

    def attendee_list(self, event, viewer):
        """Who else is coming: confirmed people who agreed to be listed,
        shown to the other confirmed participants and to the organisers."""
        if not event.is_inside(viewer):
            return self.none()
        return self.filter(
            event=event, status=Registration.Status.CONFIRMED, on_attendee_list=True
        ).select_related("user", "user__municipality", "user__organisation")


class Registration(models.Model):
    """A person's place at an event, or on its waiting list: one queue for
    members (``user``) and, at public events, guests without an account
    (``guest_name``, ``guest_email``; their data is erased a while after
    the event, leaving the row for the counts)."""

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("confirmed")
        WAITLISTED = "waitlisted", _("on the waiting list")
        CANCELLED = "cancelled", _("cancelled")
        # A guest who has not yet confirmed their e-mail address: no
        # place, not on the waiting list.
        PENDING = "pending", _("awaiting e-mail confirmation")

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="registrations"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="event_registrations",
        help_text=_("Empty for a guest without an account."),
    )
    guest_name = models.CharField(_("guest's name"), max_length=200, blank=True)
    guest_email = models.EmailField(_("guest's e-mail address"), blank=True)
    guest_organisation = models.CharField(
        _("guest's organisation or municipality"), max_length=200, blank=True
    )
    guest_language = models.CharField(
        _("guest's language"),
        max_length=5,
        choices=settings.LANGUAGES,
        blank=True,
        help_text=_("The language of the e-mails the guest receives."),
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    created_at = models.DateTimeField(_("registered at"), default=timezone.now)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    attended = models.BooleanField(_("attended"), default=False)
    note = models.TextField(
        _("note to the organisers"),
        blank=True,
        help_text=_("e.g. dietary needs, accessibility, arriving later"),
    )
    on_attendee_list = models.BooleanField(
        _("show me on the attendee list"),
        default=False,
        help_text=_("Other confirmed participants of this event see your name and affiliation."),
    )
    reminder_sent_at = models.DateTimeField(_("reminder sent"), null=True, blank=True)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["event", "created_at", "pk"]
        indexes = [
            models.Index(fields=["event", "status", "created_at"], name="registration_queue_idx"),
            models.Index(fields=["user", "status"], name="registration_user_idx"),
            # "Did this person take part in this event?", asked of each
            # participants' document a member's search finds.
            models.Index(fields=["event", "user"], name="registration_event_user_idx"),
            models.Index(fields=["status", "created_at"], name="registration_status_time_idx"),
            # The admin's list: the newest first, also of those who attended.
            models.Index(fields=["created_at"], name="registration_created_idx"),
            models.Index(fields=["attended", "created_at"], name="registration_attended_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "user"],
                condition=~Q(status="cancelled"),
                name="registration_one_active_per_person",
                violation_error_message=_("You are already registered for this event."),
            ),
            models.UniqueConstraint(
                "event",
                Lower("guest_email"),
                condition=~Q(status="cancelled") & ~Q(guest_email=""),
                name="registration_one_active_per_guest_email",
                violation_error_message=_("This e-mail address is already registered."),
            ),
            # A member's registration, a guest's (name and address), or a
            # guest's whose data has been erased after the event.
            models.CheckConstraint(
                condition=Q(
                    user__isnull=False, guest_name="", guest_email="", guest_organisation=""
                )
                | (Q(user__isnull=True) & ~Q(guest_name="") & ~Q(guest_email=""))
                | (
                    Q(user__isnull=True, guest_name="", guest_email="", guest_organisation="")
                    & ~Q(status="pending")
                ),
                name="registration_member_or_guest",
            ),
            models.CheckConstraint(
                condition=~Q(status="pending") | Q(user__isnull=True),
                name="registration_only_guests_pending",
            ),
            models.CheckConstraint(
                condition=Q(status="cancelled", cancelled_at__isnull=False)
                | (~Q(status="cancelled") & Q(cancelled_at__isnull=True)),
                name="registration_cancelled_at_iff_cancelled",
            ),
        ]

    def __str__(self):
        return _("%(person)s for %(event)s") % {
            "person": self.person_name,
            "event": self.event.title,
        }

    @property
    def is_guest(self):
        return self.user_id is None

    @property
    def person_name(self):
        """Who registered, as staff and e-mails name them."""
        if not self.is_guest:
            return self.user.get_full_name() or self.user.email
        return self.guest_name or str(_("guest (data erased)"))

    @property
    def email_address(self):
        return self.guest_email if self.is_guest else self.user.email

    @property
    def affiliation(self):
        """The organisation or municipality, as text ("" if none)."""
        if self.is_guest:
            return self.guest_organisation
        return str(self.user.affiliation or "")

    @property
    def language(self):
        """The language of the e-mails to the person."""
        if self.is_guest:
            return self.guest_language or settings.LANGUAGE_CODE
        return self.user.preferred_language

    @property
    def kind_label(self):
        return str(_("guest") if self.is_guest else _("member"))

    @property
    def is_active(self):
        return self.status != self.Status.CANCELLED

    def may_be_cancelled(self, now=None):
        """A confirmed seat until the event starts; a waiting-list place
        until it ends; an unconfirmed guest's request at any time."""
        now = now or timezone.now()
        if self.status == self.Status.CONFIRMED:
            return now < self.event.starts_at
        if self.status == self.Status.PENDING:
            return True
        return self.status == self.Status.WAITLISTED and now < self.event.ends_at

    def frees_a_seat_for_the_waiting_list(self):
        """Whether cancelling this registration moves the first person on
        the waiting list up."""
        return (
            self.status == self.Status.CONFIRMED
            and self.event.capacity is not None
            and self.event.registrations.filter(status=self.Status.WAITLISTED).exists()
        )

    @property
    def waitlist_position(self):
        """Place in the queue (1 = next to move up), or None. Reads the
        annotation of ``with_waitlist_position()``; without it, asks the
        database the same way."""
        if self.status != self.Status.WAITLISTED:
            return None
        ahead = getattr(self, "waitlist_ahead", None)
        if ahead is None:
            ahead = (
                Registration.objects.with_waitlist_position()
                .values_list("waitlist_ahead", flat=True)
                .get(pk=self.pk)
            )
        return ahead + 1

    @property
    def status_chip(self):
        past = self.event.is_past()
        return registration_chip(
            self.status,
            waitlist_position=None if past else self.waitlist_position,
            event_is_past=past,
        )


class CalendarFeed(models.Model):
    """The secret address of a person's calendar of their registrations."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="calendar_feed",
    )
    token = models.CharField(_("token"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("created"), auto_now=True)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")
        ordering = ["user"]

    def __str__(self):
        return str(self.user)

    # Deliberately no get_absolute_url: the address is a secret, and the
    # admin's "view on site" would hand it to any staff member.
    def secret_url(self):
        return reverse("events:personal_feed", kwargs={"token": self.token})

    @staticmethod
    def new_token():
        return secrets.token_urlsafe(32)


class EventDocumentQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Documents of events ``user`` sees, and of those only what the
        document's visibility allows."""
        documents = self.filter(event__in=Event.objects.visible_to(user))
        allowed = Q(visibility=EventDocument.Visibility.AS_EVENT) | Q(
            event__in=Event.objects.managed_by(user)
        )
        if audiences.is_member(user):
            allowed |= Q(visibility=EventDocument.Visibility.MEMBERS)
        if user.is_authenticated:
            took_part = Registration.objects.filter(user=user, event=OuterRef("event")).filter(
                Q(status=Registration.Status.CONFIRMED) | Q(attended=True)
            )
            allowed |= Q(visibility=EventDocument.Visibility.PARTICIPANTS) & Q(
                models.Exists(took_part)
            )
        return documents.filter(allowed)


class EventDocument(models.Model):
    class Kind(models.TextChoices):
        AGENDA = "agenda", _("agenda")
        MINUTES = "minutes", _("minutes")
        SLIDES = "slides", _("slides / expert input")
        DOCUMENTATION = "documentation", _("documentation")
        OTHER = "other", _("other")

    class Visibility(models.TextChoices):
        AS_EVENT = "as_event", _("everyone who sees the event")
        MEMBERS = "members", _("network members who see the event")
        PARTICIPANTS = "participants", _("only confirmed participants and attendees")

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="documents"
    )
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    file = models.FileField(
        _("file"),
        storage=get_private_storage,
        upload_to="events/%Y/",
        validators=[validate_document],
        help_text=_("PDF, Word, Excel, PowerPoint, OpenDocument, PNG or JPEG; at most 20 MB."),
    )
    visibility = models.CharField(
        _("visible to"), max_length=20, choices=Visibility.choices, default=Visibility.AS_EVENT
    )
    topics = models.ManyToManyField(
        Topic,
        verbose_name=_("topics"),
        blank=True,
        related_name="event_documents",
        help_text=_("Besides the event's own topics."),
    )
    file_size = models.PositiveBigIntegerField(_("file size (bytes)"), null=True, editable=False)
    extracted_text = models.TextField(
        _("text of the file"),
        blank=True,
        editable=False,
        help_text=_("Read from the file when it is uploaded, for the search."),
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    notice_sent_at = models.DateTimeField(
        _("participants told"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("When the participants were told by e-mail that this document is there."),
    )

    objects = EventDocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["event", "kind", "title"]
        indexes = [models.Index(fields=["event", "kind"], name="document_event_kind_idx")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("events:document", kwargs={"slug": self.event.slug, "document_id": self.pk})

    @property
    def kind_note(self):
        """The kind, to show beside the title – empty when the title already
        says it, so that "Protokoll" does not read "Protokoll (Protokoll)"."""
        kind = str(self.get_kind_display())
        return "" if kind.casefold() in self.title.casefold() else kind

    @property
    def download_name(self):
        """A file name for the download: the title, with the file's extension."""
        extension = self.file.name.rsplit(".", 1)[-1].lower() if "." in self.file.name else ""
        return f"{self.title}.{extension}" if extension else self.title

    @property
    def file_label(self):
        """Type and size of the file, e.g. "PDF, 1,2 MB"."""
        return uploads.file_label(self.file, self.file_size)


class EventMessage(models.Model):
    """What staff wrote to an event's participants, kept with the event."""

    class Recipients(models.TextChoices):
        CONFIRMED = "confirmed", _("confirmed participants")
        WAITLISTED = "waitlisted", _("people on the waiting list")
        BOTH = "both", _("confirmed and waiting list")

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="messages"
    )
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    recipients = models.CharField(_("to"), max_length=10, choices=Recipients.choices)
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("message"))
    recipient_count = models.PositiveIntegerField(_("number of recipients"))
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        verbose_name = _("message to participants")
        verbose_name_plural = _("messages to participants")
        ordering = ["-sent_at"]

    def __str__(self):
        return self.subject


class RegionalCoordination(models.Model):
    """A staff member who manages the events of a region in the admin."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("coordinator"),
        on_delete=models.CASCADE,
        related_name="coordinated_regions",
    )
    region = models.CharField(_("region"), max_length=10, choices=SaxonRegion.choices)

    class Meta:
        verbose_name = _("regional coordination")
        verbose_name_plural = _("regional coordinations")
        ordering = ["region", "user"]
        constraints = [
            models.UniqueConstraint(fields=["user", "region"], name="coordination_unique")
        ]

    def __str__(self):
        return _("%(person)s coordinates %(region)s") % {
            "person": self.user,
            "region": self.get_region_display(),
        }


# Following up an event: feedback and attendance certificates


# How long after an event its attendees may give their feedback.
FEEDBACK_WINDOW = timedelta(weeks=8)


def attendances(user, now=None):
    """The registrations of ``user`` for events that are over and that they
    attended (staff marked them): each gives an attendance certificate and,
    for ``FEEDBACK_WINDOW``, a say in the event's feedback. Annotates
    ``feedback_given``."""
    if not user.is_authenticated:
        return Registration.objects.none()
    return (
        Registration.objects.filter(user=user)
        .filter(_attended(now or timezone.now()))
        .annotate(feedback_given=_feedback_given(user))
    )


def registrations_on_dashboard(user, now=None):
    """What a person's dashboard lists, in one query: their active
    registrations for upcoming events they see that are not called off
    (the cancellation reached them by e-mail), and their ``attendances``
    (``Event.is_past`` tells them apart). Annotates ``waitlist_ahead`` and
    ``feedback_given``; brings the events."""
    if not user.is_authenticated:
        return Registration.objects.none()
    now = now or timezone.now()
    to_come = Event.objects.visible_to(user).upcoming(now).exclude(status=Event.Status.CANCELLED)
    upcoming = Q(event__in=to_come) & ~Q(status=Registration.Status.CANCELLED)
    return (
        Registration.objects.filter(user=user)
        .filter(upcoming | _attended(now))
        .with_waitlist_position()
        .annotate(feedback_given=_feedback_given(user))
        .select_related("event")
    )


def registration_and_attendance(event, user, now=None):
    """For ``event``'s page, in one query: the person's active registration
    (with ``waitlist_ahead``) and their attendance (as ``attendances()``
    gives it, with ``feedback_given``); each may be None."""
    if not user.is_authenticated:
        return None, None
    now = now or timezone.now()
    mine = list(
        Registration.objects.filter(event=event, user=user)
        .filter(~Q(status=Registration.Status.CANCELLED) | _attended(now))
        .with_waitlist_position()
        .annotate(
            feedback_given=_feedback_given(user),
            is_attendance=ExpressionWrapper(_attended(now), output_field=models.BooleanField()),
        )
        .select_related("event")
    )
    registration = next((found for found in mine if found.is_active), None)
    attendance = next((found for found in mine if found.is_attendance), None)
    return registration, attendance


def _attended(now):
    return Q(attended=True, event__ends_at__lt=now) & ~Q(event__status=Event.Status.CANCELLED)


def _feedback_given(user):
    return Exists(FeedbackGiven.objects.filter(event=OuterRef("event"), user=user))


def feedback_closes_at(event):
    return event.ends_at + FEEDBACK_WINDOW


def feedback_is_open(attendance, now=None):
    """Whether the attendee of ``attendance`` (from ``attendances()``, which
    holds the event's being over and not cancelled) may still give their
    feedback: the rule of ``services.ensure_can_give_feedback``, without a
    query of its own."""
    return not attendance.feedback_given and (now or timezone.now()) < feedback_closes_at(
        attendance.event
    )


class FeedbackSummary:
    """The feedback of an event in numbers: how many, the average rating
    and how often each rating was given (best first)."""

    def __init__(self, counts):
        self.count = sum(counts.values())
        total = sum(rating * number for rating, number in counts.items())
        self.average = total / self.count if self.count else None
        self.distribution = [
            RatingCount(
                rating=rating,
                label=label,
                count=counts.get(rating, 0),
                share=round(100 * counts.get(rating, 0) / self.count) if self.count else 0,
            )
            for rating, label in reversed(EventFeedback.Rating.choices)
        ]


@dataclass(frozen=True)
class RatingCount:
    rating: int
    label: str
    count: int
    share: int  # per cent of all answers


class EventFeedbackQuerySet(models.QuerySet):
    def summary(self):
        """The ``FeedbackSummary`` of these answers, in one query."""
        counts = self.order_by().values_list("rating").annotate(number=Count("pk"))
        return FeedbackSummary(dict(counts))

    def comments(self):
        """The answers with a comment, in random order: the order they came
        in says nothing about who wrote them."""
        return self.exclude(text="").order_by("?")


class EventFeedback(models.Model):
    """What one attendee thought of an event. Anonymous by design: there is
    no link to the person, and only the day it was given; that someone has
    given theirs is kept apart, in ``FeedbackGiven``."""

    class Rating(models.IntegerChoices):
        VERY_POOR = 1, _("1 – very poor")
        POOR = 2, _("2 – poor")
        FAIR = 3, _("3 – fair")
        GOOD = 4, _("4 – good")
        VERY_GOOD = 5, _("5 – very good")

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="feedback"
    )
    rating = models.PositiveSmallIntegerField(_("rating"), choices=Rating.choices)
    text = models.TextField(_("comments"), max_length=3000, blank=True)
    created_on = models.DateField(
        _("given on"),
        default=timezone.localdate,
        help_text=_("Only the day, so that the time cannot point to a person."),
    )

    objects = EventFeedbackQuerySet.as_manager()

    class Meta:
        verbose_name = _("feedback answer")
        verbose_name_plural = _("feedback answers")
        ordering = ["event", "-created_on", "rating"]
        constraints = [
            models.CheckConstraint(
                condition=Q(rating__gte=1, rating__lte=5),
                name="feedback_rating_1_to_5",
                violation_error_message=_("The rating is a number from 1 to 5."),
            ),
        ]

    def __str__(self):
        return _("Rating %(rating)d for %(event)s") % {
            "rating": self.rating,
            "event": self.event.title,
        }


class FeedbackGiven(models.Model):
    """That a person has given their feedback on an event – and nothing of
    what they said. It keeps the feedback to one per attendee. A random key
    and no time, so that the order of receipts cannot be matched with the
    order of the answers."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="+"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="event_feedback_given",
    )

    class Meta:
        verbose_name = _("feedback receipt")
        verbose_name_plural = _("feedback receipts")
        ordering = ["event", "user"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "user"],
                name="feedback_once_per_person",
                violation_error_message=_("You have already given your feedback on this event."),
            )
        ]

    def __str__(self):
        return _("%(person)s gave feedback on %(event)s") % {
            "person": self.user,
            "event": self.event.title,
        }
