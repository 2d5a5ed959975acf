"""The pages of training: who may see what, the application form, and the
staff pages, through the views."""

from datetime import timedelta
from urllib.parse import quote

import pytest
from django.test import Client
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from tests.factories import MunicipalityFactory, UserFactory
from tests.training.factories import (
    ApplicationFactory,
    CohortFactory,
    CohortSessionFactory,
    ExternalProgrammeFactory,
    ProgrammeFactory,
    ProjectTeamFactory,
    ReviewFactory,
    application_data,
)
from training import alumni
from training.models import Application, SelectionDeviation

pytestmark = pytest.mark.django_db

Status = Application.Status
PEOPLE = ["anonymous", "applicant", "other_applicant", "participant", "alumnus", "staff"]


@pytest.fixture
def world(applicant, staff):
    """An open cohort with two applications, a running cohort with a
    participant, and an alumnus of an earlier cohort."""
    open_cohort = CohortFactory()
    own = ApplicationFactory(cohort=open_cohort, applicant=applicant)
    other = ApplicationFactory(cohort=open_cohort)
    running = CohortFactory(running=True)
    CohortSessionFactory.create_batch(2, cohort=running)
    participation = ApplicationFactory(cohort=running, status=Status.ACCEPTED)
    completed = CohortFactory(running=True, starts_on=timezone.localdate() - timedelta(days=400))
    graduation = ApplicationFactory(cohort=completed, graduated=True)
    return {
        "open_cohort": open_cohort,
        "running": running,
        "own": own,
        "graduation": graduation,
        "people": {
            "anonymous": None,
            "applicant": applicant,
            "other_applicant": other.applicant,
            "participant": participation.applicant,
            "alumnus": graduation.applicant,
            "staff": staff,
        },
    }


def get_as(client_for, world, who, url):
    return client_for(world["people"][who]).get(url)


def expect(response, expected):
    if expected == "login":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login") + "?next=")
    else:
        assert response.status_code == expected


