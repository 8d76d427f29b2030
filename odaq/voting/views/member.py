"""Member and public pages: my votes, the ballot and its receipt, results, the ballot list, tracking."""

from pathlib import Path

from django.contrib.auth.decorators import login_required
from django.http import FileResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from .. import ballot_list, selectors, services
from ..models import Status


@login_required
def my_votes(request):
    person = selectors.my_person(request.user)
    return render(request, "voting/my_votes.html", {
        "open_votes": selectors.open_for_member(person), "published": selectors.published()[:20]})


@never_cache
@login_required
def ballot(request, pk: int):
    election = selectors.ballot_page_election(pk)
    person = selectors.my_person(request.user)
    context = {"election": election, "eligible": selectors.is_eligible(election, person),
               "voted": selectors.has_voted(election, person), "error": None,
               "questions": election.questions.prefetch_related("options")}
    if request.method == "POST":
        raw = {str(q.pk): request.POST.getlist(f"q{q.pk}") for q in context["questions"]}
        try:
            code = services.cast_ballot(request.user, election.pk, raw,
                                        email_receipt=request.POST.get("email_receipt") == "on")
        except services.VoteRefused as exc:
            context["error"] = str(exc)
            context["voted"] = selectors.has_voted(election, person)
            context["chosen"] = {v for values in raw.values() for v in values}
            return render(request, "voting/ballot.html", context, status=409 if exc.code == "already_voted"
                          else 400)
        # The code is shown in this response only: no redirect, nothing kept in the session.
        return render(request, "voting/receipt.html", {"election": election, "code": code})
    context["is_open"] = election.status == Status.OPEN
    return render(request, "voting/ballot.html", context)


def results(request, pk: int):
    election = selectors.published_election(pk)
    return render(request, "voting/results.html", {"election": election, **selectors.result_view(election)})


def ballots_json(request, pk: int):
    election = services.ensure_ballot_list(selectors.published_election(pk))
    return ballot_list.response(request, election)


def track(request, pk: int):
    election = selectors.ballot_page_election(pk)  # drafts and scheduled votes: 404
    if not election.is_public:  # open, or closed and not yet published: nothing to search yet
        return render(request, "voting/track.html", {"election": election, "not_published": True})
    code = request.GET.get("code", "")[:40]
    found = selectors.find_tracking_code(election, code) if code else None
    return render(request, "voting/track.html", {"election": election, "code": code, "found": found,
                                                 "searched": bool(code)})


def verifier(request):
    path = Path(__file__).resolve().parents[1] / "verify.py"
    return FileResponse(path.open("rb"), as_attachment=True, filename="verify.py", content_type="text/x-python")
