"""A constructed regency for the alignment checks, on top of the personas and the chain of
plans (kadinkes -> kabid -> kasi -> staf).

After building:
- kadinkes: v1 set, v2 (adds "stunting", linked to organisation indicator A) submitted and
  waiting for the regional head; the RHK "top" keeps its key in v2.
- kabid: v1 set then revised: v2 drops "middle", adds "imunisasi" (-> kadinkes top v1) and a
  tambahan "laporan bidang" that nobody supports; v2 set, v1 superseded.
- kasi: set; its RHK "low" still points at kabid v1 "middle", gone from v2: a broken link.
- staf: draft; "laporan pembinaan" -> kasi low; an utama "arsip" with no link; a tambahan
  "piket" with no link (tambahan need no link).
- dokter: submitted to kabid, "layanan puskesmas" -> kabid imunisasi.
- bkpsdm, auditor: no plan.
- indicators (targets for 2026 unless said): A (dinkes, intervened by kadinkes v2),
  B (dinkes, nobody), C (dinkes, inactive), D (dinkes, target for 2025 only),
  E (bkpsdm, nobody).
"""

from __future__ import annotations

from decimal import Decimal
from types import SimpleNamespace

from kinerja.iku.models import AnnualTarget
from kinerja.iku.tests import factories as iku_f
from kinerja.skp import services
from kinerja.skp.models import Rhk
from kinerja.skp.tests.factories import YEAR, add_result, chain_of_plans, set_plan, start_skp


def _indicator(goal, name, *, years=(YEAR,), **extra):
    indicator = iku_f.indicator(goal, name=name, **extra)
    for year in years:
        AnnualTarget.objects.create(indicator=indicator, year=year, value=Decimal("90"))
    return indicator


def build_regency(personas):
    chain = chain_of_plans(personas)
    kadinkes_v1, kabid_v1, kasi, staf = (
        chain["kadinkes"],
        chain["kabid"],
        chain["kasi"],
        chain["staf"],
    )
    top_v1 = Rhk.objects.get(skp=kadinkes_v1)
    middle_v1 = Rhk.objects.get(skp=kabid_v1)
    low = chain["rhk"]

    dinkes_goal = iku_f.goal(personas, "dinkes", statement="Meningkatnya derajat kesehatan")
    bkpsdm_goal = iku_f.goal(personas, "bkpsdm", statement="Meningkatnya kualitas ASN")
    indicators = {
        "A": _indicator(dinkes_goal, "Prevalensi stunting", polarity="lower"),
        "B": _indicator(dinkes_goal, "Cakupan imunisasi dasar lengkap"),
        "C": _indicator(dinkes_goal, "Indikator lama"),
        "D": _indicator(dinkes_goal, "Indikator tahun lalu", years=(YEAR - 1,)),
        "E": _indicator(bkpsdm_goal, "Indeks profesionalitas ASN"),
    }
    indicators["C"].is_active = False
    indicators["C"].save(update_fields=["is_active"])

    # kabid: a revision that drops "middle" (breaking kasi's link) and adds two results, one
    # linked to kadinkes "top" while v1 is kadinkes' latest plan (what the editor offers).
    kabid_v2 = services.skp_revise(
        actor=None, skp=kabid_v1, kind="expectation", reason="Fokus imunisasi"
    )
    services.rhk_remove(actor=None, rhk=Rhk.objects.get(skp=kabid_v2, key=middle_v1.key))
    imunisasi = add_result(kabid_v2, "Meningkatnya cakupan imunisasi", leader_rhk=top_v1)
    laporan_bidang = add_result(kabid_v2, "Tersusunnya laporan bidang", kind="tambahan")
    kabid_v2 = set_plan(kabid_v2)

    # kadinkes: a revision that keeps "top" and adds a result for indicator A, submitted.
    kadinkes_v2 = services.skp_revise(
        actor=None, skp=kadinkes_v1, kind="new_assignment", reason="Program stunting"
    )
    stunting = add_result(
        kadinkes_v2, "Menurunnya prevalensi stunting", iku_indicator=indicators["A"]
    )
    kadinkes_v2 = services.skp_start_dialogue(actor=None, skp=kadinkes_v2)
    kadinkes_v2 = services.skp_submit(actor=None, skp=kadinkes_v2)

    # staf: an utama result with no link and a tambahan one with no link.
    arsip = add_result(staf, "Terarsipnya dokumen seksi")
    piket = add_result(staf, "Terlaksananya piket", kind="tambahan")

    # dokter: submitted to kabid.
    dokter = start_skp(personas, "dokter")
    layanan = add_result(dokter, "Terlaksananya layanan puskesmas", leader_rhk=imunisasi)
    dokter = services.skp_start_dialogue(actor=None, skp=dokter)
    dokter = services.skp_submit(actor=None, skp=dokter)

    return SimpleNamespace(
        personas=personas,
        plans={
            "kadinkes_v1": kadinkes_v1,
            "kadinkes": kadinkes_v2,
            "kabid_v1": kabid_v1,
            "kabid": kabid_v2,
            "kasi": kasi,
            "staf": staf,
            "dokter": dokter,
        },
        rhk={
            "top_v1": top_v1,
            "top": Rhk.objects.get(skp=kadinkes_v2, key=top_v1.key),
            "stunting": stunting,
            "middle_v1": middle_v1,
            "imunisasi": imunisasi,
            "laporan_bidang": laporan_bidang,
            "low": low,
            "arsip": arsip,
            "piket": piket,
            "layanan": layanan,
            "staf_pembinaan": Rhk.objects.get(skp=staf, intervened_rhk=low),
        },
        indicators=indicators,
    )
