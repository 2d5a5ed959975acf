from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from asskomm.admin import PrivateFilesMixin
from library import services
from library.models import Resource


@admin.register(Resource)
class ResourceAdmin(PrivateFilesMixin, admin.ModelAdmin):
    list_display = ["title", "kind", "published_on", "publisher", "audience", "uploaded_by"]
    list_filter = ["kind", "audience", "topics", "published_on"]
    list_select_related = ["publisher_organisation", "publisher_municipality", "uploaded_by"]
    search_fields = ["title", "summary"]
    date_hierarchy = "published_on"
    autocomplete_fields = [
        "topics",
        "publisher_organisation",
        "publisher_municipality",
        "invited_municipalities",
    ]
    readonly_fields = ["uploaded_by", "created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["title", "kind", "summary", "topics"]}),
        (_("File or link"), {"fields": ["file", "external_url"]}),
        (
            _("Publication"),
            {"fields": ["published_on", "publisher_organisation", "publisher_municipality"]},
        ),
        (_("Who may see it"), {"fields": ["audience", "invited_municipalities"]}),
        (None, {"fields": ["uploaded_by", "created_at", "updated_at"]}),
    ]

    def private_file_url(self, field_file):
        instance = field_file.instance
        return instance.get_download_url() if instance.pk else None

    @admin.display(description=_("publisher"))
    def publisher(self, obj):
        return obj.publisher or ""

    def save_model(self, request, obj, form, change):
        services.save_resource(resource=obj, uploaded_by=request.user)