class TestWhoMaySeeWhat:
    @pytest.mark.parametrize("who", PEOPLE)
    def test_the_programme_pages_are_public(self, client_for, world, who):
        ExternalProgrammeFactory()
        for url in ["/training/", "/training/beccaria/", "/training/praeventionsmanagement/"]:
            assert get_as(client_for, world, who, url).status_code == 200

    @pytest.mark.parametrize(
        ("who", "expected"),
        [("anonymous", "login")] + [(who, 200) for who in PEOPLE[1:]],
    )
    def test_applying_needs_an_account(self, client_for, world, who, expected):
        cohort = CohortFactory()
        expect(
            get_as(client_for, world, who, reverse("training:apply", args=[cohort.pk])), expected
        )

    def test_an_anonymous_visitor_comes_back_to_the_form_after_logging_in(self, client):
        cohort = CohortFactory()
        url = reverse("training:apply", args=[cohort.pk])
        response = client.get(url)
        assert response["Location"] == f"{reverse('account_login')}?next={url}"
        login_page = client.get(response["Location"]).content.decode()
        assert f"{reverse('account_signup')}?next={quote(url, safe='')}" in login_page

    @pytest.mark.parametrize(
        ("who", "expected"),
        [
            ("anonymous", "login"),
            ("applicant", 200),
            ("other_applicant", 404),
            ("participant", 404),
            ("alumnus", 404),
            ("staff", 404),
        ],
    )
    @pytest.mark.parametrize("page", ["edit_application", "withdraw", "offer"])
    def test_nobody_sees_another_persons_application(self, client_for, world, page, who, expected):
        url = reverse(f"training:{page}", args=[world["own"].pk])
        expect(get_as(client_for, world, who, url), expected)

    @pytest.mark.parametrize("who", PEOPLE[1:])
    def test_my_applications_lists_only_ones_own(self, client_for, world, who):
        response = get_as(client_for, world, who, reverse("training:my_applications"))
        listed = list(response.context["applications"])
        assert all(application.applicant == world["people"][who] for application in listed)
        if who == "applicant":
            assert listed == [world["own"]]

    def test_my_applications_sends_anonymous_visitors_to_the_login(self, client):
        expect(client.get("/me/applications/"), "login")

    def test_my_applications_is_named_in_the_training_namespace(self):
        assert reverse("training:my_applications") == "/me/applications/"
        with pytest.raises(NoReverseMatch):
            reverse("my_applications")

    @pytest.mark.parametrize(
        ("who", "shown"),
        [
            ("anonymous", False),
            ("applicant", False),
            ("participant", False),
            ("alumnus", True),
            ("staff", True),
        ],
    )
    def test_the_navigation_links_the_alumni_directory_for_alumni_and_staff(
        self, client_for, world, who, shown
    ):
        content = get_as(client_for, world, who, reverse("home")).content.decode()
        link = f'<a href="{reverse("training:alumni")}"'
        assert (link in content) is shown

    def test_the_directory_page_and_its_navigation_ask_once_who_is_an_alumnus(
        self, client_for, world, monkeypatch
    ):
        asked = []
        is_alumnus = alumni.is_alumnus
        monkeypatch.setattr(
            alumni, "is_alumnus", lambda user: asked.append(user) or is_alumnus(user)
        )
        response = get_as(client_for, world, "alumnus", reverse("training:alumni"))
        assert response.status_code == 200
        content = response.content.decode()
        assert f'<a href="{reverse("training:alumni")}" aria-current="page">' in content
        assert content.count('aria-current="page"') == 1  # not "Training" as well
        assert len(asked) == 1

    @pytest.mark.parametrize(
        ("who", "expected"),
        [
            ("anonymous", "login"),
            ("applicant", 404),
            ("other_applicant", 404),
            ("participant", 200),
            ("alumnus", 404),
            ("staff", 200),
        ],
    )
    @pytest.mark.parametrize("page", ["cohort_detail", "cohort_calendar"])
    def test_a_cohort_page_is_for_its_participants_and_staff(
        self, client_for, world, page, who, expected
    ):
        url = reverse(f"training:{page}", args=[world["running"].pk])
        expect(get_as(client_for, world, who, url), expected)

    @pytest.mark.parametrize(
        ("who", "expected"),
        [("anonymous", "login")] + [(who, 404) for who in PEOPLE[1:5]] + [("staff", 200)],
    )
    @pytest.mark.parametrize("page", ["selection", "report", "report_csv", "completion"])
    def test_staff_pages_are_for_staff_only(self, client_for, world, page, who, expected):
        url = reverse(f"training:{page}", args=[world["open_cohort"].pk])
        expect(get_as(client_for, world, who, url), expected)

    @pytest.mark.parametrize(
        ("who", "expected"),
        [("anonymous", "login")] + [(who, 404) for who in PEOPLE[1:5]] + [("staff", 200)],
    )
    def test_the_page_for_deciding_differently_is_for_staff_only(
        self, client_for, world, who, expected
    ):
        url = reverse("training:change_decision", args=[world["own"].pk])
        expect(get_as(client_for, world, who, url), expected)

    @pytest.mark.parametrize("who", PEOPLE[1:5])
    @pytest.mark.parametrize("action", ["confirm_selection", "change_decision", "remove_deviation"])
    def test_staff_actions_answer_404_to_everybody_else(self, client_for, world, who, action):
        target = world["open_cohort"] if action == "confirm_selection" else world["own"]
        url = reverse(f"training:{action}", args=[target.pk])
        response = client_for(world["people"][who]).post(
            url, {f"a{target.pk}-decision": "accepted", f"a{target.pk}-reason": "x"}
        )
        assert response.status_code == 404
        assert not SelectionDeviation.objects.exists()

    @pytest.mark.parametrize(
        ("who", "expected"),
        [
            ("anonymous", "login"),
            ("applicant", 403),
            ("other_applicant", 403),
            ("participant", 403),
            ("alumnus", 200),
            ("staff", 200),
        ],
    )
    def test_the_alumni_directory_is_for_alumni_and_staff(self, client_for, world, who, expected):
        response = get_as(client_for, world, who, reverse("training:alumni"))
        expect(response, expected)
        if expected == 403:
            assert "Beccarianer*innen" in response.content.decode()

    @pytest.mark.parametrize(
        ("who", "expected"),
        [
            ("anonymous", "login"),
            ("applicant", 404),
            ("other_applicant", 404),
            ("participant", 404),
            ("alumnus", 200),
            ("staff", 200),
        ],
    )
    def test_a_certificate_is_for_its_graduate_and_staff(self, client_for, world, who, expected):
        url = reverse("training:certificate", args=[world["graduation"].pk])
        response = get_as(client_for, world, who, url)
        expect(response, expected)
        if expected == 200:
            assert response["Content-Type"] == "application/pdf"


