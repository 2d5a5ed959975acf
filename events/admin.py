from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, ngettext_lazy

from asskomm.admin import DeleteOneByOneMixin, KeptListMixin, PrivateFilesMixin
from asskomm.batches import for_each_selected, report_count
from asskomm.pagination import EstimatedCountPaginator
from events import exports, services
from events.forms import MessageForm
from events.models import (
    Event,
    EventDocument,
    EventFeedback,
    EventMessage,
    RegionalCoordination,
    Registration,
    coordinated_regions,
)
from members.admin import AuditedAdminMixin


class ManagedEventsMixin:
    """Regional coordinators see and edit the events of their regions only;
    the team sees all. ``event_path`` leads from the model to its event."""

    event_path = None

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.has_perm("events.manage_all_events"):
            # The team manages every event: no condition, so that the
            # unfiltered list is a plain table the paginator counts cheaply.
            return queryset
        managed = Event.objects.managed_by(request.user)
        if self.event_path is None:
            return queryset.filter(pk__in=managed.values("pk"))
        return queryset.filter(**{f"{self.event_path}__in": managed.values("pk")})

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "event":
            kwargs["queryset"] = Event.objects.managed_by(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class WaitingListFilter(admin.SimpleListFilter):
    title = _("waiting list")
    parameter_name = "waiting_list"

    def lookups(self, request, model_admin):
        return [("yes", _("people waiting"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(registrations__status=Registration.Status.WAITLISTED).distinct()
        return queryset


class GuestFilter(admin.SimpleListFilter):
    title = _("registered as")
    parameter_name = "registered_as"

    def lookups(self, request, model_admin):
        return [("member", _("member")), ("guest", _("guest"))]

    def queryset(self, request, queryset):
        if self.value() == "member":
            return queryset.members()
        if self.value() == "guest":
            return queryset.guests()
        return queryset


@admin.display(description=_("person"))
def person(registration):
    """The member, or the guest (marked as such)."""
    if registration.is_guest:
        return _("%(name)s (guest)") % {"name": registration.person_name}
    return registration.person_name


class RegistrationInline(admin.TabularInline):
    model = Registration
    extra = 0
    fields = [person, "status", "created_at", "note", "on_attendee_list", "attended"]
    readonly_fields = [person, "status", "created_at", "note", "on_attendee_list"]
    ordering = ["status", "created_at", "pk"]
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        # People register themselves, so capacity and waiting list hold.
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("user")


class EventDocumentInline(PrivateFilesMixin, admin.TabularInline):
    model = EventDocument
    extra = 1
    fields = ["title", "kind", "file", "visibility", "notice_sent_at"]
    readonly_fields = ["notice_sent_at"]


class EventMessageInline(admin.TabularInline):
    model = EventMessage
    extra = 0
    fields = ["sent_at", "sender", "recipients", "recipient_count", "subject", "body"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class EventForm(forms.ModelForm):
    """The admin's event form; for a regional coordinator, the regions are
    the ones they coordinate."""

    class Meta:
        model = Event
        fields = [
            "title",
            "slug",
            "kind",
            "status",
            "description",
            "starts_at",
            "ends_at",
            "venue_name",
            "venue_address",
            "online_url",
            "region",
            "organiser",
            "audience",
            "invited_municipalities",
            "capacity",
            "accepts_guests",
            "registration_opens_at",
            "registration_closes_at",
            "reminder_days",
            "topics",
        ]

    def __init__(self, *args, regions=None, **kwargs):
        super().__init__(*args, **kwargs)
        if regions is not None:
            self.fields["region"].choices = [
                (value, label) for value, label in Event.Region.choices if value in regions
            ]


def _registration_count(**conditions):
    """The number of an event's registrations that meet ``conditions``."""
    registrations = (
        Registration.objects.filter(event=OuterRef("pk"), **conditions)
        .order_by()
        .values("event")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return Coalesce(Subquery(registrations), 0)


@admin.register(Event)
class EventAdmin(
    KeptListMixin, AuditedAdminMixin, DeleteOneByOneMixin, ManagedEventsMixin, admin.ModelAdmin
):
    form = EventForm
    change_form_template = "admin/events/event/change_form.html"
    # Fifty rows a page: the admin renders every cell through its display
    # functions, so a page of 100 took twice as long to come.
    list_per_page = 50
    list_display = [
        "title",
        "kind",
        "region",
        "starts_at",
        "status",
        "audience",
        "capacity",
        "confirmed",
        "waitlisted",
        "attended",
    ]
    # No date_hierarchy: its list of years reads every event; the date
    # filter below asks nothing of the database.
    list_filter = ["status", "kind", "region", "audience", WaitingListFilter, "starts_at"]
    show_full_result_count = False
    search_fields = ["title", "venue_name", "description"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["organiser", "invited_municipalities", "topics"]
    list_select_related = ["organiser"]
    inlines = [RegistrationInline, EventDocumentInline, EventMessageInline]
    audited_inline_models = (Registration,)
    actions = ["export_csv", "export_xlsx", "cancel_events", "duplicate_events"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "kind", "status", "description", "topics"]}),
        (
            _("When and where"),
            {
                "fields": [
                    "starts_at",
                    "ends_at",
                    "venue_name",
                    "venue_address",
                    "online_url",
                    "region",
                    "organiser",
                ]
            },
        ),
        (
            _("Who may come"),
            {"fields": ["audience", "invited_municipalities", "capacity", "accepts_guests"]},
        ),
        (
            _("Registration"),
            {"fields": ["registration_opens_at", "registration_closes_at", "reminder_days"]},
        ),
    ]

    def get_queryset(self, request):
        # The counts as subqueries, not a join: the page's hundred rows are
        # counted one by one (by index), and counting the page's rows does
        # not group every registration.
        return (
            super()
            .get_queryset(request)
            .annotate(
                confirmed_count=_registration_count(status=Registration.Status.CONFIRMED),
                waitlisted_count=_registration_count(status=Registration.Status.WAITLISTED),
                attended_count=_registration_count(attended=True),
            )
        )

    def may_delete(self, obj):
        # People registered for an upcoming event are told when it is
        # cancelled; deleting it would leave them waiting for nothing.
        return obj.is_past() or not obj.registrations.active().exists()

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        if request.user.has_perm("events.manage_all_events"):
            return form
        regions = coordinated_regions(request.user)

        class CoordinatorEventForm(form):
            def __init__(self, *args, **inner_kwargs):
                super().__init__(*args, regions=regions, **inner_kwargs)

        return CoordinatorEventForm

    def save_formset(self, request, form, formset, change):
        if formset.model is not EventDocument:
            return super().save_formset(request, form, formset, change)
        documents = formset.save(commit=False)
        for document in formset.deleted_objects:
            document.delete()
        for document in documents:
            save_and_report_document(request, document)
        formset.save_m2m()

    def save_model(self, request, obj, form, change):
        # Setting the status to "cancelled" in the form cancels the event the
        # same way the action does: everyone registered is told.
        cancelling = (
            change and "status" in form.changed_data and obj.status == Event.Status.CANCELLED
        )
        if cancelling:
            obj.status = form.initial["status"]
        super().save_model(request, obj, form, change)
        if cancelling:
            services.cancel_event(event=obj)
        if change and "capacity" in form.changed_data:
            promoted = services.promote_waitlist(event=obj)
            if promoted:
                self.message_user(
                    request,
                    ngettext(
                        "%(count)d person moved up from the waiting list and has been told.",
                        "%(count)d people moved up from the waiting list and have been told.",
                        len(promoted),
                    )
                    % {"count": len(promoted)},
                    messages.SUCCESS,
                )

    @admin.display(description=_("confirmed"), ordering="confirmed_count")
    def confirmed(self, obj):
        return obj.confirmed_count

    @admin.display(description=_("waiting"), ordering="waitlisted_count")
    def waitlisted(self, obj):
        return obj.waitlisted_count

    @admin.display(description=_("attended"), ordering="attended_count")
    def attended(self, obj):
        return obj.attended_count

    @admin.action(description=_("Export participant list (CSV)"))
    def export_csv(self, request, queryset):
        return exports.participants_csv(queryset)

    @admin.action(description=_("Export participant list (Excel)"))
    def export_xlsx(self, request, queryset):
        return exports.participants_xlsx(queryset)

    @admin.action(description=_("Cancel the selected events (e-mails everyone registered)"))
    def cancel_events(self, request, queryset):
        for_each_selected(
            request,
            queryset.exclude(status=Event.Status.CANCELLED),
            lambda event: services.cancel_event(event=event),
            done=ngettext_lazy(
                "%(count)d event cancelled; the registered people are being told.",
                "%(count)d events cancelled; the registered people are being told.",
                "count",
            ),
            refusals=services.RegistrationError,
        )

    @admin.action(description=_("Duplicate the selected events as drafts"))
    def duplicate_events(self, request, queryset):
        for_each_selected(
            request,
            queryset,
            lambda event: services.duplicate_event(event=event),
            done=ngettext_lazy(
                "%(count)d draft copy made: set its dates before publishing.",
                "%(count)d draft copies made: set their dates before publishing.",
                "count",
            ),
            refusals=services.RegistrationError,
        )

    def get_urls(self):
        return [
            path(
                "<int:event_id>/message/",
                self.admin_site.admin_view(self.write_to_participants),
                name="events_event_message",
            ),
        ] + super().get_urls()

    def write_to_participants(self, request, event_id):
        event = get_object_or_404(self.get_queryset(request), pk=event_id)
        if not self.has_change_permission(request, event):
            raise PermissionDenied
        form = MessageForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                message = services.write_to_participants(
                    event=event, sender=request.user, **form.cleaned_data
                )
            except services.RegistrationError as error:
                form.add_error(None, str(error))
            else:
                self.message_user(
                    request,
                    ngettext(
                        "Message sent to %(count)d person.",
                        "Message sent to %(count)d people.",
                        message.recipient_count,
                    )
                    % {"count": message.recipient_count},
                    messages.SUCCESS,
                )
                return redirect(reverse("admin:events_event_change", args=[event.pk]))
        context = {
            **self.admin_site.each_context(request),
            "title": _("Write to the participants of “%(event)s”") % {"event": event.title},
            "event": event,
            "form": form,
            "opts": self.model._meta,
            "original": event,
            "has_view_permission": True,
        }
        return TemplateResponse(request, "admin/events/event/message.html", context)


@admin.register(Registration)
class RegistrationAdmin(
    KeptListMixin, AuditedAdminMixin, DeleteOneByOneMixin, ManagedEventsMixin, admin.ModelAdmin
):
    event_path = "event"
    list_display = [person, "event", "status", "created_at", "attended", "on_attendee_list"]
    # Fifty rows a page: the admin renders every cell through its display
    # functions, so a page of 100 took twice as long to come.
    list_per_page = 50
    list_filter = [
        "status",
        GuestFilter,
        "attended",
        "event__region",
        "event__kind",
        "created_at",
    ]
    list_select_related = ["user", "event"]
    # The newest first, along the index on created_at; the model's order
    # (by event date) would sort every registration to show a hundred.
    ordering = ["-created_at", "-pk"]
    # The largest table of the portal: the unfiltered count is estimated
    # (asskomm.pagination), and no second count of all rows is made.
    paginator = EstimatedCountPaginator
    show_full_result_count = False
    search_fields = [
        "user__email",
        "user__first_name",
        "user__last_name",
        "guest_name",
        "guest_email",
        "guest_organisation",
        "event__title",
    ]
    autocomplete_fields = ["user", "event"]
    readonly_fields = [
        "user",
        "guest_name",
        "guest_email",
        "guest_organisation",
        "guest_language",
        "event",
        "status",
        "created_at",
        "cancelled_at",
        "reminder_sent_at",
    ]
    fields = [
        "event",
        "user",
        "guest_name",
        "guest_email",
        "guest_organisation",
        "guest_language",
        "status",
        "created_at",
        "cancelled_at",
        "note",
        "on_attendee_list",
        "attended",
        "reminder_sent_at",
    ]
    actions = ["mark_attended", "mark_not_attended", "cancel_registrations"]
    # No date_hierarchy: its list of months reads every registration; the
    # "created_at" filter above asks nothing of the database.

    def has_add_permission(self, request):
        return False

    def may_delete(self, obj):
        # Deleting a confirmed place would bypass the waiting list; cancel
        # instead. Cancelled registrations may go.
        return not obj.is_active

    @admin.action(description=_("Mark as attended"))
    def mark_attended(self, request, queryset):
        count = services.set_attendance(registrations=queryset, attended=True)
        report_count(request, ATTENDED, count)

    @admin.action(description=_("Mark as not attended"))
    def mark_not_attended(self, request, queryset):
        count = services.set_attendance(registrations=queryset, attended=False)
        report_count(request, NOT_ATTENDED, count)

    @admin.action(description=_("Cancel the selected registrations (moves the waiting list up)"))
    def cancel_registrations(self, request, queryset):
        for_each_selected(
            request,
            queryset.active(),
            lambda registration: services.cancel_registration(registration=registration),
            done=ngettext_lazy(
                "%(count)d registration cancelled.", "%(count)d registrations cancelled.", "count"
            ),
            refusals=services.RegistrationError,
            label=str,
        )


ATTENDED = ngettext_lazy(
    "%(count)d person marked as attended.", "%(count)d people marked as attended.", "count"
)
NOT_ATTENDED = ngettext_lazy(
    "%(count)d person marked as not attended.", "%(count)d people marked as not attended.", "count"
)


@admin.register(EventDocument)
class EventDocumentAdmin(PrivateFilesMixin, ManagedEventsMixin, admin.ModelAdmin):
    event_path = "event"
    list_display = ["title", "event", "kind", "visibility", "uploaded_at", "notice_sent_at"]
    list_filter = ["kind", "visibility", "event__kind"]
    list_select_related = ["event"]
    search_fields = ["title", "event__title"]
    autocomplete_fields = ["event", "topics"]
    readonly_fields = ["notice_sent_at"]

    def save_model(self, request, obj, form, change):
        save_and_report_document(request, obj)


def save_and_report_document(request, document):
    """Saves through the service, which tells the participants of a new
    agenda or documentation; staff learn that they were told."""
    told_before = document.notice_sent_at
    services.save_document(document=document)
    if document.notice_sent_at and not told_before:
        messages.info(
            request,
            _("The participants have been told about “%(document)s” by e-mail.")
            % {"document": document.title},
        )


@admin.register(EventFeedback)
class EventFeedbackAdmin(ManagedEventsMixin, admin.ModelAdmin):
    """The answers, read only and without the people who gave them."""

    event_path = "event"
    list_display = ["event", "rating", "comment", "created_on"]
    list_filter = [("event", admin.RelatedOnlyFieldListFilter), "rating"]
    list_select_related = ["event"]
    search_fields = ["text", "event__title"]
    fields = ["event", "rating", "text", "created_on"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("comments"))
    def comment(self, obj):
        return Truncator(obj.text).chars(120)


@admin.register(EventMessage)
class EventMessageAdmin(ManagedEventsMixin, admin.ModelAdmin):
    event_path = "event"
    list_display = ["subject", "event", "recipients", "recipient_count", "sender", "sent_at"]
    list_filter = ["recipients", "sent_at"]
    list_select_related = ["event", "sender"]
    search_fields = ["subject", "body", "event__title"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(RegionalCoordination)
class RegionalCoordinationAdmin(admin.ModelAdmin):
    list_display = ["user", "region"]
    list_filter = ["region"]
    list_select_related = ["user"]
    search_fields = ["user__email", "user__last_name"]
    autocomplete_fields = ["user"]
