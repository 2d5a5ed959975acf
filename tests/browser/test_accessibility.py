"""BITV / WCAG 2.1 AA in a real browser: axe-core finds no serious or
critical violation on the portal's key pages – in German and English, on
the desktop and the phone, for anonymous visitors, members and the team
(the admin included).

One test per (who, language) visits all of that person's pages in one
window, so the whole file stays at a few minutes."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone

from events.models import Event
from library.models import Resource
from news.models import News
from tests.events.factories import EventDocumentFactory, EventFactory
from tests.exchange.factories import AnswerFactory, QuestionFactory
from tests.factories import MemberFactory, MunicipalityFactory, StaffFactory
from tests.library.factories import ResourceFactory
from tests.news.factories import NewsFactory
from tests.projects.factories import ProjectFactory, TopicFactory
from tests.training.factories import (
    ApplicationFactory,
    CohortFactory,
    CohortSessionFactory,
    ModuleFactory,
    ProgrammeFactory,
)


@pytest.fixture
def world():
    """A little of everything, in German as the team and the members enter it."""
    town = MunicipalityFactory(name="Großenhain")
    topic = TopicFactory(name="Sicherheit im öffentlichen Raum", slug="oeffentlicher-raum")
    member = MemberFactory(
        municipality=town, listed_in_directory=True, first_name="Jana", last_name="Krüger"
    )
    staff = StaffFactory(first_name="Tom", last_name="Teamer", two_factor=False)
    event = EventFactory(
        title="Fachtag Prävention im Quartier",
        slug="fachtag-quartier",
        audience=Event.Audience.PUBLIC,
        description="Ein Tag für die Praxis der kommunalen Kriminalprävention.",
    )
    past = EventFactory(
        title="Regionaltreffen Dresden",
        slug="regionaltreffen-dresden",
        audience=Event.Audience.PUBLIC,
        starts_at=timezone.now() - timedelta(days=30),
        ends_at=timezone.now() - timedelta(days=30) + timedelta(hours=3),
    )
    EventDocumentFactory(event=past, title="Protokoll des Regionaltreffens")
    programme = ProgrammeFactory()
    ModuleFactory(programme=programme, number=1, title="Kriminologische Grundlagen")
    cohort = CohortFactory(programme=programme)
    CohortSessionFactory(cohort=cohort)
    CohortSessionFactory(cohort=cohort)
    application = ApplicationFactory(cohort=cohort, applicant=member)
    resource = ResourceFactory(
        title="Leitfaden Sicherheitsaudit", audience=Resource.Audience.PUBLIC, topics=[topic]
    )
    news = NewsFactory(title="Neue Broschüre erschienen", audience=News.Audience.PUBLIC)
    question = QuestionFactory(title="Wer hat Erfahrung mit Videoschutz?", author=member)
    AnswerFactory(question=question)
    project = ProjectFactory(title="Sicherer Stadtpark", municipality=town)
    return {
        "member": member,
        "staff": staff,
        "event": event,
        "programme": programme,
        "cohort": cohort,
        "application": application,
        "resource": resource,
        "town": town,
        "topic": topic,
        "news": news,
        "question": question,
        "project": project,
    }


def public_pages(world):
    return [
        "/",
        "/events/",
        f"/events/{world['event'].slug}/",
        "/events/archive/",
        "/training/",
        f"/training/{world['programme'].slug}/",
        "/library/",
        f"/library/{world['resource'].pk}/",
        "/working-group/",
        "/news/",
    ]


def anonymous_pages(world):
    return [
        *public_pages(world),
        "/search/?q=Prävention",
        "/accounts/login/",
        "/accounts/signup/",
    ]


def member_pages(world):
    return [
        *public_pages(world),
        "/search/?q=Prävention",
        f"/training/cohorts/{world['cohort'].pk}/apply/",
        "/me/",
        "/me/applications/",
        "/members/",
        "/municipalities/",
        f"/municipalities/{world['town'].ags}/",
        "/projects/",
        world["project"].get_absolute_url(),
        "/exchange/",
        world["question"].get_absolute_url(),
        world["news"].get_absolute_url(),
        world["topic"].get_absolute_url(),
        world["member"].get_absolute_url(),
    ]


def team_pages(world):
    """The team's own pages outside the admin (linked from it)."""
    cohort = world["cohort"].pk
    return [
        f"/training/cohorts/{cohort}/selection/",
        f"/training/applications/{world['application'].pk}/decision/",
        f"/training/cohorts/{cohort}/report/",
        f"/training/cohorts/{cohort}/completion/",
        "/figures/",
    ]


def admin_pages(world):
    return [
        "/admin/",
        "/admin/events/event/",
        f"/admin/events/event/{world['event'].pk}/change/",
        f"/admin/training/cohort/{world['cohort'].pk}/change/",
        f"/admin/training/application/{world['application'].pk}/change/",
        f"/admin/members/user/{world['member'].pk}/change/",
    ]


def check_pages(visit, language, paths):
    """Opens every page in ``language`` and collects what axe finds."""
    visit.context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": visit.base_url}]
    )
    problems = []
    for path in paths:
        page = visit.go(path)
        assert page.evaluate("() => document.documentElement.lang") == language, path
        for violation in visit.axe():
            problems.append(
                f"{path}: {violation['id']} ({violation['impact']}: {violation['help']}) "
                f"at {', '.join(violation['nodes'])}"
            )
    assert problems == [], "\n".join(problems)


LANGUAGES = ["de", "en"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_anonymous_pages_have_no_serious_accessibility_problems(visit, world, language):
    check_pages(visit, language, anonymous_pages(world))


@pytest.mark.parametrize("language", LANGUAGES)
def test_member_pages_have_no_serious_accessibility_problems(visit, world, language):
    visit.log_in(world["member"])
    check_pages(visit, language, member_pages(world))


@pytest.mark.parametrize("language", LANGUAGES)
def test_staff_pages_and_the_admin_have_no_serious_accessibility_problems(visit, world, language):
    visit.log_in(world["staff"])
    check_pages(visit, language, [*member_pages(world), *team_pages(world), *admin_pages(world)])
