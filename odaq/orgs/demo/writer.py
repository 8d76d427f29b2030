"""Batched inserts of plain rows: COPY on PostgreSQL (fast for 750,000 members), bulk_create elsewhere.

A row is a dict of attribute names (``person_id``, not ``person``); fields left out get their model default.
"""

from __future__ import annotations

from django.db import connection


class RowWriter:
    def __init__(self, batch: int, use_copy: bool | None = None):
        self.batch = batch
        self.use_copy = connection.vendor == "postgresql" if use_copy is None else use_copy

    def insert(self, model, rows: list[dict], *, ids: bool = False) -> list[int]:
        """Insert ``rows``; with ``ids=True`` return their primary keys in order."""
        if not rows:
            return []
        if self.use_copy:
            return self._copy(model, rows, ids)
        objs = [model(**row) for row in rows]
        model.objects.bulk_create(objs, batch_size=self.batch)
        return [obj.pk for obj in objs] if ids else []

    def _copy(self, model, rows: list[dict], ids: bool) -> list[int]:
        table = model._meta.db_table
        fields = [f for f in model._meta.concrete_fields if not (f.primary_key and not ids)]
        defaults = {f.attname: f.get_default() for f in fields}  # what Model(**row) would fill in
        with connection.cursor() as cursor:
            keys: list[int] = []
            if ids:
                pk = model._meta.pk.column
                cursor.execute(
                    "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)", [table, pk, len(rows)]
                )
                keys = [r[0] for r in cursor.fetchall()]
                for row, key in zip(rows, keys, strict=True):
                    row[model._meta.pk.attname] = key
            columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
            with cursor.cursor.copy(f"COPY {connection.ops.quote_name(table)} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row([row[f.attname] if f.attname in row else defaults[f.attname] for f in fields])
        return keys