class TestApplicationForm:
    def url(self, cohort):
        return reverse("training:apply", args=[cohort.pk])

    def test_a_valid_application_is_sent_confirmed_and_listed(
        self, client_for, applicant, mailoutbox, django_capture_on_commit_callbacks
    ):
        cohort = CohortFactory()
        with django_capture_on_commit_callbacks(execute=True):
            response = client_for(applicant).post(self.url(cohort), application_data(), follow=True)
        assert response.redirect_chain[-1][0] == reverse("training:my_applications")
        content = response.content.decode()
        assert "Ihre Bewerbung ist angekommen" in content
        application = Application.objects.get(applicant=applicant)
        assert application.employer_name == "Stadtverwaltung Riesa, Ordnungsamt"
        assert application.status == Status.SUBMITTED
        assert [mail.to for mail in mailoutbox] == [[applicant.email]]

    def test_the_form_shows_the_consent_text_and_its_version(self, client_for, applicant):
        content = client_for(applicant).get(self.url(CohortFactory())).content.decode()
        assert "Landespräventionsrat Sachsen die Daten dieser Bewerbung" in content
        assert "Fassung 2026-11" in content
        assert "Mindestens 200 Zeichen." in content

    def test_the_form_speaks_the_language_of_the_person(self, client_for):
        english = UserFactory(preferred_language="en")
        content = client_for(english).get(self.url(CohortFactory())).content.decode()
        assert "Version 2026-11 of the text on data processing." in content
        assert "At least 200 characters." in content

    @pytest.mark.parametrize(
        ("field", "value", "message"),
        [
            ("employer_name", "", "Bitte nennen Sie Ihren Arbeitgeber."),
            ("employer_kind", "", "Bitte wählen Sie die Art Ihres Arbeitgebers."),
            ("employer_kind", "feuerwehr", "gültige Auswahl"),
            ("municipality", "", "Bitte wählen Sie die Kommune, für die Sie tätig sind."),
            ("function", "", "Bitte nennen Sie Ihre Funktion."),
            ("motivation", "", "Bitte beschreiben Sie Ihre Motivation."),
            ("motivation", "Ich will.", "mindestens 200 Zeichen (bisher 9)"),
            ("supervisor_name", "", "Bitte nennen Sie Ihre*n Vorgesetzte*n."),
            ("supervisor_email", "", "Bitte geben Sie die E-Mail-Adresse"),
            ("supervisor_email", "chefin@", "Bitte geben Sie eine gültige E-Mail-Adresse an"),
            ("employer_release_confirmed", None, "freistellen; bitte bestätigen Sie dies"),
            ("consent", None, "Bitte stimmen Sie der Verarbeitung Ihrer Daten zu."),
        ],
    )
    def test_each_bad_field_is_named_and_everything_typed_is_kept(
        self, client_for, applicant, field, value, message
    ):
        data = application_data()
        if value is None:
            del data[field]
        else:
            data[field] = value
        response = client_for(applicant).post(self.url(CohortFactory()), data)
        assert response.status_code == 200
        assert message in " ".join(response.context["form"].errors[field])
        content = response.content.decode()
        assert "field--error" in content
        typed = ["employer_name", "function", "motivation", "project_idea", "supervisor_name"]
        for name in typed:
            if name != field:
                assert data[name] in content, name
        assert not Application.objects.exists()

    def test_the_supervisor_is_not_the_applicant(self, client_for, applicant):
        data = application_data(supervisor_email=applicant.email)
        response = client_for(applicant).post(self.url(CohortFactory()), data)
        assert "nicht Ihre eigene" in " ".join(response.context["form"].errors["supervisor_email"])

    def test_outside_the_window_the_page_says_so_and_takes_nothing(self, client_for, applicant):
        cohort = CohortFactory(closed=True)
        page = client_for(applicant).get(self.url(cohort))
        assert "Die Bewerbungsfrist endete am" in page.content.decode()
        client_for(applicant).post(self.url(cohort), application_data())
        assert not Application.objects.exists()

    def test_applying_twice_leads_to_the_existing_application(self, client_for, applicant):
        application = ApplicationFactory(applicant=applicant)
        response = client_for(applicant).get(self.url(application.cohort))
        assert response["Location"] == reverse("training:edit_application", args=[application.pk])
        response = client_for(applicant).post(self.url(application.cohort), application_data())
        assert Application.objects.filter(applicant=applicant).count() == 1

    def test_the_applicant_edits_the_application_until_the_deadline(self, client_for, applicant):
        application = ApplicationFactory(applicant=applicant)
        url = reverse("training:edit_application", args=[application.pk])
        form = client_for(applicant).get(url).context["form"]
        assert form["consent"].value()  # agreed to this version already
        response = client_for(applicant).post(
            url, application_data(function="Leiterin Ordnungsamt"), follow=True
        )
        assert "Ihre Änderungen wurden gespeichert." in response.content.decode()
        application.refresh_from_db()
        assert application.function == "Leiterin Ordnungsamt"

    def test_after_the_deadline_the_application_is_read_only(self, client_for, applicant):
        application = ApplicationFactory(applicant=applicant, cohort__closed=True)
        url = reverse("training:edit_application", args=[application.pk])
        response = client_for(applicant).post(url, application_data(function="Neu"), follow=True)
        assert "kann nicht mehr geändert werden" in response.content.decode()
        application.refresh_from_db()
        assert application.function != "Neu"

    def test_withdrawing_asks_first_and_then_withdraws(self, client_for, applicant):
        application = ApplicationFactory(applicant=applicant)
        url = reverse("training:withdraw", args=[application.pk])
        page = client_for(applicant).get(url)
        assert "nicht rückgängig" in page.content.decode()
        application.refresh_from_db()
        assert application.status == Status.SUBMITTED
        response = client_for(applicant).post(url, follow=True)
        assert "Ihre Bewerbung wurde zurückgezogen" in response.content.decode()
        application.refresh_from_db()
        assert application.status == Status.WITHDRAWN

    def test_withdrawing_needs_the_csrf_token(self, applicant):
        application = ApplicationFactory(applicant=applicant)
        client = Client(enforce_csrf_checks=True)
        client.force_login(applicant)
        response = client.post(reverse("training:withdraw", args=[application.pk]))
        assert response.status_code == 403
        application.refresh_from_db()
        assert application.status == Status.SUBMITTED


