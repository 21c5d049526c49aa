"""RHK templates: the organisation indicator they intervene in, and the removal of the RHK of
a deleted template from the holders' drafts."""

from decimal import Decimal

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse

from kinerja.accounts.viewer import build_viewer
from kinerja.core.models import AuditEvent
from kinerja.iku.models import Goal, Indicator
from kinerja.iku.services import tree as tree_services
from kinerja.iku.tests import factories as iku
from kinerja.org.tests import factories as f
from kinerja.skp import services
from kinerja.skp.forms.matrix import TemplateForm
from kinerja.skp.models import ActionPlan, Rhk, RhkIndicator, RhkSource, RhkTemplate
from kinerja.skp.selectors.matrix import template_iku_indicator_choices
from kinerja.skp.services.templates import rhk_template_save, rhk_templates_apply
from kinerja.skp.tests.factories import (
    PLANNING_DAY,
    YEAR,
    action_period,
    add_result,
    set_plan,
    start_skp,
)

ROLES = ["anon", "pegawai", "atasan", "admin_unit", "bkpsdm", "pimpinan", "auditor", "outsider"]
USER_OF_ROLE = {
    "pegawai": "dokter",
    "atasan": "kasi",
    "admin_unit": "staf",
    "bkpsdm": "bkpsdm",
    "pimpinan": "pimpinan",
    "auditor": "auditor",
    "outsider": "outsider",
}


@pytest.fixture(autouse=True)
def _planning_day(monkeypatch):
    """Pages run on a day of the plans' year, so that today's holders receive the templates."""
    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: PLANNING_DAY)


def viewer_of(personas, key):
    return build_viewer(personas.users[key], today=PLANNING_DAY)


def _login(client, personas, role):
    if role != "anon":
        client.force_login(personas.users[USER_OF_ROLE[role]])


def _expect(response, expected):
    if expected == "login":
        assert response.status_code == 302 and "/akun/masuk/" in response["Location"]
    else:
        assert response.status_code == expected


def _table(**answers):
    return [(role, answers[role]) for role in ROLES]


def _other_agency_indicator(personas):
    goal = tree_services.goal_create(
        actor=None,
        agency=personas.other_agency,
        level="sasaran_strategis",
        statement="Sasaran kabupaten lain",
        owner_unit=personas.units["other"],
        plan_start_year=2025,
        plan_end_year=2029,
    )
    return iku.indicator(goal, "Indikator kabupaten lain")


@pytest.fixture
def indicators(personas):
    """Indicators around the staf's post (unit: Seksi Pelayanan Kesehatan Primer)."""
    below = f.unit(
        personas.agency,
        "DINKES.YANKES.PRIMER.GIZI",
        "Subkelompok Gizi",
        "seksi",
        personas.units["primer"],
    )
    personas.units["gizi"] = below
    dinkes = iku.goal(personas, "dinkes", statement="Meningkatnya derajat kesehatan")
    primer = iku.goal(personas, "primer", level="sasaran_kegiatan", statement="Layanan primer")
    gizi = iku.goal(personas, "gizi", level="sasaran_kegiatan", statement="Gizi baik")
    pkm = iku.goal(personas, "pkm", level="sasaran_kegiatan", statement="Puskesmas")
    old = iku.goal(personas, "dinkes", statement="Sasaran lama", plan_end_year=2025)
    closed = iku.goal(personas, "yankes", level="sasaran_program", statement="Ditutup")
    Goal.objects.filter(pk=closed.pk).update(is_active=False)
    data = {
        "ancestor": iku.indicator(dinkes, "Angka harapan hidup"),
        "own_unit": iku.indicator(primer, "Cakupan layanan primer"),
        "below": iku.indicator(gizi, "Prevalensi gizi kurang"),
        "sibling": iku.indicator(pkm, "Kunjungan puskesmas"),
        "ended": iku.indicator(old, "Indikator lama"),
        "goal_inactive": iku.indicator(closed, "Indikator sasaran nonaktif"),
        "inactive": iku.indicator(dinkes, "Indikator nonaktif"),
        "other_agency": _other_agency_indicator(personas),
    }
    Indicator.objects.filter(pk=data["inactive"].pk).update(is_active=False)
    return data


