from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from asskomm.admin import PrivateFilesMixin
from projects.models import (
    Project,
    ProjectAttachment,
    Recommendation,
    RecommendationStatusChange,
    SecurityAnalysis,
)


class ProjectAttachmentInline(PrivateFilesMixin, admin.TabularInline):
    model = ProjectAttachment
    extra = 1
    fields = ["title", "file", "uploaded_at"]
    readonly_fields = ["uploaded_at"]


@admin.register(Project)
class ProjectAdmin(admin.ModelAdmin):
    list_display = ["title", "municipality", "status", "updated_at"]
    list_filter = ["status", "topics", "municipality__region"]
    list_select_related = ["municipality"]
    search_fields = ["title", "goal", "municipality__name"]
    autocomplete_fields = ["municipality"]
    filter_horizontal = ["topics"]
    readonly_fields = ["created_by", "created_at", "updated_at"]
    inlines = [ProjectAttachmentInline]


class RecommendationInline(admin.TabularInline):
    model = Recommendation
    extra = 1
    fields = ["title", "text", "topic", "priority", "status"]
    readonly_fields = ["status"]
    show_change_link = True


@admin.register(SecurityAnalysis)
class SecurityAnalysisAdmin(PrivateFilesMixin, admin.ModelAdmin):
    list_display = ["__str__", "municipality", "year", "shared_with_members"]
    list_filter = ["year", "shared_with_members", "municipality__region"]
    list_select_related = ["municipality"]
    search_fields = ["municipality__name", "summary", "conducted_by"]
    autocomplete_fields = ["municipality"]
    inlines = [RecommendationInline]

    def private_file_url(self, field_file):
        if field_file.instance.pk is None:
            return None
        return field_file.instance.get_report_url()


class StatusChangeInline(admin.TabularInline):
    model = RecommendationStatusChange
    extra = 0
    fields = ["changed_at", "changed_by", "from_status", "to_status", "note"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Recommendation)
class RecommendationAdmin(admin.ModelAdmin):
    list_display = ["title", "analysis", "topic", "priority", "status"]
    list_filter = ["status", "priority", "topic", "analysis__municipality"]
    list_select_related = ["analysis__municipality", "topic"]
    search_fields = ["title", "text", "analysis__municipality__name"]
    autocomplete_fields = ["analysis"]
    readonly_fields = ["status"]
    inlines = [StatusChangeInline]
    fieldsets = [
        (None, {"fields": ["analysis", "title", "text", "topic", "priority"]}),
        (
            _("Status"),
            {
                "fields": ["status"],
                "description": _(
                    "The status changes on the analysis's page, with a note for its history."
                ),
            },
        ),
    ]