class TestMyApplicationsAndOffers:
    def test_the_waiting_list_position_is_shown(self, client_for, applicant):
        cohort = CohortFactory(confirmed=True)
        ApplicationFactory(cohort=cohort, status=Status.WAITLISTED, waitlist_rank=3)
        ApplicationFactory(cohort=cohort, status=Status.WITHDRAWN)
        ApplicationFactory(applicant=applicant, cohort=cohort, status=Status.WAITLISTED,
                           waitlist_rank=7)  # fmt: skip
        content = client_for(applicant).get(reverse("training:my_applications")).content.decode()
        assert "Warteliste Platz 2" in content

    def test_an_open_offer_is_answered_without_javascript(
        self, client_for, applicant, mailoutbox, django_capture_on_commit_callbacks
    ):
        cohort = CohortFactory(confirmed=True)
        application = ApplicationFactory(applicant=applicant, cohort=cohort, offered=True)
        client = client_for(applicant)
        listed = client.get(reverse("training:my_applications")).content.decode()
        assert reverse("training:offer", args=[application.pk]) in listed
        page = client.get(reverse("training:offer", args=[application.pk])).content.decode()
        accept_url = reverse("training:accept_offer", args=[application.pk])
        assert f'<form method="post" action="{accept_url}">' in page
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(accept_url, follow=True)
        assert "Willkommen im Durchgang" in response.content.decode()
        application.refresh_from_db()
        assert application.status == Status.ACCEPTED
        assert len(mailoutbox) == 1

    def test_declining_through_the_page(self, client_for, applicant):
        cohort = CohortFactory(confirmed=True)
        application = ApplicationFactory(applicant=applicant, cohort=cohort, offered=True)
        client_for(applicant).post(reverse("training:decline_offer", args=[application.pk]))
        application.refresh_from_db()
        assert application.status == Status.WITHDRAWN

    def test_answering_needs_post(self, client_for, applicant):
        application = ApplicationFactory(applicant=applicant)
        url = reverse("training:accept_offer", args=[application.pk])
        assert client_for(applicant).get(url).status_code == 405

    def test_my_applications_runs_a_constant_number_of_queries(
        self, client_for, applicant, django_assert_max_num_queries
    ):
        for _ in range(3):
            application = ApplicationFactory(applicant=applicant, cohort__confirmed=True,
                                             status=Status.WAITLISTED, waitlist_rank=1)  # fmt: skip
        client = client_for(applicant)
        with django_assert_max_num_queries(8):
            client.get(reverse("training:my_applications"))
        for _ in range(10):
            ApplicationFactory(applicant=applicant)
        with django_assert_max_num_queries(8):
            response = client.get(reverse("training:my_applications"))
        assert len(response.context["applications"]) == 13
        assert application.pk


