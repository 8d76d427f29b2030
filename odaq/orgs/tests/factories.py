import datetime as dt

import factory
from factory.django import DjangoModelFactory

from odaq.core.iin import make_iin
from odaq.core.models import User
from odaq.orgs.choices import Level, MembershipStatus
from odaq.orgs.models import Membership, Organisation, Person, RoleAssignment


def valid_iin(n: int, female: bool = True) -> str:
    """The n-th valid IIN in a deterministic sequence."""
    serial = n
    while True:
        born = dt.date(1970, 1, 1) + dt.timedelta(days=(serial * 37) % 12000)
        iin = make_iin(born, female, serial)
        if iin:
            return iin
        serial += 10000


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.kz")
    display_name = factory.Faker("name")
    language = "kk"
    password = factory.PostGenerationMethodCall("set_password", "correct horse battery")

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class PersonFactory(DjangoModelFactory):
    class Meta:
        model = Person

    iin = factory.Sequence(lambda n: valid_iin(n + 1))
    last_name = factory.Sequence(lambda n: f"Ахметова{n}")
    first_name = "Айгүл"
    middle_name = "Серікқызы"
    phone = factory.Sequence(lambda n: f"+7701{n:07d}")
    language = "kk"


def make_org(parent: Organisation | None, level: str, name: str, **extra) -> Organisation:
    fields = dict(level=level, name_kk=name, name_ru=name, **extra)
    if parent is None:
        return Organisation.objects.add_root(create_kwargs=fields)
    return Organisation.objects.add_child(parent, create_kwargs=fields)


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = Membership

    person = factory.SubFactory(PersonFactory)
    status = MembershipStatus.ACTIVE


def grant(user: User, role: str, organisation: Organisation) -> RoleAssignment:
    return RoleAssignment.objects.create(user=user, role=role, organisation=organisation)


__all__ = ["UserFactory", "PersonFactory", "MembershipFactory", "make_org", "grant", "valid_iin", "Level"]
