"""The rules of training, one test per rule, at the service level."""

from datetime import timedelta

import pytest
import time_machine
from django.db import IntegrityError, transaction
from django.utils import timezone

from tests.factories import UserFactory
from tests.training.factories import (
    MOTIVATION,
    ApplicationFactory,
    CohortFactory,
    CohortSessionFactory,
    ProjectTeamFactory,
    riesa,
)
from training import services
from training.alumni import alumni, directory, is_alumnus
from training.consent import CONSENT_TEXT_VERSION
from training.models import Application, Cohort, SelectionDeviation, StatusChange
from training.services import TrainingError

pytestmark = pytest.mark.django_db

Status = Application.Status


def apply_for(cohort, applicant, **overrides):
    fields = {
        "employer_name": "Stadtverwaltung Pirna",
        "employer_kind": Application.EmployerKind.MUNICIPAL,
        "municipality": riesa(),
        "function": "Präventionsbeauftragte",
        "motivation": MOTIVATION,
        "project_idea": "",
        "supervisor_name": "Frau Amtsleiterin",
        "supervisor_email": "amtsleitung@pirna.example",
        "employer_release_confirmed": True,
        "consent_text_version": CONSENT_TEXT_VERSION,
        **overrides,
    }
    return services.apply(cohort=cohort, applicant=applicant, **fields)


def statuses(cohort):
    return dict(
        Application.objects.filter(cohort=cohort).values_list("pk", "status").order_by("pk")
    )


def accepted_count(cohort):
    return Application.objects.filter(cohort=cohort, status=Status.ACCEPTED).count()


def confirmed_cohort(*, capacity, accepted, waitlisted=0, **kwargs):
    """A cohort whose selection is confirmed, with its applications."""
    cohort = CohortFactory(confirmed=True, capacity=capacity, **kwargs)
    places = ApplicationFactory.create_batch(accepted, cohort=cohort, status=Status.ACCEPTED)
    waiting = [
        ApplicationFactory(cohort=cohort, status=Status.WAITLISTED, waitlist_rank=rank)
        for rank in range(1, waitlisted + 1)
    ]
    return cohort, places, waiting


class TestApplying:
    def test_an_application_is_recorded_with_its_consent_and_confirmed_by_email(
        self, applicant, mailoutbox, django_capture_on_commit_callbacks
    ):
        cohort = CohortFactory()
        with django_capture_on_commit_callbacks(execute=True):
            application = apply_for(cohort, applicant)
        assert application.status == Status.SUBMITTED
        assert application.consent_text_version == CONSENT_TEXT_VERSION
        assert application.consent_given_at is not None
        history = list(application.status_changes.values_list("from_status", "to_status"))
        assert history == [("", Status.SUBMITTED)]
        (mail,) = mailoutbox
        assert mail.to == [applicant.email]
        assert "Bewerbung" in mail.subject
        assert "/me/applications/" in mail.body

    def test_the_confirmation_speaks_the_applicants_language(
        self, mailoutbox, django_capture_on_commit_callbacks
    ):
        english = UserFactory(preferred_language="en")
        with django_capture_on_commit_callbacks(execute=True):
            apply_for(CohortFactory(), english)
        assert "has arrived" in mailoutbox[0].subject

    @pytest.mark.parametrize(
        "window",
        [
            {"closed": True},
            {
                "applications_open_at": timezone.now() + timedelta(days=1),
                "applications_close_at": timezone.now() + timedelta(days=20),
            },
            {"status": Cohort.Status.PLANNED},
        ],
        ids=["after the deadline", "before the opening", "not released by staff"],
    )
    def test_applications_are_only_taken_while_the_cohort_is_open(self, applicant, window):
        cohort = CohortFactory(**window)
        with pytest.raises(TrainingError, match="nicht geöffnet"):
            apply_for(cohort, applicant)
        assert not Application.objects.exists()

    def test_one_application_per_person_and_cohort(self, applicant):
        cohort = CohortFactory()
        apply_for(cohort, applicant)
        with pytest.raises(TrainingError, match="bereits beworben"):
            apply_for(cohort, applicant)
        assert Application.objects.filter(applicant=applicant).count() == 1

    def test_the_database_refuses_a_second_application_too(self, applicant):
        first = ApplicationFactory(applicant=applicant)
        with pytest.raises(IntegrityError), transaction.atomic():
            ApplicationFactory(applicant=applicant, cohort=first.cohort)

    def test_the_motivation_needs_a_minimum_length(self, applicant):
        with pytest.raises(TrainingError, match="mindestens 200 Zeichen"):
            apply_for(CohortFactory(), applicant, motivation="Ich möchte gern teilnehmen.")

    def test_the_employer_must_release_the_applicant(self, applicant):
        with pytest.raises(TrainingError, match="freistellen"):
            apply_for(CohortFactory(), applicant, employer_release_confirmed=False)

    def test_consent_to_an_outdated_text_is_refused(self, applicant):
        with pytest.raises(TrainingError, match=CONSENT_TEXT_VERSION):
            apply_for(CohortFactory(), applicant, consent_text_version="2019-01")

    def test_municipal_staff_name_their_municipality(self, applicant):
        with pytest.raises(TrainingError, match="Kommune"):
            apply_for(CohortFactory(), applicant, municipality=None)

    def test_the_supervisor_is_somebody_else(self, applicant):
        with pytest.raises(TrainingError, match="nicht Ihre eigene"):
            apply_for(CohortFactory(), applicant, supervisor_email=applicant.email.upper())


