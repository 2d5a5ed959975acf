"""The training admin: screens load, status changes only through actions
that call the services, reviews, teams and attendance are validated."""

import pytest
from django.urls import reverse

from tests.factories import MunicipalityFactory
from tests.training.factories import (
    ApplicationFactory,
    CohortFactory,
    CohortSessionFactory,
    ModuleFactory,
    ProjectTeamFactory,
    ReviewFactory,
)
from training.models import (
    Application,
    Cohort,
    CohortSession,
    Programme,
    ProjectTeam,
    Review,
    SelectionDeviation,
)

pytestmark = pytest.mark.django_db

Status = Application.Status
MODELS = [Programme, Cohort, CohortSession, Application, ProjectTeam]


def admin_url(model, view, *args):
    return reverse(f"admin:training_{model._meta.model_name}_{view}", args=args)


@pytest.mark.parametrize("model", MODELS)
def test_staff_manage_every_training_record(client_for, staff, model):
    cohort = CohortFactory(running=True)
    ModuleFactory(programme=cohort.programme)
    CohortSessionFactory(cohort=cohort)
    members = ApplicationFactory.create_batch(2, cohort=cohort, status=Status.ACCEPTED)
    ReviewFactory(application=members[0])
    ProjectTeamFactory(cohort=cohort, members=members)
    client = client_for(staff)
    assert client.get(admin_url(model, "changelist")).status_code == 200
    assert client.get(admin_url(model, "changelist"), {"q": "a"}).status_code == 200
    obj = model.objects.first()
    assert client.get(admin_url(model, "change", obj.pk)).status_code == 200


def test_applications_arrive_through_the_portal_not_the_admin(client_for, staff):
    assert client_for(staff).get(admin_url(Application, "add")).status_code == 403


def test_the_cohort_list_counts_applications_and_links_the_staff_pages(client_for, staff):
    cohort = CohortFactory(confirmed=True)
    ApplicationFactory.create_batch(3, cohort=cohort, status=Status.ACCEPTED)
    ApplicationFactory(cohort=cohort, status=Status.WAITLISTED, waitlist_rank=1)
    ApplicationFactory(cohort=cohort, status=Status.REJECTED)
    client = client_for(staff)
    listed = client.get(admin_url(Cohort, "changelist")).context["cl"].result_list
    (row,) = listed
    assert (row.applications_count, row.accepted_count, row.waitlisted_count) == (5, 3, 1)
    change = client.get(admin_url(Cohort, "change", cohort.pk)).content.decode()
    assert reverse("training:selection", args=[cohort.pk]) in change
    assert reverse("training:report", args=[cohort.pk]) in change


