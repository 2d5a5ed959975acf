"""The portal's admin site (``admin.site``, set in ``asskomm.apps.AdminConfig``)."""

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.contrib.contenttypes.models import ContentType
from django.contrib.contenttypes.views import shortcut
from django.http import Http404
from django.urls import path

from asskomm.views import ADMIN_INDEX_TITLE, ADMIN_SITE_HEADER


class AdminSite(admin.AdminSite):
    """Django's admin site, with "view on site" only for what the staff
    member may see in the admin anyway."""

    site_header = ADMIN_SITE_HEADER
    site_title = ADMIN_SITE_HEADER
    index_title = ADMIN_INDEX_TITLE

    def get_urls(self):
        urls = [url for url in super().get_urls() if getattr(url, "name", None) != "view_on_site"]
        return [
            path(
                "r/<int:content_type_id>/<path:object_id>/",
                self.admin_view(self.view_on_site),
                name="view_on_site",
            ),
            *urls,
        ]

    def view_on_site(self, request, content_type_id, object_id):
        """Django's shortcut redirects staff to the page of any object with
        a ``get_absolute_url`` by sequential id: other regions' drafts,
        anything without an admin. Here the object must be one the person
        sees in the admin, through a model admin that offers the link."""
        try:
            model = ContentType.objects.get_for_id(content_type_id).model_class()
        except ContentType.DoesNotExist:
            raise Http404 from None
        model_admin = self._registry.get(model)
        if model_admin is None or not model_admin.view_on_site:
            raise Http404
        obj = model_admin.get_object(request, unquote(object_id))
        if obj is None or not model_admin.has_view_or_change_permission(request, obj):
            raise Http404
        return shortcut(request, content_type_id, object_id)