class TestChangingAndWithdrawing:
    def test_the_applicant_changes_the_application_until_the_deadline(
        self, applicant, mailoutbox, django_capture_on_commit_callbacks
    ):
        application = ApplicationFactory(applicant=applicant)
        with django_capture_on_commit_callbacks(execute=True):
            services.update_application(
                application=application,
                by=applicant,
                consent_text_version=CONSENT_TEXT_VERSION,
                function="Leiterin Ordnungsamt",
            )
        application.refresh_from_db()
        assert application.function == "Leiterin Ordnungsamt"
        assert len(mailoutbox) == 1

    def test_no_changes_after_the_deadline(self, applicant):
        application = ApplicationFactory(applicant=applicant, cohort__closed=True)
        with pytest.raises(TrainingError, match="Bewerbungsfrist"):
            services.update_application(
                application=application,
                by=applicant,
                consent_text_version=CONSENT_TEXT_VERSION,
                function="Leiterin",
            )

    def test_only_the_applicant_changes_the_application(self, applicant, staff):
        application = ApplicationFactory(applicant=applicant)
        with pytest.raises(TrainingError):
            services.update_application(
                application=application,
                by=staff,
                consent_text_version=CONSENT_TEXT_VERSION,
                function="Leiter",
            )

    def test_agreeing_to_a_new_consent_text_records_version_and_time(self, applicant):
        application = ApplicationFactory(
            applicant=applicant,
            consent_text_version="2025-01",
            consent_given_at=timezone.now() - timedelta(days=30),
        )
        services.update_application(
            application=application, by=applicant, consent_text_version=CONSENT_TEXT_VERSION
        )
        application.refresh_from_db()
        assert application.consent_text_version == CONSENT_TEXT_VERSION
        assert application.consent_given_at > timezone.now() - timedelta(minutes=1)

    def test_withdrawing_is_recorded_and_confirmed(
        self, applicant, mailoutbox, django_capture_on_commit_callbacks
    ):
        application = ApplicationFactory(applicant=applicant)
        with django_capture_on_commit_callbacks(execute=True):
            services.withdraw(application=application, by=applicant)
        application.refresh_from_db()
        assert application.status == Status.WITHDRAWN
        assert application.status_changes.get().to_status == Status.WITHDRAWN
        assert [mail.to for mail in mailoutbox] == [[applicant.email]]
        assert "zurückgezogen" in mailoutbox[0].subject

    def test_no_withdrawal_once_the_cohort_has_started(self, applicant):
        application = ApplicationFactory(
            applicant=applicant, cohort__running=True, status=Status.ACCEPTED
        )
        with pytest.raises(TrainingError, match="begonnen"):
            services.withdraw(application=application, by=applicant)

    def test_nobody_withdraws_another_persons_application(self, applicant, staff):
        with pytest.raises(TrainingError):
            services.withdraw(application=ApplicationFactory(applicant=applicant), by=staff)


