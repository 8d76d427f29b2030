"""Personal data out of questions before anything stores or sends them: IIN, phone, e-mail, card numbers."""

import re

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
# Runs of digits with optional spaces, dashes, dots or brackets between them (a leading + kept).
DIGITS = re.compile(r"\+?\d[\d\s().-]{8,}\d")
IIN_MASK, PHONE_MASK, EMAIL_MASK, CARD_MASK = "[IIN]", "[PHONE]", "[EMAIL]", "[CARD]"


def luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def _digit_run(match: re.Match) -> str:
    raw = match.group(0)
    digits = re.sub(r"\D", "", raw)
    n = len(digits)
    if n == 12 and raw.strip("+").isdigit():
        return IIN_MASK
    if (n == 11 and digits[0] in "78") or (n == 10 and digits[0] == "7"):
        return PHONE_MASK
    if 13 <= n <= 19 and luhn_ok(digits):
        return CARD_MASK
    if n == 12:
        return IIN_MASK  # written with separators, still a 12-digit identifier
    return raw


def mask(text: str) -> tuple[str, list[str]]:
    """The text with personal data replaced, and the kinds that were found."""
    found: list[str] = []

    def sub(pattern, repl, s):
        out, n = pattern.subn(repl, s)
        return out, n

    text, n = sub(EMAIL, EMAIL_MASK, text or "")
    if n:
        found.append("email")
    masked = DIGITS.sub(_digit_run, text)
    for label, token in (("iin", IIN_MASK), ("phone", PHONE_MASK), ("card", CARD_MASK)):
        if masked.count(token) > text.count(token):
            found.append(label)
    return masked, found
