"""Independent verifier of a published Odaq vote. Standard library only: copy this one file anywhere.

    python -m odaq.voting.verify ballots.json
    python3 verify.py ballots.json --head 3f2a...   # also compare with the chain head published on the site

It checks that the election definition is the one the chain starts from, that every ballot's hash and link
in the chain hold (ballots ordered by tracking code), that the last hash is the published chain head, that
every ballot is valid, recounts every question and compares counts, quorum and decisions with the published
result. Exit status 0 means everything holds; 1 names the first problem found; 2 means the file is unreadable.

The decision rules below are also used by the server, so both sides decide alike; counting is done twice,
independently: by the server in the database and here from the ballot list.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys

FORMAT = "odaq-ballots/1"


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def canonical(value) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def normal_choices(choices: dict) -> dict:
    return {str(q): sorted(int(o) for o in opts) for q, opts in choices.items()}


def ballot_digest(tracking_code: str, choices: dict, weight: int) -> str:
    return sha256(canonical({"c": normal_choices(choices), "t": tracking_code, "w": int(weight)}))


def genesis(election: dict) -> str:
    return sha256("odaq-vote:" + canonical(election))


def link(prev_hash: str, digest: str) -> str:
    return sha256(prev_hash + digest)


# --- decision rules (shared with the server) -------------------------------------------------------------

def quorum_reached(quorum: str, turnout_weight: int, electorate_weight: int) -> bool:
    if quorum == "half":
        return 2 * turnout_weight > electorate_weight
    if quorum == "two_thirds":
        return 3 * turnout_weight >= 2 * electorate_weight and turnout_weight > 0
    return True


def meets_rule(rule: str, votes: int, cast: int, electorate_weight: int) -> bool:
    if votes <= 0:
        return False
    if rule == "absolute":
        return 2 * votes > electorate_weight
    if rule == "two_thirds":
        return 3 * votes >= 2 * cast
    return 2 * votes > cast  # simple: more than half of the votes cast (exactly half is not enough)


def decide(question: dict, counts: dict, cast: int, electorate_weight: int, quorum_ok: bool) -> dict:
    """Outcome of one question: adopted / rejected (yes-no), decided / none / tie, or no_quorum."""
    options = [str(o["id"]) for o in question["options"]]
    if not quorum_ok:
        return {"outcome": "no_quorum", "decided": []}
    if question["kind"] == "yes_no_abstain":
        yes = counts.get(options[0], 0)
        adopted = meets_rule(question["rule"], yes, cast, electorate_weight)
        return {"outcome": "adopted" if adopted else "rejected", "decided": [options[0]] if adopted else []}
    seats = 1 if question["kind"] == "one_of_n" else int(question["k"])
    passing = [o for o in options if meets_rule(question["rule"], counts.get(o, 0), cast, electorate_weight)]
    passing.sort(key=lambda o: (-counts.get(o, 0), options.index(o)))
    decided, tie = passing[:seats], False
    if len(passing) > seats and counts.get(passing[seats], 0) == counts.get(decided[-1], 0):
        boundary = counts.get(decided[-1], 0)  # a tie for the last place: those tied are not decided
        decided, tie = [o for o in decided if counts.get(o, 0) > boundary], True
    outcome = "tie" if tie else ("decided" if decided else "none")
    return {"outcome": outcome, "decided": decided}


def tally(election: dict, ballots: list[dict]) -> dict:
    """Count weighted votes per option and decide every question."""
    electorate_weight = int(election["electorate_weight"])
    turnout = sum(int(b["weight"]) for b in ballots)
    quorum_ok = quorum_reached(election["quorum"], turnout, electorate_weight)
    questions = []
    for q in election["questions"]:
        key = str(q["id"])
        counts = {str(o["id"]): 0 for o in q["options"]}
        cast = 0
        for b in ballots:
            chosen = b["choices"].get(key, [])
            if chosen:
                cast += int(b["weight"])
            for o in chosen:
                counts[str(o)] += int(b["weight"])
        questions.append({"id": key, "cast": cast, "counts": counts,
                          **decide(q, counts, cast, electorate_weight, quorum_ok)})
    return {"ballots": len(ballots), "turnout_weight": turnout, "electorate_weight": electorate_weight,
            "electorate_count": int(election["electorate_count"]), "quorum": election["quorum"],
            "quorum_reached": quorum_ok, "questions": questions}


def ballot_problem(election: dict, choices: dict) -> str:
    """Why a ballot's choices are invalid for this election ('' when valid)."""
    questions = {str(q["id"]): q for q in election["questions"]}
    if not isinstance(choices, dict) or set(map(str, choices)) != set(questions):
        return "it does not answer exactly the questions of the vote"
    for key, chosen in choices.items():
        q = questions[str(key)]
        allowed = {str(o["id"]) for o in q["options"]}
        most = int(q["k"]) if q["kind"] in ("up_to_k", "candidates_k_seats") else 1
        picked = [str(o) for o in chosen] if isinstance(chosen, list) else None
        if picked is None or not 1 <= len(picked) <= most or len(set(picked)) != len(picked):
            return f"question {key}: wrong number of choices"
        if not set(picked) <= allowed:
            return f"question {key}: an option that does not exist"
    return ""


