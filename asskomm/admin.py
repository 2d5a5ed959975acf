"""The portal's admin site and the pieces the apps' admin classes share."""

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


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


class CheckedSelectionMixin:
    """Admin actions act only on rows named by a valid primary key.

    Django filters the changelist by the posted ``_selected_action`` values
    as they come; a value that is no key (``abc``, a NUL byte, a number past
    the column's range) raises deep in the ORM and answers 500. Here such a
    request is refused with a message, like an action with nothing selected.
    """

    def response_action(self, request, queryset):
        selected = request.POST.getlist(helpers.ACTION_CHECKBOX_NAME)
        if not all(_is_valid_key(self.model, value) for value in selected):
            self.message_user(
                request,
                _("The selection could not be read; please choose the rows again."),
                messages.WARNING,
            )
            return None
        return super().response_action(request, queryset)


def _is_valid_key(model, value):
    field = model._meta.pk
    try:
        field.get_prep_value(field.to_python(value))
        field.run_validators(field.to_python(value))
    except (ValidationError, ValueError, TypeError, OverflowError):
        return False
    return "\x00" not in str(value)


class PortalAdminSite(admin.AdminSite):
    """The portal's admin: every model admin registered here, ours and
    those of the libraries, checks the rows an action names."""

    def register(self, model_or_iterable, admin_class=None, **options):
        admin_class = admin_class or admin.ModelAdmin
        if not issubclass(admin_class, CheckedSelectionMixin):
            admin_class = type(admin_class.__name__, (CheckedSelectionMixin, admin_class), {})
        super().register(model_or_iterable, admin_class, **options)
