"""The SKP as PDF: the regulation's layout with the plan's content, watermark and version."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import translation

from kinerja.accounts.viewer import build_viewer
from kinerja.org.models import Employee
from kinerja.org.personal_data import PersonalData
from kinerja.reports.pdf import html_to_document
from kinerja.skp import services
from kinerja.skp.berakhlak import BEHAVIOUR_GUIDES, CoreValue
from kinerja.skp.documents import pdf
from kinerja.skp.models import Skp
from kinerja.skp.selectors.documents import document_plan, document_plans
from kinerja.skp.tests.factories import add_result, chain_of_plans, start_skp

pytestmark = pytest.mark.django_db


def document_text(document) -> str:
    """The text WeasyPrint laid out on every page (as in the reports' tests)."""
    parts = []

    def walk(box):
        text = getattr(box, "text", None)
        if isinstance(text, str):
            parts.append(text)
        for child in getattr(box, "children", []) or []:
            walk(child)

    for page in document.pages:
        walk(page._page_box)
    return " ".join(parts)


def rendered(skp, viewer=None):
    """The plan as printed for `viewer` (by default BKPSDM, who may see every NIP)."""
    viewer = viewer or build_viewer(skp.agency.users.get(username="bkpsdm"))
    document = html_to_document(pdf.render_html(document_plan(skp), viewer=viewer))
    return document, " ".join(document_text(document).split())


@pytest.fixture
def plans(personas):
    return chain_of_plans(personas)


def test_a_non_jpt_plan_prints_format_a17_with_the_leaders_rhk_and_both_identities(personas, plans):
    document, text = rendered(plans["kasi"])
    assert "Format A.1.7" in text
    assert "PEMERINTAH KABUPATEN CONTOH" in text
    assert "SASARAN KINERJA PEGAWAI" in text
    assert "PENDEKATAN HASIL KERJA KUANTITATIF" in text
    assert "BAGI PEJABAT ADMINISTRASI DAN PEJABAT FUNGSIONAL" in text
    assert "PERIODE PENILAIAN: 1 JANUARI 2026 SD 31 DESEMBER 2026" in text
    for header in (
        "RENCANA HASIL KERJA PIMPINAN YANG DIINTERVENSI",
        "ASPEK",
        "INDIKATOR KINERJA INDIVIDU",
        "A. UTAMA",
        "B. TAMBAHAN",
    ):
        assert header in text
    # The kabid's RHK it intervenes in, its own RHK, aspect, indicator and target.
    assert "Meningkatnya cakupan layanan kesehatan primer" in text
    assert "Terlaksananya pembinaan puskesmas" in text
    assert "Kuantitas" in text
    assert "Jumlah terlaksananya pembinaan puskesmas" in text
    assert "12 laporan" in text
    # The employee and the rater, with NIP, rank and post: the official form.
    kasi, kabid = personas.employees["kasi"], personas.employees["kabid"]
    assert kasi.full_name in text and kabid.full_name in text
    assert kasi.nip in text and kabid.nip in text
    assert "Penata Tingkat I (III/d)" in text
    assert "Kepala Bidang Pelayanan Kesehatan" in text
    assert "Pegawai yang Dinilai" in text and "Pejabat Penilai Kinerja" in text
    assert "Versi 1 · Status: Ditetapkan" in text
    assert "KONSEP" not in text
    assert document.metadata.title == f"SKP 2026 {kasi.full_name} versi 1"


def test_the_behaviour_block_lists_the_seven_values_with_guides_and_the_special_expectation(
    personas,
):
    skp = start_skp(personas, "staf")
    services.behaviour_set(
        actor=None, skp=skp, value="akuntabel", special_expectation="Laporan dikirim tepat waktu"
    )
    _document, text = rendered(skp)
    assert "PERILAKU KERJA" in text and "EKSPEKTASI KHUSUS PIMPINAN" in text
    for value in ("Berorientasi Pelayanan", "Akuntabel", "Kompeten", "Harmonis", "Loyal"):
        assert value in text
    assert "Adaptif" in text and "Kolaboratif" in text
    assert "Laporan dikirim tepat waktu" in text
    # The guides print in Indonesian (the form's language) whatever the interface language.
    with translation.override("id"):
        guide = str(BEHAVIOUR_GUIDES[CoreValue.KOLABORATIF][2])
    assert guide in text


def test_a_draft_carries_the_konsep_watermark_and_names_its_status(personas, plans):
    _document, text = rendered(plans["staf"])
    assert "KONSEP" in text
    assert "belum ditetapkan" in text
    assert "Status: Konsep" in text
    assert "Format A.1.7" in text


def test_a_jpt_plan_prints_format_a12_with_perspective_assignment_and_the_regional_head(
    personas, plans
):
    _document, text = rendered(plans["kadinkes"])
    assert "Format A.1.2" in text
    assert "BAGI PEJABAT PIMPINAN TINGGI DAN PIMPINAN UNIT KERJA MANDIRI" in text
    assert "PERSPEKTIF" in text and "Perspektif Anggaran" in text
    assert "Meningkatnya mutu layanan kesehatan" in text
    assert "Bupati Contoh" in text  # the regional head rates a JPT
    assert "Penugasan dari: Bupati Contoh" in text  # and assigned the RHK of the agreement
    assert "DIINTERVENSI" not in text


def test_a_qualitative_jpt_plan_uses_format_a11_and_shows_who_assigned_each_rhk(personas):
    skp = start_skp(personas, "kadinkes")
    services.skp_update(actor=None, skp=skp, approach="kualitatif")
    add_result(
        skp,
        "Terwujudnya layanan kesehatan yang responsif",
        assigned_by_label="Sekretaris Daerah",
        control_level="outcome",
    )
    _document, text = rendered(skp)
    assert "Format A.1.1" in text
    assert "PENDEKATAN HASIL KERJA KUALITATIF" in text
    assert "Penugasan dari: Sekretaris Daerah" in text
    assert "(Outcome)" in text


def test_a_qualitative_non_jpt_plan_uses_format_a16(personas):
    skp = start_skp(personas, "dokter")
    services.skp_update(actor=None, skp=skp, approach="kualitatif")
    _document, text = rendered(skp)
    assert "Format A.1.6" in text and "KUALITATIF" in text


def test_the_annex_a18_lists_resources_accountability_and_consequences(personas):
    skp = start_skp(personas, "staf")
    services.skp_update(
        actor=None,
        skp=skp,
        resource_support="Laptop\nAkses aplikasi SIMPUS",
        accountability_scheme="Laporan bulanan kepada kepala seksi",
        consequences="Rekomendasi pelatihan bila target tercapai",
    )
    document, text = rendered(skp)
    assert "Format A.1.8" in text
    assert "LAMPIRAN SASARAN KINERJA PEGAWAI" in text
    for words in (
        "DUKUNGAN SUMBER DAYA",
        "Laptop",
        "Akses aplikasi SIMPUS",
        "SKEMA PERTANGGUNGJAWABAN",
        "Laporan bulanan kepada kepala seksi",
        "KONSEKUENSI",
        "Rekomendasi pelatihan bila target tercapai",
    ):
        assert words in text
    assert len(document.pages) >= 2  # the annex starts on its own page


def test_a_new_version_names_its_version_and_the_reason_for_the_change(personas, plans):
    revised = services.skp_revise(
        actor=None, skp=plans["kasi"], kind="new_assignment", reason="Tugas tambahan dari kabid"
    )
    _document, text = rendered(revised)
    assert "Versi 2" in text
    assert "Perubahan atas versi 1" in text and "Tugas tambahan dari kabid" in text
    assert "KONSEP" in text


def test_the_pdf_view_answers_a_pdf_named_without_the_nip(client, personas, plans):
    client.force_login(personas.users["kasi"])
    skp = plans["kasi"]
    response = client.get(reverse("skp:pdf", args=[skp.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    assert response.content.rstrip().endswith(b"%%EOF")
    disposition = response["Content-Disposition"]
    assert f'filename="SKP-2026-agus-santoso-{skp.pk}-v1.pdf"' in disposition
    assert personas.employees["kasi"].nip not in disposition
    assert response["Cache-Control"] == "private, no-store"


def test_the_pdf_view_reads_a_fixed_number_of_queries(
    client, personas, plans, django_assert_max_num_queries
):
    draft = plans["staf"]
    for n in range(8):
        add_result(draft, f"Hasil kerja nomor {n}")
    client.force_login(personas.users["kasi"])
    with django_assert_max_num_queries(14):
        assert client.get(reverse("skp:pdf", args=[draft.pk])).status_code == 200


def test_loading_many_plans_for_documents_takes_four_queries(
    personas, plans, django_assert_num_queries
):
    ids = [plans[key].pk for key in ("kadinkes", "kabid", "kasi", "staf")]
    with django_assert_num_queries(4):
        loaded = document_plans(ids)
    assert [skp.pk for skp in loaded] == ids
    assert all(len(skp.behaviour_list) == 7 for skp in loaded)
    assert [len(skp.rhk_list) for skp in loaded] == [1, 1, 1, 1]
    assert loaded[2].rhk_list[0].indicator_list[0].target_display == "12 laporan"


def test_a_set_plan_prints_the_date_it_was_set_under_the_signatures(personas, plans):
    _document, text = rendered(plans["kabid"])
    assert "Kabupaten Contoh," in text
    assert "...................." not in text


# --- who signs opposite the employee ---------------------------------------------------------

IN_MARCH = datetime.date(2026, 3, 2)


def signature_block(skp, viewer=None) -> str:
    """The signature table of the plan's HTML (printed before and after the annex)."""
    viewer = viewer or build_viewer(skp.agency.users.get(username="bkpsdm"))
    html = pdf.render_html(document_plan(skp), viewer=viewer)
    match = re.search(r'<table class="signatures">.*?</table>', html, re.S)
    assert match is not None
    return " ".join(match.group(0).split())


def context_of(skp):
    viewer = build_viewer(skp.agency.users.get(username="bkpsdm"))
    return pdf.document_context(document_plan(skp), personal=PersonalData(viewer))


def submitted(personas, skp):
    staf = build_viewer(personas.users["staf"], today=IN_MARCH)
    services.skp_start_dialogue(actor=staf, skp=skp)
    return services.skp_submit(actor=staf, skp=skp)


def test_a_plan_the_rater_set_is_signed_by_the_rater(personas, plans):
    skp = submitted(personas, plans["staf"])
    services.skp_set(actor=build_viewer(personas.users["kasi"], today=IN_MARCH), skp=skp)
    kasi, kabid = personas.employees["kasi"], personas.employees["kabid"]
    context = context_of(skp)
    assert context["signer"].title == "Pejabat Penilai Kinerja"
    assert context["signer"].name == kasi.full_name
    assert context["signer"].position == "Kepala Seksi Pelayanan Kesehatan Primer"
    block = signature_block(skp)
    assert '<td class="signer-title">Pejabat Penilai Kinerja</td>' in block
    assert f'<td class="name signer-name">{kasi.full_name}</td>' in block
    assert f"NIP {kasi.nip}" in block
    assert "Atasan" not in block and kabid.full_name not in block


def test_a_plan_the_raters_superior_set_is_signed_by_that_superior_with_their_post(personas, plans):
    skp = submitted(personas, plans["staf"])
    skp = services.skp_set(actor=build_viewer(personas.users["kabid"], today=IN_MARCH), skp=skp)
    assert skp.set_by_role == "rater_superior"
    kasi, kabid = personas.employees["kasi"], personas.employees["kabid"]
    context = context_of(skp)
    assert context["signer"].title == "Atasan Pejabat Penilai Kinerja"
    assert context["signer"].name == kabid.full_name
    assert context["signer"].position == "Kepala Bidang Pelayanan Kesehatan"
    assert context["signer"].unit == "Bidang Pelayanan Kesehatan"
    block = signature_block(skp)
    assert '<td class="signer-title">Atasan Pejabat Penilai Kinerja</td>' in block
    assert '<td class="post signer-post">Kepala Bidang Pelayanan Kesehatan</td>' in block
    assert f'<td class="name signer-name">{kabid.full_name}</td>' in block
    assert f"NIP {kabid.nip}" in block
    assert kasi.full_name not in block
    # The identity table still names the rater: the superior signed in the rater's stead.
    assert context["rater"].name == kasi.full_name
    _document, text = rendered(skp)
    assert "Atasan Pejabat Penilai Kinerja" in text and kabid.full_name in text


def test_the_superiors_nip_is_masked_for_a_viewer_who_may_not_see_it(personas, plans):
    skp = submitted(personas, plans["staf"])
    services.skp_set(actor=build_viewer(personas.users["kabid"], today=IN_MARCH), skp=skp)
    kabid = personas.employees["kabid"]
    block = signature_block(skp, viewer=build_viewer(personas.users["dokter"]))
    assert kabid.full_name in block and kabid.nip not in block


def test_a_plan_the_regional_head_set_for_a_late_rater_names_the_regional_head(personas, plans):
    # The kabid's rater is the kadinkes, whose own superior is the regional head.
    skp = plans["kabid"]
    type(skp).objects.filter(pk=skp.pk).update(set_by_role="rater_superior")
    signer = context_of(skp)["signer"]
    assert signer.title == "Atasan Pejabat Penilai Kinerja"
    assert signer.position == "Bupati Contoh"
    assert signer.nip == ""
    block = signature_block(skp)
    assert "Atasan Pejabat Penilai Kinerja" in block and "Bupati Contoh" in block
    assert personas.employees["kadinkes"].full_name not in block


def test_the_superiors_post_falls_back_to_the_one_the_plan_recorded():
    plan = Skp(
        set_by_role="rater_superior",
        rater_superior=Employee(name="Siti Rahmawati"),
        rater_superior_label="Siti Rahmawati (Kepala Bidang Pelayanan Kesehatan)",
    )
    plan.superior_position = None
    assert pdf.signer_party(plan).position == "Kepala Bidang Pelayanan Kesehatan"
    plan.rater_superior_label = "Siti Rahmawati"
    assert pdf.signer_party(plan).position == ""