# --- the check ----------------------------------------------------------------------------------------

class Failed(Exception):
    pass


def verify(data: dict, expected_head: str = "") -> dict:
    if data.get("format") != FORMAT:
        raise Failed(f"not an Odaq ballot list (format {data.get('format')!r})")
    election, ballots = data["election"], data["ballots"]
    prev = genesis(election)
    if data.get("genesis") != prev:
        raise Failed("the election definition (questions, options, electorate) differs from the one the chain "
                     "starts from")
    seen = set()
    ordered = sorted(ballots, key=lambda b: b["tracking_code"])
    for position, b in enumerate(ordered, 1):
        code = b["tracking_code"]
        where = f"ballot {code} (number {position} in tracking-code order)"
        if code in seen:
            raise Failed(f"{where}: the tracking code appears twice")
        seen.add(code)
        problem = ballot_problem(election, b["choices"])
        if problem:
            raise Failed(f"{where}: invalid ballot: {problem}")
        if b.get("prev_hash") != prev:
            raise Failed(f"{where}: the link to the previous ballot is broken: a ballot was added or removed "
                         "just before it, or the chain was rebuilt")
        expected = link(prev, ballot_digest(code, b["choices"], b["weight"]))
        if b.get("hash") != expected:
            raise Failed(f"{where}: its content was changed (choices, weight or code do not match its hash)")
        prev = expected
    if prev != data.get("chain_head"):
        raise Failed("the last ballot does not end at the published chain head: ballots were added or removed "
                     "at the end")
    if expected_head and prev != expected_head:
        raise Failed("the chain head in the file differs from the one you were given: the list was rebuilt")
    recount = tally(election, ordered)
    published = data.get("result") or {}
    for key in ("ballots", "turnout_weight", "electorate_weight", "quorum_reached"):
        if published.get(key) != recount[key]:
            raise Failed(f"published {key} is {published.get(key)!r}, the recount gives {recount[key]!r}")
    by_id = {str(q["id"]): q for q in published.get("questions", [])}
    for q in recount["questions"]:
        pub = by_id.get(q["id"])
        if pub is None:
            raise Failed(f"question {q['id']}: missing from the published result")
        for option, votes in q["counts"].items():
            if int(pub["counts"].get(option, -1)) != votes:
                raise Failed(f"question {q['id']}, option {option}: published {pub['counts'].get(option)}, "
                             f"recounted {votes}")
        if pub.get("outcome") != q["outcome"] or [str(o) for o in pub.get("decided", [])] != q["decided"]:
            raise Failed(f"question {q['id']}: published decision {pub.get('outcome')} {pub.get('decided')} "
                         f"differs from the recount {q['outcome']} {q['decided']}")
    return recount


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Check an Odaq ballot list and recount the vote.")
    parser.add_argument("ballots", help="ballots.json downloaded from the results page")
    parser.add_argument("--head", default="", help="chain head published on the results page (optional)")
    parser.add_argument("--code", default="", help="your tracking code: check that your ballot is counted")
    args = parser.parse_args(argv)
    try:
        with open(args.ballots, encoding="utf-8") as handle:
            data = json.load(handle)
    except (OSError, ValueError) as exc:
        print(f"Cannot read {args.ballots}: {exc}", file=sys.stderr)
        return 2
    try:
        recount = verify(data, args.head.strip().lower())
    except Failed as exc:
        print(f"FAILED: {exc}")
        return 1
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        print(f"FAILED: the file is malformed ({exc.__class__.__name__}: {exc})")
        return 1
    print(f"OK: {recount['ballots']} ballots, chain head {data['chain_head']}, the published result matches "
          "the recount.")
    if args.code:
        code = args.code.strip().upper()
        found = any(b["tracking_code"] == code for b in data["ballots"])
        print(f"Tracking code {code}: {'found' if found else 'NOT FOUND'}.")
        if not found:
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
