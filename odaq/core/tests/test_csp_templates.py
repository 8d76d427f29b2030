"""Templates keep to the Content-Security-Policy: no inline script, style or event handler (browser journeys
check the rendered pages; this finds the template that would break one)."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = sorted(p for p in ROOT.rglob("templates/**/*.html"))
FORBIDDEN = [
    (re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/(?:ld\+)?json\")[^>]*>", re.I), "inline <script>"),
    (re.compile(r"<style\b", re.I), "inline <style>"),
    (re.compile(r"\sstyle=", re.I), "style attribute"),
    (re.compile(r"\son[a-z]+\s*=", re.I), "on* handler"),
    (re.compile(r"\bhx-on", re.I), "hx-on (needs eval)"),
    (re.compile(r"javascript:", re.I), "javascript: URL"),
    (re.compile(r"https?://(?!127\.0\.0\.1|localhost)[^\"' ]*\.(?:js|css)\b", re.I), "third-party script or style"),
]


def test_templates_are_found():
    assert len(TEMPLATES) > 50


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_inline_script_style_or_handler(path):
    text = path.read_text(encoding="utf-8")
    found = [what for pattern, what in FORBIDDEN if pattern.search(text)]
    assert not found, f"{path.relative_to(ROOT)}: {', '.join(found)}"
