"""Prepared statements for the few queries that run on every request of a busy endpoint.

Django binds parameters on the client side, so PostgreSQL parses and plans every query afresh. For the hot
paths (token check, casting a ballot) that planning costs more than the work itself; here the statement is
prepared once per connection and then only executed. Other databases run the same SQL through Django's cursor.
Behind a connection pooler, use session pooling (or PgBouncer ≥ 1.21, which tracks prepared statements).
"""

from django.db import connection


def execute(sql: str, params) -> tuple[int, list[tuple]]:
    """Run one statement (``%s`` placeholders); return (rows affected, rows returned)."""
    if connection.vendor != "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.rowcount, cursor.fetchall() if cursor.description else []
    import psycopg

    connection.ensure_connection()
    # Django's connections create client-side cursors, which never prepare: ask for a server-side one.
    with connection.wrap_database_errors, psycopg.Cursor(connection.connection) as cursor:
        cursor.execute(sql, params, prepare=True)
        return cursor.rowcount, cursor.fetchall() if cursor.description else []
