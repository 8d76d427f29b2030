"""Two simultaneous responses of one member on PostgreSQL: exactly one is stored, the other gets a clear refusal."""

import threading

import pytest
from django.db import connection, connections

from odaq.surveys import services
from odaq.surveys.models import Answer, Participation, Response

from .factories import full_survey, good_answers

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="real concurrency needs PostgreSQL"),
    pytest.mark.django_db(transaction=True),
]


def test_two_concurrent_responses_store_one(people, tree):
    survey = full_survey(tree.region_a)
    person = people.member_a.person
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def answer(text):
        try:
            barrier.wait(timeout=10)
            services.submit_response(person, survey, good_answers(survey, text=text))
            outcomes.append("stored")
        except services.AlreadyAnswered:
            outcomes.append("refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=answer, args=(f"attempt {i}",)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert sorted(outcomes) == ["refused", "stored"]
    assert Participation.objects.filter(survey=survey, person=person).count() == 1
    assert Response.objects.filter(survey=survey).count() == 1
    assert Answer.objects.filter(question__survey=survey, question__kind="text").count() == 1
