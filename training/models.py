"""Training: programmes and their modules, cohorts with their weekends,
applications with reviews and a status history, staff's deviations from the
proposed selection, and the participants' project teams.

The rules that change several rows (selection, the cap of places, offers,
completion) live in ``training.services``; "who may see what" in the
``visible_to`` queryset methods below.
"""

from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinLengthValidator, MinValueValidator
from django.db import models
from django.db.models import (
    Avg,
    Case,
    Count,
    Exists,
    F,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from asskomm.chips import Chip, waiting_list_chip
from asskomm.dates import when
from asskomm.models import Topic
from members import facts
from members.models import Municipality, User, is_network_member
from training.access import is_training_staff

MOTIVATION_MIN_LENGTH = 200
# Paths under /training/ that a programme's slug must not take.
RESERVED_SLUGS = {"alumni", "applications", "cohorts", "certificates"}
# The network numbers its cohorts by the year they start: the 9th started
# in September 2022, so cohort n starts in September of FIRST_COHORT_YEAR + n.
FIRST_COHORT_YEAR = 2013


def cohort_number_of_year(year):
    """The number of the cohort that starts in September of ``year``."""
    return year - FIRST_COHORT_YEAR


def cohort_year_of_number(number):
    return FIRST_COHORT_YEAR + number


def first_friday_of_september(year):
    """The day cohorts start."""
    first = date(year, 9, 1)
    return first + timedelta(days=(4 - first.weekday()) % 7)


class ProgrammeQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Programmes are public: anyone may read about them."""
        return self

    def run_by_network(self):
        return self.filter(kind=Programme.Kind.NETWORK)


class Programme(models.Model):
    """A training programme: one the network runs (the Beccaria programme),
    or an external one the portal only informs about and links to."""

    class Kind(models.TextChoices):
        NETWORK = "network", _("run by the network")
        EXTERNAL = "external", _("external (information and link)")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(
        _("short name in the address"),
        max_length=80,
        unique=True,
        help_text=_("Used in the page's address, e.g. beccaria."),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.NETWORK)
    provider = models.CharField(
        _("run by"), max_length=200, help_text=_("e.g. Landespräventionsrat Sachsen")
    )
    summary = models.CharField(
        _("summary"),
        max_length=300,
        help_text=_("One or two sentences for the list of programmes."),
    )
    description = models.TextField(_("description"))
    certificate_title = models.CharField(
        _("certificate title"),
        max_length=200,
        blank=True,
        help_text=_("The qualification graduates receive, e.g. Fachkraft für Kriminalprävention."),
    )
    external_url = models.URLField(
        _("external website"),
        blank=True,
        help_text=_("For external programmes: where to find out more and apply."),
    )
    min_sessions_attended = models.PositiveSmallIntegerField(
        _("weekends to attend for completion"),
        null=True,
        blank=True,
        help_text=_("How many of the cohort's weekends a participant must attend, e.g. 7 of 8."),
    )
    project_required = models.BooleanField(
        _("project required for completion"),
        default=True,
        help_text=_("Participants must belong to a project team to complete the programme."),
    )
    position = models.PositiveSmallIntegerField(
        _("position"), default=0, help_text=_("Programmes are listed in this order.")
    )

    objects = ProgrammeQuerySet.as_manager()

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["position", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="network") | ~Q(external_url=""),
                name="programme_external_has_link",
                violation_error_message=_("An external programme needs the link to its website."),
            ),
            models.CheckConstraint(
                condition=Q(kind="external") | ~Q(certificate_title=""),
                name="programme_network_has_certificate",
                violation_error_message=_(
                    "A programme run by the network needs the title of its certificate."
                ),
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("training:programme_detail", kwargs={"slug": self.slug})

    def clean(self):
        super().clean()
        if self.slug in RESERVED_SLUGS:
            raise ValidationError(
                {"slug": _("This address is taken by another page; choose another short name.")}
            )

    @property
    def is_external(self):
        return self.kind == self.Kind.EXTERNAL


class Module(models.Model):
    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.CASCADE, related_name="modules"
    )
    number = models.PositiveSmallIntegerField(_("number"), validators=[MinValueValidator(1)])
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("module")
        verbose_name_plural = _("modules")
        ordering = ["programme", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "number"],
                name="module_unique_number",
                violation_error_message=_("The programme already has a module with this number."),
            ),
            models.CheckConstraint(condition=Q(number__gte=1), name="module_number_positive"),
        ]

    def __str__(self):
        return _("Module %(number)s: %(title)s") % {"number": self.number, "title": self.title}


class CohortQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The cohort pages (schedule, participants, project teams): for the
        cohort's participants and for staff. The dates of upcoming cohorts
        are public on the programme's page through ``upcoming()``."""
        if is_training_staff(user):
            return self
        if not (user and user.is_authenticated):
            return self.none()
        return self.filter(
            Exists(
                Application.objects.filter(
                    cohort=OuterRef("pk"), applicant=user, status=Application.Status.ACCEPTED
                )
            )
        )

    def accepting_applications(self, now=None):
        now = now or timezone.now()
        return self.filter(
            programme__kind=Programme.Kind.NETWORK,
            status=Cohort.Status.OPEN,
            applications_open_at__lte=now,
            applications_close_at__gt=now,
        )

    def upcoming(self, today=None):
        """Cohorts that have not started yet."""
        return self.filter(starts_on__gt=today or timezone.localdate())

    def with_counts(self):
        """Annotates how many applications, accepted and waitlisted ones each has."""
        status = "applications__status"
        return self.annotate(
            applications_count=Count("applications", distinct=True),
            accepted_count=Count(
                "applications",
                filter=Q(**{status: Application.Status.ACCEPTED}),
                distinct=True,
            ),
            waitlisted_count=Count(
                "applications",
                filter=Q(**{status: Application.Status.WAITLISTED}),
                distinct=True,
            ),
        )


class Cohort(models.Model):
    """A Durchgang: one run of a programme, starting in September, with at
    most ``capacity`` participants."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        OPEN = "open", _("open for applications")
        SELECTION = "selection", _("selection")
        RUNNING = "running", _("running")
        COMPLETED = "completed", _("completed")

    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.PROTECT, related_name="cohorts"
    )
    number = models.PositiveSmallIntegerField(_("number"), validators=[MinValueValidator(1)])
    starts_on = models.DateField(_("starts on"), help_text=_("Cohorts start in September."))
    capacity = models.PositiveSmallIntegerField(
        _("places"), default=16, validators=[MinValueValidator(1)]
    )
    applications_open_at = models.DateTimeField(_("applications open"))
    applications_close_at = models.DateTimeField(_("application deadline"))
    offer_reply_days = models.PositiveSmallIntegerField(
        _("days to reply to an offer"),
        default=7,
        validators=[MinValueValidator(1)],
        help_text=_(
            "When a place becomes free, the next person on the waiting list has this many "
            "days to accept it."
        ),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PLANNED
    )
    selection_confirmed_at = models.DateTimeField(
        _("selection confirmed at"), null=True, blank=True
    )
    selection_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("selection confirmed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = CohortQuerySet.as_manager()

    class Meta:
        verbose_name = _("cohort")
        verbose_name_plural = _("cohorts")
        ordering = ["-starts_on"]
        indexes = [
            models.Index(fields=["starts_on"], name="cohort_starts_on_idx"),
            models.Index(
                fields=["status", "applications_open_at", "applications_close_at"],
                name="cohort_open_idx",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "number"],
                name="cohort_unique_number",
                violation_error_message=_("The programme already has a cohort with this number."),
            ),
            models.CheckConstraint(
                condition=Q(applications_close_at__gt=F("applications_open_at")),
                name="cohort_deadline_after_opening",
                violation_error_message=_("The deadline must come after the opening."),
            ),
            models.CheckConstraint(condition=Q(capacity__gte=1), name="cohort_capacity_positive"),
            models.CheckConstraint(
                condition=Q(offer_reply_days__gte=1), name="cohort_offer_reply_days_positive"
            ),
        ]

    def __str__(self):
        return self.name_of(self.number, self.programme.name)

    def get_absolute_url(self):
        return reverse("training:cohort_detail", kwargs={"pk": self.pk})

    @staticmethod
    def name_of(number, programme_name):
        """A cohort's name from its number and its programme's name."""
        return _("Cohort %(number)s – %(programme)s") % {
            "number": number,
            "programme": programme_name,
        }

    def clean(self):
        super().clean()
        errors = {}
        if self.programme_id and self.programme.is_external:
            errors["programme"] = _(
                "Cohorts belong to programmes the network runs; an external programme only "
                "links to its provider."
            )
        if self.starts_on and self.applications_close_at:
            if timezone.localdate(self.applications_close_at) >= self.starts_on:
                errors["applications_close_at"] = _(
                    "The deadline must be before the cohort starts."
                )
        if errors:
            raise ValidationError(errors)

    @property
    def short_name(self):
        return _("Cohort %(number)s") % {"number": self.number}

    def accepts_applications(self, now=None):
        now = now or timezone.now()
        return (
            self.programme.kind == Programme.Kind.NETWORK
            and self.status == self.Status.OPEN
            and self.applications_open_at <= now < self.applications_close_at
        )

    def application_phase(self, now=None):
        """Where the cohort stands for applicants: "open", "upcoming" (opens
        later), "planned" (not released yet) or "closed"."""
        now = now or timezone.now()
        if self.accepts_applications(now):
            return "open"
        if self.status == self.Status.PLANNED:
            return "planned"
        if self.status == self.Status.OPEN and now < self.applications_open_at:
            return "upcoming"
        return "closed"

    def has_started(self, today=None):
        return self.starts_on <= (today or timezone.localdate())

    @property
    def selection_is_confirmed(self):
        return self.selection_confirmed_at is not None

    def offer_deadline(self, now=None):
        """The end of the day ``offer_reply_days`` from now, local time."""
        day = timezone.localdate(now or timezone.now()) + timedelta(days=self.offer_reply_days)
        return timezone.make_aware(datetime.combine(day, time(23, 59, 59)))


class CohortSession(models.Model):
    """One of the cohort's eight weekends, teaching one module."""

    cohort = models.ForeignKey(
        Cohort, verbose_name=_("cohort"), on_delete=models.CASCADE, related_name="sessions"
    )
    module = models.ForeignKey(
        Module, verbose_name=_("module"), on_delete=models.PROTECT, related_name="sessions"
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    venue = models.CharField(_("venue"), max_length=200)
    attendees = models.ManyToManyField(
        "Application",
        verbose_name=_("attended"),
        blank=True,
        related_name="attended_sessions",
        help_text=_("Tick the participants who attended this weekend."),
    )

    class Meta:
        verbose_name = _("weekend")
        verbose_name_plural = _("weekends")
        ordering = ["cohort", "starts_at"]
        indexes = [models.Index(fields=["cohort", "starts_at"], name="session_cohort_start_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")),
                name="session_ends_after_start",
                violation_error_message=_("A weekend must end after it starts."),
            ),
        ]

    def __str__(self):
        return _("%(module)s, %(date)s") % {
            "module": self.module,
            "date": when(self.starts_at, "date"),
        }

    def clean(self):
        super().clean()
        if (
            self.cohort_id
            and self.module_id
            and self.module.programme_id != self.cohort.programme_id
        ):
            raise ValidationError(
                {"module": _("Choose a module of the cohort's programme.")}, code="module"
            )


class ApplicationQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Staff see every application; everybody else only their own."""
        if is_training_staff(user):
            return self
        if not (user and user.is_authenticated):
            return self.none()
        return self.filter(applicant=user)

    def of(self, user):
        """The person's own applications: what they may change, withdraw
        or answer an offer for."""
        if not (user and user.is_authenticated):
            return self.none()
        return self.filter(applicant=user)

    @staticmethod
    def has_applications():
        """The person (``OuterRef("pk")``) has applied at least once: the fact
        ``has_applications`` (see ``members.facts``)."""
        return Exists(Application.objects.filter(applicant=OuterRef("pk")))

    def participants(self):
        return self.filter(status=Application.Status.ACCEPTED)

    def named_for(self, viewer):
        """Applications whose applicant ``viewer`` may see by name (on
        project teams): whom ``User.objects.named_for`` allows, those listed
        in the alumni directory for those who read it, and the fellow
        participants of the viewer's own cohorts."""
        shown = Q(applicant__in=User.objects.named_for(viewer))
        if self._reads_alumni_directory(viewer):
            listed = Application.objects.graduated().filter(
                listed_in_alumni_directory=True, applicant__is_active=True
            )
            shown |= Q(pk__in=listed.values("pk"))
        if viewer.is_authenticated:
            own_cohorts = Application.objects.participants().filter(applicant=viewer)
            shown |= Q(cohort__in=own_cohorts.values("cohort"))
        return self.filter(shown)

    @staticmethod
    def _reads_alumni_directory(viewer):
        """``training.alumni.may_use_directory``, asked here because the
        alumni module builds on this one."""
        if not (viewer and viewer.is_authenticated and viewer.is_active):
            return False
        # The alumnus fact (declared in training.apps), asked once per person.
        return is_training_staff(viewer) or facts.of(viewer, "alumnus")

    def taking_places(self):
        """Applications that hold one of the cohort's places: accepted ones,
        and offered ones until the offer is answered or expires."""
        return self.filter(status__in=[Application.Status.ACCEPTED, Application.Status.OFFERED])

    def graduated(self):
        """Completed participations in programmes the network runs."""
        return self.filter(
            status=Application.Status.ACCEPTED,
            completed_on__isnull=False,
            cohort__programme__kind=Programme.Kind.NETWORK,
        )

    def unreviewed(self):
        """Applications waiting for a decision that no staff member has rated."""
        return self.filter(status=Application.Status.SUBMITTED).exclude(
            Exists(Review.objects.filter(application=OuterRef("pk")))
        )

    def with_rating(self):
        ratings = (
            Review.objects.filter(application=OuterRef("pk"))
            .order_by()
            .values("application")
            .annotate(average=Avg("rating"), count=Count("pk"))
        )
        return self.annotate(
            average_rating=Subquery(ratings.values("average")),
            review_count=Coalesce(Subquery(ratings.values("count")), 0),
        )

    def with_waitlist_position(self):
        """Annotates each waitlisted application's current position (1 is
        next), counted from the ranks of those still on the list."""
        ahead = (
            Application.objects.filter(
                cohort=OuterRef("cohort"),
                status=Application.Status.WAITLISTED,
                waitlist_rank__lt=OuterRef("waitlist_rank"),
            )
            .order_by()
            .values("cohort")
            .annotate(count=Count("pk"))
            .values("count")
        )
        return self.annotate(waitlist_ahead=Coalesce(Subquery(ahead), 0))

    def in_decision_order(self):
        """Accepted, offered, waiting list (by rank), undecided, not
        accepted, withdrawn; within each, by submission."""
        order = [
            Application.Status.ACCEPTED,
            Application.Status.OFFERED,
            Application.Status.WAITLISTED,
            Application.Status.SUBMITTED,
            Application.Status.REJECTED,
            Application.Status.WITHDRAWN,
        ]
        status_rank = Case(
            *[When(status=status, then=Value(rank)) for rank, status in enumerate(order)],
            output_field=models.IntegerField(),
        )
        return self.order_by(status_rank, "waitlist_rank", "submitted_at", "pk")

    def with_attendance(self):
        """Annotates how many weekends each participant attended and whether
        they belong to a project team: the facts of the completion rule."""
        teams = ProjectTeam.members.through.objects.filter(application=OuterRef("pk"))
        return self.annotate(
            attended_count=Count("attended_sessions", distinct=True),
            in_project_team=Exists(teams),
        )


# What an imported application records instead of a consent text: the
# person did not apply through the portal (``training.alumni_import``).
IMPORTED_CONSENT_VERSION = "import"


class Application(models.Model):
    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("submitted")
        ACCEPTED = "accepted", _("accepted")
        WAITLISTED = "waitlisted", _("on the waiting list")
        OFFERED = "offered", _("place offered")
        REJECTED = "rejected", _("not accepted")
        WITHDRAWN = "withdrawn", _("withdrawn")

    class EmployerKind(models.TextChoices):
        MUNICIPAL = "municipal", _("municipal administration")
        STATE_POLICE = "state_police", _("state police")
        FEDERAL_POLICE = "federal_police", _("federal police")
        INDEPENDENT = "independent", _("independent organisation (freier Träger)")
        OTHER = "other", _("other employer")

    cohort = models.ForeignKey(
        Cohort, verbose_name=_("cohort"), on_delete=models.PROTECT, related_name="applications"
    )
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("applicant"),
        on_delete=models.CASCADE,
        related_name="training_applications",
    )
    employer_name = models.CharField(
        _("employer"), max_length=200, help_text=_("e.g. Stadtverwaltung Görlitz, Ordnungsamt")
    )
    employer_kind = models.CharField(
        _("kind of employer"), max_length=20, choices=EmployerKind.choices
    )
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="training_applications",
        help_text=_("The municipality or district you work for or in, if any."),
    )
    function = models.CharField(
        _("function"), max_length=200, help_text=_("e.g. Sachbearbeiterin Ordnungsamt")
    )
    motivation = models.TextField(
        _("motivation"),
        validators=[
            MinLengthValidator(
                MOTIVATION_MIN_LENGTH,
                message=_(
                    "Please tell us a little more about your motivation: at least "
                    "%(limit_value)d characters (so far %(show_value)d)."
                ),
            )
        ],
        help_text=_("Why do you want to take part, and what do you expect for your work?"),
    )
    project_idea = models.TextField(
        _("first project idea"),
        blank=True,
        help_text=_("Optional: a project you could develop for your municipality."),
    )
    supervisor_name = models.CharField(_("supervisor's name"), max_length=200)
    supervisor_email = models.EmailField(_("supervisor's e-mail address"))
    employer_release_confirmed = models.BooleanField(
        _("employer releases me for the eight weekends"), default=False
    )
    consent_given_at = models.DateTimeField(_("consent given at"))
    consent_text_version = models.CharField(_("version of the consent text"), max_length=20)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.SUBMITTED
    )
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)
    waitlist_rank = models.PositiveIntegerField(
        _("rank on the waiting list"),
        null=True,
        blank=True,
        help_text=_("Lower ranks are offered a free place first."),
    )
    offer_expires_at = models.DateTimeField(_("offer open until"), null=True, blank=True)
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    completion_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("completion confirmed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    listed_in_alumni_directory = models.BooleanField(
        _("listed in the alumni directory"), default=False
    )

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["-submitted_at"]
        indexes = [
            models.Index(fields=["cohort", "status"], name="application_cohort_status_idx"),
            models.Index(fields=["cohort", "employer_kind"], name="application_cohort_kind_idx"),
            models.Index(fields=["status", "submitted_at"], name="application_status_idx"),
            # The admin's list: the newest first, filtered by date.
            models.Index(fields=["submitted_at"], name="application_submitted_idx"),
            models.Index(fields=["status", "offer_expires_at"], name="application_offer_idx"),
            models.Index(fields=["employer_kind"], name="application_employer_kind_idx"),
            models.Index(
                fields=["completed_on", "listed_in_alumni_directory"],
                name="application_alumni_idx",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["cohort", "applicant"],
                name="application_one_per_person_and_cohort",
                violation_error_message=_("You have already applied for this cohort."),
            ),
            models.CheckConstraint(
                condition=Q(employer_release_confirmed=True),
                name="application_release_confirmed",
                violation_error_message=_("Your employer must release you for the eight weekends."),
            ),
            models.CheckConstraint(
                condition=Q(status="waitlisted", waitlist_rank__isnull=False)
                | (~Q(status="waitlisted") & Q(waitlist_rank__isnull=True)),
                name="application_rank_only_on_waitlist",
            ),
            models.CheckConstraint(
                condition=Q(status="offered", offer_expires_at__isnull=False)
                | (~Q(status="offered") & Q(offer_expires_at__isnull=True)),
                name="application_deadline_only_when_offered",
            ),
            models.CheckConstraint(
                condition=Q(completed_on__isnull=True) | Q(status="accepted"),
                name="application_completed_only_accepted",
            ),
            models.CheckConstraint(
                condition=Q(listed_in_alumni_directory=False) | Q(completed_on__isnull=False),
                name="application_listed_only_graduates",
            ),
        ]

    def __str__(self):
        return _("%(person)s for %(cohort)s") % {
            "person": self.applicant,
            "cohort": self.cohort,
        }

    def get_absolute_url(self):
        return f"{reverse('training:my_applications')}#application-{self.pk}"

    def clean(self):
        super().clean()
        errors = {}
        if self.employer_kind == self.EmployerKind.MUNICIPAL and not self.municipality_id:
            errors["municipality"] = _("Please choose the municipality you work for.")
        if (
            self.applicant_id
            and self.supervisor_email
            and self.supervisor_email.strip().lower() == self.applicant.email.lower()
        ):
            errors["supervisor_email"] = _(
                "Please give your supervisor's e-mail address, not your own."
            )
        if errors:
            raise ValidationError(errors)

    @property
    def status_chip(self):
        """The status on a chip; with the place on the waiting list when
        the queryset annotated it (``with_waitlist_position()``)."""
        position = self.waitlist_position if hasattr(self, "waitlist_ahead") else None
        return status_chip(self.status, waitlist_position=position)

    @property
    def is_participant(self):
        return self.status == self.Status.ACCEPTED

    @property
    def is_graduate(self):
        return self.is_participant and self.completed_on is not None

    def may_be_edited(self, now=None):
        return self.status == self.Status.SUBMITTED and self.cohort.accepts_applications(now)

    def may_be_withdrawn(self, today=None):
        return self.status in WITHDRAWABLE and not self.cohort.has_started(today)

    def offer_is_open(self, now=None):
        return self.status == self.Status.OFFERED and (now or timezone.now()) <= (
            self.offer_expires_at
        )

    @property
    def waitlist_position(self):
        """The current place on the waiting list (1 is next); needs
        ``with_waitlist_position()``."""
        if self.status != self.Status.WAITLISTED:
            return None
        return self.waitlist_ahead + 1