class TestConfirmingTheSelection:
    def test_confirming_sets_every_status_numbers_the_waitlist_and_tells_everyone(
        self, staff, mailoutbox, django_capture_on_commit_callbacks
    ):
        cohort = CohortFactory(closed=True, capacity=16)
        applications = [
            ApplicationFactory(cohort=cohort, submitted_at=timezone.now() - timedelta(hours=30 - i))
            for i in range(30)
        ]
        with django_capture_on_commit_callbacks(execute=True):
            services.confirm_selection(cohort=cohort, by=staff)
        found = statuses(cohort)
        assert [found[a.pk] for a in applications] == [Status.ACCEPTED] * 16 + [
            Status.WAITLISTED
        ] * 14
        ranks = list(
            Application.objects.filter(cohort=cohort, status=Status.WAITLISTED)
            .order_by("submitted_at")
            .values_list("waitlist_rank", flat=True)
        )
        assert ranks == list(range(1, 15))
        assert len(mailoutbox) == 30
        assert sorted(mail.to[0] for mail in mailoutbox) == sorted(
            a.applicant.email for a in applications
        )
        cohort.refresh_from_db()
        assert cohort.selection_is_confirmed
        assert cohort.selection_confirmed_by == staff
        assert cohort.status == Cohort.Status.SELECTION

    def test_the_waitlisted_are_told_their_position(
        self, staff, mailoutbox, django_capture_on_commit_callbacks
    ):
        cohort = CohortFactory(closed=True, capacity=1)
        ApplicationFactory(cohort=cohort, submitted_at=timezone.now() - timedelta(hours=2))
        last = ApplicationFactory(cohort=cohort)
        with django_capture_on_commit_callbacks(execute=True):
            services.confirm_selection(cohort=cohort, by=staff)
        mail = next(m for m in mailoutbox if m.to == [last.applicant.email])
        assert "Warteliste" in mail.subject
        assert "Nummer 1 auf der Warteliste" in mail.body

    def test_a_deviation_is_applied_and_its_reason_kept_in_the_history(self, staff):
        cohort = CohortFactory(closed=True, capacity=1)
        municipal = ApplicationFactory(cohort=cohort)
        police = ApplicationFactory(cohort=cohort, police=True)
        services.change_decision(
            application=police,
            decision=SelectionDeviation.Decision.ACCEPT,
            reason="Die Polizeidirektion entsendet nur alle zwei Jahre.",
            by=staff,
        )
        services.confirm_selection(cohort=cohort, by=staff)
        assert statuses(cohort) == {municipal.pk: Status.WAITLISTED, police.pk: Status.ACCEPTED}
        change = StatusChange.objects.get(application=police, to_status=Status.ACCEPTED)
        assert change.reason == "Die Polizeidirektion entsendet nur alle zwei Jahre."
        assert change.changed_by == staff

    def test_confirming_is_all_or_nothing_and_only_once(self, staff):
        cohort = CohortFactory(closed=True)
        ApplicationFactory(cohort=cohort)
        services.confirm_selection(cohort=cohort, by=staff)
        with pytest.raises(TrainingError, match="bereits bestätigt"):
            services.confirm_selection(cohort=cohort, by=staff)

    def test_no_confirmation_while_applications_are_open(self, staff):
        cohort = CohortFactory()
        ApplicationFactory(cohort=cohort)
        with pytest.raises(TrainingError, match="Frist"):
            services.confirm_selection(cohort=cohort, by=staff)
        assert statuses(cohort) == {cohort.applications.get().pk: Status.SUBMITTED}

    def test_nothing_to_confirm_without_applications(self, staff):
        with pytest.raises(TrainingError):
            services.confirm_selection(cohort=CohortFactory(closed=True), by=staff)


