"""Taking over the alumni of earlier cohorts from a spreadsheet.

Staff keep the participants of the cohorts since 2013 in a spreadsheet: one
row per person with cohort, name, e-mail, employer, municipality and project
title. ``read_rows`` reads it (CSV as German Excel writes it, or XLSX);
``preview`` says for every row what the import would create and everything
that stands in its way; ``import_alumni`` stores all rows or none: it checks
them again in its transaction and refuses while any row has a problem.

An imported person is a graduate of their cohort (an accepted application
with its completion date, the import recorded in its history). People
without an account get one without a password and an invitation to claim
it (``claim_url``): they set a password and decide whether to be listed in
the alumni directory – until then they are not. People who already have an
account (matched by e-mail address) are told that their cohort has been
recorded.

Accounts made here get no e-mail address row until they are claimed, like
other accounts staff create: ``purge_expired`` deletes only unconfirmed
sign-ups, never an unclaimed alumnus.
"""

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from itertools import islice
from pathlib import Path

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Count
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from asskomm.emails import send_to_user
from members.models import Municipality, User
from training import services
from training.models import (
    FIRST_COHORT_YEAR,
    IMPORTED_CONSENT_VERSION,
    Application,
    Cohort,
    Programme,
    ProjectTeam,
    StatusChange,
    cohort_number_of_year,
    cohort_year_of_number,
    first_friday_of_september,
)
from training.services import TrainingError

Status = Application.Status
Kind = Application.EmployerKind

# What staff download as an example; the demo imports it too.
EXAMPLE_FILE = Path(__file__).parent / "samples" / "alumni_import_example.csv"
MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_ROWS = 1000
# How long the link in the invitation lets the person claim their entry.
CLAIM_DAYS = 60

# The columns, each with the headings it may have (compared without case,
# spaces, hyphens, dots and underscores).
COLUMNS = {
    "cohort": ("kohorte", "durchgang", "jahrgang", "cohort"),
    "name": ("name",),
    "email": ("email", "emailadresse", "mail", "emailaddress"),
    "employer": ("arbeitgeber", "dienststelle", "employer"),
    "municipality": ("kommune", "gemeinde", "municipality"),
    "project": ("projekttitel", "projekt", "projecttitle", "project"),
}
REQUIRED_COLUMNS = ("cohort", "name", "email")
COLUMN_LABELS = {
    "cohort": gettext_lazy("Cohort"),
    "name": gettext_lazy("Name"),
    "email": gettext_lazy("E-mail"),
    "employer": gettext_lazy("Employer"),
    "municipality": gettext_lazy("Municipality"),
    "project": gettext_lazy("Project title"),
}
# Where each value ends up, and how long it may be.
MAX_LENGTHS = {"employer": 200, "project": 200}
MAX_NAME_LENGTH = 150
ACADEMIC_TITLES = ("Prof. Dr.", "Dr.", "Prof.")


class ImportFileError(TrainingError):
    """The file cannot be read as a list of alumni."""


class ImportRefused(TrainingError):
    """Some rows have problems: nothing was imported. ``preview`` says which."""

    def __init__(self, preview):
        super().__init__(
            ngettext(
                "Nothing was imported: %(count)d row has problems.",
                "Nothing was imported: %(count)d rows have problems.",
                preview.problem_count,
            )
            % {"count": preview.problem_count}
        )
        self.preview = preview


# Reading the file


def read_rows(uploaded):
    """The rows of an uploaded CSV or XLSX file as ``(line, {column: text})``
    pairs, ``line`` being the row's number in the spreadsheet (the heading
    is line 1). Raises ``ImportFileError`` when the file cannot be read or
    its columns are not the expected ones."""
    content = uploaded.read(MAX_FILE_BYTES + 1)
    if len(content) > MAX_FILE_BYTES:
        raise ImportFileError(_("The file is larger than 2 MB; split it into several files."))
    if not content.strip():
        raise ImportFileError(_("The file is empty."))
    if content.startswith(b"PK\x03\x04"):
        table = _xlsx_table(content)
    elif content.startswith(b"\xd0\xcf\x11\xe0"):
        raise ImportFileError(
            _("Old Excel files (.xls) cannot be read: save the file as .xlsx or .csv.")
        )
    else:
        table = _csv_table(content)
    return _rows_of(table)


