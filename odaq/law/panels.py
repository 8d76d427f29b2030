"""Other apps add a line to an article page without law knowing them (law depends on no app above it).

An app registers a function ``(request, act_id, number) -> dict | None`` in its ``AppConfig.ready``; a dict
has ``label`` and ``url`` and is shown under the article's text.
"""

from collections.abc import Callable

_PANELS: list[Callable] = []


def register(fn: Callable) -> Callable:
    if fn not in _PANELS:
        _PANELS.append(fn)
    return fn


def for_article(request, act_id: str, number: str) -> list[dict]:
    return [panel for fn in _PANELS if (panel := fn(request, act_id, number))]
