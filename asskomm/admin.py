"""Pieces the apps' admin classes share, and the admin of the e-mail queue."""

from django.contrib import admin, messages
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

# django-mailer registered its own classes; ours replace them below. Its
# "don't send" list applies only to its own send_mail(), not to the backend
# every e-mail of the portal goes through, so it is not offered at all.
admin.site.unregister([Message, MessageLog, DontSendEntry])


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