def _csv_table(content):
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        # German Excel saves "CSV (Trennzeichen-getrennt)" in Windows-1252.
        text = content.decode("cp1252", errors="replace")
    header = text.split("\n", 1)[0]
    delimiter = ";" if header.count(";") >= header.count(",") else ","
    try:
        return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as error:
        message = _("The CSV file cannot be read: %(error)s") % {"error": error}
        raise ImportFileError(message) from error


def _xlsx_table(content):
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        raise ImportFileError(_("The Excel file cannot be read.")) from error
    try:
        sheet = workbook.worksheets[0]
        return [
            [_cell_text(value) for value in row]
            for row in islice(sheet.iter_rows(values_only=True), MAX_ROWS + 2)
        ]
    finally:
        workbook.close()


def _cell_text(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date):
        return value.strftime("%d.%m.%Y")
    return str(value)


def _heading_key(text):
    return re.sub(r"[\s\-_.]", "", text).lower()


def _rows_of(table):
    if not table:
        raise ImportFileError(_("The file is empty."))
    headings = [cell.strip() for cell in table[0]]
    aliases = {alias: column for column, names in COLUMNS.items() for alias in names}
    positions, unknown = {}, []
    for position, heading in enumerate(headings):
        if not heading:
            continue
        column = aliases.get(_heading_key(heading))
        if column is None or column in positions:
            unknown.append(heading)
        else:
            positions[column] = position
    missing = [COLUMN_LABELS[column] for column in REQUIRED_COLUMNS if column not in positions]
    if missing or unknown:
        raise ImportFileError(_columns_message(missing, unknown))
    rows = []
    for line, cells in enumerate(table[1:], start=2):
        values = {
            column: cells[position].strip() if position < len(cells) else ""
            for column, position in positions.items()
        }
        if any(values.values()):
            rows.append((line, values))
    if not rows:
        raise ImportFileError(_("The file has headings but no rows."))
    if len(rows) > MAX_ROWS:
        raise ImportFileError(
            _("The file has more than %(count)d rows; split it into several files.")
            % {"count": MAX_ROWS}
        )
    return rows


def _columns_message(missing, unknown):
    parts = []
    if missing:
        parts.append(_("Columns missing: %(columns)s.") % {"columns": ", ".join(map(str, missing))})
    if unknown:
        parts.append(
            _("Columns not known (or twice): %(columns)s.") % {"columns": ", ".join(unknown)}
        )
    parts.append(
        _(
            "The first row must name the columns Kohorte, Name, E-Mail and, if you have them, "
            "Arbeitgeber, Kommune and Projekttitel (or in English: cohort, name, e-mail, "
            "employer, municipality, project title)."
        )
    )
    return " ".join(parts)


# The preview


@dataclass
class CohortPlan:
    """The cohort a row names: an existing one, or one the import creates."""

    number: int
    starts_on: date
    cohort: Cohort | None = None

    @property
    def label(self):
        return _("Cohort %(number)s (%(year)s)") % {
            "number": self.number,
            "year": self.starts_on.year,
        }

    def completed_on(self, today):
        """When its participants completed: at the end of the school year
        (or of its last weekend, when the portal knows its weekends)."""
        last = None
        if self.cohort is not None:
            last = max((s.ends_at for s in self.cohort.sessions.all()), default=None)
        day = timezone.localdate(last) if last else date(self.starts_on.year + 1, 6, 30)
        return min(day, today)


