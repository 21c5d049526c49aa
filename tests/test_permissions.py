"""The permission table of the home, account, organisation, import and audit pages.

Roles (kinerja/core/tests/permission_table.py): anonymous citizen; pegawai = dokter; atasan =
kasi (rates staf); admin unit = staf (admin of Dinas Kesehatan); bkpsdm; pimpinan; auditor;
outsider = BKPSDM admin of another agency. Answers: 200 ok, "login" a redirect to the login
page, 403 forbidden, 404 hidden; 302 the redirect that follows a successful action.
"""

from dataclasses import dataclass

import pytest
from django.urls import reverse

from kinerja.accounts.services import api_token_create
from kinerja.core.models import AuditEvent
from kinerja.core.tests.permission_table import (
    LOGIN,
    Row,
    answers,
    ask,
    refused_links,
    shared_data,
    table_cases,
)
from kinerja.org.imports import import_job_create
from kinerja.org.tests.personas import build_personas

pytestmark = pytest.mark.django_db


@dataclass(repr=False)
class World:
    personas: object
    import_job: object
    dokter_token: object
    audit_event: object


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    with shared_data(django_db_blocker, tmp_path_factory):
        personas = build_personas()
        job = import_job_create(
            actor=personas.users["bkpsdm"],
            agency=personas.agency,
            data=b"nip;nama\n",
            filename="pegawai.csv",
            file_format="csv",
            sheet_kind="pegawai",
        )
        token, _key = api_token_create(actor=None, user=personas.users["dokter"], name="laptop")
        event = AuditEvent.objects.filter(agency=personas.agency).earliest("pk")
        yield World(personas, job, token, event)


def _unit(key):
    return lambda world: [world.personas.units[key].pk]


def _employee(key):
    return lambda world: [world.personas.employees[key].pk]


# Only the agency's BKPSDM admins import; the outsider imports into their own agency.
IMPORTERS = answers(403, bkpsdm=200, outsider=200)
# The dokter's record: the dokter sees it, the kasi does not; the admin of Dinas Kesehatan and
# BKPSDM may manage it (an empty form is a 400); the other overseers may only read it.
MANAGE_DOKTER = answers(403, kasi=404, staf=400, bkpsdm=400, outsider=404)

PERMISSION_ROWS = [
    Row("home", answers(200, anonymous=200)),  # the public front door for a visitor
    Row("glossary", answers(200, anonymous=200)),
    Row("accounts:login", answers(302, anonymous=200)),  # logged in: sent home
    Row("accounts:logout", answers(LOGIN), method="post"),
    Row("accounts:account", answers(200)),
    Row("accounts:password_change", answers(200)),
    Row("accounts:password_change", answers(400), method="post", label="empty"),
    # A session that is not the viewer's own (none has this number) is hidden.
    Row("accounts:session_end", answers(404), method="post", args=[999999]),
    Row("accounts:sessions_end_others", answers(302), method="post"),
    Row(
        "accounts:token_revoke",
        answers(404, dokter=302),
        method="post",
        args=lambda world: [world.dokter_token.pk],
        label="the dokter's token",
    ),
    Row("org:unit_tree", answers(200)),
    Row("org:unit_detail", answers(200, outsider=404), args=_unit("dinkes")),
    Row("org:unit_children", answers(200, outsider=404), args=_unit("dinkes")),
    Row("org:employee_list", answers(200)),
    Row(
        "org:employee_detail",
        answers(200, dokter=404, outsider=404),
        args=_employee("staf"),
        label="staf",
    ),
    # The kabid rates the dokter and the kasi, the kadinkes is their rater's superior: the home
    # page and their own record link to both (their supervision chain).
    Row(
        "org:employee_detail",
        answers(200, outsider=404),
        args=_employee("kabid"),
        label="kabid",
    ),
    Row(
        "org:employee_detail",
        answers(200, outsider=404),
        args=_employee("kadinkes"),
        label="kadinkes",
    ),
    Row(
        "org:employee_detail",
        answers(200, kasi=404, outsider=404),
        args=_employee("dokter"),
        label="dokter",
    ),
    Row(
        "org:employee_detail",
        answers(200, dokter=404, kasi=404, staf=404, outsider=404),
        args=_employee("bkpsdm"),
        label="bkpsdm",
    ),
    Row("org:employee_acting_create", MANAGE_DOKTER, method="post", args=_employee("dokter")),
    Row("org:employee_delegation_create", MANAGE_DOKTER, method="post", args=_employee("dokter")),
    Row("org:import_list", IMPORTERS),
    Row("org:import_list", answers(403, bkpsdm=400, outsider=400), method="post", label="empty"),
    Row("org:import_template", IMPORTERS),
    Row(
        "org:import_detail",
        answers(403, bkpsdm=200, outsider=404),
        args=lambda world: [world.import_job.pk],
    ),
    Row(
        "org:import_progress",
        answers(403, bkpsdm=200, outsider=404),
        args=lambda world: [world.import_job.pk],
    ),
    Row("audit:list", answers(403, bkpsdm=200, auditor=200, outsider=200)),
    Row(
        "audit:detail",
        answers(403, bkpsdm=200, auditor=200, outsider=404),
        args=lambda world: [world.audit_event.pk],
    ),
]


@pytest.mark.parametrize(("row", "persona", "expected"), table_cases(PERMISSION_ROWS))
def test_permission_table(client, world, row, persona, expected):
    answer = ask(client, world.personas, row, persona, world)
    assert answer == expected


def test_write_endpoints_refuse_get(client, world):
    client.force_login(world.personas.users["dokter"])
    dokter = world.personas.employees["dokter"].pk
    for name, args in [
        ("accounts:logout", []),
        ("accounts:token_revoke", [world.dokter_token.pk]),
        ("org:employee_acting_create", [dokter]),
        ("org:employee_delegation_create", [dokter]),
        ("accounts:session_end", [1]),
        ("accounts:sessions_end_others", []),
    ]:
        assert client.get(reverse(name, args=args)).status_code == 405, name


def test_outsider_audit_trail_shows_only_its_own_agency(client, world):
    client.force_login(world.personas.users["outsider"])
    response = client.get(reverse("audit:list"))
    labels = {e.object_label for e in response.context["page"].object_list}
    assert "Dinas Kesehatan Kabupaten Lain" in labels
    assert "Dinas Kesehatan" not in labels


@pytest.mark.parametrize("persona", ["dokter", "kasi"])
def test_the_home_page_links_only_to_pages_the_viewer_may_open(client, world, persona):
    client.force_login(world.personas.users[persona])
    assert refused_links(client, client.get(reverse("home"))) == []


def test_the_revoked_token_is_gone_only_for_its_owner(client, world):
    row = next(r for r in PERMISSION_ROWS if r.route == "accounts:token_revoke")
    assert ask(client, world.personas, row, "kasi", world) == 404
    world.dokter_token.refresh_from_db()
    assert world.dokter_token.revoked_at is None
    assert ask(client, world.personas, row, "dokter", world) == 302
    world.dokter_token.refresh_from_db()
    assert world.dokter_token.revoked_at is not None