class TestChangingDecisions:
    def test_every_change_needs_a_reason(self, staff):
        application = ApplicationFactory(cohort__closed=True)
        with pytest.raises(TrainingError, match="Begründung"):
            services.change_decision(
                application=application, decision="accepted", reason="  ", by=staff
            )
        assert not SelectionDeviation.objects.exists()

    def test_before_confirmation_a_change_is_recorded_not_applied(self, staff, mailoutbox):
        application = ApplicationFactory(cohort__closed=True)
        services.change_decision(
            application=application, decision="rejected", reason="Doppelt gefördert", by=staff
        )
        application.refresh_from_db()
        assert application.status == Status.SUBMITTED
        assert application.deviation.reason == "Doppelt gefördert"
        assert mailoutbox == []

    def test_before_confirmation_accept_deviations_stop_at_the_capacity(self, staff):
        cohort = CohortFactory(closed=True, capacity=2)
        first, second, third = ApplicationFactory.create_batch(3, cohort=cohort)
        for application in (first, second):
            services.change_decision(
                application=application, decision="accepted", reason="Grund", by=staff
            )
        with pytest.raises(TrainingError, match="Alle 2 Plätze"):
            services.change_decision(
                application=third, decision="accepted", reason="Grund", by=staff
            )

    def test_staff_can_take_a_deviation_back(self, staff):
        application = ApplicationFactory(cohort__closed=True)
        services.change_decision(
            application=application, decision="rejected", reason="Grund", by=staff
        )
        services.remove_deviation(application=application, by=staff)
        assert not SelectionDeviation.objects.exists()

    def test_after_confirmation_accepting_takes_a_free_place_and_tells_the_person(
        self, staff, mailoutbox, django_capture_on_commit_callbacks
    ):
        cohort, _places, (waiting,) = confirmed_cohort(capacity=2, accepted=1, waitlisted=1)
        with django_capture_on_commit_callbacks(execute=True):
            services.change_decision(
                application=waiting, decision="accepted", reason="Nachrücken", by=staff
            )
        waiting.refresh_from_db()
        assert waiting.status == Status.ACCEPTED
        assert waiting.waitlist_rank is None
        assert [mail.to for mail in mailoutbox] == [[waiting.applicant.email]]

    def test_after_confirmation_nobody_is_accepted_beyond_the_capacity(self, staff):
        cohort, _places, (waiting,) = confirmed_cohort(capacity=2, accepted=2, waitlisted=1)
        with pytest.raises(TrainingError, match="Alle 2 Plätze"):
            services.change_decision(
                application=waiting, decision="accepted", reason="Wichtig", by=staff
            )
        assert accepted_count(cohort) == 2

    def test_an_open_offer_holds_its_place(self, staff):
        cohort, _places, (waiting,) = confirmed_cohort(capacity=2, accepted=1, waitlisted=1)
        ApplicationFactory(cohort=cohort, offered=True)
        with pytest.raises(TrainingError, match="Plätze"):
            services.change_decision(
                application=waiting, decision="accepted", reason="Wichtig", by=staff
            )

    def test_not_accepting_a_participant_offers_the_place_to_the_next(
        self, staff, mailoutbox, django_capture_on_commit_callbacks
    ):
        cohort, (participant,), (first, second) = confirmed_cohort(
            capacity=1, accepted=1, waitlisted=2
        )
        with django_capture_on_commit_callbacks(execute=True):
            services.change_decision(
                application=participant, decision="rejected", reason="Nicht freigestellt", by=staff
            )
        assert statuses(cohort) == {
            participant.pk: Status.REJECTED,
            first.pk: Status.OFFERED,
            second.pk: Status.WAITLISTED,
        }
        assert {mail.to[0] for mail in mailoutbox} == {
            participant.applicant.email,
            first.applicant.email,
        }

    def test_moving_someone_on_the_waiting_list_renumbers_it_and_keeps_the_reason(self, staff):
        cohort, _places, waiting = confirmed_cohort(capacity=1, accepted=1, waitlisted=4)
        services.change_decision(
            application=waiting[3],
            decision="waitlisted",
            waitlist_position=1,
            reason="Im Vorjahr schon nachgerückt und abgesagt worden",
            by=staff,
        )
        order = list(
            Application.objects.filter(cohort=cohort, status=Status.WAITLISTED)
            .order_by("waitlist_rank")
            .values_list("pk", "waitlist_rank")
        )
        assert order == [
            (waiting[3].pk, 1),
            (waiting[0].pk, 2),
            (waiting[1].pk, 3),
            (waiting[2].pk, 4),
        ]
        change = waiting[3].status_changes.get()
        assert (change.waitlist_position, change.reason) == (
            1,
            "Im Vorjahr schon nachgerückt und abgesagt worden",
        )