def test_the_capacity_cannot_drop_below_the_places_taken(client_for, staff):
    cohort = CohortFactory(confirmed=True, capacity=4)
    ApplicationFactory.create_batch(3, cohort=cohort, status=Status.ACCEPTED)
    response = client_for(staff).post(
        admin_url(Cohort, "change", cohort.pk),
        {
            "programme": cohort.programme_id,
            "number": cohort.number,
            "starts_on": cohort.starts_on.isoformat(),
            "capacity": 2,
            "status": cohort.status,
            "applications_open_at_0": cohort.applications_open_at.strftime("%d.%m.%Y"),
            "applications_open_at_1": "00:00:00",
            "applications_close_at_0": cohort.applications_close_at.strftime("%d.%m.%Y"),
            "applications_close_at_1": "00:00:00",
            "offer_reply_days": 7,
            "sessions-TOTAL_FORMS": 0,
            "sessions-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 200
    assert "bereits 3 Plätze vergeben" in str(response.context["adminform"].form.errors)
    cohort.refresh_from_db()
    assert cohort.capacity == 4


def test_the_status_is_read_only_in_the_change_form(client_for, staff):
    application = ApplicationFactory(cohort__closed=True)
    client = client_for(staff)
    url = admin_url(Application, "change", application.pk)
    form = client.get(url).context["adminform"].form
    assert "status" not in form.fields
    assert "waitlist_rank" not in form.fields


def post_action(client, action, applications, reason=""):
    return client.post(
        admin_url(Application, "changelist"),
        {"action": action, "_selected_action": [a.pk for a in applications], "reason": reason},
        follow=True,
    )


def test_bulk_accepting_needs_a_reason(client_for, staff):
    cohort = CohortFactory(confirmed=True)
    waiting = ApplicationFactory(cohort=cohort, status=Status.WAITLISTED, waitlist_rank=1)
    response = post_action(client_for(staff), "accept", [waiting])
    assert "Begründung" in response.content.decode()
    waiting.refresh_from_db()
    assert waiting.status == Status.WAITLISTED


def test_bulk_accepting_stops_at_the_capacity(
    client_for, staff, mailoutbox, django_capture_on_commit_callbacks
):
    cohort = CohortFactory(confirmed=True, capacity=16)
    ApplicationFactory.create_batch(14, cohort=cohort, status=Status.ACCEPTED)
    waiting = [
        ApplicationFactory(cohort=cohort, status=Status.WAITLISTED, waitlist_rank=rank)
        for rank in range(1, 5)
    ]
    with django_capture_on_commit_callbacks(execute=True):
        response = post_action(client_for(staff), "accept", waiting, reason="Nachrücken")
    content = response.content.decode()
    assert "2 Entscheidungen festgehalten." in content
    assert "Alle 16 Plätze sind vergeben" in content
    assert cohort.applications.filter(status=Status.ACCEPTED).count() == 16
    assert len(mailoutbox) == 2


def test_bulk_decisions_before_confirmation_become_deviations(client_for, staff):
    application = ApplicationFactory(cohort__closed=True)
    post_action(client_for(staff), "reject", [application], reason="Doppelbewerbung")
    application.refresh_from_db()
    assert application.status == Status.SUBMITTED
    assert application.deviation.decision == SelectionDeviation.Decision.REJECT


def test_the_csv_export_lists_the_selected_applications(client_for, staff):
    applications = ApplicationFactory.create_batch(2, employer_name="=HYPERLINK(1)")
    ReviewFactory(application=applications[0], rating=4)
    response = post_action(client_for(staff), "export_csv", applications)
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeffName;E-Mail-Adresse;Durchgang;")
    assert applications[0].applicant.email in text
    assert "'=HYPERLINK(1)" in text  # not a formula in Excel
    assert ";4,0;1" in text


def test_a_review_belongs_to_the_staff_member_who_wrote_it(client_for, staff):
    application = ApplicationFactory()
    url = admin_url(Application, "change", application.pk)
    client = client_for(staff)
    form = client.get(url).context["adminform"].form
    data = {
        name: value
        for name, value in form.initial.items()
        if name in form.fields and value is not None
    }
    data.update(
        {
            "employer_release_confirmed": "on",
            "municipality": application.municipality_id,
            "reviews-TOTAL_FORMS": 1,
            "reviews-INITIAL_FORMS": 0,
            "reviews-0-rating": 4,
            "reviews-0-comment": "Überzeugend",
            "status_changes-TOTAL_FORMS": 0,
            "status_changes-INITIAL_FORMS": 0,
        }
    )
    data.pop("listed_in_alumni_directory", None)
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    review = Review.objects.get(application=application)
    assert (review.reviewer, review.rating) == (staff, 4)
    data.update(
        {
            "reviews-TOTAL_FORMS": 2,
            "reviews-INITIAL_FORMS": 1,
            "reviews-0-id": review.pk,
            "reviews-0-application": application.pk,
            "reviews-0-rating": 4,
            "reviews-1-rating": 2,
        }
    )
    response = client.post(url, data)
    assert response.status_code == 200  # a second rating by the same person is refused
    (reviews,) = [
        f for f in response.context["inline_admin_formsets"] if f.formset.prefix == "reviews"
    ]
    assert "bereits bewertet" in str(reviews.formset.non_form_errors())
    assert Review.objects.filter(application=application).count() == 1


def team_form_data(cohort, members, title="Sicherer Schulweg"):
    return {
        "cohort": cohort.pk,
        "title": title,
        "municipality": MunicipalityFactory().pk,
        "members": [m.pk for m in members],
        "description": "Ein Projekt.",
        "status": ProjectTeam.Status.IDEA,
    }


@pytest.mark.parametrize(
    ("size", "ok"), [(1, False), (2, True), (4, True), (5, False)], ids=lambda v: str(v)
)
def test_a_project_team_has_two_to_four_participants(client_for, staff, size, ok):
    cohort = CohortFactory(running=True)
    members = ApplicationFactory.create_batch(size, cohort=cohort, status=Status.ACCEPTED)
    response = client_for(staff).post(
        admin_url(ProjectTeam, "add"), team_form_data(cohort, members)
    )
    assert ProjectTeam.objects.exists() == ok
    if not ok:
        assert "2 bis 4 Mitglieder" in str(response.context["adminform"].form.errors)


def test_a_project_team_takes_only_participants_of_its_cohort_once(client_for, staff):
    cohort = CohortFactory(running=True)
    members = ApplicationFactory.create_batch(2, cohort=cohort, status=Status.ACCEPTED)
    outsider = ApplicationFactory(cohort__running=True, status=Status.ACCEPTED)
    applicant = ApplicationFactory(cohort=cohort)
    ProjectTeamFactory(cohort=cohort, members=members)
    client = client_for(staff)
    response = client.post(
        admin_url(ProjectTeam, "add"),
        team_form_data(cohort, [members[0], outsider, applicant], title="Zweites Projekt"),
    )
    errors = str(response.context["adminform"].form.errors)
    assert "Keine Teilnehmer*innen" in errors
    assert "Bereits in einem anderen Projektteam" in errors
    assert ProjectTeam.objects.count() == 1


def test_attendance_is_ticked_among_the_cohorts_participants(client_for, staff):
    session = CohortSessionFactory(cohort=CohortFactory(running=True))
    participant = ApplicationFactory(cohort=session.cohort, status=Status.ACCEPTED)
    ApplicationFactory(cohort=session.cohort)  # not a participant
    ApplicationFactory(cohort__running=True, status=Status.ACCEPTED)  # another cohort
    client = client_for(staff)
    url = admin_url(CohortSession, "change", session.pk)
    choices = list(client.get(url).context["adminform"].form.fields["attendees"].queryset)
    assert choices == [participant]
    response = client.post(
        url,
        {
            "cohort": session.cohort_id,
            "module": session.module_id,
            "starts_at_0": session.starts_at.strftime("%d.%m.%Y"),
            "starts_at_1": "14:00:00",
            "ends_at_0": session.ends_at.strftime("%d.%m.%Y"),
            "ends_at_1": "16:00:00",
            "venue": session.venue,
            "attendees": [participant.pk],
        },
    )
    assert response.status_code == 302
    assert list(session.attendees.all()) == [participant]


def test_confirming_completion_from_the_admin(client_for, staff):
    cohort = CohortFactory(running=True)
    sessions = CohortSessionFactory.create_batch(7, cohort=cohort)
    pair = ApplicationFactory.create_batch(2, cohort=cohort, status=Status.ACCEPTED)
    ProjectTeamFactory(cohort=cohort, members=pair)
    for session in sessions:
        session.attendees.add(pair[0])
    response = post_action(client_for(staff), "confirm_completion", pair)
    content = response.content.decode()
    assert "1 Abschluss bestätigt" in content
    assert "0 von 7 geforderten Wochenenden" in content
    pair[0].refresh_from_db()
    assert pair[0].completed_on is not None


@pytest.mark.parametrize("model", [Application, Cohort])
def test_the_lists_run_a_constant_number_of_queries(
    client_for, staff, model, django_assert_max_num_queries
):
    cohort = CohortFactory(confirmed=True)
    ApplicationFactory.create_batch(3, cohort=cohort, status=Status.ACCEPTED)
    client = client_for(staff)
    with django_assert_max_num_queries(20) as few:
        client.get(admin_url(model, "changelist"))
    for _ in range(10):
        more = CohortFactory(confirmed=True)
        ApplicationFactory.create_batch(3, cohort=more, status=Status.ACCEPTED)
        ReviewFactory(application=more.applications.first())
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(admin_url(model, "changelist"))


def test_staff_filter_applications_by_cohort_status_and_kind(client_for, staff):
    cohort = CohortFactory(closed=True)
    mine = ApplicationFactory(cohort=cohort, police=True)
    ApplicationFactory(cohort=cohort)
    ApplicationFactory(police=True)
    client = client_for(staff)

    def found(**query):
        response = client.get(admin_url(Application, "changelist"), query)
        return set(response.context["cl"].queryset)

    assert found(cohort=cohort.pk, employer_kind__exact="state_police") == {mine}
    assert found(cohort=cohort.pk, status__exact="submitted", reviewed="no") == set(
        cohort.applications.all()
    )


def test_the_cohort_filter_offers_the_latest_cohorts_and_the_one_chosen(client_for, staff):
    from datetime import timedelta

    from django.utils import timezone

    from training.admin import CohortFilter

    today = timezone.localdate()
    cohorts = [
        CohortFactory(starts_on=today - timedelta(days=365 * age))
        for age in range(CohortFilter.RECENT_COHORTS + 2)
    ]
    oldest = cohorts[-1]
    ApplicationFactory(cohort=oldest)
    client = client_for(staff)

    def offered(**query):
        response = client.get(admin_url(Application, "changelist"), query)
        (spec,) = [f for f in response.context["cl"].filter_specs if isinstance(f, CohortFilter)]
        return [str(pk) for pk, _label in spec.lookup_choices], response

    choices, _response = offered()
    assert choices == [str(cohort.pk) for cohort in cohorts[: CohortFilter.RECENT_COHORTS]]
    choices, response = offered(cohort=oldest.pk)
    assert choices[-1] == str(oldest.pk)
    assert str(oldest) in response.content.decode()
    assert len(response.context["cl"].result_list) == 1


def test_applications_holding_a_place_cannot_be_deleted(client_for, staff):
    accepted = ApplicationFactory(accepted=True)
    withdrawn = ApplicationFactory(status=Application.Status.WITHDRAWN)
    client = client_for(staff)
    delete = "admin:training_application_delete"
    assert client.get(reverse(delete, args=[accepted.pk])).status_code == 403
    assert client.get(reverse(delete, args=[withdrawn.pk])).status_code == 200


def test_staff_cannot_change_a_colleagues_rating_in_the_admin(client_for, staff):
    application = ApplicationFactory()
    colleagues = ReviewFactory(application=application, rating=3)
    url = admin_url(Application, "change", application.pk)
    client = client_for(staff)
    form = client.get(url).context["adminform"].form
    data = {
        name: value
        for name, value in form.initial.items()
        if name in form.fields and value is not None
    }
    data.pop("listed_in_alumni_directory", None)
    data.update(
        {
            "employer_release_confirmed": "on",
            "municipality": application.municipality_id,
            "reviews-TOTAL_FORMS": 1,
            "reviews-INITIAL_FORMS": 1,
            "reviews-0-id": colleagues.pk,
            "reviews-0-application": application.pk,
            "reviews-0-rating": 1,
            "status_changes-TOTAL_FORMS": 0,
            "status_changes-INITIAL_FORMS": 0,
        }
    )
    response = client.post(url, data)
    assert response.status_code == 200
    assert "nur Ihre eigene Bewertung" in response.content.decode()
    colleagues.refresh_from_db()
    assert colleagues.rating == 3