# --- choices and validation -------------------------------------------------------------------


def test_the_choices_are_the_active_indicators_of_the_unit_below_and_above(personas, indicators):
    choices = template_iku_indicator_choices(personas.positions["staf"], YEAR)
    assert {i.pk for i in choices} == {
        indicators["ancestor"].pk,
        indicators["own_unit"].pk,
        indicators["below"].pk,
    }
    kept = template_iku_indicator_choices(
        personas.positions["staf"],
        YEAR,
        keep_ids=[indicators["inactive"].pk, indicators["other_agency"].pk],
    )
    assert indicators["inactive"] in kept and indicators["other_agency"] not in kept


def test_the_form_offers_the_choices_and_refuses_an_indicator_of_another_agency(
    personas, indicators
):
    choices = template_iku_indicator_choices(personas.positions["staf"], YEAR)
    base = {"kind": "utama", "text": "Tersusunnya surat", "indicator_text": "Jumlah surat"}
    form = TemplateForm(
        {**base, "iku_indicator": str(indicators["other_agency"].pk)}, iku_indicators=choices
    )
    assert not form.is_valid()
    assert list(form.errors) == ["iku_indicator"]
    assert "unit" in form.errors["iku_indicator"][0]
    form = TemplateForm(
        {**base, "iku_indicator": str(indicators["below"].pk)}, iku_indicators=choices
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["iku_indicator"] == indicators["below"]
    assert TemplateForm({**base}, iku_indicators=choices).is_valid()


@pytest.mark.parametrize("which", ["other_agency", "sibling", "inactive", "ended"])
def test_the_service_refuses_an_indicator_outside_the_posts_reach(personas, indicators, which):
    with pytest.raises(ValidationError) as error:
        rhk_template_save(
            actor=viewer_of(personas, "staf"),
            position=personas.positions["staf"],
            year=YEAR,
            text="Tersusunnya surat",
            indicator_text="Jumlah surat",
            iku_indicator=indicators[which],
        )
    assert list(error.value.message_dict) == ["iku_indicator"]
    assert not RhkTemplate.objects.exists()


def test_a_stored_indicator_is_kept_when_it_no_longer_qualifies(personas, indicators):
    actor = viewer_of(personas, "staf")
    position = personas.positions["staf"]
    template = rhk_template_save(
        actor=actor,
        position=position,
        year=YEAR,
        text="Tersusunnya surat",
        indicator_text="Jumlah surat",
        iku_indicator=indicators["own_unit"],
    )
    Indicator.objects.filter(pk=indicators["own_unit"].pk).update(is_active=False)
    template = rhk_template_save(
        actor=actor,
        position=position,
        year=YEAR,
        template=template,
        text="Tersusunnya surat dinas",
        iku_indicator=indicators["own_unit"],
    )
    assert template.iku_indicator_id == indicators["own_unit"].pk
    assert template.text == "Tersusunnya surat dinas"


def test_the_indicator_is_applied_into_the_drafts_with_its_goal(personas, indicators):
    actor = viewer_of(personas, "staf")
    position = personas.positions["staf"]
    template = rhk_template_save(
        actor=actor,
        position=position,
        year=YEAR,
        text="Tersusunnya surat",
        indicator_text="Jumlah surat",
        iku_indicator=indicators["ancestor"],
    )
    rhk_templates_apply(actor=actor, position=position, year=YEAR)
    rhk = Rhk.objects.get(key=template.key, skp__employee=personas.employees["staf"])
    assert rhk.iku_indicator == indicators["ancestor"]
    assert rhk.iku_goal_id == indicators["ancestor"].goal_id
    assert rhk.source == RhkSource.TEMPLATE


# --- pages --------------------------------------------------------------------------------------


def _template_post(personas, indicator, **extra):
    return {
        "position": personas.positions["staf"].pk,
        "year": YEAR,
        "kind": "utama",
        "text": "Tersusunnya surat",
        "indicator_text": "Jumlah surat",
        "iku_indicator": str(indicator.pk),
        **extra,
    }


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
def test_who_may_save_a_template_with_an_organisation_indicator(
    client, personas, indicators, role, expected
):
    _login(client, personas, role)
    response = client.post(reverse("skp:templates"), _template_post(personas, indicators["below"]))
    _expect(response, expected)
    saved = RhkTemplate.objects.filter(iku_indicator=indicators["below"]).exists()
    assert saved == (expected == 302)


def test_the_page_shows_the_indicator_field_and_keeps_the_input_of_a_wrong_choice(
    client, personas, indicators
):
    client.force_login(personas.users["staf"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    url = reverse("skp:templates") + f"?position={personas.positions['staf'].pk}&year={YEAR}"
    page = client.get(url).content.decode()
    assert 'name="iku_indicator"' in page
    assert "Prevalensi gizi kurang" in page and "Kunjungan puskesmas" not in page
    data = _template_post(personas, indicators["other_agency"], text="Surat keluar tertib")
    response = client.post(reverse("skp:templates"), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Surat keluar tertib" in page
    assert "Choose an active indicator of a goal of this position" in page
    assert not RhkTemplate.objects.exists()


def test_editing_a_template_keeps_its_stored_indicator_selected(client, personas, indicators):
    template = rhk_template_save(
        actor=None,
        position=personas.positions["staf"],
        year=YEAR,
        text="Tersusunnya surat",
        indicator_text="Jumlah surat",
        iku_indicator=indicators["own_unit"],
    )
    Indicator.objects.filter(pk=indicators["own_unit"].pk).update(is_active=False)
    client.force_login(personas.users["staf"])
    url = (
        reverse("skp:templates")
        + f"?position={personas.positions['staf'].pk}&year={YEAR}&edit={template.pk}"
    )
    page = client.get(url).content.decode()
    assert f'<option value="{indicators["own_unit"].pk}" selected>' in page
    assert 'data-testid="template-iku"' in page
    data = _template_post(personas, indicators["own_unit"], text="Surat diperbarui")
    response = client.post(reverse("skp:template_update", args=[template.pk]), data)
    assert response.status_code == 302
    template.refresh_from_db()
    assert template.text == "Surat diperbarui"
    assert template.iku_indicator_id == indicators["own_unit"].pk


# --- removal ------------------------------------------------------------------------------------


@pytest.fixture
def applied(personas):
    """Two templates of the staf's post applied to three holders: the staf (draft), another
    pelaksana whose plan is then set, and a third one (draft)."""
    position = personas.positions["staf"]
    setter = f.employee(personas.agency, "Pelaksana Satu", position=position)
    third = f.employee(personas.agency, "Pelaksana Dua", position=position)
    actor = viewer_of(personas, "staf")
    kasi_rhk = add_result(start_skp(personas, "kasi"), "Terlaksananya pembinaan")
    complete = {
        "aspect": "kuantitas",
        "target_value": "12",
        "unit_of_measure": "dokumen",
        "intervened_rhk_key": str(kasi_rhk.key),
    }
    kept = rhk_template_save(
        actor=actor,
        position=position,
        year=YEAR,
        text="Terkelolanya arsip",
        indicator_text="Jumlah arsip",
        **complete,
    )
    gone = rhk_template_save(
        actor=actor,
        position=position,
        year=YEAR,
        text="Tersusunnya surat",
        indicator_text="Jumlah surat",
        **complete,
    )
    rhk_templates_apply(actor=actor, position=position, year=YEAR)
    set_one = set_plan(Rhk.objects.get(key=gone.key, skp__employee=setter).skp)
    return {
        "actor": actor,
        "position": position,
        "kept": kept,
        "gone": gone,
        "set_plan": set_one,
        "third": third,
    }


def test_deleting_a_template_then_applying_removes_its_rhk_from_the_drafts_only(personas, applied):
    staf = personas.employees["staf"]
    gone, actor, position = applied["gone"], applied["actor"], applied["position"]
    staf_rhk = Rhk.objects.get(key=gone.key, skp__employee=staf)
    # The employee's own RHK, an edit of the template's text and an action plan of their own.
    own = services.rhk_add(actor=None, skp=staf_rhk.skp, text="Terlayaninya tamu dinas")
    services.rhk_update(actor=None, rhk=staf_rhk, text="Tersusunnya surat dinas")
    ActionPlan.objects.create(
        rhk=staf_rhk, period=action_period(staf_rhk.skp), text="Mengetik surat"
    )

    rhk_template_save(actor=actor, position=position, year=YEAR, template=gone, delete=True)
    result = rhk_templates_apply(actor=actor, position=position, year=YEAR)

    assert result.rhk_removed == 2
    assert [c.plan_id for c in result.skipped] == [applied["set_plan"].pk]
    assert set(Rhk.objects.filter(key=gone.key).values_list("skp_id", flat=True)) == {
        applied["set_plan"].pk
    }
    assert not RhkIndicator.objects.filter(rhk_id=staf_rhk.pk).exists()
    assert RhkIndicator.objects.filter(rhk__key=gone.key, rhk__skp=applied["set_plan"]).exists()
    assert not ActionPlan.objects.filter(text="Mengetik surat").exists()
    assert Rhk.objects.filter(pk=own.pk).exists()
    assert Rhk.objects.filter(key=applied["kept"].key).count() == 3
    events = AuditEvent.objects.filter(action="skp.rhk.removed", object_id=str(staf_rhk.pk))
    assert events.get().before["text"] == "Tersusunnya surat dinas"
    assert AuditEvent.objects.filter(action="skp.rhk.removed").count() == 2
    plan_event = AuditEvent.objects.filter(
        action="skp.plan.templates_applied", object_id=str(staf_rhk.skp_id)
    ).latest("pk")
    assert plan_event.after == {"removed": [str(gone.key)]}
    summary = AuditEvent.objects.filter(action="skp.template.applied").latest("pk").after
    assert summary["rhk_removed"] == 2
    removal = AuditEvent.objects.get(action="skp.template.removed")
    assert removal.before["key"] == str(gone.key)


def test_applying_after_the_last_template_is_removed_clears_the_drafts(personas, applied):
    actor, position = applied["actor"], applied["position"]
    for template in (applied["kept"], applied["gone"]):
        rhk_template_save(actor=actor, position=position, year=YEAR, template=template, delete=True)
    result = rhk_templates_apply(actor=actor, position=position, year=YEAR)
    assert result.rhk_removed == 4 and result.rhk_created == 0
    assert not result.drafts_created
    remaining = Rhk.objects.filter(source=RhkSource.TEMPLATE)
    assert {r.skp_id for r in remaining} == {applied["set_plan"].pk}
    # The set plan still carries them: each apply reports it for a revision.
    again = rhk_templates_apply(actor=actor, position=position, year=YEAR)
    assert again.rhk_removed == 0 and [c.plan_id for c in again.skipped] == [applied["set_plan"].pk]
    with pytest.raises(ValidationError) as error:
        rhk_templates_apply(actor=actor, position=personas.positions["kasi"], year=YEAR)
    assert error.value.code == "empty"


def test_rhk_of_another_live_template_and_supported_rhk_are_kept(personas, applied):
    staf = personas.employees["staf"]
    actor, position, gone = applied["actor"], applied["position"], applied["gone"]
    staf_plan = Rhk.objects.get(key=gone.key, skp__employee=staf).skp
    # A template of another post whose RHK reached the staf's draft (a post held before).
    elsewhere = rhk_template_save(
        actor=viewer_of(personas, "bkpsdm"),
        position=personas.positions["dokter"],
        year=YEAR,
        text="Terlayaninya pasien",
        indicator_text="Jumlah pasien",
    )
    services.rhk_add(
        actor=None,
        skp=staf_plan,
        text="Terlayaninya pasien",
        key=elsewhere.key,
        source=RhkSource.TEMPLATE,
    )
    # Somebody's RHK intervenes in the third holder's RHK of the template to be removed.
    third_rhk = Rhk.objects.get(key=gone.key, skp__employee=applied["third"])
    # (Stored directly: the services offer the dokter only the RHK of their own rater.)
    dokter_plan = start_skp(personas, "dokter")
    supporter = add_result(dokter_plan, "Terkirimnya surat rujukan")
    Rhk.objects.filter(pk=supporter.pk).update(intervened_rhk=third_rhk)

    rhk_template_save(actor=actor, position=position, year=YEAR, template=gone, delete=True)
    result = rhk_templates_apply(actor=actor, position=position, year=YEAR)

    assert result.rhk_removed == 1
    assert [c.plan_id for c in result.kept] == [third_rhk.skp_id]
    assert Rhk.objects.filter(pk=third_rhk.pk).exists()
    assert Rhk.objects.filter(key=elsewhere.key, skp=staf_plan).exists()
    assert not Rhk.objects.filter(key=gone.key, skp=staf_plan).exists()


def test_the_apply_query_count_does_not_grow_with_the_removed_rhk(
    personas, applied, django_assert_max_num_queries
):
    actor, position = applied["actor"], applied["position"]
    for n in range(8):
        f.employee(personas.agency, f"Pelaksana Tambahan {n}", position=position)
    rhk_templates_apply(actor=actor, position=position, year=YEAR)
    rhk_template_save(
        actor=actor, position=position, year=YEAR, template=applied["gone"], delete=True
    )
    with django_assert_max_num_queries(26):
        result = rhk_templates_apply(actor=actor, position=position, year=YEAR)
    assert result.rhk_removed == 10


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
def test_who_may_apply_the_removal_of_a_deleted_template(client, personas, applied, role, expected):
    gone = applied["gone"]
    rhk_template_save(
        actor=None, position=applied["position"], year=YEAR, template=gone, delete=True
    )
    _login(client, personas, role)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    data = {"position": applied["position"].pk, "year": YEAR}
    response = client.post(reverse("skp:templates_apply"), data)
    _expect(response, expected)
    in_drafts = Rhk.objects.filter(key=gone.key, skp__status="draft").exists()
    assert in_drafts == (expected != 200)
    if expected == 200:
        page = response.content.decode()
        assert 'data-testid="apply-removed"' in page
        assert "2 RHK of removed templates were taken out of the draft plans." in page


# --- the leader's indicator of the applied RHK ---------------------------------------------------


@pytest.fixture
def linked(personas):
    """A template of the staf's post intervenes in the kasi's (set) RHK with two indicators;
    once applied, the staf names the second of them in the RHK it wrote."""
    kadinkes = start_skp(personas, "kadinkes")
    top = add_result(kadinkes, "Meningkatnya mutu layanan kesehatan")
    set_plan(kadinkes)
    kabid = start_skp(personas, "kabid")
    middle = add_result(kabid, "Meningkatnya cakupan layanan primer", leader_rhk=top)
    set_plan(kabid)
    kasi = start_skp(personas, "kasi")
    leader_rhk = add_result(kasi, "Terlaksananya pembinaan puskesmas", leader_rhk=middle)
    second = services.indicator_add(
        actor=None,
        rhk=leader_rhk,
        text="Persentase puskesmas terbina",
        aspect="kualitas",
        target_value=Decimal("80"),
        unit_of_measure="persen",
    )
    other_rhk = add_result(kasi, "Tersedianya data kunjungan", leader_rhk=middle)
    kasi = set_plan(kasi)
    actor, position = viewer_of(personas, "staf"), personas.positions["staf"]
    template = rhk_template_save(
        actor=actor,
        position=position,
        year=YEAR,
        text="Tersusunnya laporan pembinaan",
        indicator_text="Jumlah laporan",
        aspect="kuantitas",
        target_value="12",
        unit_of_measure="laporan",
        intervened_rhk_key=str(leader_rhk.key),
    )
    rhk_templates_apply(actor=actor, position=position, year=YEAR)
    rhk = Rhk.objects.get(key=template.key, skp__employee=personas.employees["staf"])
    assert rhk.intervened_rhk_id == leader_rhk.pk
    services.rhk_update(actor=None, rhk=rhk, intervened_indicator=second)
    return {
        "actor": actor,
        "position": position,
        "template": template,
        "kasi": kasi,
        "leader_rhk": leader_rhk,
        "second": second,
        "other_rhk": other_rhk,
        "rhk": rhk,
    }


def _apply_and_link(linked):
    result = rhk_templates_apply(actor=linked["actor"], position=linked["position"], year=YEAR)
    rhk = Rhk.objects.get(pk=linked["rhk"].pk)
    return result, (rhk.intervened_rhk_id, rhk.intervened_indicator_id)


def test_applying_unchanged_templates_keeps_the_leaders_indicator(linked):
    result, link = _apply_and_link(linked)
    assert link == (linked["leader_rhk"].pk, linked["second"].pk)
    assert result.rhk_updated == 0
    assert [c.plan_id for c in result.unchanged] == [linked["rhk"].skp_id]


def test_clearing_the_templates_leader_rhk_clears_the_leaders_indicator(linked):
    rhk_template_save(
        actor=linked["actor"],
        position=linked["position"],
        year=YEAR,
        template=linked["template"],
        intervened_rhk_key=None,
    )
    result, link = _apply_and_link(linked)
    assert link == (None, None)
    assert result.rhk_updated == 1


def test_pointing_the_template_at_another_leader_rhk_clears_the_leaders_indicator(linked):
    rhk_template_save(
        actor=linked["actor"],
        position=linked["position"],
        year=YEAR,
        template=linked["template"],
        intervened_rhk_key=str(linked["other_rhk"].key),
    )
    _result, link = _apply_and_link(linked)
    assert link == (linked["other_rhk"].pk, None)


def test_a_revised_leader_plan_maps_the_indicator_onto_its_new_version(linked):
    revised = services.skp_revise(
        actor=None, skp=linked["kasi"], kind="expectation", reason="Fokus mutu"
    )
    new_rhk = Rhk.objects.get(skp=revised, key=linked["leader_rhk"].key)
    new_second = RhkIndicator.objects.get(rhk=new_rhk, key=linked["second"].key)
    assert new_second.pk != linked["second"].pk
    result, link = _apply_and_link(linked)
    assert link == (new_rhk.pk, new_second.pk)
    assert result.rhk_updated == 1
    # The link is whole again: the next apply changes nothing.
    again, link = _apply_and_link(linked)
    assert link == (new_rhk.pk, new_second.pk)
    assert again.rhk_updated == 0


def test_an_indicator_the_new_version_dropped_is_cleared(linked):
    revised = services.skp_revise(
        actor=None, skp=linked["kasi"], kind="expectation", reason="Fokus mutu"
    )
    new_rhk = Rhk.objects.get(skp=revised, key=linked["leader_rhk"].key)
    services.indicator_remove(
        actor=None, indicator=RhkIndicator.objects.get(rhk=new_rhk, key=linked["second"].key)
    )
    _result, link = _apply_and_link(linked)
    assert link == (new_rhk.pk, None)
