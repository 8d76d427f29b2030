"""Trigram indexes for the queue's search on PostgreSQL. Django's ``icontains`` there is
``UPPER(col) LIKE UPPER('%…%')``, so the indexes are on ``UPPER(col)``. SQLite keeps a plain scan."""

from django.db import migrations

PG_FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS appeals_subject_trgm ON appeals_appeal USING gin (UPPER(subject) gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS appeals_description_trgm ON appeals_appeal "
    "USING gin (UPPER(description) gin_trgm_ops)",
]
PG_BACKWARD = ["DROP INDEX IF EXISTS appeals_subject_trgm", "DROP INDEX IF EXISTS appeals_description_trgm"]


def _run(statements):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for sql in statements:
            schema_editor.execute(sql)

    return apply


class Migration(migrations.Migration):
    dependencies = [("appeals", "0003_queue_indexes")]
    operations = [migrations.RunPython(_run(PG_FORWARD), _run(PG_BACKWARD))]
