from django import forms, template
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.http import QueryDict
from django.urls import reverse
from django.utils.html import format_html

from asskomm import dates, markup
from asskomm import panels as slots

register = template.Library()


@register.simple_tag(takes_context=True)
def nav_link(context, url_name, label, unless_under=None, href=None):
    """A navigation link that tells screen readers when it is the current page:
    its own address or one below it, except below ``unless_under`` (the URL
    name of a more specific link in the same navigation).

    ``href``, when given, is the address to link to (the page of ``url_name``
    with a query string, say)."""
    url = reverse(url_name)
    request = context.get("request")
    path = request.path if request is not None else ""
    is_current = path == url or (url != "/" and path.startswith(url))
    if is_current and unless_under and path.startswith(reverse(unless_under)):
        is_current = False
    if is_current:
        return format_html('<a href="{}" aria-current="page">{}</a>', href or url, label)
    return format_html('<a href="{}">{}</a>', href or url, label)


@register.simple_tag(takes_context=True)
def login_url(context):
    """The login page's address, with the current page as ``next``: after
    logging in, the person is back where they were. Pages of the account
    itself (login, sign-up, logout, password) are no place to come back to,
    and from the home page the person goes on to their own area as ever; on
    the login page the address keeps the ``next`` it already has."""
    url = reverse("account_login")
    request = context.get("request")
    if request is None:
        return url
    if request.path == url:
        return request.get_full_path()
    if request.path == "/" or request.path.startswith(_accounts_prefix()):
        return url
    query = QueryDict(mutable=True)
    query[REDIRECT_FIELD_NAME] = request.get_full_path()
    return f"{url}?{query.urlencode(safe='/')}"  # as redirect_to_login() writes it


def _accounts_prefix():
    return reverse("account_login").rsplit("/", 2)[0] + "/"


@register.simple_tag(takes_context=True)
def panels(context, slot_name, **kwargs):
    """The panels other apps contribute to a page: ``{% panels "dashboard" as found %}``."""
    return getattr(slots, slot_name).collect(context["request"], **kwargs)


@register.filter
def when(value, part=None):
    """A date or time as people read it, in the active language:
    ``{{ event.starts_at|when }}``, ``{{ event.ends_at|when:"time" }}``."""
    return dates.when(value, part)


@register.filter
def safe_markup(text):
    """HTML staff wrote, with only harmless markup left: ``{{ page.content|safe_markup }}``."""
    return markup.safe_markup(text)


@register.filter
def linkify(text):
    """Plain text people wrote: escaped, links clickable, line breaks kept
    (``asskomm.markup.linkify``)."""
    return markup.linkify(text)


@register.simple_tag(takes_context=True)
def active_filter_count(context):
    """How many fields of the page's filter form (``filter_form``, else
    ``filter.form``) the visitor has set to something other than its
    default: the folded filters on a phone say that they are at work."""
    form = context.get("filter_form")
    if form is None:
        found = context.get("filter")
        form = found.get("form") if isinstance(found, dict) else getattr(found, "form", None)
    if form is None or not form.is_bound:
        return 0
    count = 0
    for bound_field in form:
        value = bound_field.value()
        if value in (None, "", [], (), False):
            continue
        initial = bound_field.initial
        # A fixed choice without "all" starts at its first (choices from the
        # database always offer an empty one, and are not queried again).
        field = bound_field.field
        fixed = hasattr(field, "choices") and not isinstance(field, forms.ModelChoiceField)
        choices = list(field.choices) if fixed else None
        if isinstance(value, (list, tuple)):
            count += sorted(map(str, value)) != sorted(map(str, initial or []))
            continue
        if initial is None and choices:
            if all(choice[0] not in ("", None) for choice in choices):
                initial = choices[0][0]
        count += str(value) != ("" if initial is None else str(initial))
    return count
