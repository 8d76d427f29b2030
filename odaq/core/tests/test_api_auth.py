"""API tokens (read by one prepared statement) and the prepared-statement helper itself."""

import pytest
from django.db import IntegrityError, connection
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from odaq.core import db as core_db
from odaq.core.models import User


def _token_client(key: str) -> APIClient:
    api = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return api


def test_token_gives_the_user_and_her_data(people):
    token = Token.objects.create(user=people.member_user)
    response = _token_client(token.key).get("/api/v1/members/me/")
    assert response.status_code == 200, response.content
    assert response.json()["person"]["iin"] == people.member_a.person.iin


def test_unknown_token_is_refused_with_a_clear_message(people):
    Token.objects.create(user=people.member_user)
    response = _token_client("0" * 40).get("/api/v1/members/me/")
    assert response.status_code == 403  # not 401: the first authenticator (the session) sends no challenge
    assert response.json()["detail"] == "Invalid token."


def test_token_of_a_deactivated_account_is_refused(people):
    token = Token.objects.create(user=people.member_user)
    User.objects.filter(pk=people.member_user.pk).update(is_active=False)
    response = _token_client(token.key).get("/api/v1/members/me/")
    assert response.status_code == 403
    assert response.json()["detail"] == "User inactive or deleted."


def test_token_refusal_is_translated(people):
    api = APIClient(HTTP_ACCEPT_LANGUAGE="ru")
    api.credentials(HTTP_AUTHORIZATION="Token " + "0" * 40)
    detail = api.get("/api/v1/members/me/").json()["detail"]
    assert detail != "Invalid token." and detail.strip()


def test_execute_returns_rows_and_counts(db):
    User.objects.create(email="a@example.kz", display_name="A")
    count, rows = core_db.execute("SELECT email FROM core_user WHERE email = %s", ["a@example.kz"])
    assert rows == [("a@example.kz",)]
    count, rows = core_db.execute("UPDATE core_user SET display_name = %s WHERE email = %s", ["B", "a@example.kz"])
    assert (count, rows) == (1, [])
    assert User.objects.get(email="a@example.kz").display_name == "B"


def test_execute_raises_django_errors(db):
    User.objects.create(email="a@example.kz", display_name="A")
    pk = User.objects.get().pk
    with pytest.raises(IntegrityError):
        core_db.execute("INSERT INTO core_user (id, password, is_superuser, email, display_name, language, is_active, "
                   "is_staff, date_joined) SELECT id, password, is_superuser, email, display_name, language, "
                   "is_active, is_staff, date_joined FROM core_user WHERE id = %s", [pk])


@pytest.mark.skipif(connection.vendor != "postgresql", reason="prepared statements are a PostgreSQL feature")
def test_execute_prepares_the_statement_on_postgresql(db):
    sql = "SELECT count(*) FROM core_user WHERE is_active = %s"
    core_db.execute(sql, [True])
    core_db.execute(sql, [False])
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements WHERE statement LIKE %s",
                       ["SELECT count(*) FROM core_user WHERE is_active = $1%"])
        assert len(cursor.fetchall()) == 1  # prepared once, executed twice
