"""Anonymous surveys: no key, column, time or order links a response to a member or her participation."""

import uuid

import pytest
from django.db import connection, models
from django.urls import reverse

from odaq.core.audit_models import AuditRecord
from odaq.orgs.models import Person
from odaq.surveys import services
from odaq.surveys.models import Answer, Participation, Response
from odaq.surveys.results import MIN_GROUP, survey_results

from .factories import full_survey, good_answers


def _related(model) -> set:
    return {f.related_model for f in model._meta.get_fields() if f.is_relation and f.concrete}


def test_schema_has_no_link_between_responses_and_participations():
    assert Participation not in _related(Response) and Response not in _related(Participation)
    assert Participation not in _related(Answer) and Person not in _related(Answer)
    # The only person column of a response is the nullable one for named surveys.
    assert [f.name for f in Response._meta.concrete_fields if f.related_model is Person] == ["person"]
    assert Response._meta.get_field("person").null
    for model in (Response, Answer):
        assert isinstance(model._meta.pk, models.UUIDField) and model._meta.pk.default is uuid.uuid4
        assert not model._meta.ordering
        assert not [f.name for f in model._meta.concrete_fields
                    if isinstance(f, (models.DateTimeField, models.DateField, models.TimeField))
                    or getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)]
    # A participation keeps only the day, never the moment.
    assert not [f for f in Participation._meta.concrete_fields if isinstance(f, models.DateTimeField)]


def test_database_columns_match_the_models(db):
    with connection.cursor() as cursor:
        columns = {c.name for c in connection.introspection.get_table_description(cursor, Response._meta.db_table)}
        relations = connection.introspection.get_relations(cursor, Response._meta.db_table)
    assert columns == {"id", "survey_id", "organisation_id", "person_id"}
    assert {table for _col, table in relations.values()} <= {"surveys_survey", "orgs_organisation", "orgs_person"}


def test_anonymous_responses_cannot_be_traced_to_their_authors(people, tree, member_factory):
    survey = full_survey(tree.region_a)
    members = [member_factory(tree.school_a) for _ in range(6)]
    for i, person in enumerate(members):
        services.submit_response(person, survey, good_answers(survey, text=f"secret {i}"))
    assert not Response.objects.filter(person__isnull=False).exists()
    # Random keys: the order of responses says nothing about the order of answering.
    by_key = [Answer.objects.get(response=r, question__kind="text").text
              for r in Response.objects.filter(survey=survey).order_by("id")]
    assert sorted(by_key) == [f"secret {i}" for i in range(6)]
    # Nothing about the answering member reaches the audit log either.
    assert not AuditRecord.objects.filter(action__startswith="survey.").exclude(
        action__in=["survey.created", "survey.opened"]).exists()
    assert not AuditRecord.objects.filter(object_type="surveys.response").exists()


def test_named_survey_links_each_response(people, tree, member_factory):
    survey = full_survey(tree.region_a, anonymous=False)
    person = member_factory(tree.school_a)
    services.submit_response(person, survey, good_answers(survey))
    assert Response.objects.get(survey=survey).person == person


@pytest.mark.parametrize("members, shown", [(4, False), (5, True)])
def test_small_groups_are_hidden_in_anonymous_results(client, people, tree, member_factory, members, shown):
    """School A1b gets ``members`` eligible members, all answering; under 5 its rate and its texts' origin hide."""
    survey = full_survey(tree.region_a)
    people.member_a2.status = "left"
    people.member_a2.save()
    group = [member_factory(tree.school_a2) for _ in range(members)]
    for person in group:
        services.submit_response(person, survey, good_answers(survey, text="from A1b"))
    for person in [member_factory(tree.school_a) for _ in range(5)]:
        services.submit_response(person, survey, good_answers(survey, text="from A1a"))
    results = survey_results(survey)
    row = next(r for r in results.rates if r.organisation == tree.school_a2)
    assert row.eligible == members
    assert (row.participants == members) is shown and (row.participants is None) is (not shown)
    texts = next(q for q in results.questions if q.question.kind == "text").texts
    from_a1b = {t["organisation"] for t in texts if t["text"] == "from A1b"}
    # Under 5, the answers are stored for district A1 (never School A1b), which itself has fewer than 5
    # responses, so the texts name no organisation at all.
    assert from_a1b == ({tree.school_a2} if shown else {None})
    if not shown:
        assert not Response.objects.filter(organisation=tree.school_a2).exists()
    assert {t["organisation"] for t in texts if t["text"] == "from A1a"} == {tree.school_a}
    client.cookies["django_language"] = "en"
    client.force_login(people.regional_staff)
    page = client.get(reverse("surveys:results", args=[survey.pk])).content.decode()
    assert ("fewer than 5: not shown" in page) is (not shown)
    assert ("— School A1b" in page) is shown
    rates = client.get(reverse("surveys:export", args=[survey.pk, "rates.csv"])).content.decode("utf-8-sig")
    line = next(row for row in rates.splitlines() if row.startswith("School A1b"))
    assert line == (f"School A1b,{members},{members},100.0" if shown else f"School A1b,{members},,")


def test_answers_hidden_until_five_responses_in_anonymous_surveys(people, tree, member_factory):
    survey = full_survey(tree.region_a)
    members = [member_factory(tree.school_a) for _ in range(MIN_GROUP)]
    for person in members[:-1]:
        services.submit_response(person, survey, good_answers(survey))
    assert survey_results(survey).suppressed and survey_results(survey).questions == []
    services.submit_response(members[-1], survey, good_answers(survey))
    results = survey_results(survey)
    assert not results.suppressed
    single = next(q for q in results.questions if q.question.kind == "single")
    assert [b.count for b in single.bars] == [MIN_GROUP, 0]


def test_named_results_are_not_suppressed(people, tree):
    survey = full_survey(tree.region_a, anonymous=False)
    services.submit_response(people.member_a.person, survey, good_answers(survey))
    results = survey_results(survey)
    assert not results.suppressed
    row = next(r for r in results.rates if r.organisation == tree.school_a)
    assert row.participants == 1


def test_anonymous_export_hides_small_group_organisations(client, people, tree, member_factory):
    survey = full_survey(tree.region_a)
    big = [member_factory(tree.school_a) for _ in range(5)]
    for person in [*big, people.member_a2.person]:
        services.submit_response(person, survey, good_answers(survey))
    client.cookies["django_language"] = "en"
    client.force_login(people.regional_staff)
    response = client.get(reverse("surveys:export", args=[survey.pk, "csv"]))
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    lines = body.strip().splitlines()
    assert lines[0].startswith("Organisation,1.") and "Member" not in lines[0]
    orgs = sorted(line.split(",")[0] for line in lines[1:])
    assert orgs == [""] + ["School A1a"] * 5
    for person in big:
        assert person.last_name not in body
