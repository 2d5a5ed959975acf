from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AnonymousUser
from django.db.models import Prefetch
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST
from django_filters.views import FilterView

from asskomm.ical import calendar_response
from events import guest_links, services
from events.calendar import event_calendar, feed_calendar
from events.certificates import certificate_filename, render_certificate
from events.filters import EventFilter
from events.forms import FeedbackForm, GuestRegistrationForm, RegistrationForm
from events.models import (
    GUEST_CONFIRMATION_PERIOD,
    CalendarFeed,
    Event,
    EventDocument,
    EventFeedback,
    Registration,
    attendances,
    feedback_closes_at,
    feedback_is_open,
    registration_and_attendance,
)
from members.access import login_instead_of_404, login_then_back_to

PAGE_SIZE = 20


class EventListView(FilterView):
    """Upcoming events the person may see."""

    filterset_class = EventFilter
    template_name = "events/event_list.html"
    paginate_by = PAGE_SIZE
    archive = False

    def get_queryset(self):
        user = self.request.user
        events = Event.objects.visible_to(user)
        if self.archive:
            events = (
                events.past()
                .order_by("-starts_at")
                .prefetch_related(
                    Prefetch(
                        "documents",
                        queryset=EventDocument.objects.visible_to(user),
                        to_attr="visible_documents",
                    )
                )
            )
        else:
            events = events.upcoming().order_by("starts_at")
        return events.with_counts().with_registration_of(user).select_related("organiser")

    def get_context_data(self, **kwargs):
        return super().get_context_data(archive=self.archive, **kwargs)


@login_instead_of_404
def event_detail(request, slug, registration_form=None):
    event = get_object_or_404(
        Event.objects.visible_to(request.user)
        .with_counts()
        .with_viewer_answers(request.user)
        .select_related("organiser")
        .prefetch_related("topics"),
        slug=slug,
    )
    registration, attendance = registration_and_attendance(event, request.user)
    may_register = registration is None and event.registration_is_open()
    if may_register and registration_form is None:
        registration_form = RegistrationForm()
    return render(
        request,
        "events/event_detail.html",
        {
            "event": event,
            "registration": registration,
            "registration_form": registration_form if may_register else None,
            "online_link_visible": event.is_inside(request.user),
            "documents": EventDocument.objects.visible_to(request.user)
            .filter(event=event)
            .select_related("event"),
            "attendees": Registration.objects.attendee_list(event, request.user),
            **_follow_up(event, request.user, attendance),
        },
    )


@require_POST
@login_then_back_to("events:detail")
def register(request, slug):
    event = get_object_or_404(Event.objects.visible_to(request.user), slug=slug)
    form = RegistrationForm(request.POST)
    if not form.is_valid():
        return event_detail(request, slug, registration_form=form)
    try:
        registration = services.register(event=event, user=request.user, **form.cleaned_data)
    except services.RegistrationError as error:
        messages.error(request, str(error))
    else:
        if registration.status == Registration.Status.CONFIRMED:
            messages.success(request, _("You are registered. A confirmation is on its way."))
        else:
            messages.info(
                request,
                _("The event is full: you are number %(position)d on the waiting list.")
                % {"position": registration.waitlist_position},
            )
    return redirect(event)


@require_http_methods(["GET", "POST"])
@login_then_back_to("events:detail")
def cancel(request, slug):
    """GET asks for confirmation and says what follows; POST cancels."""
    registration = get_object_or_404(
        Registration.objects.active().with_waitlist_position().select_related("event"),
        event__slug=slug,
        event__in=Event.objects.visible_to(request.user),
        user=request.user,
    )
    if request.method == "GET":
        return render(
            request,
            "events/cancel_confirm.html",
            {
                "registration": registration,
                "event": registration.event,
                "seat_goes_to_waiting_list": registration.frees_a_seat_for_the_waiting_list(),
            },
        )
    was_waiting = registration.status == Registration.Status.WAITLISTED
    try:
        services.cancel_registration(registration=registration)
    except services.RegistrationError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("You have left the waiting list.")
            if was_waiting
            else _("Your registration is cancelled."),
        )
    return redirect(registration.event)


@require_http_methods(["GET", "POST"])
def guest_register(request, slug):
    """A public event's registration for people without an account; the
    guest confirms it with the link we e-mail. Signed-in people register
    with their account."""
    event = get_object_or_404(Event.objects.visible_to(AnonymousUser()), slug=slug)
    if not event.takes_guests:
        raise Http404
    if request.user.is_authenticated:
        messages.info(request, _("You are logged in: please register with your account here."))
        return redirect(event)
    form = GuestRegistrationForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.register_guest(
                event=event,
                name=data["guest_name"],
                email=data["guest_email"],
                organisation=data["guest_organisation"],
                note=data["note"],
                language=get_language(),
            )
        except services.RegistrationError as error:
            form.add_error(None, str(error))
        else:
            # The same words whether the address is new, waiting or registered.
            messages.success(
                request,
                _(
                    "Almost done: please check your mailbox. We have sent a link to %(email)s; "
                    "your registration is valid once you have confirmed it there."
                )
                % {"email": data["guest_email"]},
            )
            return redirect(event)
    return render(
        request,
        "events/guest_register.html",
        {
            "event": event,
            "form": form,
            "is_open": event.guest_registration_is_open(),
            "retention_days": settings.ASSKOMM_RETENTION["guest_data_days"],
        },
    )


def _guest_registration_or_404(token, purpose):
    registration = guest_links.registration_for(token, purpose)
    if registration is None:
        raise Http404
    return registration