class TestPublicPages:
    def test_a_programme_page_shows_modules_cohorts_weekends_and_whether_one_can_apply(
        self, client
    ):
        programme = ProgrammeFactory()
        cohort = CohortFactory(programme=programme)
        sessions = CohortSessionFactory.create_batch(8, cohort=cohort)
        CohortFactory(programme=programme, closed=True)
        content = client.get(programme.get_absolute_url()).content.decode()
        assert f"<h3>Modul {sessions[0].module.number}: {sessions[0].module.title}</h3>" in content
        assert content.count("<tr>") >= 8
        assert reverse("training:apply", args=[cohort.pk]) in content
        assert "beendet" in content  # the closed cohort

    def test_an_external_programme_links_out(self, client):
        programme = ExternalProgrammeFactory()
        content = client.get(programme.get_absolute_url()).content.decode()
        assert 'href="https://www.tu-chemnitz.de"' in content
        assert "Nächste Durchgänge" not in content

    def test_the_programme_list_runs_a_constant_number_of_queries(
        self, client, django_assert_max_num_queries
    ):
        ExternalProgrammeFactory()
        CohortFactory.create_batch(3)
        with django_assert_max_num_queries(5):
            response = client.get(reverse("training:programme_list"))
        assert "Bewerbung bis" in response.content.decode()

    def test_the_navigation_links_to_training_for_everybody(self, client):
        assert 'href="/training/"' in client.get("/").content.decode()


class TestCohortPage:
    def test_participants_see_weekends_teams_and_get_all_eight_as_ics(self, client_for):
        cohort = CohortFactory(running=True)
        sessions = CohortSessionFactory.create_batch(8, cohort=cohort)
        participant, partner = ApplicationFactory.create_batch(
            2, cohort=cohort, status=Status.ACCEPTED
        )
        ProjectTeamFactory(cohort=cohort, title="Sicherer Schulweg", members=[participant, partner])
        client = client_for(participant.applicant)
        content = client.get(cohort.get_absolute_url()).content.decode()
        assert "Sicherer Schulweg" in content
        assert partner.applicant.last_name in content
        assert sessions[0].venue in content
        calendar = client.get(reverse("training:cohort_calendar", args=[cohort.pk]))
        assert calendar["Content-Type"].startswith("text/calendar")
        assert calendar.content.decode().count("BEGIN:VEVENT") == 8


