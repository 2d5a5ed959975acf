"""German alphabetical order for names: Döbeln before Dresden, Görlitz
before Großenhain, Köhler before Krause.

The name columns carry the collation ``GERMAN`` (``db_collation``), so every
ordering by them – lists, filters' choices, the admin's sortable columns –
is German without anyone having to remember it.

- On PostgreSQL, the migration ``members.0003`` creates it as a copy of the
  ICU collation ``de-x-icu`` that every PostgreSQL built with ICU has (the
  Debian/Ubuntu packages and the official images are): umlauts sort with
  their base letter, ß as "ss", upper and lower case together (DIN 5007-1,
  ICU's German default). A name of our own, because SQLite's schema editor
  writes the collation unquoted and ``de-x-icu`` needs quotes.
- SQLite knows no such collation, so each new connection registers one of
  the same name that sorts by DIN 5007-1 too (``register_on_sqlite``). It is
  deterministic: two names compare equal only when they are equal, so
  ``=`` and unique constraints keep meaning "the same text".
"""

import unicodedata
from functools import lru_cache

GERMAN = "german"
POSTGRESQL_SOURCE = "de-x-icu"


def _without_marks(text):
    return "".join(
        char for char in unicodedata.normalize("NFD", text) if not unicodedata.combining(char)
    )


@lru_cache(maxsize=4096)
def din_5007_key(text):
    """The sort key of DIN 5007-1 ("dictionary order"): ä as a, ö as o,
    ü as u, ß as ss, case ignored; ties between names that differ only in
    those marks or in case are broken so that the plain letter comes first
    (Muller, Müller) and, last, by the text itself."""
    return (
        _without_marks(text.casefold()),  # casefold() turns ß into ss
        unicodedata.normalize("NFD", text.lower()),
        text.swapcase(),  # lower case before upper case, as ICU does
        text,
    )


def compare(left, right):
    """A comparison function for ``sqlite3.Connection.create_collation``."""
    left_key, right_key = din_5007_key(left), din_5007_key(right)
    return (left_key > right_key) - (left_key < right_key)


def register_on_sqlite(sender, connection, **kwargs):
    """``connection_created`` receiver: gives a SQLite connection the
    collation PostgreSQL has built in."""
    if connection.vendor == "sqlite":
        connection.connection.create_collation(GERMAN, compare)
