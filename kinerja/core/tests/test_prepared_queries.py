"""A prepared query answers as its queryset does, for every value, and compiles once."""

import datetime

import pytest
from django.db.models import Exists, OuterRef
from django.db.models.sql.compiler import SQLCompiler

from kinerja.core.queries import Prepared
from kinerja.org.models import Assignment, Position
from kinerja.org.selectors import active_on, positions_held_by
from kinerja.org.selectors.core import positions_held_query
from kinerja.org.tests.factories import AgencyFactory, employee, position, unit

pytestmark = pytest.mark.django_db

JAN = datetime.date(2026, 1, 5)
JUN = datetime.date(2026, 6, 1)


@pytest.fixture
def world():
    agency = AgencyFactory()
    office = unit(agency, "D1", "Dinas Satu")
    head = position(agency, office, "P1", "Kepala Dinas", "jpt_pratama", head=True)
    clerk = position(agency, office, "P2", "Pengadministrasi", "pelaksana", parent=head)
    boss = employee(agency, "Kepala", position=head, start=JAN)
    worker = employee(agency, "Staf", position=clerk, start=JUN)
    return {"agency": agency, "head": head, "clerk": clerk, "boss": boss, "worker": worker}


_held = positions_held_query


def _facts(positions):
    return [(p.pk, p.leads_someone, p.unit.path, p.is_unit_head) for p in positions]


@pytest.mark.parametrize(
    "who,day",
    [
        ("boss", JAN),
        ("boss", JUN - datetime.timedelta(days=1)),  # the day before the clerk starts
        ("boss", JUN),  # the clerk's first day: the head now leads someone
        ("worker", JUN - datetime.timedelta(days=1)),
        ("worker", JUN),
    ],
)
def test_a_prepared_query_answers_as_its_queryset_for_each_value(world, who, day):
    prepared = Prepared(_held, employee_id=int, day=datetime.date)
    employee_id = world[who].pk

    assert _facts(prepared(employee_id=employee_id, day=day)) == _facts(_held(employee_id, day))


def test_the_viewers_posts_say_when_they_lead_someone(world):
    before = positions_held_by(world["boss"].pk, JUN - datetime.timedelta(days=1))
    after = positions_held_by(world["boss"].pk, JUN)

    assert [(p.pk, p.leads_someone) for p in before] == [(world["head"].pk, False)]
    assert [(p.pk, p.leads_someone) for p in after] == [(world["head"].pk, True)]
    assert after[0].unit.code == "D1"  # the unit comes with the post, without a query


def test_it_compiles_once_and_then_only_binds_values(world, monkeypatch):
    prepared = Prepared(_held, employee_id=int, day=datetime.date)
    prepared(employee_id=world["boss"].pk, day=JAN)
    compiled = []
    original = SQLCompiler.as_sql

    def counting(self, *args, **kwargs):
        compiled.append(self.query.model)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(SQLCompiler, "as_sql", counting)

    answer = prepared(employee_id=world["worker"].pk, day=JUN)

    assert compiled == []
    assert [p.pk for p in answer] == [world["clerk"].pk]


def test_text_values_are_bound_too(world):
    prepared = Prepared(
        lambda code, day: Position.objects.filter(code=code, unit__agency__isnull=False).filter(
            Exists(Assignment.objects.filter(active_on(day), position_id=OuterRef("pk")))
        ),
        code=str,
        day=datetime.date,
    )

    assert [p.pk for p in prepared(code="P2", day=JUN)] == [world["clerk"].pk]
    assert prepared(code="P2", day=JAN) == []
    assert [p.pk for p in prepared(code="P1", day=JAN)] == [world["head"].pk]


def test_a_value_that_never_reaches_the_sql_is_refused(world):
    prepared = Prepared(lambda code, limit: Position.objects.filter(code=code), code=str, limit=int)

    with pytest.raises(ValueError, match="limit"):
        prepared(code="P1", limit=3)


def test_an_unsupported_kind_is_refused(world):
    prepared = Prepared(lambda share: Position.objects.filter(pk=share), share=float)

    with pytest.raises(TypeError, match="share"):
        prepared(share=1.0)


