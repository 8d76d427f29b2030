"""Lifecycle: audited creation, edits only before opening, opening and closing on time, publication,
turnout without results while open, and no result for groups under five voters."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from odaq.core.audit_models import AuditRecord
from odaq.orgs.choices import Role
from odaq.orgs.tests.factories import UserFactory, grant, valid_iin
from odaq.voting import selectors, services
from odaq.voting.models import Election, Kind, Question, Status

from .factories import choices, close_election, make_election, open_election


def _form(org, **extra):
    now = timezone.now()
    return {"organisation": org, "title_kk": "Сайлау", "title_ru": "Выборы", "description_kk": "",
            "description_ru": "", "opens_at": now + dt.timedelta(minutes=1),
            "closes_at": now + dt.timedelta(hours=2), "electorate": "members", "quorum": "half", **extra}


def test_full_lifecycle_is_audited_and_nothing_changes_after_opening(tree, people, voters):
    users = voters(5)
    staff = people.regional_staff
    election = services.create_election(staff, _form(tree.region_a))
    services.add_question(staff, election, {"kind": Kind.YES_NO, "rule": "simple", "text_kk": "Иә?",
                                            "text_ru": "Да?"}, [])
    services.update_election(staff, election, {"title_ru": "Выборы председателя"})
    services.schedule_election(staff, election)
    services.open_election(Election.objects.get(pk=election.pk), user=staff)
    election.refresh_from_db()
    assert election.status == Status.OPEN and election.electorate_count == 7  # 5 voters + member_a + member_a2
    for changer in (lambda: services.update_election(staff, election, {"title_ru": "x"}),
                    lambda: services.add_question(staff, election, {"kind": Kind.YES_NO, "rule": "simple",
                                                                    "text_kk": "a", "text_ru": "b"}, []),
                    lambda: services.delete_question(staff, election.questions.first()),
                    lambda: services.import_delegates(staff, election, b"")):
        with pytest.raises(ValidationError):
            changer()
    election.refresh_from_db()
    assert election.title_ru == "Выборы председателя" and election.questions.count() == 1
    for user in users:
        services.cast_ballot(user, election.pk, choices(election, 0))
    with pytest.raises(ValidationError):  # not before its closing time
        services.close_election(election, user=staff)
    Election.objects.filter(pk=election.pk).update(closes_at=timezone.now() - dt.timedelta(seconds=1))
    services.close_election(Election.objects.get(pk=election.pk), user=staff)
    services.publish_election(staff, Election.objects.get(pk=election.pk))
    actions = list(AuditRecord.objects.filter(object_type="voting.election").values_list("action", flat=True))
    assert actions == ["voting.created", "voting.changed", "voting.changed", "voting.scheduled", "voting.opened",
                       "voting.closed", "voting.counted", "voting.published"]
    election.refresh_from_db()
    assert election.result["quorum_reached"] and election.result["questions"][0]["outcome"] == "adopted"


def test_schedule_refuses_a_vote_without_questions(tree, people):
    election = services.create_election(people.regional_staff, _form(tree.region_a))
    with pytest.raises(ValidationError):
        services.schedule_election(people.regional_staff, election)
    assert Election.objects.get(pk=election.pk).status == Status.DRAFT


def test_bad_question_input_changes_nothing(tree, people):
    election = services.create_election(people.regional_staff, _form(tree.region_a))
    for data, options in [({"kind": Kind.ONE, "rule": "simple", "text_kk": "a", "text_ru": "b"}, [("x", "y")]),
                          ({"kind": Kind.SEATS, "k": 3, "rule": "simple", "text_kk": "a", "text_ru": "b"},
                           [("x", "y"), ("z", "w")]),
                          ({"kind": Kind.ONE, "rule": "simple", "text_kk": "a", "text_ru": "b"},
                           [("x", "y"), ("X", "y")])]:
        with pytest.raises(ValidationError):
            services.add_question(people.regional_staff, election, data, options)
    assert not Question.objects.exists()


def test_closing_before_opening_time_is_refused(tree, people):
    with pytest.raises(ValidationError):
        services.create_election(people.regional_staff, _form(tree.region_a, closes_at=timezone.now()
                                                              - dt.timedelta(days=1)))
    assert not Election.objects.exists()


def test_tick_opens_and_closes_on_time(tree, voters):
    users = voters(5)
    election = make_election(tree.school_a, opens_at=timezone.now() - dt.timedelta(seconds=1))
    Election.objects.filter(pk=election.pk).update(status=Status.SCHEDULED)
    call_command("voting_tick", stdout=open("/dev/null", "w"))
    election.refresh_from_db()
    assert election.status == Status.OPEN
    for user in users:
        services.cast_ballot(user, election.pk, choices(election, 1))
    Election.objects.filter(pk=election.pk).update(closes_at=timezone.now() - dt.timedelta(seconds=1))
    assert services.tick() == {"opened": 0, "mixed": 0, "closed": 1, "counted": 0}
    election.refresh_from_db()
    assert election.status == Status.CLOSED and election.result["ballots"] == 5 and len(election.chain_head) == 64


def test_staff_see_turnout_only_while_open_and_nothing_public_before_publishing(tree, people, voters, client):
    users = voters(6)
    election = open_election(make_election(tree.school_a))
    for user in users:
        services.cast_ballot(user, election.pk, choices(election, 0))
    client.cookies["django_language"] = "en"
    client.force_login(people.chair)
    page = client.get(f"/votes/staff/{election.pk}/").content.decode()
    assert "6 of 7 have voted" in page and "Adopted" not in page and 'id="result-h"' not in page
    assert client.get(f"/votes/{election.pk}/results/").status_code == 404
    assert client.get(f"/votes/{election.pk}/ballots.json").status_code == 404
    assert client.get(f"/api/v1/votes/{election.pk}/ballots").status_code == 404
    election.refresh_from_db()
    assert not election.ballot_list and not election.ballot_list_sha256 and 'id="ballot-list-sha256"' not in page
    close_election(election)
    assert client.get(f"/votes/{election.pk}/results/").status_code == 404  # closed, not yet published
    services.publish_election(people.chair, Election.objects.get(pk=election.pk))
    client.logout()
    client.cookies["django_language"] = "en"  # logging out starts a fresh cookie jar
    page = client.get(f"/votes/{election.pk}/results/").content.decode()
    assert "Adopted." in page and "No quorum was required." in page


def test_fewer_than_five_voters_publish_no_result_and_no_ballot_list(tree, people, voters, client):
    users = voters(4)
    election = open_election(make_election(tree.school_a))
    for user in users:
        services.cast_ballot(user, election.pk, choices(election, 0))
    close_election(election)
    election = services.publish_election(people.chair, Election.objects.get(pk=election.pk))
    assert election.result["suppressed"] and election.result["questions"] == []
    client.cookies["django_language"] = "en"
    page = client.get(f"/votes/{election.pk}/results/").content.decode()
    assert 'id="suppressed"' in page and "Adopted" not in page
    assert client.get(f"/votes/{election.pk}/ballots.json").status_code == 404


def test_turnout_by_organisation_hides_groups_under_five(tree, voters):
    big = voters(6, tree.school_a)
    small = voters(3, tree.school_a2)
    election = open_election(make_election(tree.district_a))
    for user in small + big[:5]:
        services.cast_ballot(user, election.pk, choices(election, 0))
    rows = {r["name"]: r for r in selectors.turnout_by_organisation(election)}
    assert rows["School A1b"]["voters"] is None and rows["School A1b"]["eligible"] == 3
    assert rows["School A1a"]["voters"] == 5 and rows["School A1a"]["eligible"] == 6


def test_delegate_vote_with_weights(tree, people, voters):
    users = voters(6)
    election = make_election(tree.school_a, electorate="delegates", quorum="half")
    csv = "IIN,weight\n" + "\n".join(f"{u.person.iin},{w}" for u, w in zip(users, [10, 1, 1, 1, 1, 1],
                                                                          strict=True))
    assert services.import_delegates(people.chair, election, csv.encode()) == 6
    election = open_election(election)
    assert election.electorate_weight == 15 and election.electorate_count == 6
    services.cast_ballot(users[0], election.pk, choices(election, 1))  # 10 against
    for user in users[1:]:
        services.cast_ballot(user, election.pk, choices(election, 0))  # 5 for
    election = close_election(election)
    question = election.result["questions"][0]
    assert election.result["turnout_weight"] == 15 and election.result["ballots"] == 6
    assert question["outcome"] == "rejected" and sorted(question["counts"].values()) == [0, 5, 10]


@pytest.mark.parametrize("content", [b"IIN,weight\n123,1\n", b"x\n" + b"000000000000,0\n",
                                     "\xff\xfe".encode("latin-1"), b""])
def test_bad_delegate_files_change_nothing(tree, people, voters, content):
    (user,) = voters(1)
    election = make_election(tree.school_a, electorate="delegates")
    services.import_delegates(people.chair, election, f"{user.person.iin},2\n".encode())
    with pytest.raises(ValidationError):
        services.import_delegates(people.chair, election, content)
    assert list(election.delegates.values_list("weight", flat=True)) == [2]


def test_delegates_must_be_members_under_the_organising_body(tree, people):
    election = make_election(tree.school_a, electorate="delegates")
    outsider = valid_iin(777)
    with pytest.raises(ValidationError) as exc:
        services.import_delegates(people.chair, election, f"{people.member_b.person.iin},1\n{outsider},1".encode())
    assert len(exc.value.messages) == 2 and not election.delegates.exists()


def test_chair_organises_only_at_her_primary_organisation(tree, people):
    with pytest.raises(Exception):  # noqa: B017 - PermissionDenied
        services.create_election(people.chair, _form(tree.district_a))
    election = services.create_election(people.chair, _form(tree.school_a))
    assert election.organisation == tree.school_a
    other = UserFactory()
    grant(other, Role.REGIONAL_STAFF, tree.region_b)
    with pytest.raises(Exception):  # noqa: B017
        services.update_election(other, election, {"title_ru": "x"})
    assert Election.objects.get(pk=election.pk).title_ru == "Выборы"


def test_a_ballot_edited_in_the_database_stops_the_count(tree, voters):
    from odaq.voting.models import Ballot

    users = voters(5)
    election = open_election(make_election(tree.school_a))
    for user in users:
        services.cast_ballot(user, election.pk, choices(election, 1))
    ballot = Ballot.objects.first()
    yes = election.questions.get().options.first().pk
    Ballot.objects.filter(pk=ballot.pk).update(choices={next(iter(ballot.choices)): [yes]})
    with pytest.raises(RuntimeError, match=ballot.tracking_code):
        close_election(election)
    election.refresh_from_db()
    assert election.result is None and election.status == Status.CLOSED
    assert AuditRecord.objects.filter(action="voting.integrity_failed",
                                      data__tracking_code=ballot.tracking_code).exists()