class TestOffers:
    def test_when_a_participant_withdraws_the_first_on_the_waiting_list_is_offered_the_place(
        self, mailoutbox, django_capture_on_commit_callbacks
    ):
        cohort, (participant,), (first, second) = confirmed_cohort(
            capacity=1, accepted=1, waitlisted=2, offer_reply_days=7
        )
        with django_capture_on_commit_callbacks(execute=True):
            services.withdraw(application=participant, by=participant.applicant)
        first.refresh_from_db()
        assert first.status == Status.OFFERED
        assert first.waitlist_rank is None
        assert timezone.localdate(first.offer_expires_at) == timezone.localdate() + timedelta(
            days=7
        )
        offer_mail = next(m for m in mailoutbox if m.to == [first.applicant.email])
        assert f"/training/applications/{first.pk}/offer/" in offer_mail.body
        second.refresh_from_db()
        assert second.status == Status.WAITLISTED

    def test_accepting_an_offer_makes_a_participant(
        self, mailoutbox, django_capture_on_commit_callbacks
    ):
        cohort, _places, _waiting = confirmed_cohort(capacity=2, accepted=1)
        offered = ApplicationFactory(cohort=cohort, offered=True)
        with django_capture_on_commit_callbacks(execute=True):
            services.accept_offer(application=offered, by=offered.applicant)
        offered.refresh_from_db()
        assert offered.status == Status.ACCEPTED
        assert offered.offer_expires_at is None
        assert [mail.to for mail in mailoutbox] == [[offered.applicant.email]]

    def test_an_offer_cannot_be_accepted_after_its_deadline(self):
        cohort, _places, _waiting = confirmed_cohort(capacity=2, accepted=1)
        offered = ApplicationFactory(
            cohort=cohort,
            status=Status.OFFERED,
            offer_expires_at=timezone.now() - timedelta(minutes=1),
        )
        with pytest.raises(TrainingError, match="Frist"):
            services.accept_offer(application=offered, by=offered.applicant)

    def test_accepting_an_offer_never_exceeds_the_capacity(self):
        cohort, _places, _waiting = confirmed_cohort(capacity=2, accepted=2)
        offered = ApplicationFactory(
            cohort=cohort, offered=True
        )  # e.g. staff lowered the capacity meanwhile
        with pytest.raises(TrainingError, match="Plätze"):
            services.accept_offer(application=offered, by=offered.applicant)
        assert accepted_count(cohort) == 2

    def test_declining_an_offer_passes_the_place_on(self):
        cohort, _places, (waiting,) = confirmed_cohort(capacity=2, accepted=1, waitlisted=1)
        offered = ApplicationFactory(cohort=cohort, offered=True)
        services.decline_offer(application=offered, by=offered.applicant)
        assert statuses(cohort)[offered.pk] == Status.WITHDRAWN
        assert statuses(cohort)[waiting.pk] == Status.OFFERED

    def test_only_the_person_answers_their_offer(self, applicant):
        cohort, _places, _waiting = confirmed_cohort(capacity=2, accepted=1)
        offered = ApplicationFactory(cohort=cohort, offered=True)
        with pytest.raises(TrainingError):
            services.accept_offer(application=offered, by=applicant)

    def test_lapsed_offers_go_to_the_next_and_expiring_twice_changes_nothing(
        self, mailoutbox, django_capture_on_commit_callbacks
    ):
        cohort, (participant,), (first, second) = confirmed_cohort(
            capacity=1, accepted=1, waitlisted=2, offer_reply_days=7
        )
        with time_machine.travel(timezone.now(), tick=False) as clock:
            services.withdraw(application=participant, by=participant.applicant)
            mailoutbox.clear()  # the withdrawal's own e-mails
            clock.shift(timedelta(days=7))
            assert services.expire_offers() == 0  # the deadline is the end of the 7th day
            clock.shift(timedelta(days=1))
            with django_capture_on_commit_callbacks(execute=True):
                assert services.expire_offers() == 1
            assert statuses(cohort)[first.pk] == Status.WITHDRAWN
            assert statuses(cohort)[second.pk] == Status.OFFERED
            assert {m.to[0] for m in mailoutbox} == {first.applicant.email, second.applicant.email}
            lapsed = next(m for m in mailoutbox if m.to == [first.applicant.email])
            assert "nächste Person" in lapsed.subject
            sent = len(mailoutbox)
            with django_capture_on_commit_callbacks(execute=True):
                assert services.expire_offers() == 0
            assert len(mailoutbox) == sent
            assert statuses(cohort)[second.pk] == Status.OFFERED

    def test_no_offers_once_the_cohort_has_started(self):
        cohort, (participant,), (waiting,) = confirmed_cohort(capacity=1, accepted=1, waitlisted=1)
        Cohort.objects.filter(pk=cohort.pk).update(starts_on=timezone.localdate())
        services.change_decision(
            application=participant,
            decision="rejected",
            reason="Nicht erschienen",
            by=UserFactory(is_staff=True),
        )
        waiting.refresh_from_db()
        assert waiting.status == Status.WAITLISTED