def test_moments_are_bound_as_the_database_stores_them(db):
    from django.contrib.sessions.models import Session
    from django.utils import timezone

    expires = timezone.now() + datetime.timedelta(hours=1)
    Session.objects.create(session_key="k" * 32, session_data="{}", expire_date=expires)
    prepared = Prepared(
        lambda key, now: Session.objects.filter(session_key=key, expire_date__gt=now),
        key=str,
        now=datetime.datetime,
    )

    assert [s.pk for s in prepared(key="k" * 32, now=expires - datetime.timedelta(seconds=1))] == [
        "k" * 32
    ]
    assert prepared(key="k" * 32, now=expires) == []  # expired at that very moment
    assert prepared(key="x" * 32, now=expires - datetime.timedelta(hours=2)) == []


def test_a_value_that_reaches_the_sql_changed_is_refused(world):
    prepared = Prepared(lambda code: Position.objects.filter(code__startswith=code), code=str)

    with pytest.raises(ValueError, match="changed form"):
        prepared(code="P")


def test_small_positive_numbers_are_bound(world):
    """Placeholders lie inside every integer field's range: Django leaves a value outside it
    out of the SQL, which would make the query answer nothing whatever the value."""
    from kinerja.org.models import Unit

    prepared = Prepared(
        lambda depth, agency_id: Unit.objects.filter(depth=depth, agency_id=agency_id),
        depth=int,
        agency_id=int,
    )
    office = Unit.objects.get(code="D1", agency=world["agency"])

    found = prepared(depth=office.depth, agency_id=world["agency"].pk)
    assert [u.pk for u in found] == [office.pk]
    assert prepared(depth=office.depth + 1, agency_id=world["agency"].pk) == []


def _synchronous_commit():
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW synchronous_commit")
        return cursor.fetchone()[0]


@pytest.mark.django_db(transaction=True)
def test_a_relaxed_commit_holds_for_its_own_transaction_only():
    from django.db import connection, transaction

    from kinerja.core.queries import commit_without_waiting_for_disk

    if connection.vendor != "postgresql":
        pytest.skip("only PostgreSQL waits for the disk at each commit")
    with transaction.atomic():
        commit_without_waiting_for_disk()
        assert _synchronous_commit() == "off"
    assert _synchronous_commit() == "on"
    commit_without_waiting_for_disk()  # outside a transaction it would last: refused quietly
    assert _synchronous_commit() == "on"


def test_a_call_must_name_exactly_the_values_declared(world):
    prepared = Prepared(lambda code: Position.objects.filter(code=code), code=str)

    with pytest.raises(TypeError, match="expects"):
        prepared(code="P1", since=JAN)  # a value the query was not built with
    with pytest.raises(TypeError, match="expects"):
        prepared()


def test_attached_rows_answer_as_a_prefetch_would_without_a_query(world, django_assert_num_queries):
    from kinerja.core.queries import attach_prefetched
    from kinerja.org.models import Unit

    agency = world["agency"]
    empty = unit(agency, "D2", "Dinas Dua")
    units = list(Unit.objects.filter(agency=agency).order_by("code"))
    rows = list(Position.objects.filter(unit__agency=agency).order_by("code"))

    attach_prefetched(units, "positions", rows, back="unit")

    with django_assert_num_queries(0):
        by_unit = {u.code: [p.code for p in u.positions.all()] for u in units}
        parents = {p.unit.code for u in units for p in u.positions.all()}
    assert by_unit == {"D1": ["P1", "P2"], empty.code: []}
    assert parents == {"D1"}


def test_a_missing_value_reads_as_the_queryset_would(world):
    """None is IS NULL in the ORM, which no slot of the compiled SQL can hold."""
    from kinerja.org.models import Unit

    prepared = Prepared(lambda parent_id: Unit.objects.filter(parent_id=parent_id), parent_id=int)
    prepared(parent_id=world["head"].unit_id)  # compiled with a value first

    roots = prepared(parent_id=None)

    assert [u.pk for u in roots] == [world["head"].unit_id]
    assert prepared(parent_id=world["head"].unit_id) == []
