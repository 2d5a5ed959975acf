from django import forms
from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from asskomm.batches import for_each_selected
from working_group import services
from working_group.models import ActionItem, Decision, Minutes, MinutesRevision


class MinutesRevisionInline(admin.StackedInline):
    """The saved versions: the history stays as it was written."""

    model = MinutesRevision
    extra = 0
    fields = ["saved_at", "author", "text"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class MinutesForm(forms.ModelForm):
    class Meta:
        model = Minutes
        fields = ["session", "text"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "text" in self.fields:
            self.fields["text"].required = True


@admin.register(Minutes)
class MinutesAdmin(admin.ModelAdmin):
    form = MinutesForm
    list_display = ["session", "status", "approved_at", "approved_on", "updated_at"]
    list_filter = ["status"]
    list_select_related = ["session", "approved_at"]
    search_fields = ["session__title", "text"]
    autocomplete_fields = ["session"]
    fields = ["session", "text", "status", "approved_at", "approved_on", "approved_by"]
    readonly_fields = ["status", "approved_at", "approved_on", "approved_by"]
    inlines = [MinutesRevisionInline]
    actions = ["approve_at_next_session"]

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if obj is not None:
            readonly.append("session")
            if obj.is_approved:
                readonly.append("text")
        return readonly

    def save_model(self, request, obj, form, change):
        # Through the service, so that each text is kept in the history.
        if change and "text" not in form.changed_data:
            return
        saved = services.save_minutes(session=obj.session, text=obj.text, by=request.user)
        obj.pk = saved.pk
        obj.text = saved.text
        obj.status = saved.status
        obj.updated_at = saved.updated_at
        obj._state.adding = False

    @admin.action(description=_("Approve at the following session, dated that session's day"))
    def approve_at_next_session(self, request, queryset):
        for_each_selected(
            request,
            queryset.select_related("session"),
            lambda minutes: services.approve_at_next_session(minutes=minutes, by=request.user),
            done=ngettext_lazy(
                "%(count)d set of minutes approved.",
                "%(count)d sets of minutes approved.",
                "count",
            ),
            refusals=services.WorkingGroupError,
            label=lambda minutes: minutes.session.title,
        )


@admin.register(Decision)
class DecisionAdmin(admin.ModelAdmin):
    list_display = ["title", "session", "order"]
    list_filter = [("session", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["session"]
    search_fields = ["title", "text", "session__title"]
    autocomplete_fields = ["session"]
    fields = ["session", "title", "text", "order"]


class OverdueFilter(admin.SimpleListFilter):
    title = _("overdue")
    parameter_name = "overdue"

    def lookups(self, request, model_admin):
        return [("yes", _("overdue"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.overdue()
        return queryset


@admin.register(ActionItem)
class ActionItemAdmin(admin.ModelAdmin):
    list_display = ["title", "session", "owner", "due_on", "status", "overdue"]
    list_filter = ["status", OverdueFilter, ("session", admin.RelatedOnlyFieldListFilter)]
    list_select_related = [
        "session",
        "owner_person",
        "owner_seat__municipality",
        "owner_seat__organisation",
    ]
    search_fields = [
        "title",
        "note",
        "session__title",
        "owner_person__last_name",
        "owner_seat__municipality__name",
        "owner_seat__organisation__name",
    ]
    autocomplete_fields = ["session", "owner_person", "owner_seat"]
    date_hierarchy = "due_on"
    fieldsets = [
        (None, {"fields": ["session", "title", "note", "due_on"]}),
        (
            _("Owner"),
            {
                "fields": ["owner_person", "owner_seat"],
                "description": _("A person or a seat of the working group, not both."),
            },
        ),
        (
            _("Status"),
            {
                "fields": ["status", "closed_on"],
                "description": _(
                    "The owners mark their items done on the working group's page; the "
                    "actions of the list change the status too."
                ),
            },
        ),
    ]
    readonly_fields = ["status", "closed_on"]
    actions = ["mark_done", "mark_dropped", "reopen"]

    @admin.display(description=_("owner"))
    def owner(self, obj):
        return obj.owner or "–"

    @admin.display(description=_("overdue"), boolean=True)
    def overdue(self, obj):
        return obj.is_overdue(timezone.localdate())

    def _set_status(self, request, queryset, status, done):
        for_each_selected(
            request,
            queryset,
            lambda item: services.set_action_item_status(item=item, status=status, by=request.user),
            done=done,
            refusals=services.WorkingGroupError,
            label=lambda item: item.title,
        )

    @admin.action(description=_("Mark the selected action items done"))
    def mark_done(self, request, queryset):
        self._set_status(
            request,
            queryset.filter(status=ActionItem.Status.OPEN),
            ActionItem.Status.DONE,
            ngettext_lazy(
                "%(count)d action item marked done.", "%(count)d action items marked done.", "count"
            ),
        )

    @admin.action(description=_("Drop the selected action items"))
    def mark_dropped(self, request, queryset):
        self._set_status(
            request,
            queryset.filter(status=ActionItem.Status.OPEN),
            ActionItem.Status.DROPPED,
            ngettext_lazy(
                "%(count)d action item dropped.", "%(count)d action items dropped.", "count"
            ),
        )

    @admin.action(description=_("Reopen the selected action items"))
    def reopen(self, request, queryset):
        self._set_status(
            request,
            queryset.exclude(status=ActionItem.Status.OPEN),
            ActionItem.Status.OPEN,
            ngettext_lazy(
                "%(count)d action item reopened.", "%(count)d action items reopened.", "count"
            ),
        )
