from django.contrib import messages
from django.db.models import Case, Count, F, Prefetch, Q, Sum, When, Window
from django.db.models.functions import RowNumber
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_filters.views import FilterView

from events.models import EventDocument
from members.access import AccessRequiredMixin, login_instead_of_404, login_then_back_to
from members.models import WorkingGroupSeat, is_network_member
from working_group import services
from working_group.access import sees_working_group_records
from working_group.filters import ActionItemFilter
from working_group.forms import CloseActionItemForm
from working_group.models import (
    ActionItem,
    Decision,
    Minutes,
    recorded_sessions_for,
    sessions_visible_to,
)

PAGE_SIZE = 25
# How many items of each status and how many decisions the space shows;
# the list of action items and the sessions' pages have the rest.
SPACE_ITEMS_PER_STATUS = 10
SPACE_DECISIONS = 10

OWNER_RELATIONS = [
    "session",
    "owner_person__municipality",
    "owner_person__organisation",
    "owner_seat__municipality",
    "owner_seat__organisation",
]


def _action_items(user):
    """The action items ``user`` sees, ready to list: owners' names as the
    person's listing allows, and whether ``user`` may close each."""
    return (
        ActionItem.objects.visible_to(user)
        .with_owner_names_for(user)
        .with_closable_for(user)
        .select_related(*OWNER_RELATIONS)
    )


def _documents(user):
    return Prefetch(
        "documents",
        queryset=EventDocument.objects.visible_to(user),
        to_attr="visible_documents",
    )


# The past sessions the working group's page lists; the archive has all.
PAST_SESSIONS_SHOWN = 6


def index(request):
    """The working group's space: its composition for everyone; its
    sessions as far as the person sees them; for its members and staff
    also the minutes, the action items and the recent decisions."""
    user = request.user
    seats = (
        WorkingGroupSeat.objects.visible_to(user)
        .with_names_for(user)
        .select_related("municipality", "organisation", "delegate", "deputy")
    )
    sees_records = sees_working_group_records(user)
    now = timezone.now()
    visible = sessions_visible_to(user)
    # The sessions to come and the latest past ones, in one query (with
    # their documents in a second): the archive keeps all the others.
    latest_past = visible.filter(ends_at__lt=now).order_by("-starts_at", "-pk")
    sessions = visible.filter(
        Q(ends_at__gte=now) | Q(pk__in=latest_past.values("pk")[:PAST_SESSIONS_SHOWN])
    ).prefetch_related(_documents(user))
    if sees_records:
        sessions = sessions.select_related("minutes")
    sessions = list(sessions.order_by("starts_at", "pk"))
    context = {
        "seat_groups": [
            (_("Model municipalities"), [seat for seat in seats if seat.municipality_id]),
            (_("Partner organisations"), [seat for seat in seats if seat.organisation_id]),
        ],
        "sees_records": sees_records,
        # Municipalities' pages are for network members.
        "link_municipalities": is_network_member(user),
        "next_session": next((session for session in sessions if session.ends_at >= now), None),
        "past_sessions": [session for session in reversed(sessions) if session.ends_at < now],
        "past_sessions_shown": PAST_SESSIONS_SHOWN,
    }
    if sees_records:
        context.update(_records_of_the_space(user))
    return render(request, "working_group/index.html", context)


def _records_of_the_space(user):
    """The first few action items of each status, how many each status has
    and how many are overdue – all in one query: the items are numbered
    within their status (the most urgent open ones first; of the closed
    ones, the latest), and the counts ride along as window aggregates."""
    today = timezone.localdate()
    is_open = Q(status=ActionItem.Status.OPEN)
    by_status = {"partition_by": [F("status")]}
    items = (
        _action_items(user)
        .annotate(
            place=Window(
                RowNumber(),
                **by_status,
                order_by=[
                    Case(When(is_open, then=F("due_on"))).asc(),
                    Case(When(~is_open, then=F("closed_on"))).desc(),
                    Case(When(is_open, then=F("pk"))).asc(),
                    F("pk").desc(),
                ],
            ),
            status_count=Window(Count("pk"), **by_status),
            overdue_count=Window(Sum(Case(When(is_open & Q(due_on__lt=today), then=1), default=0))),
        )
        .filter(place__lte=SPACE_ITEMS_PER_STATUS)
    )
    listed = {status: [] for status in ActionItem.Status.values}
    counts = dict.fromkeys(ActionItem.Status.values, 0)
    overdue = 0
    for item in sorted(items, key=lambda item: item.place):
        listed[item.status].append(item)
        counts[item.status] = item.status_count
        overdue = item.overdue_count
    return {
        "item_groups": [
            {"status": status, "label": label, "count": counts[status], "items": listed[status]}
            for status, label in ActionItem.Status.choices
        ],
        "overdue_count": overdue,
        "decisions": Decision.objects.visible_to(user).select_related("session")[:SPACE_DECISIONS],
    }


@login_instead_of_404
def session_detail(request, slug):
    """A session's records: its minutes (the approved text, or the draft
    marked as one), decisions and action items."""
    user = request.user
    session = get_object_or_404(
        recorded_sessions_for(user).prefetch_related(_documents(user)), slug=slug
    )
    return render(
        request,
        "working_group/session_detail.html",
        {
            "session": session,
            "minutes": Minutes.objects.visible_to(user)
            .select_related("approved_at")
            .filter(session=session)
            .first(),
            "decisions": Decision.objects.visible_to(user)
            .filter(session=session)
            .order_by("order", "pk"),
            "items": _action_items(user).filter(session=session).by_status(),
        },
    )


@login_instead_of_404
def minutes_history(request, slug):
    """Every saved version of a session's minutes, newest first."""
    minutes = get_object_or_404(
        Minutes.objects.visible_to(request.user).select_related("session", "approved_at"),
        session__slug=slug,
    )
    return render(
        request,
        "working_group/minutes_history.html",
        {"minutes": minutes, "revisions": minutes.revisions.select_related("author")},
    )


class ActionItemListView(AccessRequiredMixin, FilterView):
    """All action items the person sees, by status, filterable."""

    access_test = staticmethod(sees_working_group_records)
    refusal = Http404
    filterset_class = ActionItemFilter
    template_name = "working_group/action_list.html"
    paginate_by = PAGE_SIZE

    def get_queryset(self):
        return _action_items(self.request.user).by_status()


@login_instead_of_404
def action_item(request, pk):
    """A short address of an action item: its place on its session's page."""
    item = get_object_or_404(ActionItem.objects.visible_to(request.user), pk=pk)
    return redirect(item.place_on_page())


@require_POST
@login_then_back_to("working_group:action")
def action_item_status(request, pk):
    item = get_object_or_404(
        ActionItem.objects.visible_to(request.user).select_related("session"), pk=pk
    )
    form = CloseActionItemForm(request.POST)
    if form.is_valid():
        try:
            services.set_action_item_status(
                item=item, status=form.cleaned_data["status"], by=request.user
            )
        except services.WorkingGroupError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _("The action item has been marked “%(status)s”.")
                % {"status": ActionItem.Status(form.cleaned_data["status"]).label},
            )
    else:
        messages.error(request, _("Choose one of the statuses."))
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        back = item.place_on_page()
    return redirect(back)
