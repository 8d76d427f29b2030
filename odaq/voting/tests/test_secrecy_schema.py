"""Nothing in the schema links a ballot to a voter: no foreign key, no shared column, no time, no order."""

import uuid

from django.db import connection, models

from odaq.voting import services
from odaq.voting.models import Ballot, VoterRoll

from .factories import choices, close_election, make_election, open_election


def _columns(model) -> set[str]:
    with connection.cursor() as cursor:
        return {c.name for c in connection.introspection.get_table_description(cursor, model._meta.db_table)}


def test_ballot_has_no_person_no_time_and_a_random_key():
    fields = {f.name: f for f in Ballot._meta.get_fields()}
    assert set(fields) == {"id", "election", "tracking_code", "choices", "weight", "digest", "prev_hash", "hash",
                           "mixed"}
    related = {f.related_model for f in fields.values() if f.is_relation}
    assert {m._meta.label for m in related} == {"voting.Election"}
    assert isinstance(Ballot._meta.pk, models.UUIDField) and Ballot._meta.pk.default is uuid.uuid4
    assert not any(isinstance(f, (models.DateTimeField, models.DateField, models.AutoField, models.BigAutoField))
                   for f in fields.values())
    assert not Ballot._meta.ordering


def test_roll_has_no_ballot_no_time_and_a_random_key():
    fields = {f.name: f for f in VoterRoll._meta.get_fields()}
    assert set(fields) == {"id", "election", "person"}
    assert {f.related_model._meta.label for f in fields.values() if f.is_relation} == {"voting.Election",
                                                                                        "orgs.Person"}
    assert isinstance(VoterRoll._meta.pk, models.UUIDField) and VoterRoll._meta.pk.default is uuid.uuid4
    assert not VoterRoll._meta.ordering
    assert any(c.name == "one_member_one_vote" and set(c.fields) == {"election", "person"}
               for c in VoterRoll._meta.constraints)


def test_database_tables_share_only_the_election_column(db):
    ballot, roll = _columns(Ballot), _columns(VoterRoll)
    assert ballot == {"id", "election_id", "tracking_code", "choices", "weight", "digest", "prev_hash", "hash",
                      "mixed"}
    assert roll == {"id", "election_id", "person_id"}
    assert ballot & roll == {"id", "election_id"}  # id: a random UUID in each, drawn independently
    for table in (Ballot._meta.db_table, VoterRoll._meta.db_table):
        with connection.cursor() as cursor:
            relations = connection.introspection.get_relations(cursor, table)
        targets = {target_table for _col, (_target_col, target_table) in relations.items()}
        assert Ballot._meta.db_table not in targets and VoterRoll._meta.db_table not in targets


def test_no_other_model_points_at_ballots_or_the_roll():
    from django.apps import apps

    for model in apps.get_models():
        for field in model._meta.get_fields():
            if field.is_relation and field.concrete:
                assert field.related_model not in (Ballot, VoterRoll), (model, field)


def test_after_counting_ballots_are_stored_in_tracking_code_order(tree, voters):
    users = voters(6)
    election = open_election(make_election(tree.school_a))
    for user in users:
        services.cast_ballot(user, election.pk, choices(election, 0))
    close_election(election)
    with connection.cursor() as cursor:  # the table's own order, without ORDER BY
        cursor.execute(f"SELECT tracking_code FROM {Ballot._meta.db_table}")
        stored = [row[0] for row in cursor.fetchall()]
    assert stored == sorted(stored) and len(stored) == 6
