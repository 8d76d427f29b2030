"""Core knows no domain app: the import-linter contracts in pyproject.toml say so for CI; this says it in the suite."""

import ast
from pathlib import Path

import odaq

ODAQ = Path(odaq.__file__).parent
DOMAIN = {"orgs", "portal", "appeals", "law", "assistant", "aigov", "voting", "surveys", "notify"}


def _imported(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_core_imports_no_domain_app():
    offenders = {
        f"{path.relative_to(ODAQ)}: {name}"
        for path in (ODAQ / "core").rglob("*.py") if "tests" not in path.parts
        for name in _imported(path)
        if name.split(".")[0] == "odaq" and len(name.split(".")) > 1 and name.split(".")[1] in DOMAIN
    }
    assert not offenders, sorted(offenders)
