"""The portal's admin site (``admin.site``, set in ``asskomm.apps.AdminConfig``)."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.utils import unquote
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.views import redirect_to_login
from django.contrib.contenttypes.models import ContentType
from django.contrib.contenttypes.views import shortcut
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from asskomm.views import ADMIN_INDEX_TITLE, ADMIN_SITE_HEADER
from members.access import lacks_required_two_factor


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

    def action_checkbox(self, obj):
        """Django's checkbox of a row, written out rather than rendered as
        a form widget through the template engine: on a list of 100 rows
        that took a sixth of the page's time."""
        return format_html(
            '<input type="checkbox" name="{}" value="{}" class="action-select" aria-label="{}">',
            helpers.ACTION_CHECKBOX_NAME,
            obj.pk,
            format_html(_("Select this object for an action - {}"), str(obj)),
        )


class AccessibleFieldsMixin:
    """Every input in the admin has an accessible name.

    Django labels a field with one ``<label>``; a field of several inputs
    (the date and the time of an ``AdminSplitDateTime``) leaves each input
    unnamed, and a tabular inline names its columns only in the table's
    header, which screen readers do not read as a label. Here each such
    input gets an ``aria-label``: "Starts at: Date", "Module"."""

    labels_every_input = False

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if formfield is not None:
            name_inputs(formfield, every_input=self.labels_every_input)
        return formfield


class AccessibleTabularInlineMixin(AccessibleFieldsMixin):
    """A tabular inline names every input, the "delete" box of a row too."""

    labels_every_input = True

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)

        class NamedFormSet(formset):
            def add_fields(self, form, index):
                super().add_fields(form, index)
                if "DELETE" in form.fields:
                    form.fields["DELETE"].widget.attrs.setdefault("aria-label", _("Delete"))

        NamedFormSet.__name__ = formset.__name__
        return NamedFormSet


def name_inputs(formfield, *, every_input):
    label = str(formfield.label or "")
    widget = formfield.widget
    # RelatedFieldWidgetWrapper: the select inside the "add"/"change" links.
    widget = getattr(widget, "widget", widget)
    if isinstance(widget, forms.MultiWidget):
        parts = _("Date"), _("Time")
        for index, subwidget in enumerate(widget.widgets):
            part = parts[index] if isinstance(widget, forms.SplitDateTimeWidget) else index + 1
            subwidget.attrs.setdefault("aria-label", f"{label}: {part}")
    elif every_input and not widget.is_hidden:
        widget.attrs.setdefault("aria-label", label)


def _accessible(admin_class):
    if issubclass(admin_class, AccessibleFieldsMixin):
        return admin_class
    if issubclass(admin_class, admin.TabularInline):
        mixin = AccessibleTabularInlineMixin
    else:
        mixin = AccessibleFieldsMixin
    return type(admin_class.__name__, (mixin, admin_class), {})


def _is_valid_key(model, value):
    field = model._meta.pk
    try:
        key = field.to_python(value)
        field.get_prep_value(key)
        field.run_validators(key)
    except (ValidationError, ValueError, TypeError, OverflowError):
        return False
    return "\x00" not in str(value)


class AdminSite(admin.AdminSite):
    """Django's admin site, opened only to staff with two-factor
    authentication, logged in through the portal's login (which asks for
    the second factor), and with "view on site" only for what the staff
    member may see in the admin anyway."""

    site_header = ADMIN_SITE_HEADER
    site_title = ADMIN_SITE_HEADER
    index_title = ADMIN_INDEX_TITLE

    def register(self, model_or_iterable, admin_class=None, **options):
        """Every model admin registered here, ours and the libraries', checks
        the rows an action names (``CheckedSelectionMixin``) and names every
        input (``AccessibleFieldsMixin``)."""
        admin_class = admin_class or admin.ModelAdmin
        if not issubclass(admin_class, CheckedSelectionMixin):
            admin_class = type(admin_class.__name__, (CheckedSelectionMixin, admin_class), {})
        inlines = [_accessible(inline) for inline in admin_class.inlines]
        admin_class = _accessible(admin_class)
        admin_class.inlines = inlines
        super().register(model_or_iterable, admin_class, **options)

    def has_permission(self, request):
        # Asked by admin_view and again by each_context: the answer (with its
        # look-up of the authenticator) is kept for the request.
        if not hasattr(request, "_admin_has_permission"):
            request._admin_has_permission = super().has_permission(
                request
            ) and not lacks_required_two_factor(request.user)
        return request._admin_has_permission

    def login(self, request, extra_context=None):
        """Django's own login form would skip the second factor: the admin
        sends people to the portal's login, and staff without an
        authenticator app to setting one up."""
        next_url = request.GET.get(REDIRECT_FIELD_NAME, "")
        if not url_has_allowed_host_and_scheme(
            next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            next_url = ""
        next_url = next_url or reverse("admin:index", current_app=self.name)
        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(next_url)
        if self.has_permission(request):
            return redirect(next_url)
        if user.is_active and lacks_required_two_factor(user):
            messages.warning(
                request,
                _(
                    "The administration opens only with two-factor authentication. Please set "
                    "up an authenticator app now; then you can continue."
                ),
            )
            return redirect("mfa_activate_totp")
        raise PermissionDenied

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
