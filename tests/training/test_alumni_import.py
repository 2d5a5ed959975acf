"""The import of earlier cohorts' alumni: reading the spreadsheet, the
preview that names every problem, all or nothing, the invitations to claim
an entry, and the admin's pages for it."""

import io
import re
from datetime import date, datetime, timedelta

import openpyxl
import pytest
import time_machine
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from asskomm.models import Topic
from members import roles
from members.models import Municipality, User
from members.services import purge_expired
from tests.factories import MunicipalityFactory, StaffFactory, UserFactory
from tests.training.factories import ApplicationFactory, CohortFactory, ProgrammeFactory
from training import alumni_import
from training.alumni_import import ImportFileError, ImportRefused, parse_cohort
from training.models import Application, Cohort, ProjectTeam, StatusChange

pytestmark = pytest.mark.django_db

HEADING = "Kohorte;Name;E-Mail;Arbeitgeber;Kommune;Projekttitel"
GOOD_ROWS = [
    "1;Andrea Seidel;a.seidel@example.org;Stadtverwaltung Freiberg;Freiberg;Sicherer Bahnhof",
    "2014;Thomas Richter;t.richter@example.org;Polizeirevier Freiberg;14522180;Sicherer Bahnhof",
    "2 (2015);Dr. Martina Keller;M.Keller@Example.org;Landratsamt;plauen;Licht im Park",
]
IMPORT_URL = "admin:training_cohort_import"
CONFIRM_URL = "admin:training_cohort_import_confirm"
EXAMPLE_URL = "admin:training_cohort_import_example"
PEOPLE = ["anonymous", "applicant", "member", "other_member", "staff"]


def csv_file(*rows, heading=HEADING, encoding="utf-8-sig", name="alumni.csv"):
    text = "\r\n".join([heading, *rows]) + "\r\n"
    return SimpleUploadedFile(name, text.encode(encoding), content_type="text/csv")


def xlsx_file(rows, name="alumni.xlsx"):
    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)
    content = io.BytesIO()
    workbook.save(content)
    return SimpleUploadedFile(name, content.getvalue())


def stored():
    """How many records of each kind the import could create."""
    return {
        model.__name__: model.objects.count()
        for model in (User, Application, Cohort, ProjectTeam, StatusChange, EmailAddress)
    }


def person(request, who):
    return None if who == "anonymous" else request.getfixturevalue(who)


@pytest.fixture
def beccaria():
    return ProgrammeFactory()


@pytest.fixture
def first_cohort(beccaria):
    """Cohort 1, completed, already in the portal."""
    return CohortFactory(
        programme=beccaria,
        number=1,
        starts_on=date(2014, 9, 5),
        status=Cohort.Status.COMPLETED,
        applications_open_at=timezone.make_aware(datetime(2014, 1, 1)),
        applications_close_at=timezone.make_aware(datetime(2014, 5, 1)),
    )


@pytest.fixture
def towns():
    return {
        "Freiberg": MunicipalityFactory(name="Freiberg", ags="14522180"),
        "Plauen": MunicipalityFactory(name="Plauen", ags="14523320"),
    }


def import_file(uploaded, programme, by):
    return alumni_import.import_alumni(
        rows=alumni_import.read_rows(uploaded), programme=programme, by=by
    )