class TestSelectionPage:
    def url(self, cohort):
        return reverse("training:selection", args=[cohort.pk])

    def test_shows_counts_per_kind_and_the_proposal(self, client_for, staff):
        cohort = CohortFactory(closed=True, capacity=2)
        ApplicationFactory.create_batch(2, cohort=cohort)
        ApplicationFactory(cohort=cohort, police=True)
        response = client_for(staff).get(self.url(cohort))
        kinds = {label: (count, proposed) for label, count, proposed in response.context["kinds"]}
        assert kinds["Kommunalverwaltung"] == (2, 2)
        assert kinds["Landespolizei"] == (1, 0)
        decisions = [row.decision for row in response.context["rows"]]
        assert decisions == [Status.ACCEPTED, Status.ACCEPTED, Status.WAITLISTED]
        assert "Auswahl bestätigen" in response.content.decode()

    def test_each_row_links_to_its_own_page_for_deciding_differently(self, client_for, staff):
        cohort = CohortFactory(closed=True)
        application = ApplicationFactory(cohort=cohort)
        client = client_for(staff)
        content = client.get(self.url(cohort)).content.decode()
        decide = reverse("training:change_decision", args=[application.pk])
        assert f'href="{decide}"' in content
        assert "<textarea" not in content  # no form in every row

        page = client.get(decide)
        assert page.status_code == 200
        assert page.context["row"].decision == Status.ACCEPTED
        assert page.context["form"]["decision"].value() == Status.ACCEPTED
        assert str(application.applicant) in page.content.decode()

    def test_a_deviation_without_a_reason_is_refused_next_to_the_field(self, client_for, staff):
        cohort = CohortFactory(closed=True)
        application = ApplicationFactory(cohort=cohort)
        response = client_for(staff).post(
            reverse("training:change_decision", args=[application.pk]),
            {f"a{application.pk}-decision": "rejected", f"a{application.pk}-reason": ""},
        )
        assert response.status_code == 200
        form = response.context["form"]
        assert "Bitte begründen Sie die Abweichung." in form.errors["reason"]
        assert form["decision"].value() == "rejected"
        assert response.content.decode().count("<title>Fehler: ") == 1
        assert not SelectionDeviation.objects.exists()

    def test_a_deviation_with_a_reason_is_recorded(self, client_for, staff):
        cohort = CohortFactory(closed=True)
        application = ApplicationFactory(cohort=cohort)
        response = client_for(staff).post(
            reverse("training:change_decision", args=[application.pk]),
            {f"a{application.pk}-decision": "rejected", f"a{application.pk}-reason": "Doppelt"},
            follow=True,
        )
        assert response.redirect_chain[-1][0].endswith(f"#application-{application.pk}")
        assert "mit Begründung festgehalten" in response.content.decode()
        assert application.deviation.reason == "Doppelt"
        again = response.client.get(reverse("training:change_decision", args=[application.pk]))
        assert again.context["form"]["decision"].value() == "rejected"
        assert "Doppelt" in again.content.decode()

    def test_a_withdrawn_application_is_not_decided(self, client_for, staff):
        application = ApplicationFactory(cohort=CohortFactory(closed=True), status=Status.WITHDRAWN)
        url = reverse("training:change_decision", args=[application.pk])
        assert client_for(staff).get(url).status_code == 404

    def test_confirming_sets_statuses_and_tells_everyone(
        self, client_for, staff, mailoutbox, django_capture_on_commit_callbacks
    ):
        cohort = CohortFactory(closed=True, capacity=16)
        ApplicationFactory.create_batch(20, cohort=cohort)
        with django_capture_on_commit_callbacks(execute=True):
            response = client_for(staff).post(
                reverse("training:confirm_selection", args=[cohort.pk]), follow=True
            )
        assert "16 angenommen, 4 auf der Warteliste" in response.content.decode()
        assert cohort.applications.filter(status=Status.ACCEPTED).count() == 16
        assert len(mailoutbox) == 20

    def test_after_confirmation_the_page_refuses_a_17th_participant(self, client_for, staff):
        cohort = CohortFactory(confirmed=True, capacity=16)
        ApplicationFactory.create_batch(16, cohort=cohort, status=Status.ACCEPTED)
        waiting = ApplicationFactory(cohort=cohort, status=Status.WAITLISTED, waitlist_rank=1)
        response = client_for(staff).post(
            reverse("training:change_decision", args=[waiting.pk]),
            {f"a{waiting.pk}-decision": "accepted", f"a{waiting.pk}-reason": "Sehr gut"},
        )
        form = response.context["form"]
        assert "Alle 16 Plätze sind vergeben" in str(form.non_field_errors())
        assert cohort.applications.filter(status=Status.ACCEPTED).count() == 16

    def test_runs_a_constant_number_of_queries(
        self, client_for, staff, django_assert_max_num_queries
    ):
        cohort = CohortFactory(closed=True)
        for application in ApplicationFactory.create_batch(5, cohort=cohort):
            ReviewFactory(application=application)
        client = client_for(staff)
        with django_assert_max_num_queries(12):
            client.get(self.url(cohort))
        ApplicationFactory.create_batch(25, cohort=cohort, municipality=MunicipalityFactory())
        with django_assert_max_num_queries(12):
            response = client.get(self.url(cohort))
        assert len(response.context["rows"]) == 30


