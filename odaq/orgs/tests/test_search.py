from odaq.orgs import selectors
from odaq.orgs.tests.factories import MembershipFactory, PersonFactory


def _names(user, query, **kw):
    return [m.person.last_name for m in selectors.member_list(user, query=query, **kw)]


def test_name_search_by_surname_prefix_then_first_name(people, tree):
    pairs = [("Жақсыбекова", "Меруерт"), ("Жақсыбеков", "Бауыржан"), ("Жақсылықова", "Дина"), ("Серікова", "Меруерт")]
    for last, first in pairs:
        MembershipFactory(organisation=tree.school_a, person=PersonFactory(last_name=last, first_name=first))
    admin = people.central_admin
    assert _names(admin, "жақсыбек") == ["Жақсыбеков", "Жақсыбекова"]
    assert _names(admin, "ЖАҚСЫБЕКОВА Мер") == ["Жақсыбекова"]
    # nothing starts with a first name: the words are then looked for anywhere in the name
    assert sorted(_names(admin, "меруерт")) == ["Жақсыбекова", "Серікова"]
    assert _names(admin, "жоқ адам") == []


def test_search_respects_scope_and_status(people, tree):
    MembershipFactory(organisation=tree.school_b, person=PersonFactory(last_name="Ёлкина"))
    MembershipFactory(organisation=tree.school_a, person=PersonFactory(last_name="Елкина"), status="left")
    assert _names(people.central_admin, "елкина") == ["Ёлкина"]  # ё and е are one letter in search
    assert _names(people.lawyer, "елкина") == []  # region B is out of the lawyer's scope
    assert _names(people.lawyer, "елкина", status="left") == ["Елкина"]


def test_iin_search_by_prefix(people):
    iin = people.member_a.person.iin
    assert [m.pk for m in selectors.member_list(people.lawyer, query=iin[:6])] == [people.member_a.pk]
    assert [m.pk for m in selectors.member_list(people.lawyer, query=f"{iin[:6]} {iin[6:]}")] == [people.member_a.pk]
