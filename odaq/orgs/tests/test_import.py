"""Bulk member import: reading and checking files (importing.py) and the upload page."""

import datetime as dt
import io
import zipfile

import openpyxl
import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from odaq.core.audit_models import AuditRecord
from odaq.orgs import importing
from odaq.orgs.choices import MembershipStatus
from odaq.orgs.models import Membership, Person
from odaq.orgs.tests.factories import MembershipFactory, PersonFactory, valid_iin

HEADER = ["iin", "last_name", "first_name", "middle_name", "phone", "email", "language", "position",
          "young_specialist", "joined_on"]


def row(n: int, **extra) -> list[str]:
    values = {"iin": valid_iin(7000 + n), "last_name": f"Жуматова{chr(1072 + n % 30)}", "first_name": "Әсел",
              "middle_name": "", "phone": "8 701 555 00 0" + str(n % 10), "email": f"asel{n}@example.kz",
              "language": "kk", "position": "teacher", "young_specialist": "no", "joined_on": "2024-09-01"}
    values.update(extra)
    return [values[key] for key in HEADER]


def bad_iin(n: int) -> str:
    iin = valid_iin(7000 + n)
    return iin[:11] + str((int(iin[11]) + 1) % 10)


def csv_file(rows, *, name="members.csv", encoding="utf-8", delimiter=",", header=HEADER) -> SimpleUploadedFile:
    text = "\r\n".join(delimiter.join(str(v) for v in r) for r in [header, *rows]) + "\r\n"
    return SimpleUploadedFile(name, text.encode(encoding), content_type="text/csv")


def xlsx_file(rows, *, name="members.xlsx", header=HEADER) -> SimpleUploadedFile:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for values in [header, *rows]:
        sheet.append(values)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue(),
                              content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


def check(upload, members=()) -> importing.ImportReport:
    return importing.check_file(upload, current_member_iins=lambda iins: set(members) & iins)


def refused(upload) -> str:
    with pytest.raises(ValidationError) as info:
        check(upload)
    return " ".join(info.value.messages)


# Reading and checking, without the database ----------------------------------------------------

def test_a_clean_csv_gives_normalised_data():
    report = check(csv_file([row(1, young_specialist="да", language="RU", position="Воспитатель")]))
    assert report.ok and report.total == 1
    data = report.valid[0].data
    assert data["iin"] == valid_iin(7001)
    assert data["phone"] == "+77015550001"
    assert data["language"] == "ru" and data["position"] == "kindergarten_teacher"
    assert data["young_specialist"] is True
    assert data["joined_on"] == dt.date(2024, 9, 1)
    assert report.valid[0].number == 2  # the header is row 1


def test_kazakh_and_russian_headers_in_any_case_are_accepted():
    header = ["ЖСН", "ТЕГІ", "аты", "Отчество", "Телефон", "E-mail", "Тіл", "Должность", "Жас маман",
              "Дата вступления"]
    report = check(csv_file([row(1, joined_on="01.09.2024")], header=header, delimiter=";"))
    assert report.ok
    assert report.valid[0].data["last_name"].startswith("Жуматова")
    assert report.valid[0].data["joined_on"] == dt.date(2024, 9, 1)


def test_csv_in_cp1251_with_semicolons_is_read():
    header = ["ИИН", "Фамилия", "Имя"]
    upload = csv_file([[valid_iin(7001), "Иванова", "Ольга"]], header=header, delimiter=";", encoding="cp1251")
    report = check(upload)
    assert report.ok
    assert report.valid[0].data["last_name"] == "Иванова" and report.valid[0].data["first_name"] == "Ольга"


def test_csv_in_utf8_with_bom_is_read():
    upload = csv_file([row(1)])
    upload = SimpleUploadedFile("m.csv", b"\xef\xbb\xbf" + upload.read())
    assert check(upload).ok


def test_missing_required_columns_are_named():
    message = refused(csv_file([[valid_iin(7001), "Иванова"]], header=["iin", "last_name"]))
    assert "Missing required columns: first_name" in message


def test_unknown_columns_are_refused_by_name():
    message = refused(csv_file([[valid_iin(7001), "Иванова", "Ольга", "x"]],
                               header=["iin", "last_name", "first_name", "salary"]))
    assert "Unknown columns" in message and "salary" in message


def test_row_number_column_is_ignored():
    report = check(csv_file([["1", *row(1)]], header=["№", *HEADER]))
    assert report.ok


def test_every_bad_row_is_reported_with_row_and_column():
    rows = [row(1), row(2, iin=bad_iin(2)), row(3, first_name=""), row(4, phone="12345", email="not-an-email"),
            row(5, language="de", position="cook", young_specialist="maybe", joined_on="31.02.2024")]
    report = check(csv_file(rows))
    assert [r.number for r in report.valid] == [2]
    found = {(e.row, e.column) for e in report.errors}
    assert found == {(3, "iin"), (4, "first_name"), (5, "phone"), (5, "email"), (6, "language"), (6, "position"),
                     (6, "young_specialist"), (6, "joined_on")}
    assert report.bad_rows == 4
    assert any("check digit" in e.message for e in report.errors if e.row == 3)


