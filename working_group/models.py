"""The working group's records: the minutes of its sessions (drafted,
then approved at a later session), their history, and the decisions and
action items each session leaves.

A session is an ``events.Event`` of the kind "working group session": its
date, place, invitation and agenda (an ``EventDocument`` of the kind
"agenda") live there. Who may read the records is decided here
(``working_group.access``); which sessions a person sees, by the events.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from asskomm.chips import Chip
from asskomm.dates import when
from events.models import Event
from members.models import User, WorkingGroupSeat
from working_group.access import is_working_group_staff, sees_working_group_records

SESSION_CHOICES = {"kind": Event.Kind.WORKING_GROUP}


def sessions_visible_to(user):
    """The working group's sessions ``user`` sees (as events; drafts are the
    organisers' business and stay out of the working group's pages)."""
    return (
        Event.objects.visible_to(user)
        .filter(kind=Event.Kind.WORKING_GROUP)
        .exclude(status=Event.Status.DRAFT)
    )


def recorded_sessions_for(user):
    """The sessions whose records ``user`` may read: none for anyone outside
    the working group and its staff."""
    if not sees_working_group_records(user):
        return Event.objects.none()
    return sessions_visible_to(user)


def may_read_records_of(session, user):
    """Whether ``session`` is among ``recorded_sessions_for(user)``, for a
    session already shown to ``user`` (an event's page loads its event
    through ``Event.objects.visible_to``): answered without a query."""
    return (
        session.kind == Event.Kind.WORKING_GROUP
        and session.status != Event.Status.DRAFT
        and sees_working_group_records(user)
    )


class MinutesQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Approved minutes, drafts and their history: for the working
        group and its staff, of the sessions they see."""
        return self.filter(session__in=recorded_sessions_for(user).values("pk"))


