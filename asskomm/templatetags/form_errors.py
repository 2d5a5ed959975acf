"""The error summary every form shows after a failed submit, and the page
title that says so (``templates/includes/forms/form.html``, ``base.html``)."""

from django import template
from django.forms import BaseForm
from django.forms.formsets import BaseFormSet
from django.utils.functional import LazyObject

register = template.Library()


@register.filter
def error_anchor(bound_field):
    """The id a link from the error summary should reach: the field's input,
    or the first of its choices when the field is a group of inputs (radio
    buttons, checkboxes, a date in parts)."""
    if bound_field.id_for_label:
        return bound_field.id_for_label
    if bound_field.use_fieldset:
        return f"{bound_field.auto_id}_0"
    return bound_field.auto_id


@register.simple_tag(takes_context=True)
def form_errors_on_page(context):
    """Whether a form the page shows was sent and has errors: a form or
    formset in the template's context (also in a list), or a filter's form."""
    return any(_has_errors(value) for value in context.flatten().values())


def _has_errors(value):
    # A lazy object (the CSRF token, the user) is left unread: reading the
    # token would give every page a CSRF cookie, and no page could be kept
    # in the page cache. (``type()``, since ``isinstance`` would read it.)
    if issubclass(type(value), LazyObject):
        return False
    if isinstance(value, BaseForm):
        return value.is_bound and bool(value.errors)
    if isinstance(value, BaseFormSet):
        return value.is_bound and value.total_error_count() > 0
    if isinstance(value, (list, tuple)):
        return any(_has_errors(item) for item in value)
    # A filter's form is a property of its class.
    if hasattr(type(value), "form"):
        return _has_errors(value.form)
    return False