@dataclass
class RowPreview:
    line: int
    values: dict
    problems: list = field(default_factory=list)
    cohort: CohortPlan | None = None
    user: User | None = None
    email: str = ""
    first_name: str = ""
    last_name: str = ""
    title: str = ""
    municipality: Municipality | None = None
    employer_kind: str = Kind.OTHER
    team: ProjectTeam | None = None
    team_municipality: Municipality | None = None
    creates_cohort: bool = False
    creates_team: bool = False

    @property
    def has_problems(self):
        return bool(self.problems)

    @property
    def person(self):
        if self.user is not None:
            return str(self.user)
        return " ".join(p for p in (self.title, self.first_name, self.last_name) if p)

    @property
    def creates(self):
        """What importing this row creates, in words."""
        if self.has_problems:
            return []
        if self.user is None:
            person = _("new account for %(person)s, invited to claim it") % {"person": self.person}
        else:
            person = _("existing account of %(person)s") % {"person": self.person}
        graduate = _("graduate of %(cohort)s (%(created)s)") % {
            "cohort": self.cohort.label,
            "created": _("cohort will be created") if self.creates_cohort else _("cohort exists"),
        }
        employer = _("employer: %(employer)s (%(kind)s)") % {
            "employer": self.values.get("employer") or "–",
            "kind": Kind(self.employer_kind).label,
        }
        lines = [person, graduate, employer]
        if self.values.get("project"):
            lines.append(
                (_("new project team “%(title)s”") if self.creates_team else _("joins “%(title)s”"))
                % {"title": self.values["project"]}
            )
        return lines


@dataclass
class Preview:
    programme: Programme
    rows: list

    @property
    def problem_count(self):
        return sum(1 for row in self.rows if row.has_problems)

    @property
    def may_be_imported(self):
        return bool(self.rows) and not self.problem_count

    @property
    def new_accounts(self):
        return sum(1 for row in self.rows if row.user is None)


def preview(*, rows, programme, today=None):
    """What importing ``rows`` (as ``read_rows`` returns them) into
    ``programme`` would create, row by row, and each row's problems."""
    today = today or timezone.localdate()
    results = [RowPreview(line=line, values=values) for line, values in rows]
    known = _Known(programme, results)
    first_line_of_email = {}
    for row in results:
        _check_name(row)
        _check_email(row, known, first_line_of_email)
        _check_cohort(row, known, today)
        _check_municipality(row, known)
        _check_lengths(row)
        if row.user is not None and row.cohort and row.cohort.cohort:
            existing = known.applications.get((row.user.pk, row.cohort.cohort.pk))
            if existing is not None:
                row.problems.append(_already_in_cohort(existing))
        row.employer_kind = _employer_kind(row.values.get("employer", ""), row.municipality)
    _check_teams(results, known)
    return Preview(programme=programme, rows=results)


class _Known:
    """What the database holds about the file's people, cohorts,
    municipalities and teams: read once for all rows."""

    def __init__(self, programme, rows):
        self.programme = programme
        emails = {row.values.get("email", "").strip().lower() for row in rows} - {""}
        self.users = {
            user.email.lower(): user
            for user in User.objects.annotate(lower_email=Lower("email")).filter(
                lower_email__in=emails
            )
        }
        self.applications = {
            (application.applicant_id, application.cohort_id): application
            for application in Application.objects.filter(
                applicant__in=self.users.values(), cohort__programme=programme
            ).select_related("cohort__programme")
        }
        self.cohorts = list(programme.cohorts.prefetch_related("sessions"))
        # All of Saxony's few hundred, compared in Python: without case,
        # umlauts included, the same on every database.
        self.municipalities = {}
        for municipality in Municipality.objects.all():
            self.municipalities.setdefault(municipality.ags, []).append(municipality)
            self.municipalities.setdefault(municipality.name.casefold(), []).append(municipality)
        self.teams = {
            (team.cohort_id, team.title.lower()): team
            for team in ProjectTeam.objects.filter(cohort__programme=programme).annotate(
                member_count=Count("members", distinct=True)
            )
        }

    def cohort_by_number(self, number):
        return next((c for c in self.cohorts if c.number == number), None)

    def cohorts_of_year(self, year):
        return [c for c in self.cohorts if c.starts_on.year == year]


def _check_name(row):
    name = " ".join(row.values.get("name", "").split())
    if not name:
        row.problems.append(_("The name is missing."))
        return
    if "," in name:
        last, first = (part.strip() for part in name.split(",", 1))
    else:
        first, _space, last = name.rpartition(" ")
    title = next((t for t in ACADEMIC_TITLES if first.startswith(t + " ") or first == t), "")
    first = first[len(title) :].strip()
    row.title, row.first_name, row.last_name = title, first, last
    if not last:
        row.problems.append(_("The name is missing."))
    elif max(len(first), len(last)) > MAX_NAME_LENGTH:
        row.problems.append(_("The name is too long."))


