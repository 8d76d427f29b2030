"""The public ballot list (``ballots.json``), written once when a vote is published.

Every ballot with its tracking code, choices, weight and chain links, in an order shuffled once, so that it tells
nothing about when anyone voted. Written once rather than built per download: everyone gets the same file and
can compare its SHA-256 with the one on the results page, and a download of a union-wide vote (600,000 ballots,
about 150 MB) is a file read, not a rebuild. ``services.publish_election`` calls ``write``.
"""

from __future__ import annotations

import hashlib
import json
import secrets
import tempfile

from django.core.files import File
from django.core.files.storage import default_storage
from django.db import connection
from django.http import FileResponse
from django.http.response import HttpResponseBase
from django.utils.cache import get_conditional_response
from django.utils.http import quote_etag

from . import verify
from .models import Ballot, Election

CHUNK = 10_000


def _rows(election: Election) -> list[tuple]:
    """(tracking code, choices as JSON text, weight, prev_hash, hash); a plain cursor keeps the JSON text."""
    rows = []
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT tracking_code, choices, weight, prev_hash, hash FROM {Ballot._meta.db_table} "
                       "WHERE election_id = %s", [election.pk])
        while chunk := cursor.fetchmany(CHUNK):
            rows.extend(chunk)
    return rows


def write(election: Election, definition: dict) -> tuple[str, str]:
    """Write the list to the default storage; return (storage name, SHA-256 of the file)."""
    rows = _rows(election)
    secrets.SystemRandom().shuffle(rows)
    head = {"format": verify.FORMAT, "election": definition, "genesis": verify.genesis(definition),
            "chain_head": election.chain_head, "result": election.result}
    digest = hashlib.sha256()
    with tempfile.TemporaryFile() as tmp:
        def out(text: str) -> None:
            data = text.encode("utf-8")
            digest.update(data)
            tmp.write(data)

        out(json.dumps(head, ensure_ascii=False)[:-1] + ', "ballots": [')
        for start in range(0, len(rows), CHUNK):
            out(("," if start else "") + "\n" + ",\n".join(_entry(*row) for row in rows[start:start + CHUNK]))
        out("\n]}\n")
        tmp.seek(0)
        name = default_storage.save(f"voting/ballots/ballots-{election.pk}.json", File(tmp))
    return name, digest.hexdigest()


def _entry(code: str, choices, weight: int, prev_hash: str, hash_: str) -> str:
    return (f'{{"tracking_code": {json.dumps(code)}, "choices": {_json_text(choices)}, "weight": {int(weight)}, '
            f'"prev_hash": {json.dumps(prev_hash)}, "hash": {json.dumps(hash_)}}}')


def _json_text(value) -> str:
    """The choices as stored: JSON text from PostgreSQL and SQLite cursors, a dict from other drivers."""
    return value if isinstance(value, str) else json.dumps(value)


def stored(election: Election) -> bool:
    return bool(election.ballot_list) and default_storage.exists(election.ballot_list.name)


def response(request, election: Election) -> HttpResponseBase:
    """The stored file as a download; its SHA-256 is the ETag, so a client that has it gets 304."""
    etag = quote_etag(election.ballot_list_sha256)
    unchanged = get_conditional_response(request, etag=etag)
    if unchanged is not None:
        return unchanged
    out = FileResponse(default_storage.open(election.ballot_list.name, "rb"), as_attachment=True,
                       filename=f"ballots-{election.pk}.json", content_type="application/json")
    out["ETag"] = etag
    out["Cache-Control"] = "public, max-age=3600"
    return out
