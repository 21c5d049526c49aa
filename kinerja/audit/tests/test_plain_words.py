"""The audit trail speaks plain words: labels for actions and fields, names and links for
records, values as the reader writes them; the codes stay in the detail view."""

import ast
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from kinerja.audit import display
from kinerja.core import audit
from kinerja.core.audit_labels import Registry, action_label, registry
from kinerja.core.models import AuditEvent
from kinerja.org import services as org

KINERJA = Path(__file__).resolve().parents[2]
APPS = sorted(p.name for p in KINERJA.iterdir() if (p / "apps.py").exists())
ACTION_CODE = re.compile(r"^({})\.[a-z_]+\.[a-z_]+$".format("|".join(APPS)))


def _action_codes_written_by_the_project() -> set[str]:
    """Every string literal of the source that has the shape of an action code."""
    codes = set()
    for path in KINERJA.rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts or path.name == "audit_labels.py":
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and ACTION_CODE.match(node.value)
            ):
                codes.add(node.value)
    return codes


def test_every_action_code_the_project_writes_has_a_label():
    written = _action_codes_written_by_the_project()
    assert len(written) > 60  # the scan sees the services
    assert sorted(written - set(registry.actions)) == []


def test_the_scan_would_catch_a_new_code_without_a_label():
    assert ACTION_CODE.match("skp.plan.archived")
    assert "skp.plan.archived" not in registry.actions


def test_no_label_is_kept_for_a_code_nobody_writes():
    assert sorted(set(registry.actions) - _action_codes_written_by_the_project()) == []


def test_a_code_labelled_twice_is_refused():
    class First:
        ACTIONS = {"x.y.z": "one"}

    class Second:
        ACTIONS = {"x.y.z": "two"}

    labels = Registry()
    labels.add(First)
    with pytest.raises(ValueError, match="twice"):
        labels.add(Second)


def test_labels_are_indonesian_first():
    with translation.override("id"):
        assert action_label("skp.plan.set") == "SKP ditetapkan"
    with translation.override("en"):
        assert action_label("skp.plan.set") == "SKP set"
    assert action_label("nobody.writes.this") == "nobody.writes.this"


@pytest.fixture
def trail(client, personas):
    client.force_login(personas.users["auditor"])
    return client


def _rename_unit(personas, name):
    org.unit_update(actor=personas.users["bkpsdm"], unit=personas.units["yankes"], name=name)
    return AuditEvent.objects.filter(action="org.unit.updated").latest("id")


def test_the_list_shows_labels_names_and_links_not_codes(trail, personas):
    _rename_unit(personas, "Bidang Yankes Baru")
    html = trail.get(reverse("audit:list"), HTTP_ACCEPT_LANGUAGE="id").content.decode()
    assert "Unit diubah" in html
    assert ">org.unit.updated<" not in html
    unit_url = reverse("org:unit_detail", args=[personas.units["yankes"].pk])
    assert f'href="{unit_url}">Bidang Yankes Baru</a>' in html
    assert "Nama" in html  # the changed field by its label, not "name"


def test_the_detail_shows_before_and_after_in_words_and_keeps_the_code(trail, personas):
    u = personas.units
    org.unit_update(actor=personas.users["bkpsdm"], unit=u["yankes"], parent=u["bkpsdm"])
    event = AuditEvent.objects.filter(action="org.unit.updated").latest("id")
    html = trail.get(reverse("audit:detail", args=[event.pk])).content.decode()
    assert "<code>org.unit.updated</code>" in html
    assert "Dinas Kesehatan" in html and u["bkpsdm"].name in html  # parent ids as names
    assert "parent_id" in html  # the stored key stays visible beside its label


def test_values_are_written_the_indonesian_way():
    from kinerja.iku.models import AnnualTarget

    field = AnnualTarget._meta.get_field("value")
    with translation.override("id"):
        assert display.format_value(field, "1234.5") == "1.234,5"
        assert display.format_value(None, True) == "Ya"
        assert display.format_value(None, None) == "—"
        date_field = AuditEvent._meta.get_field("created_at")
        assert display.format_value(date_field, "2026-03-05T08:00:00+07:00").startswith(
            "5 Maret 2026"
        )
    assert display.format_value(None, 2026) == "2026"  # a year is not grouped
    assert Decimal("1234.5")  # the stored string is read as a decimal, not a float


def test_an_invalid_filter_lists_nothing_and_says_why(trail, personas):
    _rename_unit(personas, "Bidang Yankes Baru")
    response = trail.get(reverse("audit:list"), {"date_from": "kemarin"})
    assert response.status_code == 200
    assert response.context["rows"] == []
    assert b'data-testid="audit-filter-refused"' in response.content
    unfiltered = trail.get(reverse("audit:list"))
    assert unfiltered.context["rows"] != []


def test_the_filter_offers_action_labels(trail, personas):
    _rename_unit(personas, "Bidang Yankes Baru")
    with translation.override("id"):
        form = trail.get(reverse("audit:list")).context["form"]
    assert ("org.unit.updated", "Unit diubah") in [
        (code, str(label)) for code, label in form.fields["action"].choices
    ]


def test_a_page_of_events_is_named_in_a_fixed_number_of_queries(personas):
    _rename_unit(personas, "Satu")
    with CaptureQueriesContext(connection) as few:
        display.event_rows(AuditEvent.objects.all())
    for n in range(12):
        _rename_unit(personas, f"Nama {n}")
        org.unit_update(actor=personas.users["bkpsdm"], unit=personas.units["primer"], name=f"P{n}")
    with CaptureQueriesContext(connection) as many:
        rows = display.event_rows(AuditEvent.objects.all())
    assert len(rows) > 24
    assert len(many.captured_queries) == len(few.captured_queries)


def test_a_deleted_record_is_named_as_it_was_recorded(db, personas):
    from django.db import transaction

    with transaction.atomic():
        event = audit.record(
            actor=None, action="org.unit.updated", obj=personas.units["yankes"], after={}
        )
    AuditEvent.objects.filter(pk=event.pk)  # the row stays; the object id points nowhere
    event.object_id = "999999"
    row = display.event_rows([event])[0]
    assert row.object_name == event.object_label and row.object_url is None
