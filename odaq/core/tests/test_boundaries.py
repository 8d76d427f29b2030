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


def test_no_import_circles_between_law_search_and_selectors_nor_voting_services_and_tasks():
    """Retrieval is below the law app (selectors hand it rows); voting tasks call services, services enqueue
    through ``voting.announcements``. The full rule set is the import-linter contracts (``lint-imports``)."""
    import grimp

    graph = grimp.build_graph("odaq", cache_dir=None)
    circles = [(low, high) for low, high in [("odaq.law.retrieval", "odaq.law.selectors"),
                                             ("odaq.voting.services", "odaq.voting.tasks")]
               if graph.find_shortest_chains(importer=low, imported=high, as_packages=True)
               and graph.find_shortest_chains(importer=high, imported=low, as_packages=True)]
    assert not circles