class TestReadingTheFile:
    def test_reads_csv_as_german_excel_writes_it(self):
        rows = alumni_import.read_rows(csv_file(*GOOD_ROWS))
        assert [line for line, _values in rows] == [2, 3, 4]
        assert rows[0][1] == {
            "cohort": "1",
            "name": "Andrea Seidel",
            "email": "a.seidel@example.org",
            "employer": "Stadtverwaltung Freiberg",
            "municipality": "Freiberg",
            "project": "Sicherer Bahnhof",
        }

    def test_reads_csv_with_commas_english_headings_and_no_bom(self):
        uploaded = csv_file(
            '2015,"Müller, Jürgen",j.mueller@example.org',
            heading="Cohort,Name,E-mail",
            encoding="utf-8",
        )
        ((line, values),) = alumni_import.read_rows(uploaded)
        assert values == {
            "cohort": "2015",
            "name": "Müller, Jürgen",
            "email": "j.mueller@example.org",
        }

    def test_reads_csv_in_windows_encoding(self):
        uploaded = csv_file("2015;Jürgen Müller;j.mueller@example.org", encoding="cp1252")
        ((_line, values),) = alumni_import.read_rows(uploaded)
        assert values["name"] == "Jürgen Müller"

    def test_reads_xlsx_with_numbers_as_cells(self):
        uploaded = xlsx_file(
            [
                ["Cohort", "Name", "E-Mail", "Employer", "Municipality", "Project title"],
                [2015, "Andrea Seidel", "a.seidel@example.org", None, "Freiberg", None],
                [3.0, "Thomas Richter", "t.richter@example.org", "Polizei", None, None],
                [None, None, None, None, None, None],
            ]
        )
        rows = alumni_import.read_rows(uploaded)
        assert [(line, values["cohort"]) for line, values in rows] == [(2, "2015"), (3, "3")]
        assert rows[0][1]["employer"] == ""

    @pytest.mark.parametrize(
        ("content", "message"),
        [
            (b"", "Die Datei ist leer."),
            (b"Vorname;Nachname;Mail\r\nA;B;c@d.de\r\n", "Es fehlen die Spalten: Durchgang, Name."),
            (
                b"Vorname;Nachname;Mail\r\nA;B;c@d.de\r\n",
                "Unbekannte (oder doppelte) Spalten: Vorname, Nachname.",
            ),
            (f"{HEADING}\r\n".encode(), "keine Zeilen"),
            (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1old excel", ".xls"),
            (b"PK\x03\x04 not really a workbook", "Die Excel-Datei kann nicht gelesen werden."),
        ],
        ids=["empty", "missing columns", "unknown columns", "no rows", "xls", "broken xlsx"],
    )
    def test_a_file_that_is_no_list_of_alumni_is_refused(self, content, message):
        with pytest.raises(ImportFileError) as refusal:
            alumni_import.read_rows(SimpleUploadedFile("alumni.csv", content))
        assert message in str(refusal.value)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3", (3, None)),
        ("3.", (3, None)),
        ("3. Durchgang", (3, None)),
        ("Kohorte 3", (3, None)),
        ("2016", (None, 2016)),
        ("2016/17", (None, 2016)),
        ("3 (2016)", (3, 2016)),
        ("3. Durchgang 2016/2017", (3, 2016)),
    ],
)
def test_a_cohort_is_named_by_its_number_its_year_or_both(text, expected):
    assert parse_cohort(text) == expected


@pytest.mark.parametrize("text", ["Frühjahr", "01.09.2015", "3 4", "2015 2016", "Kohorte"])
def test_anything_else_names_no_cohort(text):
    with pytest.raises(ValueError):
        parse_cohort(text)


class TestThePreview:
    def test_a_spreadsheet_full_of_bad_rows_names_every_problem_and_stores_nothing(
        self, beccaria, first_cohort, towns, staff
    ):
        alumnus = ApplicationFactory(cohort=first_cohort, graduated=True).applicant
        uploaded = csv_file(
            ";Ohne Durchgang;a@example.org;;;",
            "Frühjahr;Garbage Kohorte;b@example.org;;;",
            "2010;Zu Früh;c@example.org;;;",
            "2013;Erstes Jahr;d@example.org;;;",
            "1;Unbekannte Kommune;e@example.org;;Atlantis;",
            "1;Falsche Adresse;keine-adresse;;;",
            "1;Ohne Adresse;;;;",
            "1;Erste Zeile;doppelt@example.org;;;",
            "2;Zweite Zeile;Doppelt@example.org;;;",
            f"1;Schon Dabei;{alumnus.email};;;",
            "1;;f@example.org;;;",
            "1 (2015);Falsches Jahr;g@example.org;;;",
            "1;Ohne Kommune;h@example.org;Polizei;;Projekt ohne Ort",
            "1;Gute Zeile;gut@example.org;Stadt Freiberg;Freiberg;",
        )
        before = stored()
        result = alumni_import.preview(rows=alumni_import.read_rows(uploaded), programme=beccaria)
        problems = {row.line: " ".join(row.problems) for row in result.rows}
        assert "Durchgang fehlt: Die Zelle ist leer." in problems[2]
        assert "„Frühjahr“ ist weder die Nummer noch das Jahr" in problems[3]
        assert "Das Programm begann 2013, nicht 2010." in problems[4]
        assert "Kein Durchgang von 2013 ist bekannt" in problems[5]
        assert "Unbekannte Kommune: „Atlantis“" in problems[6]
        assert "„keine-adresse“ ist keine gültige E-Mail-Adresse." in problems[7]
        assert "Die E-Mail-Adresse fehlt." in problems[8]
        assert problems[9] == ""
        assert "Doppelte Person: doppelt@example.org steht auch in Zeile 9." in problems[10]
        assert (
            f"Doppelte Person: {alumnus} hat den 1. Durchgang bereits abgeschlossen."
            in (problems[11])
        )
        assert "Der Name fehlt." in problems[12]
        assert "Der 1. Durchgang begann 2014, nicht 2015." in problems[13]
        assert "„Projekt ohne Ort“ braucht eine Kommune" in problems[14]
        assert problems[15] == ""
        assert result.problem_count == 12
        assert not result.may_be_imported
        assert stored() == before

        with pytest.raises(ImportRefused) as refusal:
            import_file(uploaded_again(uploaded), beccaria, staff)
        assert "Nichts wurde importiert: 12 Zeilen haben Probleme." in str(refusal.value)
        assert stored() == before

    def test_a_running_cohort_is_not_completed_by_import(self, beccaria, staff):
        running = CohortFactory(programme=beccaria, number=12, running=True)
        result = alumni_import.preview(
            rows=[(2, {"cohort": str(running.number), "name": "A B", "email": "a@b.de"})],
            programme=beccaria,
        )
        (row,) = result.rows
        assert "ist nicht abgeschlossen (läuft)" in " ".join(row.problems)

    def test_a_cohort_not_ended_yet_is_not_created(self, beccaria):
        year = timezone.localdate().year
        result = alumni_import.preview(
            rows=[(2, {"cohort": str(year), "name": "A B", "email": "a@b.de"})],
            programme=beccaria,
        )
        assert "ist noch nicht zu Ende" in " ".join(result.rows[0].problems)

    def test_a_team_has_at_most_four_members(self, beccaria, first_cohort, towns):
        rows = [
            (
                line,
                {
                    "cohort": "1",
                    "name": f"P {line}",
                    "email": f"p{line}@example.org",
                    "municipality": "Freiberg",
                    "project": "Großes Team",
                },
            )
            for line in range(2, 7)
        ]
        result = alumni_import.preview(rows=rows, programme=beccaria)
        assert all("hätte 5 Mitglieder" in " ".join(row.problems) for row in result.rows)

    def test_an_ambiguous_municipality_asks_for_its_key(self, beccaria, first_cohort):
        MunicipalityFactory(name="Lichtenberg", ags="14522330")
        MunicipalityFactory(name="Lichtenberg", ags="14625330")
        rows = [
            (2, {"cohort": "1", "name": "A B", "email": "a@b.de", "municipality": "lichtenberg"})
        ]
        (row,) = alumni_import.preview(rows=rows, programme=beccaria).rows
        assert "„lichtenberg“ ist nicht eindeutig" in " ".join(row.problems)

    def test_says_what_will_be_created(self, beccaria, first_cohort, towns):
        result = alumni_import.preview(
            rows=alumni_import.read_rows(csv_file(*GOOD_ROWS)), programme=beccaria
        )
        assert result.may_be_imported
        first, second, third = result.rows
        assert first.creates == [
            "neues Konto für Andrea Seidel, mit Einladung zur Übernahme",
            "Absolvent*in: 1. Durchgang (2014) (Durchgang vorhanden)",
            "Arbeitgeber: Stadtverwaltung Freiberg (Kommunalverwaltung)",
            "neues Projektteam „Sicherer Bahnhof“",
        ]
        assert second.cohort.cohort == first_cohort
        assert "Landespolizei" in second.creates[2]
        assert third.creates[1] == "Absolvent*in: 2. Durchgang (2015) (Durchgang wird angelegt)"
        assert (third.title, third.first_name, third.last_name) == ("Dr.", "Martina", "Keller")


