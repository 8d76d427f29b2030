"""Personal data out of text before anything stores or sends it: IIN, phone, e-mail, card numbers.

The text is normalised first (zero-width and other format characters removed, every kind of space a space,
every dash a hyphen, any script's digits ASCII), so that an IIN written ``8501 1530 0123``, ``850115-300123``
or with invisible characters between its digits reads as twelve digits. Digits are then read in *groups*:
chunks of digits joined by short runs of spaces, dashes, dots, slashes or brackets. A group is masked as a
whole when it is an IIN, a phone or a card; otherwise the parts of it that are (a valid IIN, a Kazakhstan
phone) are masked and the rest (ages, dates, order numbers) stays.
"""

import re
import unicodedata

from odaq.core.iin import birth_date, is_valid_iin

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
# Chunks of digits joined by up to four separators (a leading + kept with the group).
GROUP = re.compile(r"\+?\d+(?:[ ().\-/]{1,4}\d+)*")
CHUNK = re.compile(r"\d+")
IIN_MASK, PHONE_MASK, EMAIL_MASK, CARD_MASK = "[IIN]", "[PHONE]", "[EMAIL]", "[CARD]"
# Kazakhstan numbers: +7 / 8 / 7, then a 7xx operator or area code, then the subscriber (10 digits after 8/+7).
PHONE_11 = re.compile(r"[78]7\d{9}")
PHONE_10 = re.compile(r"7\d{9}")
LOCAL_PHONE = re.compile(r"\d{3}[ -]\d{2}[ -]\d{2}")  # 123-45-67, 123 45 67
DASHES = {"\u2010", "\u2011", "\u2012", "\u2013", "\u2014", "\u2015", "\u2212", "\ufe58", "\ufe63", "\uff0d"}


def normalise(text: str) -> str:
    """Format characters out, spaces and dashes unified, digits of any script as ASCII digits."""
    out = []
    for ch in text or "":
        cat = unicodedata.category(ch)
        if cat == "Cf":  # zero-width space/joiners, word joiner, BOM, soft hyphen, bidi marks
            continue
        if cat == "Nd":
            out.append(str(unicodedata.decimal(ch)))
        elif ch in DASHES:
            out.append("-")
        elif cat in ("Zs", "Zl", "Zp") or ch in "\t\r\n\v\f":
            out.append(" " if cat == "Zs" or ch == "\t" else "\n")
        else:
            out.append(ch)
    return "".join(out)


def luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def _whole(raw: str, digits: str) -> str | None:
    """The mask for a whole group, or None when the group as a whole is no personal number."""
    n = len(digits)
    if n == 12:
        return IIN_MASK
    if (n == 11 and digits[0] in "78") or (n == 10 and digits[0] == "7"):
        return PHONE_MASK
    if LOCAL_PHONE.fullmatch(raw.lstrip("+")):
        return PHONE_MASK
    return None


def _kind_of(digits: str, aligned: bool = False) -> str | None:
    """IIN or phone for a run of digits; ``aligned`` runs (whole chunks as written) pass as an IIN with a
    real birth date and century digit even when the check digit is mistyped."""
    if len(digits) == 12 and (is_valid_iin(digits) or (aligned and birth_date(digits) is not None)):
        return IIN_MASK
    if PHONE_11.fullmatch(digits) or PHONE_10.fullmatch(digits):
        return PHONE_MASK
    return None


def _group(match: re.Match) -> str:
    raw = match.group(0)
    digits = re.sub(r"\D", "", raw)
    whole = _whole(raw, digits)
    if whole is not None:
        return whole
    if 13 <= len(digits) <= 19 and luhn_ok(digits) and not any(
            is_valid_iin(digits[a:a + 12]) for a in range(len(digits) - 11)):
        return CARD_MASK
    chunks = [(m.start(), m.end(), m.group(0)) for m in CHUNK.finditer(raw)]
    spans: list[tuple[int, int, str]] = []  # (start, end, mask) in raw
    taken = [False] * len(chunks)
    # 1. runs of whole chunks: a 12-digit chunk, or chunks that together make a valid IIN or a phone
    i = 0
    while i < len(chunks):
        hit = None
        joined = ""
        for j in range(i, len(chunks)):
            joined += chunks[j][2]
            if len(joined) > 12:
                break
            kind = IIN_MASK if (j == i and len(joined) == 12) else _kind_of(joined, aligned=True)
            if kind is not None:
                hit = (j, kind)
                if kind == IIN_MASK:
                    break
        if hit is None:
            i += 1
            continue
        j, kind = hit
        start = 0 if i == 0 and raw.startswith("+") else chunks[i][0]
        spans.append((start, chunks[j][1], kind))
        for k in range(i, j + 1):
            taken[k] = True
        i = j + 1
    # 2. a valid IIN (or phone) inside a longer run of digits, across separators too
    positions = [p for k, (s, e, _d) in enumerate(chunks) if not taken[k] for p in range(s, e)]
    free = "".join(raw[p] for p in positions)
    a = 0
    while a < len(free):
        found = None
        for width in (12, 11):
            window = free[a:a + width]
            if len(window) == width and (kind := _kind_of(window)) is not None and (
                    kind == IIN_MASK or width == 11):
                found = (width, kind)
                break
        if found is None:
            a += 1
            continue
        width, kind = found
        spans.append((positions[a], positions[a + width - 1] + 1, kind))
        a += width
    if not spans:
        return raw
    out, last = [], 0
    for start, end, kind in sorted(spans):
        if start < last:  # overlapping spans: widen the mask, never reveal
            last = max(last, end)
            continue
        out += [raw[last:start], kind]
        last = end
    out.append(raw[last:])
    return "".join(out)


def mask(text: str) -> tuple[str, list[str]]:
    """The (normalised) text with personal data replaced, and the kinds that were found."""
    found: list[str] = []
    text = normalise(text)
    text, n = EMAIL.subn(EMAIL_MASK, text)
    if n:
        found.append("email")
    masked = GROUP.sub(_group, text)
    for label, token in (("iin", IIN_MASK), ("phone", PHONE_MASK), ("card", CARD_MASK)):
        if masked.count(token) > text.count(token):
            found.append(label)
    return masked, found
