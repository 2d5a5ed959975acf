from django import template
from django.urls import reverse
from django.utils.html import format_html

from asskomm import markup
from asskomm import panels as slots

register = template.Library()


@register.simple_tag(takes_context=True)
def nav_link(context, url_name, label):
    """A navigation link that tells screen readers when it is the current page."""
    url = reverse(url_name)
    request = context.get("request")
    path = request.path if request is not None else ""
    is_current = path == url or (url != "/" and path.startswith(url))
    if is_current:
        return format_html('<a href="{}" aria-current="page">{}</a>', url, label)
    return format_html('<a href="{}">{}</a>', url, label)


@register.simple_tag(takes_context=True)
def panels(context, slot_name, **kwargs):
    """The panels other apps contribute to a page: ``{% panels "dashboard" as found %}``."""
    return getattr(slots, slot_name).collect(context["request"], **kwargs)


@register.filter
def safe_markup(text):
    """HTML staff wrote, with only harmless markup left: ``{{ page.content|safe_markup }}``."""
    return markup.safe_markup(text)