def test_future_join_date_is_an_error():
    tomorrow = (dt.date.today() + dt.timedelta(days=2)).isoformat()
    report = check(csv_file([row(1, joined_on=tomorrow)]))
    assert [(e.row, e.column) for e in report.errors] == [(2, "joined_on")]


def test_duplicate_iin_within_the_file_points_to_the_first_row():
    report = check(csv_file([row(1), row(2), row(3, iin=valid_iin(7001))]))
    assert [(e.row, e.column) for e in report.errors] == [(4, "iin")]
    assert "row 2" in report.errors[0].message
    assert [r.number for r in report.valid] == [2, 3]


def test_iin_of_a_current_member_is_an_error():
    report = check(csv_file([row(1), row(2)]), members={valid_iin(7002)})
    assert [(e.row, e.column) for e in report.errors] == [(3, "iin")]
    assert "already a current member" in report.errors[0].message


def test_blank_lines_are_skipped_and_rows_keep_their_file_numbers():
    upload = SimpleUploadedFile("m.csv", ("\r\n".join([",".join(HEADER), "", ",".join(row(1))]) + "\r\n").encode())
    report = check(upload)
    assert report.ok and report.valid[0].number == 3


def test_a_20_mb_file_is_refused_before_parsing():
    upload = SimpleUploadedFile("big.csv", b"iin,last_name,first_name\r\n" + b"x" * (20 * 1024 * 1024))
    assert "too large" in refused(upload)


def test_more_than_5000_rows_are_refused():
    lines = [",".join(HEADER)] + [f"{valid_iin(1)},A,B,,,,,,," for _ in range(importing.MAX_ROWS + 1)]
    upload = SimpleUploadedFile("m.csv", "\r\n".join(lines).encode())
    assert "more than 5000 rows" in refused(upload)


@pytest.mark.parametrize("content", [
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)),
    b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>> endobj",
    b"iin,last_name,first_name\r\n",  # even text: the name says workbook, the content does not
])
def test_a_renamed_non_spreadsheet_xlsx_is_refused(content):
    assert "not an Excel workbook" in refused(SimpleUploadedFile("members.xlsx", content))


def test_a_zip_that_is_not_a_workbook_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w/>")
    assert "not an Excel workbook" in refused(SimpleUploadedFile("members.xlsx", buffer.getvalue()))


def test_binary_content_named_csv_is_refused():
    assert "neither an Excel workbook" in refused(SimpleUploadedFile("members.csv", bytes(range(256)) * 10))


def test_legacy_xls_is_refused_with_advice():
    assert ".xls" in refused(SimpleUploadedFile("members.xls", importing.OLE_MAGIC + b"\x00" * 512))


def test_xlsx_built_with_openpyxl_is_read_with_typed_cells():
    born_2000s = next(iin for n in range(1, 500) if (iin := valid_iin(n)).startswith("0"))
    rows = [
        [int(born_2000s), "Серикова", "Дана", None, 87015550011, None, "ru", "lecturer", True, dt.datetime(2023, 1, 9)],
        [valid_iin(7002), "Омарова", "Ляззат", "Қайратқызы", "+7 701 555 00 12", "l@example.kz", None, None, 0,
         None],
        [bad_iin(3), "Ахметов", "Ерлан", None, None, None, None, None, None, None],
    ]
    report = check(xlsx_file(rows))
    first, second = (r.data for r in report.valid)
    assert first["iin"] == born_2000s  # the leading zero lost by a number cell is restored
    assert first["phone"] == "+77015550011"
    assert first["young_specialist"] is True and first["joined_on"] == dt.date(2023, 1, 9)
    assert second["language"] == "kk" and second["position"] == "teacher" and second["joined_on"] is None
    assert [(e.row, e.column) for e in report.errors] == [(4, "iin")]


def test_xlsx_and_csv_are_told_apart_by_content_not_name():
    upload = xlsx_file([row(1)], name="members.csv")
    report = check(upload)
    assert report.ok and report.valid[0].data["iin"] == valid_iin(7001)


def test_template_has_the_english_header():
    text = importing.template_csv()
    assert text.startswith("\ufeff")
    assert text.strip("\ufeff\r\n").split(";") == HEADER


# The upload page --------------------------------------------------------------------------------

