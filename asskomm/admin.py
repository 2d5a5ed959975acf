"""Pieces the apps' admin classes share, and the admin of the flat pages and
the e-mail queue."""

import posixpath

from django.contrib import admin, messages
from django.contrib.admin.widgets import AdminFileWidget
from django.contrib.flatpages.admin import FlatPageAdmin as DjangoFlatPageAdmin
from django.contrib.flatpages.forms import FlatpageForm
from django.contrib.flatpages.models import FlatPage
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models.fields.files import FieldFile
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from mailer import admin as _mailer_admin  # noqa: F401 (its registrations come first)
from mailer.models import (
    PRIORITY_DEFERRED,
    RESULT_FAILURE,
    RESULT_SUCCESS,
    DontSendEntry,
    Message,
    MessageLog,
)

from asskomm import mail_queue
from asskomm.markup import clean_html
from asskomm.models import Topic
from asskomm.page_cache import ANY_QUERY, personal_page

# django-mailer registered its own classes; ours replace them below. Its
# "don't send" list applies only to its own send_mail(), not to the backend
# every e-mail of the portal goes through, so it is not offered at all.
admin.site.unregister([Message, MessageLog, DontSendEntry])


class SafeFlatpageForm(FlatpageForm):
    def clean_content(self):
        # Saved as it will appear, so staff see what the page keeps.
        return clean_html(self.cleaned_data["content"])


admin.site.unregister(FlatPage)


@admin.register(FlatPage)
class FlatPageAdmin(DjangoFlatPageAdmin):
    """The Impressum and the Datenschutzerklärung: HTML reduced to safe
    markup on save (and again when shown)."""

    form = SafeFlatpageForm

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        form.base_fields["content"].help_text = _(
            "HTML with paragraphs, headings (h2, h3), lists, links, bold, italics, line "
            "breaks and simple tables; anything else is removed when you save."
        )
        return form


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


class KeptListMixin:
    """The list of a table that grows with the years (events, registrations,
    applications, people) is kept for the staff member's session, as their
    pages in the portal are (``asskomm.page_cache.personal_page``): going
    back to the list after opening a record, or paging back, costs no
    rendering (50 rows took 40–60 ms at ten times Saxony's data). Any change
    to the portal's records, their own included, renders it afresh; a list
    that shows a message or follows an action is never kept. The admin's
    search words go to the bounded cache of the worker process."""

    def changelist_view(self, request, extra_context=None):
        view = personal_page(super().changelist_view, query=ANY_QUERY, free_text=("q",))
        return view(request, extra_context)


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


# The e-mail queue (django-mailer): what waits, what failed, and why. Staff
# read; the only change is "try again". The classes replace django-mailer's
# own, which show the pickled e-mail as an editable field and send from
# within the request.


class MailStateFilter(admin.SimpleListFilter):
    title = _("state")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [
            ("waiting", _("waiting to be sent")),
            ("retrying", _("failed, will be tried again")),
            ("failed", _("failed for good")),
        ]

    def queryset(self, request, queryset):
        if self.value() == "waiting":
            return queryset.exclude(priority=PRIORITY_DEFERRED)
        if self.value() == "retrying":
            return queryset.filter(priority=PRIORITY_DEFERRED).filter(
                pk__in=mail_queue.waiting().values("pk")
            )
        if self.value() == "failed":
            return queryset.filter(pk__in=mail_queue.failed().values("pk"))
        return queryset


class ReadOnlyMailAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    @admin.display(description=_("to"))
    def recipients(self, obj):
        return ", ".join(obj.to_addresses or [])

    @admin.display(description=_("subject"))
    def email_subject(self, obj):
        return obj.subject

    @admin.display(description=_("text"))
    def text(self, obj):
        email = obj.email
        return getattr(email, "body", "")

    @admin.display(description=_("queued at"), ordering="when_added")
    def queued_at(self, obj):
        return obj.when_added


class ResultFilter(admin.SimpleListFilter):
    title = _("result")
    parameter_name = "result"

    def lookups(self, request, model_admin):
        return [(RESULT_SUCCESS, _("delivered")), (RESULT_FAILURE, _("failed"))]

    def queryset(self, request, queryset):
        return queryset.filter(result=self.value()) if self.value() else queryset


@admin.register(Message)
class QueuedMailAdmin(ReadOnlyMailAdmin):
    list_display = ["recipients", "email_subject", "queued_at", "state", "retries"]
    list_filter = [MailStateFilter]
    date_hierarchy = "when_added"
    fields = ["recipients", "email_subject", "queued_at", "state", "retries", "error", "text"]
    readonly_fields = fields
    actions = ["try_again"]

    @admin.display(description=_("state"))
    def state(self, obj):
        if obj.priority != PRIORITY_DEFERRED:
            return _("waiting to be sent")
        if mail_queue.is_failed(obj):
            return _("failed for good")
        return _("failed, will be tried again")

    @admin.display(description=_("retries"), ordering="retry_count")
    def retries(self, obj):
        return obj.retry_count

    @admin.display(description=_("last error"))
    def error(self, obj):
        return mail_queue.last_error(obj)

    @admin.action(description=_("Try again now"), permissions=["change"])
    def try_again(self, request, queryset):
        count = mail_queue.retry_now(messages=queryset)
        self.message_user(
            request,
            ngettext(
                "%(count)d e-mail will be sent on the next run of the worker.",
                "%(count)d e-mails will be sent on the next run of the worker.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )


@admin.register(MessageLog)
class DeliveryAttemptAdmin(ReadOnlyMailAdmin):
    list_display = ["recipients", "email_subject", "attempted_at", "outcome", "error"]
    list_filter = [ResultFilter]
    date_hierarchy = "when_attempted"
    search_fields = ["message_id", "log_message"]
    fields = [
        "recipients",
        "email_subject",
        "queued_at",
        "attempted_at",
        "outcome",
        "error",
        "text",
    ]
    readonly_fields = fields

    @admin.display(description=_("attempted at"), ordering="when_attempted")
    def attempted_at(self, obj):
        return obj.when_attempted

    @admin.display(description=_("result"))
    def outcome(self, obj):
        return _("delivered") if obj.result == RESULT_SUCCESS else _("failed")

    @admin.display(description=_("error"))
    def error(self, obj):
        return obj.log_message

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}