STATUS_TONES = {
    Application.Status.ACCEPTED: "green",
    Application.Status.OFFERED: "amber",
    Application.Status.WAITLISTED: "amber",
    Application.Status.REJECTED: "red",
}


def status_chip(status, *, waitlist_position=None):
    """The chip of an application's status, or of a proposed decision."""
    if status == Application.Status.WAITLISTED and waitlist_position:
        return waiting_list_chip(waitlist_position)
    return Chip(Application.Status(status).label, STATUS_TONES.get(status, ""))


WITHDRAWABLE = (
    Application.Status.SUBMITTED,
    Application.Status.ACCEPTED,
    Application.Status.WAITLISTED,
    Application.Status.OFFERED,
)


class StatusChange(models.Model):
    """One entry of an application's history: who changed its status, when,
    from what to what, and why."""

    application = models.ForeignKey(
        Application,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="status_changes",
    )
    from_status = models.CharField(
        pgettext_lazy("status change", "from"),
        max_length=10,
        choices=Application.Status.choices,
        blank=True,
    )
    to_status = models.CharField(
        pgettext_lazy("status change", "to"), max_length=10, choices=Application.Status.choices
    )
    waitlist_position = models.PositiveIntegerField(
        _("position on the waiting list"), null=True, blank=True
    )
    changed_at = models.DateTimeField(_("changed at"), default=timezone.now)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status history")
        ordering = ["changed_at", "pk"]
        indexes = [
            models.Index(fields=["application", "changed_at"], name="statuschange_app_idx"),
        ]

    def __str__(self):
        return _("%(from)s → %(to)s") % {
            "from": self.get_from_status_display() or "–",
            "to": self.get_to_status_display(),
        }


class Review(models.Model):
    """A staff member's rating of an application; the average of all
    ratings decides first within a priority group of the selection."""

    application = models.ForeignKey(
        Application, verbose_name=_("application"), on_delete=models.CASCADE, related_name="reviews"
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewer"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="training_reviews",
    )
    rating = models.PositiveSmallIntegerField(
        _("rating"),
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text=_("1 (weak) to 5 (excellent)."),
    )
    comment = models.TextField(_("comment"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "reviewer"],
                condition=Q(reviewer__isnull=False),
                name="review_one_per_reviewer",
                violation_error_message=_(
                    "You have already rated this application; change your rating instead."
                ),
            ),
            models.CheckConstraint(
                condition=Q(rating__gte=1, rating__lte=5),
                name="review_rating_1_to_5",
                violation_error_message=_("Rate from 1 to 5."),
            ),
        ]

    def __str__(self):
        return _("%(rating)s of 5 by %(reviewer)s") % {
            "rating": self.rating,
            "reviewer": self.reviewer or "–",
        }


class SelectionDeviation(models.Model):
    """Staff's decision for one application that deviates from the proposed
    selection, with the reason. Confirming the selection applies it and
    keeps the reason in the status history."""

    class Decision(models.TextChoices):
        ACCEPT = "accepted", _("accept")
        WAITLIST = "waitlisted", _("waiting list")
        REJECT = "rejected", _("do not accept")

    application = models.OneToOneField(
        Application,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="deviation",
    )
    decision = models.CharField(_("decision"), max_length=10, choices=Decision.choices)
    waitlist_position = models.PositiveIntegerField(
        _("position on the waiting list"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
    )
    reason = models.TextField(_("reason"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), default=timezone.now)

    class Meta:
        verbose_name = _("deviation from the proposal")
        verbose_name_plural = _("deviations from the proposal")
        ordering = ["decided_at"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(reason=""),
                name="deviation_has_reason",
                violation_error_message=_("Every deviation from the rule needs a reason."),
            ),
            models.CheckConstraint(
                condition=Q(waitlist_position__isnull=True) | Q(decision="waitlisted"),
                name="deviation_position_only_on_waitlist",
            ),
        ]

    def __str__(self):
        return self.get_decision_display()


class ProjectTeamQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Staff see every team; participants the teams of their cohorts;
        network members the implemented projects, the network's knowledge."""
        if is_training_staff(user):
            return self
        if not (user and user.is_authenticated):
            return self.none()
        own_cohorts = Application.objects.filter(
            cohort=OuterRef("cohort"), applicant=user, status=Application.Status.ACCEPTED
        )
        visible = Q(Exists(own_cohorts))
        if is_network_member(user):
            visible |= Q(status=ProjectTeam.Status.IMPLEMENTED)
        return self.filter(visible)

    def implemented(self):
        return self.filter(status=ProjectTeam.Status.IMPLEMENTED)

    def with_members_for(self, viewer):
        """Prefetches ``named_members``, the members ``viewer`` may see by
        name (``Application.objects.named_for``), and counts all of them in
        ``members_count``: the others appear as a number only."""
        return self.annotate(members_count=Count("members", distinct=True)).prefetch_related(
            Prefetch(
                "members",
                queryset=Application.objects.named_for(viewer).select_related("applicant"),
                to_attr="named_members",
            )
        )


class ProjectTeam(models.Model):
    """Two to four participants of a cohort who develop a project for a
    municipality."""

    class Status(models.TextChoices):
        IDEA = "idea", _("idea")
        IN_PROGRESS = "in_progress", _("in progress")
        IMPLEMENTED = "implemented", _("implemented")

    MIN_MEMBERS = 2
    MAX_MEMBERS = 4

    cohort = models.ForeignKey(
        Cohort, verbose_name=_("cohort"), on_delete=models.PROTECT, related_name="project_teams"
    )
    title = models.CharField(_("project title"), max_length=200)
    members = models.ManyToManyField(
        Application,
        verbose_name=_("members"),
        related_name="project_teams",
        help_text=_("Two to four participants of the cohort."),
    )
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="training_projects",
        help_text=_("The municipality the project is for."),
    )
    description = models.TextField(_("short description"))
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.IDEA
    )
    topics = models.ManyToManyField(
        Topic,
        verbose_name=_("topics"),
        related_name="training_projects",
        blank=True,
        help_text=_("What the project is about; alumni find each other by these topics."),
    )

    objects = ProjectTeamQuerySet.as_manager()

    class Meta:
        verbose_name = _("project team")
        verbose_name_plural = _("project teams")
        ordering = ["cohort", "title"]
        indexes = [
            models.Index(fields=["municipality", "status"], name="projectteam_municipality_idx"),
            models.Index(fields=["status"], name="projectteam_status_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["cohort", "title"],
                name="projectteam_unique_title",
                violation_error_message=_("The cohort already has a project with this title."),
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def status_chip(self):
        tone = "green" if self.status == self.Status.IMPLEMENTED else ""
        return Chip(self.get_status_display(), tone)

    def unnamed_members_count(self):
        """Members not among ``named_members`` (``ProjectTeamQuerySet.with_members_for``)."""
        return self.members_count - len(self.named_members)
