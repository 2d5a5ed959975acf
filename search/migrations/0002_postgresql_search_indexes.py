"""On PostgreSQL: pg_trgm, a GIN index on the stored text-search vectors
and trigram GIN indexes on title and text. SQLite needs none of them."""

from django.db import migrations

FORWARDS = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS search_entry_vector_gin "
    "ON search_searchentry USING gin (vector)",
    "CREATE INDEX IF NOT EXISTS search_entry_title_trgm "
    "ON search_searchentry USING gin (title gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS search_entry_text_trgm "
    "ON search_searchentry USING gin (text gin_trgm_ops)",
]

# The extension stays: other database objects may use it.
BACKWARDS = [
    "DROP INDEX IF EXISTS search_entry_text_trgm",
    "DROP INDEX IF EXISTS search_entry_title_trgm",
    "DROP INDEX IF EXISTS search_entry_vector_gin",
]


def _run_on_postgresql(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0001_search_index_and_visits")]

    operations = [
        migrations.RunPython(_run_on_postgresql(FORWARDS), _run_on_postgresql(BACKWARDS)),
    ]
