from django import forms, template
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.http import QueryDict
from django.urls import reverse
from django.utils import translation
from django.utils.html import conditional_escape, format_html

from asskomm import dates, markup
from asskomm import panels as slots

register = template.Library()

# The language people write the portal's content in: titles, descriptions,
# names of places. The interface is translated; what they entered is not.
CONTENT_LANGUAGE = "de"


def _page_is_in_content_language():
    return (translation.get_language() or CONTENT_LANGUAGE).split("-")[0] == CONTENT_LANGUAGE


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


@register.simple_tag
def content_lang():
    """` lang="de"` for an element holding only content people entered
    (German), when the page is in another language – so that screen readers
    pronounce it as German: ``<h1{% content_lang %}>{{ event.title }}</h1>``."""
    if _page_is_in_content_language():
        return ""
    return format_html(' lang="{}"', CONTENT_LANGUAGE)


@register.filter(needs_autoescape=True)
def in_content_language(value, autoescape=True):
    """Content people entered, marked as German on a page in another language
    (for content inside a sentence of the interface):
    ``{% translate "from the event" %} {{ event.title|in_content_language }}``."""
    if _page_is_in_content_language():
        return conditional_escape(value) if autoescape else value
    marked = f'<span lang="{CONTENT_LANGUAGE}">{{}}</span>'
    # Outside autoescaping (plain-text e-mails) the value stays as it is.
    return format_html(marked, value) if autoescape else marked.format(value)


class ScrollRegionNode(template.Node):
    def __init__(self, label, nodelist):
        self.label = label
        self.nodelist = nodelist

    def render(self, context):
        return format_html(
            '<div class="table-scroll" tabindex="0" role="region" aria-label="{}">{}</div>',
            self.label.resolve(context),
            self.nodelist.render(context),  # safe: the template's own output
        )


@register.tag
def scroll_region(parser, token):
    """A table that may be wider than the screen, in a box that scrolls
    sideways and that keyboard users can reach and scroll (it takes the
    focus) and screen readers announce by its label:
    ``{% scroll_region _("The weekends") %}<table>…</table>{% endscroll_region %}``."""
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError(f"{bits[0]} takes one argument: the label")
    label = parser.compile_filter(bits[1])
    nodelist = parser.parse(("endscroll_region",))
    parser.delete_first_token()
    return ScrollRegionNode(label, nodelist)
