"""The trail's list reads the newest events every time, while its total and the filter's choices,
which scan the whole trail, are kept a little: a province's trail holds hundreds of thousands."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kinerja.core.models import AuditEvent
from kinerja.org import services as org

pytestmark = pytest.mark.django_db

LIST = reverse("audit:list")


@pytest.fixture
def trail(client, personas):
    client.force_login(personas.users["auditor"])
    return client


def _rename(personas, name):
    org.unit_update(actor=personas.users["bkpsdm"], unit=personas.units["yankes"], name=name)


def test_new_events_are_listed_at_once_and_counted_on_refresh(trail, personas):
    _rename(personas, "Bidang Satu")
    first = trail.get(LIST)
    count = first.context["page"].paginator.count
    assert count == AuditEvent.objects.filter(agency=personas.agency).count()
    _rename(personas, "Bidang Dua")
    kept = trail.get(LIST)
    assert kept.context["rows"][0].event.after["name"] == "Bidang Dua"  # the list is fresh
    assert kept.context["page"].paginator.count == count  # the total kept a minute
    assert trail.get(LIST + "?refresh=1").context["page"].paginator.count == count + 1


def test_each_filter_has_its_own_total(trail, personas):
    _rename(personas, "Bidang Satu")
    everything = trail.get(LIST).context["page"].paginator.count
    renamed = trail.get(LIST, {"action": "org.unit.updated"}).context["page"].paginator.count
    assert renamed == 1 < everything


def test_the_choices_and_the_total_are_not_read_again_within_the_minute(trail, personas):
    _rename(personas, "Bidang Satu")
    trail.get(LIST)
    with CaptureQueriesContext(connection) as again:
        trail.get(LIST)
    statements = [q["sql"] for q in again.captured_queries]
    assert not [sql for sql in statements if "DISTINCT" in sql or "COUNT(" in sql]
