"""The rules of training: applying, the selection of at most ``capacity``
participants, offers from the waiting list, completion and the alumni
directory.

Every function owns its transaction. Those that change an application's
status or place lock the cohort's row first (``select_for_update``; on SQLite the
IMMEDIATE transactions serialise writers), so that concurrent requests can
never accept more people than the cohort has places. E-mails, each in the
recipient's language, are queued in the same transaction as the change they
tell of: kept when it commits, never sent when it rolls back.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from asskomm.dates import when
from members import facts
from training import emails
from training.consent import CONSENT_TEXT_VERSION
from training.models import (
    WITHDRAWABLE,
    Application,
    Cohort,
    ProjectTeam,
    Review,
    SelectionDeviation,
    StatusChange,
)
from training.selection import propose

Status = Application.Status
Decision = SelectionDeviation.Decision

# What applicants may enter and change in their application.
APPLICATION_FIELDS = (
    "employer_name",
    "employer_kind",
    "municipality",
    "function",
    "motivation",
    "project_idea",
    "supervisor_name",
    "supervisor_email",
    "employer_release_confirmed",
)


class TrainingError(Exception):
    """A training rule refused the action; the message is for the person."""


# Applying


def apply(*, cohort, applicant, consent_text_version, **fields):
    """``applicant`` applies for ``cohort`` while applications are open,
    agreeing to the consent text of ``consent_text_version``."""
    _ensure_current_consent(consent_text_version)
    try:
        with transaction.atomic():
            cohort = _lock(cohort)
            if not cohort.accepts_applications():
                raise TrainingError(_("Applications for this cohort are not open."))
            if Application.objects.filter(cohort=cohort, applicant=applicant).exists():
                raise TrainingError(_("You have already applied for this cohort."))
            now = timezone.now()
            application = Application(
                cohort=cohort,
                applicant=applicant,
                consent_given_at=now,
                consent_text_version=consent_text_version,
                submitted_at=now,
                **_application_fields(fields),
            )
            _validate(application)
            application.save()
            StatusChange.objects.create(
                application=application, to_status=Status.SUBMITTED, changed_by=applicant
            )
            emails.send_application_received(application)
    except IntegrityError as error:  # a second request of the same person won the race
        raise TrainingError(_("You have already applied for this cohort.")) from error
    facts.forget(applicant)  # now has applications
    return application


@transaction.atomic
def update_application(*, application, by, consent_text_version, **fields):
    """The applicant changes their application until the deadline."""
    _ensure_current_consent(consent_text_version)
    _lock(application.cohort)
    application = _lock_application(application)
    if by.pk != application.applicant_id:
        raise TrainingError(_("Only the applicant can change an application."))
    if application.status != Status.SUBMITTED:
        raise TrainingError(_("A decided application can no longer be changed."))
    if not application.cohort.accepts_applications():
        raise TrainingError(
            _("The application deadline has passed; changes are no longer possible.")
        )
    for name, value in _application_fields(fields).items():
        setattr(application, name, value)
    if application.consent_text_version != consent_text_version:
        application.consent_text_version = consent_text_version
        application.consent_given_at = timezone.now()
    _validate(application)
    application.save()
    emails.send_application_updated(application)
    return application


@transaction.atomic
def withdraw(*, application, by):
    """The applicant withdraws, at any time before the cohort starts. A
    place they held goes to the next on the waiting list."""
    _lock(application.cohort)
    application = _lock_application(application)
    if by.pk != application.applicant_id:
        raise TrainingError(_("Only the applicant can withdraw an application."))
    if application.status not in WITHDRAWABLE:
        raise TrainingError(
            _("This application is %(status)s and cannot be withdrawn.")
            % {"status": application.get_status_display()}
        )
    if application.cohort.has_started():
        raise TrainingError(
            _("The cohort has started; please talk to the ASSKomm team if you cannot continue.")
        )
    held_place = application.status in (Status.ACCEPTED, Status.OFFERED)
    _change_status(application, Status.WITHDRAWN, by=by)
    if held_place:
        _offer_free_places(application.cohort, by=by)
    return application


# Selection


def propose_selection(*, cohort):
    """The proposed selection among the cohort's applications that wait for a
    decision, with staff's deviations applied (see ``training.selection``).
    Reads only."""
    applications = list(
        Application.objects.filter(cohort=cohort, status=Status.SUBMITTED)
        .with_rating()
        .select_related("applicant", "municipality", "deviation")
    )
    deviations = {
        application.pk: application.deviation
        for application in applications
        if _has_deviation(application)
    }
    return propose(applications, capacity=cohort.capacity, deviations=deviations)


@transaction.atomic
def confirm_selection(*, cohort, by):
    """Sets every waiting application's status as proposed, numbers the
    waiting list, keeps each deviation's reason in the history and tells
    every applicant by e-mail: all or nothing."""
    cohort = _lock(cohort)
    if cohort.selection_is_confirmed:
        raise TrainingError(_("The selection of this cohort has already been confirmed."))
    if cohort.accepts_applications():
        raise TrainingError(
            _("Applications are open until %(deadline)s; confirm the selection after the deadline.")
            % {"deadline": _format_datetime(cohort.applications_close_at)}
        )
    proposal = propose_selection(cohort=cohort)
    if not proposal.rows:
        raise TrainingError(_("There are no applications to select from."))
    taken = Application.objects.filter(cohort=cohort).taking_places().count()
    if taken + len(proposal.accepted) > cohort.capacity:
        raise TrainingError(_no_free_place_message(cohort))
    for application, status, position, deviation in proposal.rows:
        application.waitlist_rank = position
        _change_status(
            application,
            status,
            by=by,
            reason=deviation.reason if deviation else "",
            waitlist_position=position,
        )
    cohort.selection_confirmed_at = timezone.now()
    cohort.selection_confirmed_by = by
    if cohort.status in (Cohort.Status.PLANNED, Cohort.Status.OPEN):
        cohort.status = Cohort.Status.SELECTION
    cohort.save(update_fields=["selection_confirmed_at", "selection_confirmed_by", "status"])
    return proposal


@transaction.atomic
def change_decision(*, application, decision, reason, by, waitlist_position=None):
    """Staff decide one application differently from the rule, with a reason.

    Before the selection is confirmed this records a deviation that the
    proposal follows and confirming applies. Afterwards it takes effect at
    once: the status changes (within the cap of places), the reason goes to
    the history, the applicant is told, and a place that becomes free is
    offered to the next on the waiting list. ``waitlist_position`` moves
    someone on the waiting list (1 is next).
    """
    reason = (reason or "").strip()
    if not reason:
        raise TrainingError(_("Please give a reason: every deviation from the rule is recorded."))
    if decision not in Decision.values:
        raise TrainingError(_("Choose accept, waiting list or do not accept."))
    if waitlist_position is not None and decision != Decision.WAITLIST:
        raise TrainingError(_("Only a place on the waiting list has a position."))
    if waitlist_position is not None and waitlist_position < 1:
        raise TrainingError(_("Positions on the waiting list start at 1."))
    cohort = _lock(application.cohort)
    application = _lock_application(application)
    if application.status == Status.WITHDRAWN:
        raise TrainingError(
            _("%(person)s has withdrawn the application.") % {"person": application.applicant}
        )
    if not cohort.selection_is_confirmed:
        return _record_deviation(application, cohort, decision, reason, by, waitlist_position)
    if application.completed_on:
        raise TrainingError(
            _("%(person)s has completed the programme.") % {"person": application.applicant}
        )
    if decision == application.status and decision != Decision.WAITLIST:
        raise TrainingError(
            _("The application is already %(status)s.")
            % {"status": application.get_status_display()}
        )
    if decision == Decision.ACCEPT:
        if (
            Application.objects.filter(cohort=cohort)
            .taking_places()
            .exclude(pk=application.pk)
            .count()
            >= cohort.capacity
        ):
            raise TrainingError(_no_free_place_message(cohort))
    held_place = application.status in (Status.ACCEPTED, Status.OFFERED)
    application.offer_expires_at = None
    if decision == Decision.WAITLIST:
        position = _place_on_waitlist(cohort, application, waitlist_position)
        if application.status == Status.WAITLISTED:
            application.save(update_fields=["waitlist_rank", "updated_at"])
            StatusChange.objects.create(
                application=application,
                from_status=Status.WAITLISTED,
                to_status=Status.WAITLISTED,
                waitlist_position=position,
                changed_by=by,
                reason=reason,
            )
            return application
        _change_status(
            application, Status.WAITLISTED, by=by, reason=reason, waitlist_position=position
        )
    else:
        application.waitlist_rank = None
        _change_status(application, decision, by=by, reason=reason)
    if held_place and decision != Decision.ACCEPT:
        _offer_free_places(cohort, by=by)
    return application


@transaction.atomic
def remove_deviation(*, application, by):
    """Staff take back a deviation before confirming: the rule decides again."""
    cohort = _lock(application.cohort)
    if cohort.selection_is_confirmed:
        raise TrainingError(_("The selection has been confirmed; change the decision instead."))
    deleted, _rows = SelectionDeviation.objects.filter(application=application).delete()
    if not deleted:
        raise TrainingError(_("The rule already decides this application."))


def _record_deviation(application, cohort, decision, reason, by, waitlist_position):
    if decision == Decision.ACCEPT:
        accepted = (
            SelectionDeviation.objects.filter(application__cohort=cohort, decision=Decision.ACCEPT)
            .exclude(application=application)
            .count()
        )
        if accepted >= cohort.capacity:
            raise TrainingError(_no_free_place_message(cohort))
    deviation, _created = SelectionDeviation.objects.update_or_create(
        application=application,
        defaults={
            "decision": decision,
            "waitlist_position": waitlist_position,
            "reason": reason,
            "decided_by": by,
            "decided_at": timezone.now(),
        },
    )
    return application


def check_capacity(*, cohort, capacity):
    """Refuses a capacity below the places already taken."""
    if cohort.pk is None:
        return
    taken = Application.objects.filter(cohort=cohort).taking_places().count()
    if capacity < taken:
        raise TrainingError(
            _("%(taken)d places are already taken; the cohort cannot have fewer.")
            % {"taken": taken}
        )


# Offers from the waiting list


@transaction.atomic
def accept_offer(*, application, by):
    """The person accepts the place offered to them, before the deadline."""
    cohort, application = _lock_offer(application, by)
    if not application.offer_is_open():
        raise TrainingError(_("The deadline to accept this offer has passed."))
    if Application.objects.filter(cohort=cohort, status=Status.ACCEPTED).count() >= cohort.capacity:
        raise TrainingError(_no_free_place_message(cohort))
    application.offer_expires_at = None
    _change_status(application, Status.ACCEPTED, by=by)
    return application


@transaction.atomic
def decline_offer(*, application, by):
    """The person declines the offered place; it goes to the next."""
    cohort, application = _lock_offer(application, by)
    application.offer_expires_at = None
    _change_status(application, Status.WITHDRAWN, by=by, reason=_("Declined the offered place."))
    _offer_free_places(cohort, by=by)
    return application


def _lock_offer(application, by):
    cohort = _lock(application.cohort)
    application = _lock_application(application)
    if by.pk != application.applicant_id:
        raise TrainingError(_("Only the applicant can answer the offer."))
    if application.status != Status.OFFERED:
        raise TrainingError(_("There is no open offer for this application."))
    return cohort, application


def expire_offers(*, now=None):
    """Offers whose deadline has passed lapse, and their places go to the
    next on the waiting list. Returns how many lapsed; running it again
    changes nothing.

    Each cohort is one transaction with the e-mails it queues: when this
    stops half-way, nobody's offer has lapsed or been made without their
    e-mail in the queue, and the next run takes up the rest."""
    now = now or timezone.now()
    cohort_ids = set(
        Application.objects.filter(status=Status.OFFERED, offer_expires_at__lt=now).values_list(
            "cohort_id", flat=True
        )
    )
    expired = 0
    for cohort_id in sorted(cohort_ids):
        with transaction.atomic():
            cohort = _lock(Cohort(pk=cohort_id))
            lapsed = Application.objects.select_for_update().filter(
                cohort=cohort, status=Status.OFFERED, offer_expires_at__lt=now
            )
            for application in lapsed:
                application.offer_expires_at = None
                _change_status(
                    application,
                    Status.WITHDRAWN,
                    by=None,
                    reason=_("No reply before the deadline."),
                    template="training/offer_expired",
                )
                expired += 1
            _offer_free_places(cohort, by=None)
    return expired


def _offer_free_places(cohort, *, by):
    """Offers each free place to the next on the waiting list, until the
    cohort starts."""
    if not cohort.selection_is_confirmed or cohort.has_started():
        return []
    free = cohort.capacity - Application.objects.filter(cohort=cohort).taking_places().count()
    if free <= 0:
        return []
    offered = list(
        Application.objects.select_for_update()
        .filter(cohort=cohort, status=Status.WAITLISTED)
        .order_by("waitlist_rank", "pk")[:free]
    )
    for application in offered:
        application.waitlist_rank = None
        application.offer_expires_at = cohort.offer_deadline()
        _change_status(application, Status.OFFERED, by=by)
    return offered


def _place_on_waitlist(cohort, application, position):
    """Puts ``application`` at ``position`` (default: the end) and numbers the
    waiting list 1, 2, 3 … again. Returns the position it got."""
    others = list(
        Application.objects.select_for_update()
        .filter(cohort=cohort, status=Status.WAITLISTED)
        .exclude(pk=application.pk)
        .order_by("waitlist_rank", "pk")
    )
    index = len(others) if position is None else min(position - 1, len(others))
    others.insert(index, application)
    for rank, other in enumerate(others, start=1):
        other.waitlist_rank = rank
    Application.objects.bulk_update(
        [o for o in others if o.pk != application.pk], ["waitlist_rank"]
    )
    return index + 1


# Completion and alumni


@transaction.atomic
def confirm_completion(*, application, by, completed_on=None):
    """Staff confirm that a participant has met the programme's completion
    rule: they become a graduate, an alumna or alumnus, with a certificate."""
    application = _lock_application(application)
    if application.status != Status.ACCEPTED:
        raise TrainingError(
            _("%(person)s is not a participant of this cohort.") % {"person": application.applicant}
        )
    if application.completed_on:
        raise TrainingError(
            _("The completion of %(person)s has already been confirmed.")
            % {"person": application.applicant}
        )
    if not application.cohort.has_started():
        raise TrainingError(_("The cohort has not started yet."))
    shortfalls = completion_shortfalls(application)
    if shortfalls:
        raise TrainingError(
            _("%(person)s does not meet the completion rule: %(shortfalls)s")
            % {"person": application.applicant, "shortfalls": "; ".join(shortfalls)}
        )
    application.completed_on = completed_on or timezone.localdate()
    application.completion_confirmed_by = by
    application.save(update_fields=["completed_on", "completion_confirmed_by", "updated_at"])
    facts.forget(application.applicant)  # now an alumna or alumnus
    emails.send_completion(application)
    return application


def completion_shortfalls(application):
    """What the participant lacks to complete the programme; empty when they
    meet its rule. Uses ``with_attendance()`` annotations when present."""
    programme = application.cohort.programme
    attended = getattr(application, "attended_count", None)
    if attended is None:
        attended = application.attended_sessions.count()
    in_team = getattr(application, "in_project_team", None)
    if in_team is None:
        in_team = application.project_teams.exists()
    shortfalls = []
    required = programme.min_sessions_attended or 0
    if attended < required:
        shortfalls.append(
            _("attended %(attended)d of the %(required)d weekends required")
            % {"attended": attended, "required": required}
        )
    if programme.project_required and not in_team:
        shortfalls.append(_("not in a project team"))
    return shortfalls


# Attendance, project teams and ratings: what staff record in the admin


def check_attendees(*, cohort, attendees):
    """Only participants of the weekend's cohort can be marked present."""
    strangers = [
        attendee
        for attendee in attendees
        if attendee.cohort_id != cohort.pk or not attendee.is_participant
    ]
    if strangers:
        raise TrainingError(
            _("Only participants of this cohort can attend its weekends: %(people)s")
            % {"people": _people(strangers)}
        )


