"""The search index of the demo data (after every other app's demo)."""

from search.index import rebuild


def seed():
    rebuild()