def _check_email(row, known, first_line_of_email):
    email = row.values.get("email", "").strip().lower()
    row.email = email
    if not email:
        row.problems.append(_("The e-mail address is missing."))
        return
    try:
        validate_email(email)
        if len(email) > User._meta.get_field("email").max_length:
            raise ValidationError("too long")
    except ValidationError:
        row.problems.append(
            _("“%(email)s” is not a valid e-mail address.") % {"email": row.values["email"]}
        )
        return
    if email in first_line_of_email:
        row.problems.append(
            _("Duplicate person: %(email)s is also in row %(line)d.")
            % {"email": email, "line": first_line_of_email[email]}
        )
    else:
        first_line_of_email[email] = row.line
    row.user = known.users.get(email)
    if row.user is not None and not row.user.is_active:
        row.problems.append(
            _("The account of %(email)s is deactivated; reactivate it first or leave the row out.")
            % {"email": email}
        )


def _already_in_cohort(application):
    if application.is_graduate:
        return _("Duplicate person: %(person)s is already an alumnus of %(cohort)s.") % {
            "person": application.applicant,
            "cohort": application.cohort.short_name,
        }
    return _(
        "Duplicate person: %(person)s already has an application for %(cohort)s (%(status)s)."
    ) % {
        "person": application.applicant,
        "cohort": application.cohort.short_name,
        "status": application.get_status_display(),
    }


_COHORT_WORDS = re.compile(r"\b(durchgang|kohorte|jahrgang|cohort|beccaria)\b", re.IGNORECASE)
_NUMBER = re.compile(r"(\d{1,3})\.?")
_YEAR = re.compile(r"(\d{4})(?:/(?:\d{2}|\d{4}))?")


def parse_cohort(text):
    """``(number, year)`` from what a cohort cell says – its number ("3",
    "3. Durchgang"), the year it started ("2016", "2016/17") or both
    ("3 (2016)"); either may be None. Raises ValueError for anything else."""
    words = _COHORT_WORDS.sub(" ", text)
    tokens = re.sub(r"[(),;:–\-]", " ", words).replace(" / ", "/").split()
    number = year = None
    for token in tokens:
        if (match := _NUMBER.fullmatch(token)) and number is None:
            number = int(match[1])
        elif (match := _YEAR.fullmatch(token)) and year is None:
            year = int(match[1])
        else:
            raise ValueError(text)
    if number is None and year is None:
        raise ValueError(text)
    return number, year


def _check_cohort(row, known, today):
    text = row.values.get("cohort", "").strip()
    if not text:
        row.problems.append(_("Missing cohort: the cell is empty."))
        return
    try:
        number, year = parse_cohort(text)
    except ValueError:
        row.problems.append(
            _("Missing cohort: “%(text)s” is neither a cohort's number nor its year.")
            % {"text": text}
        )
        return
    problem = _resolve_cohort(row, known, number, year, today)
    if problem:
        row.problems.append(problem)


def _resolve_cohort(row, known, number, year, today):
    if year is not None and year < FIRST_COHORT_YEAR:
        return _("Missing cohort: the programme started in %(first)d, not in %(year)d.") % {
            "first": FIRST_COHORT_YEAR,
            "year": year,
        }
    if number == 0:
        return _("Missing cohort: cohorts are numbered from 1.")
    if number is None:
        same_year = known.cohorts_of_year(year)
        if len(same_year) > 1:
            return _(
                "Missing cohort: several cohorts started in %(year)d; give the cohort's number."
            ) % {"year": year}
        if same_year:
            number = same_year[0].number
        else:
            number = cohort_number_of_year(year)
            if number < 1:
                return _(
                    "Missing cohort: no cohort of %(year)d is known and the first cohort "
                    "started in %(first)d; give the cohort's number and year, e.g. "
                    "“1 (%(year)d)”."
                ) % {"year": year, "first": cohort_year_of_number(1)}
    cohort = known.cohort_by_number(number)
    if cohort is not None:
        if year is not None and cohort.starts_on.year != year:
            return _(
                "Missing cohort: cohort %(number)d started in %(started)d, not in %(year)d."
            ) % {
                "number": number,
                "started": cohort.starts_on.year,
                "year": year,
            }
        row.cohort = CohortPlan(number=number, starts_on=cohort.starts_on, cohort=cohort)
        if cohort.status != Cohort.Status.COMPLETED:
            return _(
                "%(cohort)s is not completed (%(status)s): its participants complete it on "
                "the cohort's completion page, not by import."
            ) % {"cohort": cohort.short_name, "status": cohort.get_status_display()}
        return None
    starts_on = first_friday_of_september(year or cohort_year_of_number(number))
    row.cohort = CohortPlan(number=number, starts_on=starts_on)
    row.creates_cohort = True
    if row.cohort.completed_on(today) < date(starts_on.year + 1, 6, 30):
        return _("Missing cohort: cohort %(number)d (%(year)d) has not ended yet.") % {
            "number": number,
            "year": starts_on.year,
        }
    return None


