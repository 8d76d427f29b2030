"""Every write of the voting app, by concern:

- ``organising``: the vote, its questions and delegates, readiness and schedule (before it opens);
- ``lifecycle``: opening (the electorate frozen), closing, the scheduler's tick, mixing ballots while open;
- ``casting``: the roll row and the ballot, together or not at all;
- ``counting``: the hash chain, the tally and the stored result;
- ``publishing``: the public result and the ballot list written once.

Callers import from ``odaq.voting.services``; the names below are the public ones. Services never import
``odaq.voting.tasks`` (tasks import services): the announcement of an open vote is a task module of its own
(``odaq.voting.announcements``).
"""

from .casting import (
    CODE_ALPHABET,
    VoteRefused,
    cast_ballot,
    cast_for_person,
    clean_choices,
    new_tracking_code,
    normal_code,
)
from .counting import SMALL_GROUP, BallotTampered, count_election, election_definition
from .lifecycle import close_election, open_election, tick
from .mixing import mix_ballots
from .organising import (
    ELECTION_FIELDS,
    MAX_DELEGATES_CSV,
    YES_NO,
    _yes_no_texts,
    add_question,
    create_election,
    delete_question,
    import_delegates,
    parse_delegates,
    readiness_problems,
    schedule_election,
    update_election,
)
from .publishing import ensure_ballot_list, publish_election

__all__ = [
    "CODE_ALPHABET", "ELECTION_FIELDS", "MAX_DELEGATES_CSV", "SMALL_GROUP", "YES_NO", "BallotTampered", "VoteRefused",
    "_yes_no_texts", "add_question", "cast_ballot", "cast_for_person",
    "clean_choices", "close_election", "count_election", "create_election", "delete_question", "election_definition",
    "ensure_ballot_list", "import_delegates", "mix_ballots", "new_tracking_code", "normal_code", "open_election",
    "parse_delegates", "publish_election", "readiness_problems", "schedule_election", "tick", "update_election",
]