@transaction.atomic
def record_attendance(*, session, attendees):
    """Sets who attended ``session``: participants of its cohort only."""
    attendees = list(attendees)
    check_attendees(cohort=session.cohort, attendees=attendees)
    session.attendees.set(attendees)


def check_project_team(*, team, cohort, members):
    """A project team has two to four members, all participants of the
    cohort and in no other team of it."""
    members = list(members)
    problems = []
    if not ProjectTeam.MIN_MEMBERS <= len(members) <= ProjectTeam.MAX_MEMBERS:
        problems.append(
            _("A project team has %(min)d to %(max)d members.")
            % {"min": ProjectTeam.MIN_MEMBERS, "max": ProjectTeam.MAX_MEMBERS}
        )
    outsiders = [m for m in members if m.cohort_id != cohort.pk or not m.is_participant]
    if outsiders:
        problems.append(
            _("Not participants of %(cohort)s: %(people)s")
            % {"cohort": cohort, "people": _people(outsiders)}
        )
    in_teams = ProjectTeam.members.through.objects.filter(
        application__in=[m.pk for m in members], projectteam__cohort=cohort
    )
    if team.pk is not None:
        in_teams = in_teams.exclude(projectteam=team.pk)
    elsewhere = Application.objects.filter(pk__in=in_teams.values("application")).select_related(
        "applicant"
    )
    if elsewhere:
        problems.append(
            _("Already in another project team: %(people)s") % {"people": _people(elsewhere)}
        )
    if problems:
        raise TrainingError(" ".join(problems))