def _check_municipality(row, known):
    text = " ".join(row.values.get("municipality", "").split())
    if not text:
        return  # police officers and independent organisations work for none
    found = known.municipalities.get(text.casefold(), [])
    if len(found) == 1:
        row.municipality = found[0]
    elif found:
        row.problems.append(
            _("Municipality “%(name)s” is ambiguous; give its AGS (e.g. %(ags)s).")
            % {"name": text, "ags": found[0].ags}
        )
    else:
        row.problems.append(
            _("Unknown municipality: “%(name)s” (give its name as in the portal, or its AGS).")
            % {"name": text}
        )


def _check_lengths(row):
    for column, limit in MAX_LENGTHS.items():
        if len(row.values.get(column, "")) > limit:
            row.problems.append(
                _("%(column)s is longer than %(limit)d characters.")
                % {"column": COLUMN_LABELS[column], "limit": limit}
            )


def _employer_kind(employer, municipality):
    """The kind of employer, read off its name: the police by name, a
    municipality's administration when the row names a municipality."""
    name = employer.lower()
    if "bundespolizei" in name:
        return Kind.FEDERAL_POLICE
    if "polizei" in name:
        return Kind.STATE_POLICE
    if municipality is not None:
        return Kind.MUNICIPAL
    return Kind.OTHER


def _check_teams(rows, known):
    """Rows with the same project title in the same cohort form one team
    (or join the cohort's team of that title); a team needs a municipality
    and has at most four members."""
    teams = {}
    for row in rows:
        title = " ".join(row.values.get("project", "").split())
        if not title or row.cohort is None:
            continue
        row.values["project"] = title
        key = (row.cohort.number, title.lower())
        teams.setdefault(key, []).append(row)
    for (number, title), members in teams.items():
        cohort = known.cohort_by_number(number)
        existing = known.teams.get((cohort.pk, title)) if cohort else None
        municipality = next((row.municipality for row in members if row.municipality), None)
        for row in members:
            row.team, row.creates_team = existing, existing is None
            row.team_municipality = municipality
        size = len(members) + (existing.member_count if existing else 0)
        if size > ProjectTeam.MAX_MEMBERS:
            for row in members:
                row.problems.append(
                    _(
                        "Project “%(title)s” would have %(count)d members; a team has at "
                        "most %(max)d."
                    )
                    % {
                        "title": row.values["project"],
                        "count": size,
                        "max": ProjectTeam.MAX_MEMBERS,
                    }
                )
        if existing is None and municipality is None:
            for row in members:
                row.problems.append(
                    _(
                        "Project “%(title)s” needs a municipality: name it in at least one "
                        "of its rows."
                    )
                    % {"title": row.values["project"]}
                )


# The import