def uploaded_again(uploaded):
    uploaded.seek(0)
    return uploaded


class TestTheImport:
    def test_a_good_csv_is_stored_completely(
        self, beccaria, first_cohort, towns, staff, mailoutbox
    ):
        known = UserFactory(email="t.richter@example.org", first_name="Thomas")
        import_file(csv_file(*GOOD_ROWS), beccaria, staff)

        andrea = User.objects.get(email="a.seidel@example.org")
        assert not andrea.has_usable_password()
        assert not EmailAddress.objects.filter(user=andrea).exists()
        assert andrea.municipality == towns["Freiberg"]
        keller = User.objects.get(email="m.keller@example.org")
        assert (keller.title, keller.last_name, keller.municipality) == (
            "Dr.",
            "Keller",
            towns["Plauen"],
        )

        second = Cohort.objects.get(programme=beccaria, number=2)
        assert second.status == Cohort.Status.COMPLETED
        assert second.starts_on == date(2015, 9, 4)
        second.full_clean()

        graduations = Application.objects.graduated().filter(cohort__programme=beccaria)
        assert graduations.count() == 3
        assert not graduations.filter(listed_in_alumni_directory=True).exists()
        richter = graduations.get(applicant=known)
        assert richter.employer_kind == Application.EmployerKind.STATE_POLICE
        assert richter.completed_on == date(2015, 6, 30)
        assert richter.completion_confirmed_by == staff
        assert richter.status_changes.get().changed_by == staff

        team = ProjectTeam.objects.get(title="Sicherer Bahnhof")
        assert team.cohort == first_cohort
        assert team.municipality == towns["Freiberg"]
        assert {member.applicant.email for member in team.members.all()} == {
            "a.seidel@example.org",
            "t.richter@example.org",
        }

        invitations = {mail.to[0]: mail for mail in mailoutbox}
        assert set(invitations) == {"a.seidel@example.org", "m.keller@example.org", known.email}
        invitation = invitations["a.seidel@example.org"]
        assert "Ihr Eintrag unter den Alumni" in invitation.subject
        assert "/training/alumni/claim/" in invitation.body
        assert "/training/alumni/claim/" not in invitations[known.email].body
        assert "wurde eingetragen" in invitations[known.email].subject

    def test_a_good_xlsx_is_stored_completely(self, beccaria, first_cohort, towns, staff):
        uploaded = xlsx_file(
            [
                ["Kohorte", "Name", "E-Mail", "Arbeitgeber", "Kommune", "Projekttitel"],
                [1, "Andrea Seidel", "a.seidel@example.org", "Stadt", "Freiberg", "Bahnhof"],
                [2015, "Jens Hofmann", "j.hofmann@example.org", "Polizei", None, "Bahnhof 2"],
                [2015, "Sabine Kühn", "s.kuehn@example.org", "Stadt", "Plauen", "Bahnhof 2"],
            ]
        )
        result = import_file(uploaded, beccaria, staff)
        assert len(result.rows) == 3
        assert Application.objects.graduated().count() == 3
        team = ProjectTeam.objects.get(title="Bahnhof 2")
        assert team.municipality == towns["Plauen"]  # from the row that names one
        assert team.members.count() == 2

    def test_nothing_is_stored_when_the_database_changed_since_the_preview(
        self, beccaria, first_cohort, towns, staff, mailoutbox
    ):
        rows = alumni_import.read_rows(csv_file(*GOOD_ROWS))
        assert alumni_import.preview(rows=rows, programme=beccaria).may_be_imported
        # Meanwhile another staff member records one of them in cohort 1.
        ApplicationFactory(
            cohort=first_cohort,
            applicant=UserFactory(email="t.richter@example.org"),
            graduated=True,
        )
        before = stored()
        with pytest.raises(ImportRefused) as refusal:
            alumni_import.import_alumni(rows=rows, programme=beccaria, by=staff)
        (row,) = [row for row in refusal.value.preview.rows if row.has_problems]
        assert row.line == 3
        assert stored() == before
        assert mailoutbox == []

    def test_an_unclaimed_alumnus_is_no_expired_sign_up(self, beccaria, first_cohort, towns, staff):
        import_file(csv_file(GOOD_ROWS[0]), beccaria, staff)
        with time_machine.travel(timezone.now() + timedelta(days=400)):
            purge_expired()
        assert User.objects.filter(email="a.seidel@example.org").exists()

    def test_the_example_file_imports_cleanly(self, beccaria, staff):
        for name, ags in [
            ("Freiberg", "14522180"),
            ("Landkreis Bautzen", "14625000"),
            ("Plauen", "14523320"),
        ]:
            Municipality.objects.create(name=name, ags=ags, kind=Municipality.Kind.STADT)
        with alumni_import.EXAMPLE_FILE.open("rb") as example:
            result = import_file(example, beccaria, staff)
        assert len(result.rows) == 6
        assert beccaria.cohorts.count() == 3