class TestReport:
    def test_counts_rates_and_demand_per_kind_of_employer(self, client_for, staff):
        cohort = CohortFactory(confirmed=True, capacity=4)
        ApplicationFactory.create_batch(3, cohort=cohort, status=Status.ACCEPTED)
        ApplicationFactory(cohort=cohort, status=Status.WITHDRAWN)
        ApplicationFactory(cohort=cohort, police=True, status=Status.ACCEPTED)
        ApplicationFactory(cohort=cohort, police=True, status=Status.WAITLISTED, waitlist_rank=1)
        ApplicationFactory.create_batch(2, cohort=cohort, independent=True, status=Status.REJECTED)
        report = (
            client_for(staff).get(reverse("training:report", args=[cohort.pk])).context["report"]
        )
        municipal, state_police, _federal, independent, _other = report.rows
        assert (municipal.applications, municipal.accepted, municipal.withdrawn) == (4, 3, 1)
        assert municipal.acceptance_rate == 75
        assert state_police.acceptance_rate == 50
        assert independent.rejected == 2 and independent.acceptance_rate == 0
        assert report.total.applications == 8
        assert report.total.accepted == 4
        assert report.total.acceptance_rate == 50
        assert report.total.demand_ratio == 2

    def test_the_csv_opens_in_german_excel(self, client_for, staff):
        cohort = CohortFactory(confirmed=True, capacity=16)
        ApplicationFactory.create_batch(2, cohort=cohort, status=Status.ACCEPTED)
        ApplicationFactory(cohort=cohort, status=Status.REJECTED)
        response = client_for(staff).get(reverse("training:report_csv", args=[cohort.pk]))
        assert response["Content-Type"] == "text/csv; charset=utf-8"
        assert "attachment" in response["Content-Disposition"]
        text = response.content.decode("utf-8")
        assert text.startswith("\ufeffDurchgang;Art des Arbeitgebers;Bewerbungen;")
        municipal = next(line for line in text.splitlines() if ";Kommunalverwaltung;" in line)
        assert municipal.endswith(";66,7;0,19")
        assert text.splitlines()[-1].split(";")[1] == "Alle Bewerbungen"


class TestCompletionPage:
    def test_staff_see_who_meets_the_rule_and_confirm(
        self, client_for, staff, mailoutbox, django_capture_on_commit_callbacks
    ):
        cohort = CohortFactory(running=True)
        sessions = CohortSessionFactory.create_batch(8, cohort=cohort)
        good, short = ApplicationFactory.create_batch(2, cohort=cohort, status=Status.ACCEPTED)
        ProjectTeamFactory(cohort=cohort, members=[good, short])
        for session in sessions:
            session.attendees.add(good)
        sessions[0].attendees.add(short)
        url = reverse("training:completion", args=[cohort.pk])
        client = client_for(staff)
        rows = dict(client.get(url).context["rows"])
        assert rows[good] == []
        assert rows[short] == ["1 von 7 geforderten Wochenenden besucht"]
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(url, {"confirm": [good.pk, short.pk]}, follow=True)
        content = response.content.decode()
        assert "1 Abschluss bestätigt" in content
        assert "erfüllt die Abschlussregel nicht" in content
        good.refresh_from_db()
        short.refresh_from_db()
        assert good.completed_on and not short.completed_on
        assert [mail.to for mail in mailoutbox] == [[good.applicant.email]]


