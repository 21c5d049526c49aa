"""The matrix and template pages: the permission table, saving, teams and query counts."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from kinerja.skp import services
from kinerja.skp.models import MatrixCell, Rhk, RhkTemplate, Skp, WorkTeam
from kinerja.skp.tests.factories import YEAR, add_result, set_plan, start_skp

ROLES = ["anon", "pegawai", "atasan", "admin_unit", "bkpsdm", "pimpinan", "auditor", "outsider"]
USER_OF_ROLE = {
    "pegawai": "dokter",
    "atasan": "kasi",
    "admin_unit": "staf",
    "bkpsdm": "bkpsdm",
    "pimpinan": "pimpinan",
    "auditor": "auditor",
    "outsider": "outsider",
    "leader": "kabid",
}


@pytest.fixture(autouse=True)
def _planning_day(monkeypatch):
    """Pages run on a day of the plans' year, so that today's posts make up the matrix."""
    import datetime

    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: datetime.date(YEAR, 1, 10))


@pytest.fixture
def kabid_plan(personas):
    skp = start_skp(personas, "kabid")
    rhk = add_result(skp, "Meningkatnya cakupan layanan kesehatan primer")
    services.indicator_add(actor=None, rhk=rhk, text="Persentase puskesmas terakreditasi")
    return skp


def _login(client, personas, role):
    if role != "anon":
        client.force_login(personas.users[USER_OF_ROLE.get(role, role)])


def _expect(response, expected):
    if expected == "login":
        assert response.status_code == 302 and "/akun/masuk/" in response["Location"]
    else:
        assert response.status_code == expected


def _table(**answers):
    return [(role, answers[role]) for role in [*ROLES, "leader"] if role in answers]


def _indicators(skp):
    return [i for r in Rhk.objects.filter(skp=skp) for i in r.indicators.order_by("order")]


def _grid(matrix_skp, people, texts=None, **extra):
    data = {"year": YEAR, "levels": 1, **extra}
    for indicator in _indicators(matrix_skp):
        for person in people:
            prefix = f"c-{indicator.key.hex}-{person.pk}"
            data[f"{prefix}-text"] = (texts or {}).get((indicator.pk, person.pk), "")
            data[f"{prefix}-kind"] = "utama"
    return data


@pytest.mark.parametrize(
    ("role", "expected"),
    _table(
        anon="login",
        pegawai=200,
        atasan=200,
        admin_unit=200,
        bkpsdm=200,
        pimpinan=403,
        auditor=200,
        outsider=200,
        leader=200,
    ),
)
def test_everyone_with_a_post_opens_their_own_matrix(client, personas, kabid_plan, role, expected):
    _login(client, personas, role)
    _expect(client.get(reverse("skp:matrix") + f"?year={YEAR}"), expected)


@pytest.mark.parametrize(
    ("role", "expected"),
    _table(
        anon="login",
        pegawai=403,
        atasan=403,
        admin_unit=403,
        bkpsdm=200,
        pimpinan=200,
        auditor=200,
        outsider=404,
        leader=200,
    ),
)
def test_the_kabids_matrix_is_for_the_kabid_and_overseers(
    client, personas, kabid_plan, role, expected
):
    _login(client, personas, role)
    url = reverse("skp:matrix") + f"?year={YEAR}&employee={personas.employees['kabid'].pk}"
    response = client.get(url)
    _expect(response, expected)
    if expected == 200:
        assert "Persentase puskesmas terakreditasi" in response.content.decode()
        assert (b"<textarea" in response.content) == (role in ("bkpsdm", "leader"))


@pytest.mark.parametrize(
    ("role", "expected"),
    _table(
        anon="login",
        pegawai=403,
        atasan=403,
        admin_unit=403,
        bkpsdm=302,
        pimpinan=403,
        auditor=403,
        outsider=404,
        leader=302,
    ),
)
def test_only_the_leader_or_bkpsdm_saves_the_matrix(client, personas, kabid_plan, role, expected):
    _login(client, personas, role)
    kasi = personas.employees["kasi"]
    first = _indicators(kabid_plan)[0]
    data = _grid(
        kabid_plan,
        [kasi, personas.employees["dokter"]],
        {(first.pk, kasi.pk): "Terbinanya puskesmas"},
        employee=personas.employees["kabid"].pk,
    )
    _expect(client.post(reverse("skp:matrix"), data), expected)
    assert Rhk.objects.filter(skp__employee=kasi).exists() == (expected == 302)


def test_saving_the_matrix_shows_a_summary_and_pending_revisions(client, personas, kabid_plan):
    translation.activate("en")
    kasi, dokter = personas.employees["kasi"], personas.employees["dokter"]
    first, second = _indicators(kabid_plan)
    dokter_plan = start_skp(personas, "dokter")
    add_result(dokter_plan, "Pelayanan pasien", leader_rhk=first.rhk)
    dokter_plan = set_plan(dokter_plan)
    client.force_login(personas.users["kabid"])
    data = _grid(
        kabid_plan,
        [kasi, dokter],
        {(first.pk, kasi.pk): "Terbinanya puskesmas", (second.pk, dokter.pk): "Akreditasi"},
    )
    data[f"c-{second.key.hex}-{kasi.pk}-none"] = "on"
    response = client.post(reverse("skp:matrix") + "?lang=en", data, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert 'data-testid="matrix-summary"' in page
    assert 'data-testid="matrix-skipped"' in page and 'data-testid="matrix-pending"' in page
    assert reverse("skp:revise", args=[dokter_plan.pk]) in page
    kasi_plan = Skp.objects.get(employee=kasi)
    assert kasi_plan.rhks.get().text == "Terbinanya puskesmas"
    assert MatrixCell.objects.filter(no_role=True).count() == 1
    assert MatrixCell.objects.get(employee=dokter).pending_revision
    # Input is kept and nothing is saved when a cell is wrong.
    data[f"c-{first.key.hex}-{kasi.pk}-kind"] = "bogus"
    data[f"c-{first.key.hex}-{kasi.pk}-text"] = "Teks baru"
    response = client.post(reverse("skp:matrix"), data)
    assert response.status_code == 400
    assert "Teks baru" in response.content.decode()
    assert kasi_plan.rhks.get().text == "Terbinanya puskesmas"


def test_the_matrix_page_runs_a_bounded_number_of_queries(
    client, personas, kabid_plan, django_assert_max_num_queries
):
    from kinerja.org.tests import factories as f

    for n in range(12):
        f.employee(personas.agency, f"Dokter {n}", position=personas.positions["dokter"])
    client.force_login(personas.users["kabid"])
    url = reverse("skp:matrix") + f"?year={YEAR}"
    client.get(url)
    with django_assert_max_num_queries(25):
        response = client.get(url)
    assert response.content.decode().count('data-testid="matrix-row"') == 14


@pytest.mark.parametrize(
    ("role", "expected"),
    _table(
        anon="login",
        pegawai=403,
        atasan=403,
        admin_unit=403,
        bkpsdm=302,
        pimpinan=403,
        auditor=403,
        outsider=404,
        leader=302,
    ),
)
def test_only_the_leader_or_bkpsdm_forms_work_teams(client, personas, kabid_plan, role, expected):
    _login(client, personas, role)
    data = {
        "year": YEAR,
        "employee": personas.employees["kabid"].pk,
        "name": "Tim Primer",
        "team_leader": personas.employees["kasi"].pk,
        "members": [personas.employees["dokter"].pk, personas.employees["staf"].pk],
    }
    _expect(client.post(reverse("skp:matrix_team_create"), data), expected)
    assert WorkTeam.objects.exists() == (expected == 302)


def test_a_team_is_edited_and_removed_from_the_two_level_matrix(client, personas, kabid_plan):
    client.force_login(personas.users["kabid"])
    kasi, dokter = personas.employees["kasi"], personas.employees["dokter"]
    client.post(
        reverse("skp:matrix_team_create"),
        {"year": YEAR, "name": "Tim A", "team_leader": kasi.pk, "members": [dokter.pk]},
    )
    team = WorkTeam.objects.get()
    client.post(reverse("skp:matrix"), _grid(kabid_plan, [kasi], levels=2))
    page = client.get(reverse("skp:matrix") + f"?year={YEAR}").content.decode()
    assert 'data-testid="team-editor"' in page and page.count('data-testid="matrix-row"') == 1
    bad = client.post(
        reverse("skp:matrix_team_update", args=[team.pk]),
        {"name": "", "team_leader": kasi.pk, "members": [dokter.pk]},
    )
    assert bad.status_code == 400
    client.post(
        reverse("skp:matrix_team_update", args=[team.pk]),
        {"name": "Tim B", "team_leader": kasi.pk, "members": []},
    )
    team.refresh_from_db()
    assert team.name == "Tim B" and not team.members.exists()
    response = client.post(reverse("skp:matrix_team_delete", args=[team.pk]))
    assert response.status_code == 302 and not WorkTeam.objects.exists()


def test_a_team_leader_opens_their_own_matrix_of_team_members(client, personas, kabid_plan):
    from kinerja.skp.services.matrix import work_team_create

    kasi, dokter = personas.employees["kasi"], personas.employees["dokter"]
    work_team_create(
        actor=None,
        leader=personas.employees["kabid"],
        year=YEAR,
        name="Tim Primer",
        team_leader=kasi,
        members=[dokter],
    )
    kasi_plan = start_skp(personas, "kasi")
    add_result(kasi_plan, "Terlaksananya pembinaan", leader_rhk=_indicators(kabid_plan)[0].rhk)
    from kinerja.skp.services.matrix import matrix_save

    matrix_save(actor=None, leader=personas.employees["kabid"], year=YEAR, cells=[], levels=2)
    client.force_login(personas.users["kasi"])
    page = client.get(reverse("skp:matrix") + f"?year={YEAR}").content.decode()
    assert dokter.full_name in page and personas.employees["staf"].full_name in page
    assert "Tim Primer" in page


# --- templates ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "expected"),
    _table(
        anon="login",
        pegawai=403,
        atasan=403,
        admin_unit=200,
        bkpsdm=200,
        pimpinan=403,
        auditor=403,
        outsider=200,
    ),
)
def test_the_template_position_list_is_for_unit_admins_and_bkpsdm(client, personas, role, expected):
    _login(client, personas, role)
    response = client.get(reverse("skp:templates"))
    _expect(response, expected)
    if role == "outsider":
        assert "Pengadministrasi Perkantoran" not in response.content.decode()


@pytest.mark.parametrize(
    ("role", "expected"),
    _table(
        anon="login",
        pegawai=403,
        atasan=403,
        admin_unit=200,
        bkpsdm=200,
        pimpinan=403,
        auditor=403,
        outsider=404,
    ),
)
def test_the_templates_of_a_position_are_for_its_unit_admins_and_bkpsdm(
    client, personas, role, expected
):
    _login(client, personas, role)
    url = reverse("skp:templates") + f"?position={personas.positions['staf'].pk}&year={YEAR}"
    _expect(client.get(url), expected)


def test_a_unit_admin_cannot_manage_templates_of_another_unit(client, personas):
    client.force_login(personas.users["staf"])
    url = reverse("skp:templates") + f"?position={personas.positions['bkpsdm'].pk}&year={YEAR}"
    assert client.get(url).status_code == 403


@pytest.mark.parametrize(
    ("role", "expected"),
    _table(
        anon="login",
        pegawai=403,
        atasan=403,
        admin_unit=302,
        bkpsdm=302,
        pimpinan=403,
        auditor=403,
        outsider=404,
    ),
)
def test_who_may_add_a_template(client, personas, role, expected):
    _login(client, personas, role)
    data = {
        "position": personas.positions["staf"].pk,
        "year": YEAR,
        "kind": "utama",
        "text": "Tersusunnya surat",
        "indicator_text": "Jumlah surat",
        "target_value": "120",
        "unit_of_measure": "surat",
    }
    _expect(client.post(reverse("skp:templates"), data), expected)
    assert RhkTemplate.objects.exists() == (expected == 302)


@pytest.fixture
def template(personas):
    from kinerja.skp.services.templates import rhk_template_save

    return rhk_template_save(
        actor=None,
        position=personas.positions["staf"],
        year=YEAR,
        text="Tersusunnya surat",
        indicator_text="Jumlah surat",
        target_value="120",
        unit_of_measure="surat",
    )


@pytest.mark.parametrize(
    ("role", "expected"),
    _table(
        anon="login",
        pegawai=403,
        atasan=403,
        admin_unit=200,
        bkpsdm=200,
        pimpinan=403,
        auditor=403,
        outsider=404,
    ),
)
def test_who_may_apply_templates_to_all_holders(client, personas, template, role, expected):
    _login(client, personas, role)
    data = {"position": personas.positions["staf"].pk, "year": YEAR}
    response = client.post(reverse("skp:templates_apply"), data)
    _expect(response, expected)
    applied = Rhk.objects.filter(key=template.key).exists()
    assert applied == (expected == 200)
    if expected == 200:
        assert 'data-testid="apply-result"' in response.content.decode()


@pytest.mark.parametrize(
    ("role", "expected"),
    _table(
        anon="login",
        pegawai=403,
        atasan=403,
        admin_unit=302,
        bkpsdm=302,
        pimpinan=403,
        auditor=403,
        outsider=404,
    ),
)
def test_who_may_change_or_remove_a_template(client, personas, template, role, expected):
    _login(client, personas, role)
    data = {"kind": "tambahan", "text": "Surat baru", "indicator_text": "Jumlah surat"}
    response = client.post(reverse("skp:template_update", args=[template.pk]), data)
    _expect(response, expected)
    template.refresh_from_db()
    assert (template.text == "Surat baru") == (expected == 302)
    _expect(client.post(reverse("skp:template_delete", args=[template.pk])), expected)
    assert RhkTemplate.objects.exists() == (expected != 302)


def test_a_wrong_template_keeps_the_input(client, personas):
    client.force_login(personas.users["staf"])
    data = {
        "position": personas.positions["staf"].pk,
        "year": YEAR,
        "kind": "utama",
        "text": "Tersusunnya surat",
        "indicator_text": "Jumlah surat",
        "target_value": "-3",
    }
    response = client.post(reverse("skp:templates"), data)
    assert response.status_code == 400
    assert "Tersusunnya surat" in response.content.decode()
    assert not RhkTemplate.objects.exists()


def test_a_role_in_a_no_role_cell_is_kept_and_named_in_its_cell(client, personas, kabid_plan):
    translation.activate("en")
    kasi, dokter = personas.employees["kasi"], personas.employees["dokter"]
    first, second = _indicators(kabid_plan)
    client.force_login(personas.users["kabid"])
    data = _grid(
        kabid_plan,
        [kasi, dokter],
        {(first.pk, kasi.pk): "Terbinanya puskesmas", (second.pk, dokter.pk): "Akreditasi"},
    )
    data[f"c-{second.key.hex}-{dokter.pk}-none"] = "on"
    response = client.post(reverse("skp:matrix"), data, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    page = response.content.decode()
    # Nothing is saved, everything typed is still there, the contradiction is in its cell.
    assert not MatrixCell.objects.exists() and not Rhk.objects.filter(skp__employee=kasi).exists()
    assert "Terbinanya puskesmas</textarea>" in page and "Akreditasi</textarea>" in page
    prefix = f"c-{second.key.hex}-{dokter.pk}"
    assert re.search(rf'<input type="checkbox" name="{prefix}-none"[^>]* checked', page)
    form = response.context["form"]
    (message,) = form.errors[f"{prefix}-text"]
    assert dokter.full_name in message and "IKI 1.2" in message
    assert page.count('data-testid="matrix-cell-error"') == 1
    # Unticking "No role" keeps the role: the save goes through.
    del data[f"{prefix}-none"]
    assert client.post(reverse("skp:matrix"), data).status_code == 302
    assert Skp.objects.get(employee=dokter).rhks.get().text == "Akreditasi"


def test_the_matrix_heads_its_columns_with_short_names_and_a_key(client, personas, kabid_plan):
    client.force_login(personas.users["kabid"])
    page = client.get(reverse("skp:matrix"), {"year": YEAR}).content.decode()
    assert '<abbr title="Meningkatnya cakupan layanan kesehatan primer">RHK 1</abbr>' in page
    columns = re.findall(r'data-testid="matrix-column"><abbr title="([^"]*)">([^<]*)<', page)
    assert [name for _title, name in columns] == ["IKI 1.1", "IKI 1.2"]
    assert columns[1][0].startswith("Persentase puskesmas terakreditasi")
    key = re.search(r'data-testid="matrix-key">.*?</details>', page, re.DOTALL).group(0)
    assert "<dt>IKI 1.2</dt><dd>Persentase puskesmas terakreditasi" in key
