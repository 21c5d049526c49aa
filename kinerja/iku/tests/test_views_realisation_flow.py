"""Entering, submitting, verifying and returning a realisation through the pages."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kinerja.iku.models import Evidence, IndicatorResult, Realisation, RealisationStatus
from kinerja.iku.tests import view_data


@pytest.fixture
def plan(personas, client, settings):
    # Messages are compared in English, the source language.
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return view_data.build_plan(personas)


def _entry_url(plan, quarter=0):
    return reverse("iku:realisation_entry", args=[plan.indicator.pk, plan.quarters[quarter].pk])


def test_staff_enter_a_realisation_with_evidence_and_submit_it(client, plan):
    client.force_login(plan.personas.users["staf"])
    response = client.post(
        _entry_url(plan),
        {
            "value": "20.5",
            "note": "Data puskesmas",
            "evidence": view_data.pdf(),
            "action": "submit",
        },
    )
    realisation = Realisation.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("iku:realisation", args=[realisation.pk])
    assert realisation.status == RealisationStatus.SUBMITTED
    assert str(realisation.value) == "20.5000"
    evidence = Evidence.objects.get()
    assert evidence.original_name == "bukti.pdf" and evidence.realisation == realisation


def test_an_indonesian_decimal_comma_is_read_as_the_decimal_point(client, plan, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "id"
    client.force_login(plan.personas.users["staf"])
    client.post(_entry_url(plan), {"value": "20,25", "action": "save"})
    assert str(Realisation.objects.get().value) == "20.2500"


def test_a_draft_is_saved_then_submitted_from_its_page(client, plan):
    client.force_login(plan.personas.users["kasi"])
    client.post(_entry_url(plan), {"value": "12", "action": "save"})
    realisation = Realisation.objects.get()
    assert realisation.status == RealisationStatus.DRAFT
    page = client.get(reverse("iku:realisation", args=[realisation.pk]))
    assert page.status_code == 200 and page.context["can_submit"]
    client.post(reverse("iku:realisation_submit", args=[realisation.pk]))
    assert Realisation.objects.get().status == RealisationStatus.SUBMITTED


def test_the_head_verifies_and_the_capaian_is_recomputed(
    client, plan, django_capture_on_commit_callbacks
):
    realisation = view_data.submitted(plan.indicator, plan.quarters[0], 20)
    client.force_login(plan.personas.users["kabid"])
    queue = client.get(reverse("iku:verification_queue"))
    assert list(queue.context["rows"]) == [realisation]
    # The recompute is a task enqueued when the verification commits.
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("iku:realisation_verify", args=[realisation.pk]))
    assert response.status_code == 302
    assert Realisation.objects.get().status == RealisationStatus.VERIFIED
    result = IndicatorResult.objects.get(indicator=plan.indicator, period=plan.quarters[0])
    assert result.capaian == 80  # 20 of a target of 25
    assert client.get(reverse("iku:verification_queue")).context["rows"] == []


def test_the_head_returns_with_a_comment_and_the_staff_correct_it(client, plan):
    realisation = view_data.submitted(plan.indicator, plan.quarters[0], 20)
    client.force_login(plan.personas.users["kabid"])
    url = reverse("iku:realisation_return", args=[realisation.pk])
    response = client.post(url, {"comment": "   "})
    assert response.status_code == 400
    assert "comment" in response.context["return_form"].errors
    assert Realisation.objects.get().status == RealisationStatus.SUBMITTED
    client.post(url, {"comment": "Lampirkan laporan"})
    assert Realisation.objects.get().status == RealisationStatus.RETURNED

    client.force_login(plan.personas.users["staf"])
    form_page = client.get(_entry_url(plan))
    assert b"Lampirkan laporan" in form_page.content
    assert form_page.context["form"].initial["value"] == realisation.value
    client.post(_entry_url(plan), {"value": "22", "action": "submit"})
    corrected = Realisation.objects.get()
    assert corrected.status == RealisationStatus.SUBMITTED and corrected.value == 22


def test_a_verified_realisation_cannot_be_entered_again(client, plan):
    realisation = view_data.verified(plan.indicator, plan.quarters[0], 20)
    client.force_login(plan.personas.users["staf"])
    response = client.get(_entry_url(plan))
    assert response.status_code == 302
    assert response["Location"] == reverse("iku:realisation", args=[realisation.pk])


def test_the_head_cannot_verify_twice(client, plan):
    realisation = view_data.verified(plan.indicator, plan.quarters[0], 20)
    client.force_login(plan.personas.users["kabid"])
    response = client.post(reverse("iku:realisation_verify", args=[realisation.pk]), follow=True)
    assert response.status_code == 200
    assert "Only a submitted realisation can be verified." in response.content.decode()


# --- bad input ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"value": "-1"}, "value", "Enter zero or more for Realisation (%)."),
        ({"value": "abc"}, "value", "Enter a number"),
        ({"value": "1.123456"}, "value", "at most 4 digits after the decimal point"),
        ({"value": "", "note": ""}, "value", "explain in the note"),
    ],
)
def test_bad_values_show_field_errors_and_keep_the_input(client, plan, data, field, message):
    client.force_login(plan.personas.users["staf"])
    response = client.post(_entry_url(plan), {"note": "catatan saya", **data, "action": "submit"})
    assert response.status_code == 400
    errors = " ".join(response.context["form"].errors[field])
    assert message in errors
    assert not Realisation.objects.exists()
    assert b"catatan saya" in response.content or data.get("note") == ""


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (
            SimpleUploadedFile("virus.exe", b"MZ\x90\x00", "application/pdf"),
            "Only these file types",
        ),
        (SimpleUploadedFile("palsu.pdf", b"<html>hi</html>", "application/pdf"), "is not a PDF"),
        (SimpleUploadedFile("kosong.pdf", b"", "application/pdf"), "empty"),
    ],
)
def test_bad_evidence_files_name_the_problem(client, plan, upload, message):
    client.force_login(plan.personas.users["staf"])
    response = client.post(
        _entry_url(plan), {"value": "20", "note": "tetap", "evidence": upload, "action": "submit"}
    )
    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors["evidence"])
    assert response.context["form"]["value"].value() == "20"
    assert not Realisation.objects.exists() and not Evidence.objects.exists()


def test_an_evidence_file_over_the_size_limit_is_refused_with_the_limit(client, plan, settings):
    settings.EVIDENCE_MAX_BYTES = 10
    client.force_login(plan.personas.users["staf"])
    response = client.post(
        _entry_url(plan), {"value": "20", "evidence": view_data.pdf(), "action": "save"}
    )
    assert response.status_code == 400
    assert "larger than 10" in " ".join(response.context["form"].errors["evidence"])


def test_a_period_that_has_not_started_is_a_form_error(client, plan, personas):
    from kinerja.iku.tests import factories as f

    future = f.performance_year(personas.agency, 2030, "quarterly")
    plan.indicator.goal.plan_end_year = 2030
    plan.indicator.goal.save()
    period = future.periods.get(kind="quarter", number=4)
    client.force_login(personas.users["staf"])
    url = reverse("iku:realisation_entry", args=[plan.indicator.pk, period.pk])
    response = client.post(url, {"value": "5", "action": "save"})
    assert response.status_code == 400
    assert "has not started" in " ".join(response.context["form"].non_field_errors())


def test_evidence_is_added_and_removed_on_the_realisation_page(client, plan):
    client.force_login(plan.personas.users["staf"])
    client.post(_entry_url(plan), {"value": "20", "action": "save"})
    realisation = Realisation.objects.get()
    url = reverse("iku:evidence_add", args=[realisation.pk])
    bad = client.post(url, {"file": SimpleUploadedFile("x.txt", b"hello")})
    assert bad.status_code == 400
    assert "Only these file types" in " ".join(bad.context["evidence_form"].errors["file"])
    client.post(url, {"file": view_data.pdf("laporan.pdf")})
    evidence = Evidence.objects.get()
    assert evidence.original_name == "laporan.pdf"
    client.post(reverse("iku:evidence_remove", args=[evidence.pk]))
    assert not Evidence.objects.exists()


# --- evidence download ----------------------------------------------------------------------------


def test_evidence_is_downloaded_as_an_attachment_with_its_stored_type(client, plan):
    realisation = view_data.verified(plan.indicator, plan.quarters[0], 20, evidence=True)
    evidence = realisation.evidence.get()
    client.force_login(plan.personas.users["auditor"])
    response = client.get(reverse("iku:evidence_download", args=[evidence.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment")
    assert 'filename="bukti.pdf"' in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == view_data.PDF_BYTES


def test_an_evidence_upload_keeps_no_control_character_in_its_name(client, plan):
    client.force_login(plan.personas.users["staf"])
    client.post(_entry_url(plan), {"value": "20", "action": "save"})
    realisation = Realisation.objects.get()
    url = reverse("iku:evidence_add", args=[realisation.pk])
    refused = client.post(url, {"file": view_data.pdf("laporan\u202efdp.exe")})
    assert "Only these file types" in " ".join(refused.context["evidence_form"].errors["file"])
    client.post(url, {"file": view_data.pdf("bukti\u202e\u2066 dukung\x00.pdf")})
    assert Evidence.objects.get().original_name == "bukti dukung.pdf"


def test_a_download_names_the_file_cleaned_and_encodes_non_ascii_names(client, plan):
    realisation = view_data.verified(plan.indicator, plan.quarters[0], 20, evidence=True)
    evidence = realisation.evidence.get()
    # A name stored before names were cleaned.
    Evidence.objects.filter(pk=evidence.pk).update(original_name="Laporan\u202e Dinas — Ü.pdf")
    client.force_login(plan.personas.users["auditor"])
    response = client.get(reverse("iku:evidence_download", args=[evidence.pk]))
    disposition = response["Content-Disposition"]
    assert disposition == "attachment; filename*=utf-8''Laporan%20Dinas%20%E2%80%94%20%C3%9C.pdf"


def test_pages_link_evidence_through_the_download_view_never_media(client, plan, settings):
    realisation = view_data.verified(plan.indicator, plan.quarters[0], 20, evidence=True)
    client.force_login(plan.personas.users["kabid"])
    for url in (
        reverse("iku:realisation", args=[realisation.pk]),
        reverse("iku:indicator", args=[plan.indicator.pk]) + "?year=2025",
    ):
        body = client.get(url).content.decode()
        assert reverse("iku:evidence_download", args=[realisation.evidence.get().pk]) in body
        assert "/" + settings.MEDIA_URL.strip("/") + "/" not in body
        assert "evidence/2" not in body  # the storage path
