"""The statistics page by channel and by category, the inbox's unit filter, and the daily
command of reminders and escalations."""

import datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from kinerja.complaints import services
from kinerja.complaints.models import Complaint, ComplaintEvent
from kinerja.complaints.tests.data import TODAY

pytestmark = pytest.mark.django_db


def _record_letter(world):
    return services.complaint_record(
        actor=None,
        unit=world.units["pkm"].pk,
        category="berkadar_pengawasan",
        channel="surat",
        source_reference="800/1/2026",
        description="Dugaan pungutan di loket.",
        received_on=TODAY,
    )


def test_statistics_show_the_year_by_channel_and_by_category(client, world):
    _record_letter(world)
    client.force_login(world.users["bkpsdm"])
    response = client.get(reverse("complaints:statistics"), {"year": 2026})
    assert response.status_code == 200
    rows = {label: (n, pct) for label, n, pct in response.context["by_channel"]}
    assert rows["Formulir publik"] == (3, 75) and rows["Surat"] == (1, 25)
    assert rows["SP4N-LAPOR!"] == (0, 0)
    categories = {label: n for label, n, _pct in response.context["by_category"]}
    assert next(iter(categories.values())) == 2  # the most frequent first: ringan
    assert sum(categories.values()) == 4
    text = response.content.decode()
    assert 'data-testid="by-channel"' in text and 'data-testid="by-category"' in text
    assert "Menurut kanal" in text and "75%" in text


def test_statistics_of_a_year_without_complaints_show_zeros(client, world):
    client.force_login(world.users["bkpsdm"])
    response = client.get(reverse("complaints:statistics"), {"year": 2024})
    assert all(n == 0 and pct == 0 for _label, n, pct in response.context["by_channel"])


def test_the_inbox_filters_by_unit_and_its_units_below(client, world):
    client.force_login(world.users["bkpsdm"])
    url = reverse("complaints:inbox")
    rows = client.get(url, {"unit": world.units["dinkes"].pk}).context["page"].object_list
    assert {c.pk for c in rows} == {world.cases["pkm"].pk, world.cases["answered"].pk}
    rows = client.get(url, {"unit": world.units["bkpsdm"].pk}).context["page"].object_list
    assert list(rows) == []
    page = client.get(url).content.decode()
    assert f'<option value="{world.units["pkm"].pk}">Puskesmas Sukamaju</option>' in page


def test_the_unit_filter_offers_a_handler_only_the_units_they_handle(client, world):
    client.force_login(world.users["staf"])  # admin of Dinas Kesehatan
    form = client.get(reverse("complaints:inbox")).context["form"]
    offered = {label for _pk, label in form.fields["unit"].choices}
    assert "Puskesmas Sukamaju" in offered and "Inspektorat Daerah" not in offered
    response = client.get(reverse("complaints:inbox"), {"unit": world.units["inspektorat"].pk})
    assert response.context["form"].errors["unit"]


def test_the_daily_command_reminds_and_escalates_once_a_day(world):
    Complaint.objects.filter(pk=world.cases["pkm"].pk).update(due_on=datetime.date(2026, 3, 10))
    Complaint.objects.filter(pk=world.cases["unrouted"].pk).update(due_on=TODAY)
    out = StringIO()
    call_command("send_complaint_reminders", "--date", str(TODAY), stdout=out)
    assert out.getvalue().strip() == "1 complaints reminded, 1 escalated."
    assert Complaint.objects.get(pk=world.cases["pkm"].pk).escalated_on == TODAY
    again = StringIO()
    call_command("send_complaint_reminders", "--date", str(TODAY), stdout=again)
    assert again.getvalue().strip() == "0 complaints reminded, 0 escalated."
    kinds = ComplaintEvent.objects.filter(day=TODAY, kind__in=["reminder", "escalated"])
    assert kinds.count() == 2


def test_the_daily_command_refuses_a_malformed_day(world):
    with pytest.raises(CommandError):
        call_command("send_complaint_reminders", "--date", "16-03-2026")
