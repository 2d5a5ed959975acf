"""A key page as the benchmark requests it; no Django needed to hold one."""

from dataclasses import asdict, dataclass

ANONYMOUS = "anonymous"
MEMBER = "member"
STAFF = "staff"
BARE_PATH = "/bench/bare/"


@dataclass(frozen=True)
class Page:
    name: str  # what the page is, e.g. "events"
    who: str  # ANONYMOUS, MEMBER or STAFF
    url: str

    @property
    def key(self):
        return f"{self.name} ({self.who})"

    @property
    def public(self):
        return self.who == ANONYMOUS

    def as_dict(self):
        return {**asdict(self), "key": self.key}


BARE = Page("bare view", ANONYMOUS, BARE_PATH)
