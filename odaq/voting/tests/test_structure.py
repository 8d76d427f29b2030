"""The voting services are split by concern and never import the tasks module (tasks import services)."""

import ast
from pathlib import Path

SERVICES = Path(__file__).resolve().parents[1] / "services"


def _imports(path: Path) -> set[str]:
    """Every module a file imports, anywhere in it (also inside functions), as dotted names relative or absolute."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = "." * node.level + (node.module or "")
            names.add(base)
            separator = "" if base.endswith(".") else "."
            names.update(f"{base}{separator}{alias.name}" for alias in node.names)
    return names


def test_services_are_a_package_of_files_under_the_size_limit():
    assert SERVICES.is_dir()
    files = sorted(SERVICES.glob("*.py"))
    assert {f.stem for f in files} >= {"__init__", "organising", "lifecycle", "casting", "counting", "publishing"}
    for f in files:
        assert len(f.read_text().splitlines()) < 400, f


def test_no_service_imports_the_tasks_module():
    paths = list(SERVICES.glob("*.py"))
    assert len(paths) > 1
    for path in paths:
        for name in _imports(path):
            assert not name.endswith("tasks") and ".tasks." not in name, (path.name, name)


def test_the_public_names_stay_where_callers_find_them():
    from odaq.voting import services

    for name in ("create_election", "update_election", "add_question", "delete_question", "import_delegates",
                 "schedule_election", "open_election", "close_election", "count_election", "publish_election",
                 "ensure_ballot_list", "cast_ballot", "cast_for_person", "clean_choices", "VoteRefused", "tick",
                 "SMALL_GROUP", "normal_code", "readiness_problems", "election_definition", "mix_ballots"):
        assert callable(getattr(services, name)) or name == "SMALL_GROUP", name
