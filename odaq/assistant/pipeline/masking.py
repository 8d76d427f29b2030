"""Masking lives in :mod:`odaq.core.masking` (the court practice base de-identifies decisions with it too)."""

from odaq.core.masking import luhn_ok, mask, normalise

__all__ = ["luhn_ok", "mask", "normalise"]