@transaction.atomic
def set_project_team_members(*, team, members):
    """Sets the members of a saved ``team`` after checking the team's rule."""
    members = list(members)
    _lock(team.cohort)
    check_project_team(team=team, cohort=team.cohort, members=members)
    team.members.set(members)


def check_may_rate(*, application, by):
    """Each staff member rates an application once."""
    if Review.objects.filter(application=application, reviewer=by).exists():
        raise TrainingError(
            _("You have already rated this application; change your rating instead.")
        )


def check_may_change_review(*, review, by):
    """Staff change (or delete) only their own rating."""
    if review.reviewer_id != by.pk:
        raise TrainingError(_("You can only change your own rating."))


@transaction.atomic
def rate(*, application, by, rating, comment=""):
    """``by`` rates ``application`` for the first time."""
    check_may_rate(application=application, by=by)
    review = Review(application=application, reviewer=by, rating=rating, comment=comment)
    _full_clean(review)
    review.save()
    return review


@transaction.atomic
def change_review(*, review, by, rating, comment=""):
    check_may_change_review(review=review, by=by)
    review.rating, review.comment = rating, comment
    _full_clean(review)
    review.save()
    return review


@transaction.atomic
def delete_review(*, review, by):
    check_may_change_review(review=review, by=by)
    review.delete()