@pytest.fixture
def client(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def post(client, user, org, upload, **extra):
    client.force_login(user)
    return client.post(reverse("orgs:member_import"), {"organisation": org.pk, "file": upload, **extra})


def test_import_page_is_for_members_changers_only(client, people):
    client.force_login(people.chair)
    assert client.get(reverse("orgs:member_import")).status_code == 200
    for user in (people.lawyer, people.auditor, people.regional_staff, people.member_user):
        client.force_login(user)
        assert client.get(reverse("orgs:member_import")).status_code == 403


def test_good_and_bad_rows_save_nothing_and_report_each_bad_row(client, people, tree):
    existing = people.member_b.person.iin  # a current member in another region
    before = Person.objects.count()
    upload = csv_file([row(1), row(2, iin=bad_iin(2)), row(3), row(4, iin=existing), row(5, iin=valid_iin(7001))])
    response = post(client, people.chair, tree.school_a, upload)
    assert response.status_code == 200
    report = response.context["report"]
    assert {(e.row, e.column) for e in report.errors} == {(3, "iin"), (5, "iin"), (6, "iin")}
    assert "Nothing was saved" in response.content.decode()
    assert Person.objects.count() == before
    assert not AuditRecord.objects.filter(action="members.imported").exists()


def test_import_valid_rows_saves_only_the_good_ones(client, people, tree):
    upload = csv_file([row(1), row(2, iin=bad_iin(2)), row(3, last_name="")])
    response = post(client, people.chair, tree.school_a, upload, import_valid="on")
    assert response.status_code == 200
    assert response.context["imported"]["imported"] == 1
    assert list(Person.objects.filter(iin__in=[valid_iin(7001), valid_iin(7003)]).values_list("iin", flat=True)) == [
        valid_iin(7001)]
    membership = Membership.objects.get(person__iin=valid_iin(7001))
    assert membership.organisation == tree.school_a and membership.status == MembershipStatus.ACTIVE
    assert membership.joined_on == dt.date(2024, 9, 1)
    records = AuditRecord.objects.filter(action="members.imported")
    assert records.count() == 1
    assert records.get().data == {"organisation": tree.school_a.pk, "imported": 1, "skipped": 2,
                                  "source": "members.csv"}
    assert not AuditRecord.objects.filter(action="member.registered").exists()


def test_a_clean_xlsx_imports_every_row(client, people, tree):
    returning = MembershipFactory(organisation=tree.school_a2, status=MembershipStatus.LEFT,
                                  person=PersonFactory(iin=valid_iin(7002)))
    response = post(client, people.regional_admin, tree.school_a2, xlsx_file([row(1), row(2)]))
    assert response.context["imported"]["imported"] == 2
    assert Membership.objects.filter(organisation=tree.school_a2, person__iin__in=[valid_iin(7001), valid_iin(7002)],
                                     status=MembershipStatus.ACTIVE).count() == 2
    returning.refresh_from_db()
    assert returning.status == MembershipStatus.LEFT  # history kept; a new membership was added


def test_wrong_columns_are_refused_on_the_page(client, people, tree):
    response = post(client, people.chair, tree.school_a, csv_file([["x", "y"]], header=["name", "salary"]))
    assert "Missing required columns: iin, last_name, first_name" in response.content.decode()
    assert "report" not in response.context


def test_a_20_mb_upload_is_refused_and_nothing_saved(client, people, tree):
    before = Person.objects.count()
    upload = SimpleUploadedFile("huge.csv", b"iin,last_name,first_name\r\n" + b"1" * (20 * 1024 * 1024))
    response = post(client, people.chair, tree.school_a, upload)
    assert response.status_code == 200
    assert "too large" in " ".join(response.context["form"].errors["file"])
    assert Person.objects.count() == before


def test_renamed_non_spreadsheet_is_refused_on_the_page(client, people, tree):
    upload = SimpleUploadedFile("members.xlsx", b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    response = post(client, people.chair, tree.school_a, upload)
    assert "not an Excel workbook" in " ".join(response.context["form"].errors["file"])


def test_cannot_import_into_an_organisation_outside_the_scope(client, people, tree):
    before = Person.objects.count()
    for org in (tree.school_a2, tree.school_b):
        response = post(client, people.chair, org, csv_file([row(1)]))
        assert "organisation" in response.context["form"].errors
    assert Person.objects.count() == before


def test_import_keeps_csrf_protection(people, tree):
    client = Client(enforce_csrf_checks=True)
    client.force_login(people.chair)
    response = client.post(reverse("orgs:member_import"),
                           {"organisation": tree.school_a.pk, "file": csv_file([row(1)])})
    assert response.status_code == 403
    assert not Person.objects.filter(iin=valid_iin(7001)).exists()
    client.get(reverse("orgs:member_import"))  # sets the CSRF cookie, as a browser would
    token = client.cookies[settings.CSRF_COOKIE_NAME].value
    response = client.post(reverse("orgs:member_import"), {"organisation": tree.school_a.pk,
                                                            "file": csv_file([row(1)]), "csrfmiddlewaretoken": token})
    assert response.status_code == 200
    assert Person.objects.filter(iin=valid_iin(7001)).exists()


def test_template_download(client, people):
    client.force_login(people.chair)
    response = client.get(reverse("orgs:import_template"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    assert response.content.decode("utf-8-sig").strip().split(";") == HEADER
