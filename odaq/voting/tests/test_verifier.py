"""The verifier passes on a real exported election and fails, saying where, on every kind of tampering."""

import copy
import hashlib
import json
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.files.storage import default_storage

from odaq.core.audit_models import AuditRecord
from odaq.voting import services, verify
from odaq.voting.models import Kind
from odaq.voting.services import publishing

from .factories import choices, close_election, make_election, open_election


@pytest.fixture
def exported(tree, voters, people, client):
    users = voters(8)
    election = open_election(make_election(tree.school_a, quorum="half", questions=[
        (Kind.YES_NO, 1, "simple", 3), (Kind.SEATS, 2, "simple", 4)]))
    picks = [(0, [0, 1]), (0, [0, 2]), (1, [1, 2]), (0, [0, 1]), (2, [3]), (0, [1]), (1, [0, 1]), (0, [0, 1])]
    codes = [services.cast_ballot(u, election.pk, choices(election, *p)) for u, p in zip(users, picks, strict=True)]
    close_election(election)
    election = services.publish_election(people.central_admin, election)
    response = client.get(f"/votes/{election.pk}/ballots.json")
    assert response.status_code == 200
    return json.loads(b"".join(response.streaming_content)), codes, election


def _fails(data) -> str:
    with pytest.raises(verify.Failed) as exc:
        verify.verify(data)
    return str(exc.value)


def test_verifier_accepts_the_real_export_and_matches_the_result(exported):
    data, codes, election = exported
    recount = verify.verify(data, election.chain_head)
    assert recount["ballots"] == 8 and recount["quorum_reached"]
    assert {b["tracking_code"] for b in data["ballots"]} == set(codes)
    assert data["result"] == election.result


def test_ballot_list_is_written_once_shuffled_and_its_sha256_is_on_the_results_page(exported, client):
    data, _codes, election = exported
    downloads = [client.get(f"/votes/{election.pk}/ballots.json") for _ in range(3)]
    bodies = {b"".join(r.streaming_content) for r in downloads}
    assert len(bodies) == 1, "everyone must get the same file"
    body = bodies.pop()
    assert hashlib.sha256(body).hexdigest() == election.ballot_list_sha256 == downloads[0]["ETag"].strip('"')
    assert json.loads(body) == data
    codes = [b["tracking_code"] for b in data["ballots"]]
    assert codes != sorted(codes), "the chain is in tracking-code order; the list must not be"
    page = client.get(f"/votes/{election.pk}/results/").content.decode()
    assert f'id="ballot-list-sha256" class="hash">{election.ballot_list_sha256}<' in page
    again = client.get(f"/votes/{election.pk}/ballots.json", HTTP_IF_NONE_MATCH=downloads[0]["ETag"])
    assert again.status_code == 304


def test_a_lost_list_is_written_again_and_audited(exported, client):
    data, _codes, election = exported
    default_storage.delete(election.ballot_list.name)
    response = client.get(f"/votes/{election.pk}/ballots.json")
    assert response.status_code == 200
    rewritten = json.loads(b"".join(response.streaming_content))
    assert verify.verify(rewritten, election.chain_head)["ballots"] == 8
    election.refresh_from_db()
    assert AuditRecord.objects.filter(action="voting.ballot_list_written", object_id=str(election.pk)).exists()
    assert hashlib.sha256(default_storage.open(election.ballot_list.name).read()).hexdigest() == \
        election.ballot_list_sha256


def test_command_line_exit_codes(exported, tmp_path):
    data, codes, election = exported
    good = tmp_path / "ballots.json"
    good.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "odaq.voting.verify", str(good), "--head", election.chain_head,
                          "--code", codes[0]], capture_output=True, text=True, cwd=settings.BASE_DIR)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "OK: 8 ballots" in run.stdout and "found" in run.stdout
    data["ballots"][0]["choices"] = {k: list(v) for k, v in data["ballots"][0]["choices"].items()}
    bad = copy.deepcopy(data)
    target = sorted(bad["ballots"], key=lambda b: b["tracking_code"])[3]
    first = next(iter(target["choices"]))
    target["choices"][first] = [target["choices"][first][0] + 0]  # unchanged content…
    target["weight"] = 3  # …but a changed weight
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(bad), encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "odaq.voting.verify", str(path)], capture_output=True, text=True,
                         cwd=settings.BASE_DIR)
    assert run.returncode == 1 and target["tracking_code"] in run.stdout