def _full_clean(obj):
    try:
        obj.full_clean()
    except ValidationError as error:
        raise TrainingError(" ".join(error.messages)) from error


def _people(applications):
    return ", ".join(str(application.applicant) for application in applications)


@transaction.atomic
def set_alumni_listing(*, user, listed):
    """A graduate agrees (or no longer agrees) to be listed in the alumni
    directory."""
    graduations = Application.objects.graduated().filter(applicant=user)
    if not graduations.exists():
        raise TrainingError(
            _("Only graduates of the programme are listed in the alumni directory.")
        )
    graduations.update(listed_in_alumni_directory=listed, updated_at=timezone.now())


# Helpers


def _change_status(application, status, *, by, reason="", waitlist_position=None, template=None):
    """Sets the status, records it in the history and tells the applicant."""
    previous = application.status
    application.status = status
    application.save(update_fields=["status", "waitlist_rank", "offer_expires_at", "updated_at"])
    StatusChange.objects.create(
        application=application,
        from_status=previous,
        to_status=status,
        waitlist_position=waitlist_position,
        changed_by=by,
        reason=reason,
    )
    emails.send_status_change(
        application,
        template=template or f"training/status_{status}",
        waitlist_position=waitlist_position,
    )


def _lock(cohort):
    return Cohort.objects.select_for_update().select_related("programme").get(pk=cohort.pk)


def _lock_application(application):
    return (
        Application.objects.select_for_update(of=("self",))
        .select_related("cohort__programme", "applicant")
        .get(pk=application.pk)
    )


def _application_fields(fields):
    unknown = set(fields) - set(APPLICATION_FIELDS)
    if unknown:
        raise TypeError(f"Unknown application fields: {sorted(unknown)}")
    return fields


def _validate(application):
    try:
        application.full_clean(exclude=["cohort", "applicant"], validate_constraints=False)
    except ValidationError as error:
        raise TrainingError(" ".join(error.messages)) from error
    if not application.employer_release_confirmed:
        raise TrainingError(_("Your employer must release you for the eight weekends."))


def _ensure_current_consent(version):
    if version != CONSENT_TEXT_VERSION:
        raise TrainingError(
            _("Please agree to the current text on data processing (version %(version)s).")
            % {"version": CONSENT_TEXT_VERSION}
        )


def _has_deviation(application):
    try:
        return application.deviation is not None
    except SelectionDeviation.DoesNotExist:
        return False


def _no_free_place_message(cohort):
    return _("All %(capacity)d places of %(cohort)s are taken.") % {
        "capacity": cohort.capacity,
        "cohort": cohort,
    }


def _format_datetime(value):
    return when(value)