class TestCompletion:
    def participant(self, *, attended, in_team=True):
        cohort = CohortFactory(running=True)
        sessions = CohortSessionFactory.create_batch(8, cohort=cohort)
        participant = ApplicationFactory(cohort=cohort, status=Status.ACCEPTED)
        for session in sessions[:attended]:
            session.attendees.add(participant)
        if in_team:
            partner = ApplicationFactory(cohort=cohort, status=Status.ACCEPTED)
            ProjectTeamFactory(cohort=cohort, members=[participant, partner])
        return participant

    def test_a_participant_who_meets_the_rule_graduates_and_gets_the_certificate_link(
        self, staff, mailoutbox, django_capture_on_commit_callbacks
    ):
        participant = self.participant(attended=7)
        with django_capture_on_commit_callbacks(execute=True):
            services.confirm_completion(application=participant, by=staff)
        participant.refresh_from_db()
        assert participant.completed_on == timezone.localdate()
        assert participant.completion_confirmed_by == staff
        assert f"/training/applications/{participant.pk}/certificate.pdf" in mailoutbox[0].body
        assert is_alumnus(participant.applicant)

    def test_too_few_weekends_do_not_complete(self, staff):
        participant = self.participant(attended=6)
        with pytest.raises(TrainingError, match="6 von 7"):
            services.confirm_completion(application=participant, by=staff)
        assert not is_alumnus(participant.applicant)

    def test_without_a_project_team_there_is_no_completion(self, staff):
        participant = self.participant(attended=8, in_team=False)
        with pytest.raises(TrainingError, match="Projektteam"):
            services.confirm_completion(application=participant, by=staff)

    def test_only_participants_complete(self, staff):
        application = ApplicationFactory(
            cohort__running=True, status=Status.WAITLISTED, waitlist_rank=1
        )
        with pytest.raises(TrainingError, match="nicht Teilnehmer"):
            services.confirm_completion(application=application, by=staff)


class TestAlumni:
    def test_alumni_are_exactly_the_graduates_of_network_programmes(self, member):
        graduate = ApplicationFactory(cohort__running=True, graduated=True).applicant
        ApplicationFactory(cohort__running=True, status=Status.ACCEPTED)  # not completed
        ApplicationFactory()  # an applicant
        inactive = ApplicationFactory(
            cohort__running=True, graduated=True, applicant__is_active=False
        ).applicant
        assert list(alumni()) == [graduate]
        assert is_alumnus(graduate)
        assert not is_alumnus(member)
        assert not is_alumnus(inactive)

    def test_the_directory_lists_opted_in_alumni_to_alumni_and_staff_only(self, member, staff):
        listed = ApplicationFactory(
            cohort__running=True, graduated=True, listed_in_alumni_directory=True
        )
        ApplicationFactory(cohort__running=True, graduated=True)  # not opted in
        for viewer in (listed.applicant, staff):
            assert list(directory(viewer=viewer)) == [listed]
        assert not directory(viewer=member).exists()
        assert not directory(viewer=None).exists()

    def test_anonymous_visitors_are_no_alumni(self):
        from django.contrib.auth.models import AnonymousUser

        assert not is_alumnus(AnonymousUser())
        assert not is_alumnus(None)

    def test_graduates_opt_in_to_the_directory(self):
        graduate = ApplicationFactory(cohort__running=True, graduated=True)
        assert not graduate.listed_in_alumni_directory  # off by default
        services.set_alumni_listing(user=graduate.applicant, listed=True)
        graduate.refresh_from_db()
        assert graduate.listed_in_alumni_directory

    def test_only_graduates_can_be_listed(self, applicant):
        ApplicationFactory(applicant=applicant)
        with pytest.raises(TrainingError):
            services.set_alumni_listing(user=applicant, listed=True)