def _sorted(data):
    return sorted(data["ballots"], key=lambda b: b["tracking_code"])


def test_edited_choice_fails_naming_the_ballot(exported):
    data = copy.deepcopy(exported[0])
    victim = _sorted(data)[2]
    yes_no = str(data["election"]["questions"][0]["id"])
    options = [o["id"] for o in data["election"]["questions"][0]["options"]]
    victim["choices"][yes_no] = [next(o for o in options if o not in victim["choices"][yes_no])]
    message = _fails(data)
    assert victim["tracking_code"] in message and "changed" in message


def test_removed_ballot_in_the_middle_fails_at_the_next_one(exported):
    data = copy.deepcopy(exported[0])
    ordered = _sorted(data)
    data["ballots"].remove(ordered[4])
    message = _fails(data)
    assert ordered[5]["tracking_code"] in message and "removed" in message


def test_removed_last_ballot_fails_at_the_head(exported):
    data = copy.deepcopy(exported[0])
    data["ballots"].remove(_sorted(data)[-1])
    assert "chain head" in _fails(data)


def test_added_ballot_fails(exported):
    data = copy.deepcopy(exported[0])
    extra = copy.deepcopy(_sorted(data)[0])
    extra["tracking_code"] = "2222-2222-2222-2222"
    data["ballots"].append(extra)
    assert "2222-2222-2222-2222" in _fails(data)


def test_rebuilt_chain_is_caught_by_the_published_head_and_by_the_recount(exported):
    data, _codes, election = copy.deepcopy(exported[0]), exported[1], exported[2]
    ordered = _sorted(data)
    ordered[0]["weight"] = 2  # rebuild every link after the change, as a forger would
    prev = data["genesis"]
    for b in ordered:
        b["prev_hash"] = prev
        prev = b["hash"] = verify.link(prev, verify.ballot_digest(b["tracking_code"], b["choices"], b["weight"]))
    data["chain_head"] = prev
    assert "published turnout_weight" in _fails(data)
    with pytest.raises(verify.Failed, match="chain head"):
        verify.verify(data, election.chain_head)


def test_edited_result_fails(exported):
    data = copy.deepcopy(exported[0])
    question = data["result"]["questions"][1]
    option = next(iter(question["counts"]))
    question["counts"][option] += 1
    assert f"option {option}" in _fails(data)
    data = copy.deepcopy(exported[0])
    data["result"]["questions"][0]["outcome"] = "rejected" if data["result"]["questions"][0]["outcome"] == \
        "adopted" else "adopted"
    assert "decision" in _fails(data)


def test_edited_election_definition_fails(exported):
    data = copy.deepcopy(exported[0])
    data["election"]["quorum"] = "none"
    assert "election definition" in _fails(data)


def test_duplicated_ballot_fails(exported):
    data = copy.deepcopy(exported[0])
    data["ballots"].append(copy.deepcopy(data["ballots"][0]))
    assert "twice" in _fails(data)


def test_unreadable_file_exits_2(tmp_path):
    path = tmp_path / "x.json"
    path.write_text("{not json", encoding="utf-8")
    assert verify.main([str(path)]) == 2


def test_verifier_uses_the_standard_library_only():
    source = open(verify.__file__, encoding="utf-8").read()
    imports = {line.split()[1].split(".")[0] for line in source.splitlines()
               if line.startswith(("import ", "from ")) and "__future__" not in line}
    assert imports <= {"argparse", "hashlib", "json", "sys"}


def test_a_publication_that_fails_leaves_no_file_and_no_change(tree, voters, people, monkeypatch, settings):
    users = voters(5)
    election = open_election(make_election(tree.school_a))
    for user in users:
        services.cast_ballot(user, election.pk, choices(election, 0))
    close_election(election)

    def broken_audit(*args, **kwargs):
        raise RuntimeError("audit store unavailable")

    monkeypatch.setattr(publishing.audit, "record", broken_audit)
    with pytest.raises(RuntimeError):
        services.publish_election(people.central_admin, election)
    election.refresh_from_db()
    assert election.status == "closed" and not election.ballot_list
    folder = settings.MEDIA_ROOT / "voting" / "ballots"
    assert not folder.exists() or not list(folder.iterdir())
