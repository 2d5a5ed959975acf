"""The key pages of issue 13, with concrete addresses taken from the
generated data, and the people they are requested as."""

from django.db.models import Count, Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone

from bench import generate
from bench.page import ANONYMOUS, MEMBER, STAFF, Page
from events.models import Event
from members.models import Municipality, User
from projects.models import SecurityAnalysis
from training.models import Cohort, ProjectTeam

EMAILS = {MEMBER: generate.MEMBER_EMAIL, STAFF: generate.STAFF_EMAIL}


def user_for(who):
    """The account a page is requested as; None for anonymous visitors."""
    if who == ANONYMOUS:
        return None
    return User.objects.get(email=EMAILS[who])


def _event_page():
    """A coming public event with the most registrations: one that both
    the anonymous visitor and the member see."""
    event = (
        Event.objects.filter(
            audience=Event.Audience.PUBLIC,
            status=Event.Status.PUBLISHED,
            starts_at__gt=timezone.now(),
        )
        .annotate(taken=Count("registrations", filter=~Q(registrations__status="cancelled")))
        .order_by("-taken", "pk")
        .first()
    )
    return event.get_absolute_url()


def _municipality_page():
    """A municipality whose page shows every panel at every scale: a
    Gemeinde (the page of a Kreis also lists its towns) with a Beccaria
    project implemented (its panel then asks for the team's members), a
    security analysis (then the recommendations' progress) and, of those,
    the most people."""
    here = OuterRef("pk")
    municipality = (
        Municipality.objects.filter(kind=Municipality.Kind.GEMEINDE)
        .annotate(
            people_count=Count("people", distinct=True),
            has_team=Exists(ProjectTeam.objects.implemented().filter(municipality=here)),
            has_analysis=Exists(SecurityAnalysis.objects.filter(municipality=here)),
        )
        .order_by("-has_team", "-has_analysis", "-people_count", "pk")
        .first()
    )
    return municipality.get_absolute_url()


def _selection_page():
    cohort = Cohort.objects.filter(status=Cohort.Status.SELECTION).order_by("pk").first()
    return reverse("training:selection", kwargs={"pk": cohort.pk})


def key_pages():
    """Every key page as each kind of visitor it is for: the public pages
    also anonymously, the member area as the bench member (who sits in the
    working group and is a Beccaria alumnus: the one who sees most), the
    admin and the selection as staff."""
    programme = reverse("training:programme_detail", kwargs={"slug": generate.PROGRAMME_SLUG})
    search = f"{reverse('search:results')}?q={generate.SEARCH_TERM}"
    filtered = f"{reverse('events:list')}?kind=regional_meeting&region=dresden"
    both = (ANONYMOUS, MEMBER)
    pages = [
        ("home", "/", both),
        ("dashboard", reverse("members:dashboard"), (MEMBER,)),
        ("events", reverse("events:list"), both),
        ("events filtered", filtered, both),
        ("event", _event_page(), both),
        ("archive", reverse("events:archive"), both),
        ("members", reverse("members:directory"), (MEMBER,)),
        ("municipalities", reverse("members:municipality_list"), (MEMBER,)),
        ("municipality", _municipality_page(), (MEMBER,)),
        ("working group", reverse("working_group:index"), both),
        ("programme", programme, both),
        ("my applications", reverse("training:my_applications"), (MEMBER,)),
        ("library", reverse("library:list"), both),
        ("search", search, both),
        ("admin events", reverse("admin:events_event_changelist"), (STAFF,)),
        ("admin registrations", reverse("admin:events_registration_changelist"), (STAFF,)),
        ("admin applications", reverse("admin:training_application_changelist"), (STAFF,)),
        ("selection", _selection_page(), (STAFF,)),
    ]
    return [Page(name, who, url) for name, url, people in pages for who in people]
