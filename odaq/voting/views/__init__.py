from .member import ballot, ballots_json, my_votes, results, track, verifier
from .staff import (
    election_close,
    election_create,
    election_detail,
    election_edit,
    election_list,
    election_open,
    election_publish,
    election_schedule,
    import_delegates,
    question_add,
    question_delete,
)

__all__ = ["ballot", "ballots_json", "my_votes", "results", "track", "verifier", "election_close",
           "election_create", "election_detail", "election_edit", "election_list", "election_open",
           "election_publish", "election_schedule", "import_delegates", "question_add", "question_delete"]
