import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from odaq.core.iin import birth_date, check_digit, is_valid_iin, make_iin, validate_iin


def _with_check(head: str) -> str:
    digit = check_digit(head)
    assert digit is not None
    return head + str(digit)


def test_made_iins_are_valid_and_carry_the_birth_date():
    iin = make_iin(dt.date(1985, 3, 14), female=True, serial=123)
    assert iin is not None and iin.startswith("8503144")
    assert is_valid_iin(iin)
    assert birth_date(iin) == dt.date(1985, 3, 14)


def test_check_digit_uses_second_weights_when_first_sum_gives_ten():
    # Find a head whose first weighted sum is 10 mod 11 and make sure the second sequence decides.
    for serial in range(10000):
        head = f"9001013{serial:04d}"
        first = sum(int(d) * w for d, w in zip(head, range(1, 12), strict=True)) % 11
        if first == 10:
            second = sum(int(d) * w for d, w in zip(head, (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2), strict=True)) % 11
            assert check_digit(head) == (None if second == 10 else second)
            return
    pytest.fail("no head with first sum 10 found")


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("12345", "iin_format"),
        ("85031440012a", "iin_format"),
        ("", "iin_format"),
        ("850314700123", "iin_century"),  # 7th digit 7: no such century
        ("850314000123", "iin_century"),
        ("851314400123", "iin_date"),  # month 13
    ],
)
def test_invalid_iins_are_rejected_with_a_reason(value, code):
    with pytest.raises(ValidationError) as err:
        validate_iin(value)
    assert err.value.code == code


def test_wrong_check_digit_is_rejected():
    good = make_iin(dt.date(1992, 11, 30), female=False, serial=4567)
    assert good is not None
    bad = good[:11] + str((int(good[11]) + 1) % 10)
    with pytest.raises(ValidationError) as err:
        validate_iin(bad)
    assert err.value.code == "iin_checksum"


def test_wrong_century_digit_with_otherwise_correct_check_digit_is_rejected():
    value = _with_check("8503148" + "0123")
    with pytest.raises(ValidationError) as err:
        validate_iin(value)
    assert err.value.code == "iin_century"


def test_known_valid_and_invalid_examples():
    assert is_valid_iin(_with_check("00010150" + "123"))  # born 2000-01-01, 21st century male
    assert not is_valid_iin("000101500000")  # check digit 0 is wrong for this head