def claim_link(mail):
    return re.search(r"https?://\S+(/training/alumni/claim/\S+/)", mail.body)[1]


class TestClaimingTheEntry:
    @pytest.fixture
    def invitation(self, beccaria, first_cohort, towns, staff, mailoutbox):
        import_file(csv_file(GOOD_ROWS[0]), beccaria, staff)
        (mail,) = mailoutbox
        return claim_link(mail)

    @pytest.mark.parametrize("who", PEOPLE)
    def test_the_link_opens_the_page_for_whoever_holds_it(
        self, request, client_for, invitation, who
    ):
        client = client_for(person(request, who))
        response = client.get(invitation)
        assert response.status_code == 200
        assert "Ihren Alumni-Eintrag übernehmen" in response.content.decode()
        assert "1. Durchgang" in response.content.decode()

    @pytest.mark.parametrize("who", PEOPLE)
    def test_a_wrong_link_opens_nothing(self, request, client_for, invitation, who):
        client = client_for(person(request, who))
        response = client.get(invitation.replace("/claim/", "/claim/x"))
        assert response.status_code == 404
        assert "Dieser Link funktioniert nicht" in response.content.decode()

    def test_setting_a_password_confirms_the_address_and_the_listing(self, client, invitation):
        response = client.post(
            invitation,
            {
                "new_password1": "Beccaria-2014-Freiberg",
                "new_password2": "Beccaria-2014-Freiberg",
                "listed": "on",
            },
        )
        assert response.status_code == 302
        assert response.url == reverse("account_login")
        andrea = User.objects.get(email="a.seidel@example.org")
        assert andrea.check_password("Beccaria-2014-Freiberg")
        address = EmailAddress.objects.get(user=andrea)
        assert address.verified and address.primary
        assert andrea.training_applications.get().listed_in_alumni_directory
        # The link has done its work.
        assert client.get(invitation).status_code == 404
        assert client.login(email="a.seidel@example.org", password="Beccaria-2014-Freiberg")

    def test_without_the_tick_the_alumnus_stays_unlisted(self, client, invitation):
        client.post(
            invitation,
            {"new_password1": "Beccaria-2014-Freiberg", "new_password2": "Beccaria-2014-Freiberg"},
        )
        andrea = User.objects.get(email="a.seidel@example.org")
        assert andrea.has_usable_password()
        assert not andrea.training_applications.get().listed_in_alumni_directory

    def test_a_weak_or_mistyped_password_is_explained(self, client, invitation):
        response = client.post(invitation, {"new_password1": "abc", "new_password2": "abd"})
        assert response.status_code == 200
        assert response.context["form"].errors["new_password2"]
        assert not User.objects.get(email="a.seidel@example.org").has_usable_password()

    def test_someone_elses_session_ends_with_the_claim(self, client_for, member, invitation):
        client = client_for(member)
        client.post(
            invitation,
            {"new_password1": "Beccaria-2014-Freiberg", "new_password2": "Beccaria-2014-Freiberg"},
        )
        assert "_auth_user_id" not in client.session

    def test_the_link_expires(self, client, invitation):
        with time_machine.travel(timezone.now() + timedelta(days=alumni_import.CLAIM_DAYS + 1)):
            assert client.get(invitation).status_code == 404

    def test_an_entry_is_claimed_once(self, invitation):
        andrea = User.objects.get(email="a.seidel@example.org")
        alumni_import.claim_entry(user=andrea, password="Beccaria-2014-Freiberg", listed=False)
        with pytest.raises(alumni_import.TrainingError):
            alumni_import.claim_entry(user=andrea, password="anders-123-Passwort", listed=True)