@transaction.atomic
def import_alumni(*, rows, programme, by, today=None):
    """Imports every row of ``rows`` or none: checks them again (the
    database may have changed since the preview) and raises
    ``ImportRefused`` while any row has a problem. Returns the preview of
    what was imported."""
    today = today or timezone.localdate()
    programme = Programme.objects.select_for_update().get(pk=programme.pk)
    result = preview(rows=rows, programme=programme, today=today)
    if not result.may_be_imported:
        raise ImportRefused(result)
    cohorts = {}
    teams = {}
    now = timezone.now()
    with translation.override(settings.LANGUAGE_CODE):
        reason = _("Taken over from the list of participants of earlier cohorts.")
    for row in result.rows:
        plan = row.cohort
        cohort = plan.cohort or cohorts.get(plan.number)
        if cohort is None:
            cohort = cohorts[plan.number] = _create_cohort(programme, plan, by)
        user, invite = row.user, row.user is None
        if invite:
            user = User.objects.create_user(
                email=row.email,
                first_name=row.first_name,
                last_name=row.last_name,
                title=row.title,
                municipality=row.municipality,
            )
        application = Application.objects.create(
            cohort=cohort,
            applicant=user,
            employer_name=row.values.get("employer", ""),
            employer_kind=row.employer_kind,
            municipality=row.municipality,
            employer_release_confirmed=True,
            consent_given_at=now,
            consent_text_version=IMPORTED_CONSENT_VERSION,
            submitted_at=now,
            status=Status.ACCEPTED,
            completed_on=plan.completed_on(today),
            completion_confirmed_by=by,
        )
        StatusChange.objects.create(
            application=application, to_status=Status.ACCEPTED, changed_by=by, reason=reason
        )
        if row.values.get("project"):
            _join_team(teams, row, cohort, application)
        if invite:
            send_claim_invitation(application)
        else:
            send_to_user(
                user=user,
                template="training/alumni_recorded",
                context={"application": application, "cohort": cohort},
            )
    return result


def _create_cohort(programme, plan, by):
    """A completed cohort of earlier years: its application window is
    unknown, so it is placed before its start."""
    opened = timezone.make_aware(
        datetime.combine(plan.starts_on - timedelta(days=240), datetime.min.time())
    )
    closed = opened + timedelta(days=120)
    return Cohort.objects.create(
        programme=programme,
        number=plan.number,
        starts_on=plan.starts_on,
        applications_open_at=opened,
        applications_close_at=closed,
        status=Cohort.Status.COMPLETED,
        selection_confirmed_at=closed,
        selection_confirmed_by=by,
    )


def _join_team(teams, row, cohort, application):
    key = (cohort.pk, row.values["project"].lower())
    team = row.team or teams.get(key)
    if team is None:
        team = ProjectTeam.objects.create(
            cohort=cohort,
            title=row.values["project"],
            municipality=row.team_municipality,
            description="",
        )
    teams[key] = team
    team.members.add(application)


# Claiming an imported entry


def claim_token(user):
    """The token in the invitation's link: it names the person and stops
    working once they have set a password (or after ``CLAIM_DAYS``)."""
    return signing.dumps({"user": user.pk, "state": _claim_state(user)}, salt=_CLAIM_SALT)


def claim_url(user):
    path = reverse("training:alumni_claim", kwargs={"token": claim_token(user)})
    return settings.SITE_URL + path


def claimant(token):
    """The person whose entry ``token`` lets claim, or None when the link
    is unknown, expired or used."""
    try:
        data = signing.loads(token, salt=_CLAIM_SALT, max_age=timedelta(days=CLAIM_DAYS))
        user = User.objects.get(pk=data["user"], is_active=True)
    except (signing.BadSignature, User.DoesNotExist, KeyError, TypeError, ValueError):
        return None
    if user.has_usable_password() or data.get("state") != _claim_state(user):
        return None
    return user


_CLAIM_SALT = "training.alumni_import.claim"


def _claim_state(user):
    # The unusable password is random per account and replaced when the
    # person sets theirs: a used link no longer matches.
    return salted_hmac(_CLAIM_SALT, user.password).hexdigest()[:20]


def send_claim_invitation(application):
    user = application.applicant
    send_to_user(
        user=user,
        template="training/alumni_invitation",
        context={
            "application": application,
            "cohort": application.cohort,
            "claim_url": claim_url(user),
            "claim_days": CLAIM_DAYS,
        },
    )


@transaction.atomic
def claim_entry(*, user, password, listed):
    """The invited person sets their password, which confirms their e-mail
    address, and decides whether to be listed in the alumni directory."""
    user = User.objects.select_for_update().get(pk=user.pk)
    if user.has_usable_password():
        raise TrainingError(_("This entry has already been claimed; please log in."))
    user.set_password(password)
    user.save(update_fields=["password"])
    EmailAddress.objects.filter(user=user).exclude(email__iexact=user.email).update(primary=False)
    EmailAddress.objects.update_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )
    if Application.objects.graduated().filter(applicant=user).exists():
        services.set_alumni_listing(user=user, listed=listed)
    return user
