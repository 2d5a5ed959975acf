"""Factories for training: each test states only what matters to it.

By default a cohort is open for applications (the window spans now) and
starts next September-ish, well after its deadline.
"""

from datetime import datetime, time, timedelta

import factory
from django.utils import timezone

from members.models import Municipality
from tests.factories import UserFactory
from training.consent import CONSENT_TEXT_VERSION
from training.models import (
    Application,
    Cohort,
    CohortSession,
    Module,
    Programme,
    ProjectTeam,
    Review,
)

MOTIVATION = (
    "Ich arbeite seit drei Jahren im Ordnungsamt und möchte die kommunale Kriminalprävention "
    "in unserer Stadt auf eine fachliche Grundlage stellen. Das Programm verbindet Kriminologie "
    "mit Projektmanagement; genau das fehlt uns, um Präventionsprojekte zu planen und zu bewerten."
)


def riesa():
    """One real town for the many applications and teams that need a
    municipality, so that they do not use up the keys MunicipalityFactory
    hands out."""
    town, _created = Municipality.objects.get_or_create(
        ags="14627230", defaults={"name": "Riesa", "kind": Municipality.Kind.GROSSE_KREISSTADT}
    )
    return town


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme
        django_get_or_create = ["slug"]

    name = "Beccaria-Qualifizierungsprogramm"
    slug = "beccaria"
    kind = Programme.Kind.NETWORK
    provider = "Landespräventionsrat Sachsen"
    summary = "Fachkraft für Kriminalprävention in vier Modulen an acht Wochenenden."
    description = "Kriminologie, Prävention, Projektmanagement und ihre Anwendung."
    certificate_title = "Fachkraft für Kriminalprävention"
    min_sessions_attended = 7
    project_required = True


class ExternalProgrammeFactory(ProgrammeFactory):
    name = "Präventionsmanagement (B.A./M.A.)"
    slug = "praeventionsmanagement"
    kind = Programme.Kind.EXTERNAL
    provider = "TU Chemnitz"
    certificate_title = ""
    external_url = "https://www.tu-chemnitz.de"
    min_sessions_attended = None


class ModuleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Module

    programme = factory.SubFactory(ProgrammeFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Modul {n + 1}")


class CohortFactory(factory.django.DjangoModelFactory):
    """Open for applications now, starting in 300 days."""

    class Meta:
        model = Cohort

    programme = factory.SubFactory(ProgrammeFactory)
    number = factory.Sequence(lambda n: n + 9)
    starts_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=300))
    capacity = 16
    applications_open_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=10))
    applications_close_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=30))
    status = Cohort.Status.OPEN

    class Params:
        # Deadline passed, selection not yet confirmed.
        closed = factory.Trait(
            applications_open_at=factory.LazyFunction(lambda: timezone.now() - timedelta(days=60)),
            applications_close_at=factory.LazyFunction(lambda: timezone.now() - timedelta(days=1)),
        )
        # Selection confirmed, cohort not started.
        confirmed = factory.Trait(
            closed=True,
            status=Cohort.Status.SELECTION,
            selection_confirmed_at=factory.LazyFunction(timezone.now),
        )
        # Under way: started 60 days ago.
        running = factory.Trait(
            confirmed=True,
            status=Cohort.Status.RUNNING,
            starts_on=factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=60)),
            applications_open_at=factory.LazyFunction(lambda: timezone.now() - timedelta(days=300)),
            applications_close_at=factory.LazyFunction(
                lambda: timezone.now() - timedelta(days=200)
            ),
        )


class CohortSessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CohortSession

    cohort = factory.SubFactory(CohortFactory)
    module = factory.LazyAttribute(lambda o: ModuleFactory(programme=o.cohort.programme))
    starts_at = factory.LazyAttribute(
        lambda o: timezone.make_aware(datetime.combine(o.cohort.starts_on, time(14)))
    )
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(hours=26))
    venue = "Sächsische Verwaltungsakademie, Meißen"


class ApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Application

    cohort = factory.SubFactory(CohortFactory)
    applicant = factory.SubFactory(UserFactory)
    employer_name = "Stadtverwaltung Teststadt, Ordnungsamt"
    employer_kind = Application.EmployerKind.MUNICIPAL
    municipality = factory.LazyFunction(riesa)
    function = "Sachbearbeiterin Ordnungsamt"
    motivation = MOTIVATION
    supervisor_name = "Frau Vorgesetzte"
    supervisor_email = "vorgesetzte@teststadt.example"
    employer_release_confirmed = True
    consent_given_at = factory.LazyFunction(timezone.now)
    consent_text_version = CONSENT_TEXT_VERSION

    class Params:
        police = factory.Trait(
            employer_kind=Application.EmployerKind.STATE_POLICE,
            employer_name="Polizeidirektion Dresden",
            municipality=None,
        )
        independent = factory.Trait(
            employer_kind=Application.EmployerKind.INDEPENDENT,
            employer_name="Jugendhilfe e. V.",
            municipality=None,
        )
        accepted = factory.Trait(status=Application.Status.ACCEPTED)
        # A place offered from the waiting list, open until the cohort's deadline.
        offered = factory.Trait(
            status=Application.Status.OFFERED,
            offer_expires_at=factory.LazyAttribute(lambda o: o.cohort.offer_deadline()),
        )
        graduated = factory.Trait(
            status=Application.Status.ACCEPTED,
            completed_on=factory.LazyFunction(timezone.localdate),
        )


class ReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Review

    application = factory.SubFactory(ApplicationFactory)
    reviewer = factory.SubFactory(UserFactory, is_staff=True)
    rating = 3


class ProjectTeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProjectTeam
        skip_postgeneration_save = True

    cohort = factory.SubFactory(CohortFactory, running=True)
    title = factory.Sequence(lambda n: f"Sicherer Schulweg {n}")
    municipality = factory.LazyFunction(riesa)
    description = "Ein Konzept für sichere Schulwege mit Eltern, Schulen und Polizei."

    @factory.post_generation
    def members(self, create, extracted, **kwargs):
        if create and extracted:
            self.members.set(extracted)


def application_data(**overrides):
    """What a valid application form sends."""
    municipality = overrides.pop("municipality", None) or riesa()
    return {
        "employer_name": "Stadtverwaltung Riesa, Ordnungsamt",
        "employer_kind": Application.EmployerKind.MUNICIPAL,
        "municipality": municipality.pk,
        "function": "Präventionsbeauftragte",
        "motivation": MOTIVATION,
        "project_idea": "Ein Netzwerk gegen Vandalismus an Schulen.",
        "supervisor_name": "Herr Beispiel",
        "supervisor_email": "amtsleitung@riesa.example",
        "employer_release_confirmed": "on",
        "consent": "on",
        **overrides,
    }
