"""Mixing the ballot box while a vote is open, so that the ballots' storage order no longer follows casting order.

A cast writes the roll row and the ballot in one transaction, so until they are mixed the two rows share what the
database keeps about a write: on PostgreSQL the transaction id (``xmin``) and, roughly, the physical position
(``ctid``, which follows insertion); on SQLite the ``rowid`` order. Anyone who can read the tables could then join
the roll to the box by order. Every minute (``tick``) the ballots cast since the last mix are taken out and written
back in a random order, in a transaction of their own: afterwards they carry the mixer's transaction id and a
shuffled position, and a reader can place a ballot only among all those cast in the same minute. Closing rewrites
every ballot in tracking-code order (``counting``). See docs/voting.md ("Secrecy").
"""

from __future__ import annotations

import secrets

from django.db import connection, transaction

from ..models import Ballot, Election, Status

_COLUMNS = "id, election_id, tracking_code, choices, weight, digest, prev_hash, hash, mixed"


def mix_ballots(election_id: int) -> int:
    """Rewrite the not yet mixed ballots of an open vote in a random order; returns how many. Nothing happens
    unless the vote is open: closing takes the vote's row ``FOR UPDATE`` and so waits for a mix in flight (and a
    mix after closing finds the vote closed)."""
    table = Ballot._meta.db_table
    with transaction.atomic(), connection.cursor() as cursor:
        lock = " FOR SHARE" if connection.vendor == "postgresql" else ""
        cursor.execute(f"SELECT id FROM {Election._meta.db_table} WHERE id = %s AND status = %s{lock}",
                       [election_id, str(Status.OPEN)])
        if cursor.fetchone() is None:
            return 0
        cursor.execute(f"DELETE FROM {table} WHERE election_id = %s AND NOT mixed "
                       "RETURNING id, tracking_code, choices, weight, digest", [election_id])
        rows = cursor.fetchall()
        if not rows:
            return 0
        secrets.SystemRandom().shuffle(rows)
        values = [(pk, election_id, code, choices, weight, digest, "", "", True)
                  for pk, code, choices, weight, digest in rows]
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({_COLUMNS}) FROM STDIN") as copy:
                for row in values:
                    copy.write_row(row)
        else:
            cursor.executemany(f"INSERT INTO {table} ({_COLUMNS}) VALUES ({', '.join(['%s'] * 9)})", values)
    return len(values)
