"""An iCalendar (RFC 5545) feed of hearings, written by hand (a few fields need no library).

A calendar application cannot log in, so the feed's address carries a signed token naming the user and the
filter (one lawyer, one region); the user's scope is applied again on every read, so a revoked role empties
the feed."""

import datetime as dt

from django.core import signing
from django.utils import timezone

SALT = "odaq.disputes.ical"


def make_token(user, *, lawyer_id: int | None = None, region_id: int | None = None) -> str:
    return signing.dumps({"u": user.pk, "l": lawyer_id, "r": region_id}, salt=SALT, compress=True)


def read_token(token: str) -> dict | None:
    try:
        data = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None
    return data if isinstance(data, dict) and isinstance(data.get("u"), int) else None


def _escape(text: str) -> str:
    return (str(text).replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n"))


def _fold(line: str) -> str:
    """Lines longer than 75 octets are folded (continuation lines start with a space)."""
    out, current = [], ""
    for ch in line:
        if len((current + ch).encode()) > 75:
            out.append(current)
            current = " " + ch
        else:
            current += ch
    out.append(current)
    return "\r\n".join(out)


def _stamp(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def feed(hearings, *, name: str, host: str, length: dt.timedelta = dt.timedelta(hours=1)) -> str:
    now = _stamp(timezone.now())
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Odaq//Disputes//EN", "CALSCALE:GREGORIAN",
             f"X-WR-CALNAME:{_escape(name)}"]
    for hearing in hearings:
        dispute = hearing.stage.dispute
        lines += [
            "BEGIN:VEVENT",
            f"UID:hearing-{hearing.pk}@{host}",
            f"DTSTAMP:{now}",
            f"DTSTART:{_stamp(hearing.starts_at)}",
            f"DTEND:{_stamp(hearing.starts_at + length)}",
            f"SUMMARY:{_escape(f'{dispute.number} · {hearing.stage.get_kind_display()}')}",
        ]
        if hearing.place:
            lines.append(f"LOCATION:{_escape(hearing.place)}")
        if hearing.stage.case_number:
            lines.append(f"DESCRIPTION:{_escape(hearing.stage.case_number)}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"
