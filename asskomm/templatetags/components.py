"""Small page components that take more than a value: ``{% load components %}``."""

from django import template
from django.urls import reverse
from django.utils.translation import gettext as _

register = template.Library()


@register.inclusion_tag("includes/breadcrumbs.html")
def breadcrumbs(*trail):
    """Where a deep page sits: the home page, then pairs of label and
    address, then the page's own label (``aria-current="page"``, no link):
    ``{% breadcrumbs _("Events") list_url event.title %}``."""
    if len(trail) % 2 != 1:
        raise template.TemplateSyntaxError(
            "breadcrumbs takes pairs of label and address, then the page's label"
        )
    crumbs = [(_("Home"), reverse("home"))]
    crumbs += [(trail[index], trail[index + 1]) for index in range(0, len(trail) - 1, 2)]
    return {"crumbs": crumbs, "current": trail[-1]}