class TestAlumniDirectory:
    def graduate(self, **kwargs):
        return ApplicationFactory(cohort__running=True, graduated=True, **kwargs)

    def test_lists_only_alumni_who_opted_in(self, client_for):
        me = self.graduate()
        listed = self.graduate(listed_in_alumni_directory=True)
        hidden = self.graduate()
        content = client_for(me.applicant).get(reverse("training:alumni")).content.decode()
        assert listed.applicant.email in content
        assert hidden.applicant.email not in content

    def test_lists_alumni_by_last_name_in_german_order(self, client_for, staff):
        for name in ["Zimmermann", "Krause", "Köhler"]:
            self.graduate(applicant__last_name=name, listed_in_alumni_directory=True)
        page = client_for(staff).get(reverse("training:alumni"))
        listed = [graduate.applicant.last_name for graduate in page.context["page_obj"]]
        assert listed == ["Köhler", "Krause", "Zimmermann"]

    def test_an_alumnus_opts_in_and_out(self, client_for):
        me = self.graduate()
        client = client_for(me.applicant)
        client.post(reverse("training:alumni_listing"), {"listed": "on"})
        me.refresh_from_db()
        assert me.listed_in_alumni_directory
        response = client.post(reverse("training:alumni_listing"), {}, follow=True)
        assert "nicht mehr im Alumni-Verzeichnis" in response.content.decode()
        me.refresh_from_db()
        assert not me.listed_in_alumni_directory

    def test_filters_by_cohort_and_region(self, client_for, staff):
        leipzig = MunicipalityFactory(ags="14713000", name="Leipzig", kind="kreisfreie_stadt")
        goerlitz = MunicipalityFactory(ags="14626110", name="Görlitz")
        anna = self.graduate(municipality=leipzig, listed_in_alumni_directory=True)
        bernd = self.graduate(municipality=goerlitz, listed_in_alumni_directory=True)
        client = client_for(staff)

        def found(**query):
            page = client.get(reverse("training:alumni"), query)
            return {graduate.pk for graduate in page.context["page_obj"].object_list}

        assert found() == {anna.pk, bernd.pk}
        assert found(region="leipzig") == {anna.pk}
        assert found(region="dresden") == {bernd.pk}
        assert found(cohort=bernd.cohort_id) == {bernd.pk}

    def test_is_paginated_with_a_constant_number_of_queries(
        self, client_for, staff, django_assert_max_num_queries
    ):
        cohort = CohortFactory(running=True)
        ApplicationFactory.create_batch(
            5, cohort=cohort, graduated=True, listed_in_alumni_directory=True
        )
        client = client_for(staff)
        with django_assert_max_num_queries(12):
            client.get(reverse("training:alumni"))
        ApplicationFactory.create_batch(
            30, cohort=cohort, graduated=True, listed_in_alumni_directory=True
        )
        with django_assert_max_num_queries(12):
            response = client.get(reverse("training:alumni"))
        assert len(response.context["page_obj"].object_list) == 25
        assert response.context["page_obj"].has_next()


@pytest.mark.parametrize(
    ("first_name", "last_name"),
    [("Zoë", "Łukasiewicz"), ("王", "小明")],
    ids=["beyond Latin-1", "beyond the font"],
)
def test_a_certificate_prints_any_name(client_for, first_name, last_name):
    graduate = ApplicationFactory(
        cohort__running=True,
        graduated=True,
        applicant=UserFactory(first_name=first_name, last_name=last_name),
    )
    response = client_for(graduate.applicant).get(
        reverse("training:certificate", args=[graduate.pk])
    )
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    assert b"DejaVu" in response.content  # the embedded font, which has Ł


def test_the_cohort_page_runs_a_constant_number_of_queries(
    client_for, staff, django_assert_max_num_queries
):
    cohort = CohortFactory(running=True)
    CohortSessionFactory.create_batch(8, cohort=cohort)

    def team():
        ProjectTeamFactory(
            cohort=cohort,
            members=ApplicationFactory.create_batch(3, cohort=cohort, status=Status.ACCEPTED),
        )

    team()
    client = client_for(staff)
    with django_assert_max_num_queries(20) as few:
        client.get(cohort.get_absolute_url())
    for _ in range(4):
        team()
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(cohort.get_absolute_url())


def test_answering_an_offer_after_the_session_ran_out_comes_back_to_the_offer(client):
    for action in ("training:accept_offer", "training:decline_offer"):
        response = client.post(reverse(action, args=[4711]))
        offer = reverse("training:offer", args=[4711])
        assert response["Location"] == f"{reverse('account_login')}?next={offer}"
