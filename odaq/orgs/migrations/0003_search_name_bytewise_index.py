"""A byte-ordered index on person.search_name for prefix search in index order (PostgreSQL only)."""

from django.db import migrations


def _forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            'CREATE INDEX IF NOT EXISTS orgs_person_search_name_c ON orgs_person ((search_name COLLATE "C"))'
        )


def _backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS orgs_person_search_name_c")


class Migration(migrations.Migration):
    dependencies = [("orgs", "0002_search_indexes")]
    operations = [migrations.RunPython(_forward, _backward)]