class TestAttendanceTeamsAndRatings:
    """The rules staff meet in the admin hold for every path."""

    def test_only_participants_of_the_cohort_are_marked_present(self):
        session = CohortSessionFactory(cohort__running=True)
        participant = ApplicationFactory(cohort=session.cohort, status=Status.ACCEPTED)
        applicant = ApplicationFactory(cohort=session.cohort)
        stranger = ApplicationFactory(cohort__running=True, status=Status.ACCEPTED)
        for wrong in (applicant, stranger):
            with pytest.raises(TrainingError, match="Nur Teilnehmer"):
                services.record_attendance(session=session, attendees=[participant, wrong])
        assert list(session.attendees.all()) == []
        services.record_attendance(session=session, attendees=[participant])
        assert list(session.attendees.all()) == [participant]

    @pytest.mark.parametrize(("size", "ok"), [(1, False), (2, True), (4, True), (5, False)])
    def test_a_project_team_has_two_to_four_members(self, size, ok):
        team = ProjectTeamFactory()
        members = ApplicationFactory.create_batch(size, cohort=team.cohort, status=Status.ACCEPTED)
        if ok:
            services.set_project_team_members(team=team, members=members)
            assert team.members.count() == size
        else:
            with pytest.raises(TrainingError, match="2 bis 4 Mitglieder"):
                services.set_project_team_members(team=team, members=members)
            assert not team.members.exists()

    def test_a_project_team_takes_participants_of_its_cohort_in_no_other_team(self):
        cohort = CohortFactory(running=True)
        pair = ApplicationFactory.create_batch(2, cohort=cohort, status=Status.ACCEPTED)
        first = ProjectTeamFactory(cohort=cohort, members=pair)
        second = ProjectTeamFactory(cohort=cohort)
        newcomer = ApplicationFactory(cohort=cohort, status=Status.ACCEPTED)
        outsider = ApplicationFactory(cohort__running=True, status=Status.ACCEPTED)
        with pytest.raises(TrainingError, match="Bereits in einem anderen"):
            services.set_project_team_members(team=second, members=[pair[0], newcomer])
        with pytest.raises(TrainingError, match="Keine Teilnehmer"):
            services.set_project_team_members(team=second, members=[outsider, newcomer])
        # A team keeps its own members when it is saved again.
        services.set_project_team_members(team=first, members=[*pair, newcomer])
        assert first.members.count() == 3

    def test_staff_rate_once_and_change_only_their_own_rating(self):
        application = ApplicationFactory()
        one, other = UserFactory(is_staff=True), UserFactory(is_staff=True)
        review = services.rate(application=application, by=one, rating=4, comment="Gut")
        with pytest.raises(TrainingError, match="bereits bewertet"):
            services.rate(application=application, by=one, rating=2)
        with pytest.raises(TrainingError, match="nur Ihre eigene"):
            services.change_review(review=review, by=other, rating=1)
        with pytest.raises(TrainingError, match="nur Ihre eigene"):
            services.delete_review(review=review, by=other)
        services.change_review(review=review, by=one, rating=5, comment="Sehr gut")
        review.refresh_from_db()
        assert (review.reviewer, review.rating, review.comment) == (one, 5, "Sehr gut")
        with pytest.raises(TrainingError, match="kleiner oder gleich 5"):
            services.rate(application=application, by=other, rating=6)
