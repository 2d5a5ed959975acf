from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from accessibility import services
from accessibility.models import BarrierReport


@admin.register(BarrierReport)
class BarrierReportAdmin(admin.ModelAdmin):
    """The reports of barriers: the team reads, answers the reporter by
    e-mail (when they gave one) and marks the report answered."""

    list_display = ["received_at", "page", "short_description", "reporter", "status"]
    list_display_links = ["received_at", "page"]
    list_filter = ["status", "received_at"]
    search_fields = ["page", "description", "name", "email", "team_note"]
    date_hierarchy = "received_at"
    fields = [
        "received_at",
        "page",
        "description",
        "name",
        "email",
        "language",
        "status",
        "answered_at",
        "team_note",
    ]
    readonly_fields = ["received_at", "page", "description", "name", "email", "language"]
    actions = ["mark_answered"]

    def get_readonly_fields(self, request, obj=None):
        if obj is None:  # staff who take a report on the phone write it down
            return ["received_at", "answered_at"]
        return [*self.readonly_fields, "answered_at"]

    @admin.display(description=_("description"))
    def short_description(self, obj):
        text = " ".join(obj.description.split())
        return text if len(text) <= 80 else f"{text[:79]}…"

    @admin.display(description=_("reported by"))
    def reporter(self, obj):
        return " · ".join(part for part in (obj.name, obj.email) if part) or _("anonymous")

    def save_model(self, request, obj, form, change):
        services.set_status(report=obj, status=obj.status)
        super().save_model(request, obj, form, change)

    @admin.action(description=_("Mark as answered"), permissions=["change"])
    def mark_answered(self, request, queryset):
        count = services.mark_answered(reports=queryset)
        self.message_user(
            request,
            ngettext(
                "%(count)d report marked as answered.",
                "%(count)d reports marked as answered.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )
