"""Pieces the apps' admin classes share."""

import posixpath

from django.contrib.admin.widgets import AdminFileWidget
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models.fields.files import FieldFile
from django.utils.html import format_html


class PrivateFileWidget(AdminFileWidget):
    """The admin's file input for a file without a public URL: it shows the
    stored file's name, linked to the download view that checks permission
    (``download_url(field_file)``), and never asks the storage for a URL."""

    template_name = "admin/widgets/private_file_input.html"

    def __init__(self, attrs=None, *, download_url):
        super().__init__(attrs)
        self.download_url = download_url

    def is_initial(self, value):
        return isinstance(value, FieldFile) and bool(value)

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        if self.is_initial(value):
            context["widget"]["file_name"] = posixpath.basename(value.name)
            context["widget"]["download_url"] = self.download_url(value)
        return context


def is_private_file_field(db_field):
    return isinstance(db_field, models.FileField) and not getattr(
        db_field.storage, "public_urls", True
    )


class PrivateFilesMixin:
    """For model admins and inlines whose model keeps files in a storage
    without public URLs (``storage.public_urls = False``): their file inputs
    link to the permission-checked download instead of the storage's URL,
    which private storages refuse to give."""

    def private_file_url(self, field_file):
        """Where staff download the file; by default the object's own URL."""
        instance = field_file.instance
        if instance.pk is None or not hasattr(instance, "get_absolute_url"):
            return None
        return instance.get_absolute_url()

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if is_private_file_field(db_field):
            kwargs["widget"] = PrivateFileWidget(download_url=self.private_file_url)
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    # Staff who may only view get the fields as text, which for a file
    # would ask the storage for its URL: they see the same link instead.

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if self._may_edit(request, obj):
            return fieldsets
        return [
            (name, {**options, "fields": [self._shown(field) for field in options["fields"]]})
            for name, options in fieldsets
        ]

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if self._may_edit(request, obj):
            return readonly
        return [self._shown(field) for field in readonly] + [
            self._shown(field.name)
            for field in self.model._meta.fields
            if is_private_file_field(field)
        ]

    def _may_edit(self, request, obj):
        return obj is None or self.has_change_permission(request, obj)

    def _shown(self, name):
        if not isinstance(name, str):
            return name
        try:
            field = self.model._meta.get_field(name)
        except FieldDoesNotExist:
            return name
        if not is_private_file_field(field):
            return name
        shown = self.__dict__.setdefault("_private_file_links", {})
        if name not in shown:

            def link(obj):
                file = getattr(obj, name)
                if not file:
                    return "–"
                url = self.private_file_url(file)
                label = posixpath.basename(file.name)
                return format_html('<a href="{}">{}</a>', url, label) if url else label

            link.short_description = field.verbose_name
            shown[name] = link
        return shown[name]


class DeleteOneByOneMixin:
    """Deletes only objects ``may_delete()`` allows, one at a time.

    For records whose removal would bypass a rule (a confirmed place, an
    accepted application): the bulk "delete selected" action would skip the
    check, so it is switched off.
    """

    def may_delete(self, obj):
        return True

    def has_delete_permission(self, request, obj=None):
        if obj is not None and not self.may_delete(obj):
            return False
        return super().has_delete_permission(request, obj)

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions
