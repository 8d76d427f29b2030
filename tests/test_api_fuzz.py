"""Schemathesis against the OpenAPI schema, in-process: every operation, as an anonymous caller, a member and a
member of staff, with valid and invalid input. No answer may be a server error (5xx).

Short and bounded on purpose (a fixed number of examples per operation, derandomised), so it runs in ``make test``
and a new endpoint that answers 500 to bad input fails CI.
"""

import pytest
import schemathesis
from django.core.cache import cache
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error
from schemathesis.generation import GenerationMode

EXAMPLES_PER_OPERATION = 6


@pytest.fixture
def api_schema(db):
    # Requests run in the test's transaction: keep the request signals from closing its connection.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield schemathesis.openapi.from_wsgi("/api/schema/", WSGIHandler())
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
        cache.clear()  # throttling counters


def _operations(schema):
    for result in schema.get_all_operations():
        yield result.ok()


def _fuzz(schema, headers: dict) -> list[str]:
    failures = []
    for operation in _operations(schema):
        strategy = st.one_of(operation.as_strategy(generation_mode=GenerationMode.POSITIVE),
                             operation.as_strategy(generation_mode=GenerationMode.NEGATIVE))

        @hypothesis_settings(max_examples=EXAMPLES_PER_OPERATION, derandomize=True, deadline=None, database=None,
                  suppress_health_check=list(HealthCheck), phases=["generate"])
        @given(case=strategy)
        def run(case):
            response = case.call(headers=headers)
            if response.status_code >= 500:
                failures.append(f"{case.method} {case.formatted_path} -> {response.status_code}: "
                                f"{case.as_curl_command()}")
            case.validate_response(response, checks=[not_a_server_error])

        try:
            run()
        except Exception as exc:  # noqa: BLE001 - collect every operation's failure, report them together
            if not failures or failures[-1].split(" -> ")[0] != f"{operation.method.upper()} {operation.path}":
                failures.append(f"{operation.method.upper()} {operation.path}: {exc}")
    return failures


@pytest.fixture
def no_throttle(settings):
    settings.ODAQ_ASSISTANT_PUBLIC_PER_MINUTE = 100_000


@pytest.mark.parametrize("caller", ["anonymous", "member", "staff"])
def test_no_operation_answers_a_server_error(api_schema, people, no_throttle, caller):
    user = {"anonymous": None, "member": people.member_user, "staff": people.central_admin}[caller]
    headers = {"Authorization": f"Token {Token.objects.create(user=user).key}"} if user else {}
    failures = _fuzz(api_schema, headers)
    assert not failures, "\n".join(failures)