class TestTheAdminPages:
    @pytest.mark.parametrize("url_name", [IMPORT_URL, EXAMPLE_URL])
    def test_anonymous_visitors_are_sent_to_log_in(self, client, url_name):
        response = client.get(reverse(url_name), follow=True)
        assert response.redirect_chain
        assert reverse("account_login") in response.redirect_chain[-1][0]

    @pytest.mark.parametrize("who", ["applicant", "member", "other_member"])
    @pytest.mark.parametrize("url_name", [IMPORT_URL, EXAMPLE_URL, CONFIRM_URL])
    def test_people_outside_the_team_get_no_access(self, request, client_for, who, url_name):
        client = client_for(request.getfixturevalue(who))
        response = client.post(reverse(url_name), follow=True)
        assert response.status_code == 403

    def test_staff_without_the_training_permissions_get_no_access(self, client_for):
        outsider = StaffFactory()
        outsider.groups.remove(Group.objects.get(name=roles.TEAM_GROUP))
        assert client_for(outsider).get(reverse(IMPORT_URL)).status_code == 403

    def test_the_team_finds_the_import_beside_the_cohorts(self, client_for, staff, beccaria):
        client = client_for(staff)
        changelist = client.get(reverse("admin:training_cohort_changelist")).content.decode()
        assert reverse(IMPORT_URL) in changelist
        page = client.get(reverse(IMPORT_URL))
        assert page.status_code == 200
        assert reverse(EXAMPLE_URL) in page.content.decode()
        example = client.get(reverse(EXAMPLE_URL))
        assert example.status_code == 200
        assert b"Kohorte;Name;E-Mail" in b"".join(example.streaming_content)

    def test_upload_preview_and_import(
        self, client_for, staff, beccaria, first_cohort, towns, mailoutbox
    ):
        client = client_for(staff)
        before = stored()
        preview = client.post(
            reverse(IMPORT_URL), {"programme": beccaria.pk, "file": csv_file(*GOOD_ROWS)}
        )
        content = preview.content.decode()
        assert preview.status_code == 200
        assert content.count("Wird importiert") == 3
        assert "3 Zeilen importieren" in content
        assert stored() == before  # nothing before the confirmation
        data = preview.context["data"]
        response = client.post(reverse(CONFIRM_URL), {"data": data}, follow=True)
        assert "3 Beccarianer*innen importiert. 3 Einladungen" in response.content.decode()
        assert Application.objects.graduated().count() == 3
        assert len(mailoutbox) == 3

    def test_a_file_with_problems_offers_no_import(self, client_for, staff, beccaria):
        response = client_for(staff).post(
            reverse(IMPORT_URL),
            {"programme": beccaria.pk, "file": csv_file("1990;A B;keine-adresse;;;")},
        )
        content = response.content.decode()
        assert "1 Zeile hat Probleme" in content
        assert "keine gültige E-Mail-Adresse" in content
        assert 'name="data"' not in content

    def test_a_file_with_wrong_columns_is_explained_at_the_field(self, client_for, staff, beccaria):
        response = client_for(staff).post(
            reverse(IMPORT_URL),
            {"programme": beccaria.pk, "file": csv_file("x;y", heading="Vorname;Nachname")},
        )
        assert response.status_code == 200
        assert response.context["form"].errors["file"]

    def test_changes_since_the_preview_stop_the_import(
        self, client_for, staff, beccaria, first_cohort, towns
    ):
        client = client_for(staff)
        preview = client.post(
            reverse(IMPORT_URL), {"programme": beccaria.pk, "file": csv_file(*GOOD_ROWS)}
        )
        ApplicationFactory(
            cohort=first_cohort, applicant=UserFactory(email="a.seidel@example.org"), graduated=True
        )
        before = stored()
        response = client.post(reverse(CONFIRM_URL), {"data": preview.context["data"]})
        content = response.content.decode()
        assert "Nichts wurde importiert: 1 Zeile hat Probleme." in content
        assert "bereits abgeschlossen" in content
        assert stored() == before

    def test_rows_cannot_be_changed_in_the_browser(
        self, client_for, staff, beccaria, towns, first_cohort
    ):
        other_staff = StaffFactory()
        client = client_for(staff)
        preview = client.post(
            reverse(IMPORT_URL), {"programme": beccaria.pk, "file": csv_file(*GOOD_ROWS)}
        )
        before = stored()
        tampered = preview.context["data"][:-3] + "abc"
        response = client.post(reverse(CONFIRM_URL), {"data": tampered}, follow=True)
        assert "Die Vorschau ist abgelaufen oder konnte nicht gelesen werden" in (
            response.content.decode()
        )
        # Nor passed on to another staff member.
        other = client_for(other_staff)
        other.post(reverse(CONFIRM_URL), {"data": preview.context["data"]})
        assert stored() == before


