"""Places on shared pages that the apps fill in.

The dashboard, the home page, a municipality's page, an event's page and
the admin's start page belong to one app but show what others hold
(events, applications, projects) or link to their pages. Each app
registers a provider in its ``AppConfig.ready()``; the page asks its slot
for the panels. So the page's app needs no import of the others, and apps
keep depending one way.
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Panel:
    """A template to include, with its own context (available as ``panel``)."""

    template_name: str
    context: dict = field(default_factory=dict)


@dataclass(frozen=True)
class AttentionItem:
    """Something on the admin's start page that waits for staff."""

    label: str
    count: int
    url: str


@dataclass(frozen=True)
class PageLink:
    """A page for staff, linked from the admin's start page."""

    label: str
    url: str
    description: str = ""


class Slot:
    def __init__(self, name):
        self.name = name
        self._providers = []

    def register(self, provider):
        """``provider(request, **kwargs)`` returns a Panel (for the admin a
        list of AttentionItems, or a PageLink), or None when it has nothing
        to show."""
        if provider not in self._providers:
            self._providers.append(provider)
        return provider

    def collect(self, request, **kwargs):
        found = []
        for provider in self._providers:
            result = provider(request, **kwargs)
            if result is None:
                continue
            found.extend(result if isinstance(result, list | tuple) else [result])
        return found


home = Slot("home")
# The dashboard's first panels, above the membership: what comes next for the person.
dashboard_top = Slot("dashboard_top")
dashboard = Slot("dashboard")
municipality = Slot("municipality")
event = Slot("event")
admin_attention = Slot("admin_attention")
admin_links = Slot("admin_links")