class Minutes(models.Model):
    """What a session discussed, written up afterwards. A draft until a
    later session approves it; approved minutes are final."""

    class Status(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("minutes", "draft")
        APPROVED = "approved", pgettext_lazy("minutes", "approved")

    session = models.OneToOneField(
        Event,
        verbose_name=_("session"),
        on_delete=models.PROTECT,
        limit_choices_to=SESSION_CHOICES,
        related_name="minutes",
    )
    text = models.TextField(
        _("text"), blank=True, help_text=_("Plain text; an empty line starts a new paragraph.")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    approved_at = models.ForeignKey(
        Event,
        verbose_name=_("approved at the session"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        limit_choices_to=SESSION_CHOICES,
        related_name="approved_minutes",
    )
    approved_on = models.DateField(_("approved on"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approval entered by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    objects = MinutesQuerySet.as_manager()

    class Meta:
        verbose_name = _("minutes")
        verbose_name_plural = pgettext_lazy("plural", "minutes")
        ordering = ["-session__starts_at"]
        indexes = [models.Index(fields=["status"], name="minutes_status_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="approved", approved_at__isnull=False, approved_on__isnull=False)
                | Q(status="draft", approved_at__isnull=True, approved_on__isnull=True),
                name="minutes_approved_iff_session_and_date",
                violation_error_message=_(
                    "Approved minutes name the session and the date of their approval; "
                    "drafts name neither."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(approved_at=models.F("session")),
                name="minutes_approved_at_another_session",
                violation_error_message=_(
                    "Minutes are approved at a later session than the one they record."
                ),
            ),
        ]

    def __str__(self):
        return _("Minutes: %(session)s") % {"session": self.session}

    def get_absolute_url(self):
        return reverse("working_group:session", kwargs={"slug": self.session.slug})

    def clean(self):
        super().clean()
        if self.session_id and self.session.kind != Event.Kind.WORKING_GROUP:
            raise ValidationError(
                {"session": _("Minutes are kept for sessions of the working group.")}
            )

    @property
    def is_approved(self):
        return self.status == self.Status.APPROVED

    @property
    def status_chip(self):
        if self.is_approved:
            return Chip(
                _("approved on %(date)s") % {"date": when(self.approved_on)},
                "green",
            )
        return Chip(str(self.Status.DRAFT.label), "amber")

    def approval_error(self, *, at_session, on, today=None):
        """What stands against approving these minutes at ``at_session`` on
        the date ``on``, said for the team; None when nothing does."""
        today = today or timezone.localdate()
        if self.is_approved:
            return _("These minutes are already approved.")
        if not self.text.strip():
            return _("Write the minutes before they are approved.")
        if at_session.kind != Event.Kind.WORKING_GROUP:
            return _("Minutes are approved at a session of the working group.")
        if at_session.pk == self.session_id or at_session.starts_at <= self.session.starts_at:
            return _("Minutes are approved at a later session than the one they record.")
        if at_session.status != Event.Status.PUBLISHED:
            return _("The session %(session)s did not take place.") % {"session": at_session}
        if on < timezone.localdate(at_session.starts_at):
            return _("The approval cannot be dated before the session of %(date)s.") % {
                "date": when(at_session.starts_at, "date")
            }
        if on > today:
            return _("The approval cannot be dated in the future.")
        return None


class MinutesRevision(models.Model):
    """The text of minutes as someone saved it: the drafts stay readable
    after the minutes have changed or been approved."""

    minutes = models.ForeignKey(
        Minutes, verbose_name=_("minutes"), on_delete=models.CASCADE, related_name="revisions"
    )
    text = models.TextField(_("text"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("saved by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    saved_at = models.DateTimeField(_("saved at"), default=timezone.now)

    class Meta:
        verbose_name = _("version of the minutes")
        verbose_name_plural = _("versions of the minutes")
        ordering = ["-saved_at", "-pk"]
        indexes = [models.Index(fields=["minutes", "saved_at"], name="minutes_revision_idx")]

    def __str__(self):
        return _("Version of %(date)s") % {"date": when(self.saved_at)}


class DecisionQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(session__in=recorded_sessions_for(user).values("pk"))


class Decision(models.Model):
    """What a session decided."""

    session = models.ForeignKey(
        Event,
        verbose_name=_("session"),
        on_delete=models.PROTECT,
        limit_choices_to=SESSION_CHOICES,
        related_name="working_group_decisions",
    )
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text"), blank=True)
    order = models.PositiveSmallIntegerField(
        _("order"), default=0, help_text=_("Decisions of a session are listed in this order.")
    )

    objects = DecisionQuerySet.as_manager()

    class Meta:
        verbose_name = pgettext_lazy("working group", "decision")
        verbose_name_plural = pgettext_lazy("working group", "decisions")
        ordering = ["-session__starts_at", "order", "pk"]
        indexes = [models.Index(fields=["session", "order"], name="decision_session_idx")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        session_url = reverse("working_group:session", kwargs={"slug": self.session.slug})
        return f"{session_url}#decision-{self.pk}"

    def clean(self):
        super().clean()
        if self.session_id and self.session.kind != Event.Kind.WORKING_GROUP:
            raise ValidationError(
                {"session": _("Decisions are recorded for sessions of the working group.")}
            )


class ActionItemQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(session__in=recorded_sessions_for(user).values("pk"))

    def overdue(self, today=None):
        """Open items whose due date has passed."""
        return self.filter(status=ActionItem.Status.OPEN, due_on__lt=today or timezone.localdate())

    def owned_by(self, user):
        """The items ``user`` owns: by name, or through a seat they hold as
        delegate or deputy."""
        if not user.is_authenticated:
            return self.none()
        seats = WorkingGroupSeat.objects.held_by(user)
        return self.filter(Q(owner_person=user) | Q(owner_seat__in=seats.values("pk")))

    def with_owner_names_for(self, viewer):
        """Annotates ``owner_named``: whether ``viewer`` may see the owning
        person's name (``User.objects.named_for``), as on the seats."""
        named = User.objects.named_for(viewer)
        return self.annotate(owner_named=Exists(named.filter(pk=OuterRef("owner_person"))))

    def with_closable_for(self, user):
        """Annotates ``closable``: whether ``user`` may mark the item done or
        dropped on the working group's pages – open items they own (in
        person or through a seat they hold) while in the working group;
        every open item for its staff."""
        is_open = Q(status=ActionItem.Status.OPEN)
        if is_working_group_staff(user):
            condition = is_open
        elif sees_working_group_records(user):
            seats = WorkingGroupSeat.objects.held_by(user)
            condition = is_open & (Q(owner_person=user) | Q(owner_seat__in=seats.values("pk")))
        else:
            return self.annotate(closable=models.Value(False))
        return self.annotate(
            closable=models.ExpressionWrapper(condition, output_field=models.BooleanField())
        )

    def by_status(self):
        """Open first (the most urgent on top), then done, then dropped."""
        rank = models.Case(
            models.When(status=ActionItem.Status.OPEN, then=0),
            models.When(status=ActionItem.Status.DONE, then=1),
            default=2,
        )
        return self.alias(status_rank=rank).order_by("status_rank", "due_on", "pk")


class ActionItem(models.Model):
    """A task a session gave to a person or a seat of the working group,
    with a due date."""

    class Status(models.TextChoices):
        OPEN = "open", pgettext_lazy("action item", "open")
        DONE = "done", pgettext_lazy("action item", "done")
        DROPPED = "dropped", pgettext_lazy("action item", "dropped")

    session = models.ForeignKey(
        Event,
        verbose_name=_("session"),
        on_delete=models.PROTECT,
        limit_choices_to=SESSION_CHOICES,
        related_name="action_items",
    )
    title = models.CharField(_("title"), max_length=200)
    note = models.TextField(_("note"), blank=True)
    # Exactly one owner when the item is entered (``clean``). The database
    # only forbids two: a person's or a seat's removal leaves the item
    # without an owner, for the team to hand on.
    owner_person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner (person)"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="working_group_action_items",
    )
    owner_seat = models.ForeignKey(
        WorkingGroupSeat,
        verbose_name=_("owner (seat)"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="action_items",
        help_text=_("Its delegate and deputy may mark the item done."),
    )
    due_on = models.DateField(_("due on"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default="open")
    closed_on = models.DateField(_("closed on"), null=True, blank=True)

    objects = ActionItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("action item")
        verbose_name_plural = _("action items")
        ordering = ["due_on", "pk"]
        indexes = [
            models.Index(fields=["status", "due_on"], name="action_item_status_due_idx"),
            models.Index(fields=["session", "due_on"], name="action_item_session_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(owner_person__isnull=True) | Q(owner_seat__isnull=True),
                name="action_item_one_owner",
                violation_error_message=_("An action item is owned by a person or by a seat."),
            ),
            models.CheckConstraint(
                condition=Q(status="open", closed_on__isnull=True)
                | (~Q(status="open") & Q(closed_on__isnull=False)),
                name="action_item_closed_on_iff_closed",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        """A short address that leads to ``place_on_page``."""
        return reverse("working_group:action", kwargs={"pk": self.pk})

    def place_on_page(self):
        """The item on its session's page."""
        session_url = reverse("working_group:session", kwargs={"slug": self.session.slug})
        return f"{session_url}#action-{self.pk}"

    def clean(self):
        super().clean()
        errors = {}
        if self.owner_person_id is None and self.owner_seat_id is None:
            errors["owner_person"] = _("Choose the person or the seat that owns the item.")
        elif self.owner_person_id is not None and self.owner_seat_id is not None:
            errors["owner_person"] = _("Choose either a person or a seat, not both.")
        elif self.owner_person_id is not None:
            person = self.owner_person
            if not (person.is_staff or person.is_working_group_member):
                errors["owner_person"] = _(
                    "%(person)s does not sit in the working group: choose one of its "
                    "delegates or deputies, a seat, or a member of the team."
                ) % {"person": person}
        if self.session_id and self.session.kind != Event.Kind.WORKING_GROUP:
            errors["session"] = _("Action items come from sessions of the working group.")
        if errors:
            raise ValidationError(errors)

    @property
    def owner(self):
        """The person or seat that owns the item; None once neither is left."""
        return self.owner_person or self.owner_seat

    def is_overdue(self, today=None):
        return self.status == self.Status.OPEN and self.due_on < (today or timezone.localdate())

    @property
    def is_open(self):
        return self.status == self.Status.OPEN

    @property
    def status_chip(self):
        if self.is_overdue():
            return Chip(str(_("overdue")), "red")
        if self.status == self.Status.OPEN:
            return Chip(str(self.Status.OPEN.label), "amber")
        if self.status == self.Status.DONE:
            return Chip(str(self.Status.DONE.label), "green")
        return Chip(str(self.Status.DROPPED.label))

    def may_be_closed_by(self, user):
        """``ActionItemQuerySet.with_closable_for``, for this item."""
        return ActionItem.objects.with_closable_for(user).filter(pk=self.pk, closable=True).exists()