class TestTheDirectoryAcrossCohorts:
    @pytest.fixture
    def imported(self, beccaria, first_cohort, towns, staff):
        import_file(csv_file(*GOOD_ROWS), beccaria, staff)
        for user in User.objects.filter(email__in=["a.seidel@example.org", "m.keller@example.org"]):
            alumni_import.claim_entry(user=user, password="Beccaria-2014-Freiberg", listed=True)
        topic = Topic.objects.create(name="Öffentlicher Raum", slug="oeffentlicher-raum")
        ProjectTeam.objects.get(title="Sicherer Bahnhof").topics.add(topic)
        return topic

    def found(self, client, **query):
        page = client.get(reverse("training:alumni"), query)
        return {graduate.applicant.email for graduate in page.context["page_obj"].object_list}

    def test_lists_the_imported_alumni_who_claimed_their_entry(self, client_for, staff, imported):
        recent = ApplicationFactory(
            cohort__running=True, graduated=True, listed_in_alumni_directory=True
        )
        client = client_for(staff)
        assert self.found(client) == {
            "a.seidel@example.org",
            "m.keller@example.org",
            recent.applicant.email,
        }
        assert self.found(client, cohort=Cohort.objects.get(number=2).pk) == {
            "m.keller@example.org"
        }
        assert self.found(client, region="chemnitz") == {
            "a.seidel@example.org",
            "m.keller@example.org",
        }
        assert self.found(client, topic=imported.pk) == {"a.seidel@example.org"}

    def test_an_imported_alumnus_reads_the_directory_once_claimed(self, client, imported):
        client.login(email="a.seidel@example.org", password="Beccaria-2014-Freiberg")
        response = client.get(reverse("training:alumni"))
        assert response.status_code == 200
        assert "Öffentlicher Raum" in response.content.decode()

    def test_the_topic_filter_offers_the_topics_of_projects(self, client_for, staff, imported):
        Topic.objects.create(name="Sucht", slug="sucht")
        form = client_for(staff).get(reverse("training:alumni")).context["filter"].form
        assert list(form.fields["topic"].queryset) == [imported]

    def test_runs_a_constant_number_of_queries(
        self, client_for, staff, imported, django_assert_max_num_queries
    ):
        client = client_for(staff)
        with django_assert_max_num_queries(13):
            client.get(reverse("training:alumni"), {"topic": imported.pk})
        for application in ApplicationFactory.create_batch(
            20, cohort__running=True, graduated=True, listed_in_alumni_directory=True
        ):
            team = ProjectTeam.objects.create(
                cohort=application.cohort,
                title=f"Projekt {application.pk}",
                municipality=application.municipality,
                description="",
            )
            team.members.add(application)
            team.topics.add(imported)
        with django_assert_max_num_queries(13):
            response = client.get(reverse("training:alumni"), {"topic": imported.pk})
        assert len(response.context["page_obj"].object_list) == 21
