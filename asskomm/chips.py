"""Status chips: a short label on a coloured background.

Models say what their status chip reads (``Registration.status_chip``,
``Application.status_chip``, ``Event.status_chip`` …); every page shows
one with ``{% include "includes/status_chip.html" with chip=… %}``, so a
status looks the same wherever it appears.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _

TONES = ("", "green", "amber", "red")


@dataclass(frozen=True)
class Chip:
    label: str
    tone: str = ""

    def __post_init__(self):
        if self.tone not in TONES:
            raise ValueError(f"Unknown chip tone {self.tone!r}")

    @property
    def css_class(self):
        return f"chip chip--{self.tone}" if self.tone else "chip"


def waiting_list_chip(position):
    """A place on a waiting list (events and training alike)."""
    return Chip(_("waiting list, place %(position)d") % {"position": position}, "amber")
