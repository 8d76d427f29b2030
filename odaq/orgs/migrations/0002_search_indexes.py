"""Trigram indexes for name and IIN search on PostgreSQL (SQLite keeps the plain indexes)."""

from django.db import migrations

PG_FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS orgs_person_search_name_trgm ON orgs_person USING gin (search_name gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS orgs_person_iin_trgm ON orgs_person USING gin (iin gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS orgs_organisation_path_prefix ON orgs_organisation (path varchar_pattern_ops)",
]
PG_BACKWARD = [
    "DROP INDEX IF EXISTS orgs_person_search_name_trgm",
    "DROP INDEX IF EXISTS orgs_person_iin_trgm",
    "DROP INDEX IF EXISTS orgs_organisation_path_prefix",
]


def _run(statements):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for sql in statements:
            schema_editor.execute(sql)

    return apply


class Migration(migrations.Migration):
    dependencies = [("orgs", "0001_initial")]
    operations = [migrations.RunPython(_run(PG_FORWARD), _run(PG_BACKWARD))]