@never_cache  # the page shows the guest's data to whoever holds the link
@require_http_methods(["GET", "POST"])
def guest_confirm(request, token):
    """The link in a guest's first e-mail. GET shows a button (mail
    programs that check links only GET); POST confirms, then shows the
    place – or the waiting list – with the link to cancel."""
    try:
        registration = _guest_registration_or_404(token, guest_links.CONFIRM)
    except guest_links.LinkExpired as expired:
        event = expired.event if expired.event and expired.event.takes_guests else None
        hours = int(GUEST_CONFIRMATION_PERIOD.total_seconds() // 3600)
        return render(
            request, "events/guest_link_expired.html", {"event": event, "hours": hours}, status=410
        )
    if request.method == "POST":
        try:
            services.confirm_guest(registration=registration)
        except services.RegistrationError as error:
            messages.error(request, str(error))
        return redirect(request.path)
    registration = Registration.objects.with_waitlist_position().get(pk=registration.pk)
    return render(
        request,
        "events/guest_confirm.html",
        {
            "registration": registration,
            "event": registration.event,
            "is_open": registration.event.guest_registration_is_open(),
            "cancel_url": guest_links.path(registration, guest_links.CANCEL),
        },
    )


@never_cache
@require_http_methods(["GET", "POST"])
def guest_cancel(request, token):
    """The link in a guest's e-mails: GET asks for confirmation, POST cancels."""
    registration = _guest_registration_or_404(token, guest_links.CANCEL)
    if not registration.is_active:
        return render(request, "events/guest_cancelled.html", {"event": registration.event})
    if request.method == "GET":
        registration = Registration.objects.with_waitlist_position().get(pk=registration.pk)
        return render(
            request,
            "events/cancel_confirm.html",
            {
                "registration": registration,
                "event": registration.event,
                "seat_goes_to_waiting_list": registration.frees_a_seat_for_the_waiting_list(),
            },
        )
    try:
        services.cancel_registration(registration=registration)
    except services.RegistrationError as error:
        messages.error(request, str(error))
    return redirect(request.path)


@login_instead_of_404
def event_ics(request, slug):
    event = get_object_or_404(Event.objects.visible_to(request.user), slug=slug)
    return calendar_response(event_calendar(event, reader=request.user), f"{event.slug}.ics")


def public_feed(request):
    events = Event.objects.visible_to(AnonymousUser()).for_feeds()
    return calendar_response(
        feed_calendar(
            events.order_by("starts_at"),
            reader=AnonymousUser(),
            name=_("ASSKomm: public events"),
        ),
        "asskomm.ics",
    )


def personal_feed(request, token):
    """The events a person is registered for, for their calendar program:
    the secret address stands in for a login."""
    feed = get_object_or_404(CalendarFeed.objects.select_related("user"), token=token)
    registered = Registration.objects.active().filter(user=feed.user).values("event")
    events = (
        Event.objects.visible_to(feed.user)
        .for_feeds()
        .filter(pk__in=registered)
        .order_by("starts_at")
    )
    return calendar_response(
        feed_calendar(events, reader=feed.user, name=_("ASSKomm: my events")),
        "asskomm-meine-termine.ics",
    )


@require_http_methods(["GET", "POST"])
@login_required
def renew_feed(request):
    """GET asks for confirmation; POST gives the feed a new address."""
    if request.method == "GET":
        return render(request, "events/renew_feed_confirm.html")
    services.renew_calendar_feed(user=request.user)
    messages.success(
        request,
        _("Your calendar has a new address; the old one no longer works."),
    )
    return redirect("members:dashboard")


@login_instead_of_404
def document(request, slug, document_id):
    found = get_object_or_404(
        EventDocument.objects.visible_to(request.user).select_related("event"),
        pk=document_id,
        event__slug=slug,
    )
    response = FileResponse(found.file.open("rb"), as_attachment=True, filename=found.download_name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


# Following up an event


def _follow_up(event, user, attendance):
    """What the event's page offers once it is over: an attendee (whose
    ``attendance`` it is) their certificate and, for a while, the feedback
    form; the organisers the feedback's results."""
    if not event.is_past():
        return {}
    return {
        "attendance": attendance,
        "feedback_open": attendance is not None and feedback_is_open(attendance),
        "feedback_closes_at": feedback_closes_at(event),
        "feedback_results_visible": event.is_managed_by(user),
    }


@require_http_methods(["GET", "POST"])
@login_required
def feedback(request, slug):
    """An attendee's feedback form; everyone else gets a 404."""
    attendance = get_object_or_404(
        attendances(request.user).select_related("event"), event__slug=slug
    )
    event = attendance.event
    try:
        services.ensure_can_give_feedback(event=event, user=request.user)
    except services.FeedbackError as error:
        return render(request, "events/feedback_form.html", {"event": event, "refusal": error})
    form = FeedbackForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.give_feedback(event=event, user=request.user, **form.cleaned_data)
        except services.FeedbackError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Thank you for your feedback!"))
        return redirect(event)
    return render(
        request,
        "events/feedback_form.html",
        {"event": event, "form": form, "closes_at": feedback_closes_at(event)},
    )


@login_instead_of_404
def feedback_results(request, slug):
    """The feedback on an event, for the people who manage it: numbers and
    comments, and nobody's name."""
    event = get_object_or_404(Event.objects.managed_by(request.user).with_counts(), slug=slug)
    answers = EventFeedback.objects.filter(event=event)
    return render(
        request,
        "events/feedback_results.html",
        {"event": event, "summary": answers.summary(), "comments": answers.comments()},
    )


@login_instead_of_404
def certificate(request, slug):
    """The attendance certificate, for the person who attended; a 404 for
    everyone else."""
    registration = get_object_or_404(
        attendances(request.user).select_related("event__organiser", "user"), event__slug=slug
    )
    response = HttpResponse(render_certificate(registration), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{certificate_filename(registration)}"'
    response["Cache-Control"] = "private, no-store"
    return response
