"""Who rates whom on a given day: the position tree, vacancies, Plt./Plh. and delegations."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from kinerja.org import services
from kinerja.org.models import SupervisionRole
from kinerja.org.selectors import supervision_chain
from kinerja.org.tests import factories as f

D = datetime.date


def test_staff_is_rated_by_the_head_of_seksi_and_the_head_of_bidang_above(personas):
    e = personas.employees
    chain = supervision_chain(e["staf"], D(2024, 6, 1))
    assert chain.atasan.employee == e["kasi"]
    assert chain.rater.employee == e["kasi"]
    assert chain.rater_superior.employee == e["kabid"]


def test_head_of_opd_is_rated_by_the_regional_head(personas):
    e = personas.employees
    chain = supervision_chain(e["kadinkes"], D(2024, 6, 1))
    assert chain.rater.is_regional_head
    assert "Bupati Contoh" in chain.rater.label
    assert chain.rater_superior is None
    kabid_chain = supervision_chain(e["kabid"], D(2024, 6, 1))
    assert kabid_chain.rater.employee == e["kadinkes"]
    assert kabid_chain.rater_superior.is_regional_head


def test_a_functional_superior_is_atasan_but_not_rater(personas):
    """A pelaksana or JF above someone is their atasan; the rater is the first pengawas up."""
    e, p, a = personas.employees, personas.positions, personas.agency
    helper_post = f.position(
        a, personas.units["primer"], "DINKES-09", "Pengelola Data", "pelaksana", p["staf"]
    )
    helper = f.employee(a, "Tono", position=helper_post, start=D(2021, 1, 1))
    chain = supervision_chain(helper, D(2024, 1, 1))
    assert chain.atasan.employee == e["staf"]
    assert chain.rater.employee == e["kasi"]


def test_a_vacant_post_passes_the_rating_up_the_tree(personas):
    e = personas.employees
    kasi_assignment = e["kasi"].assignments.get()
    services.assignment_end(actor=None, assignment=kasi_assignment, end_date=D(2024, 3, 31))
    assert supervision_chain(e["staf"], D(2024, 3, 31)).rater.employee == e["kasi"]
    after = supervision_chain(e["staf"], D(2024, 4, 1))
    assert after.rater.employee == e["kabid"]
    assert after.rater_superior.employee == e["kadinkes"]


def test_an_acting_official_rates_while_the_acting_assignment_runs(personas):
    e, p = personas.employees, personas.positions
    services.assignment_end(
        actor=None, assignment=e["kasi"].assignments.get(), end_date=D(2024, 3, 31)
    )
    services.assignment_start(
        actor=None,
        employee=e["dokter"],
        position=p["kasi"],
        start_date=D(2024, 5, 1),
        end_date=D(2024, 8, 31),
        kind="plt",
        reason="acting",
    )
    assert supervision_chain(e["staf"], D(2024, 4, 15)).rater.employee == e["kabid"]
    during = supervision_chain(e["staf"], D(2024, 6, 1))
    assert during.rater.employee == e["dokter"]
    assert during.rater.source == "acting"
    assert during.rater_superior.employee == e["kabid"]
    assert supervision_chain(e["staf"], D(2024, 9, 1)).rater.employee == e["kabid"]


def test_the_acting_officials_own_rater_follows_their_definitive_post(personas):
    e, p = personas.employees, personas.positions
    services.assignment_start(
        actor=None,
        employee=e["dokter"],
        position=p["kasi"],
        start_date=D(2024, 5, 1),
        kind="plh",
        reason="acting",
    )
    assert supervision_chain(e["dokter"], D(2024, 6, 1)).rater.employee == e["kabid"]


def test_the_definitive_holder_wins_over_an_acting_one(personas):
    e, p = personas.employees, personas.positions
    services.assignment_start(
        actor=None,
        employee=e["dokter"],
        position=p["kasi"],
        start_date=D(2024, 5, 1),
        kind="plh",
        reason="acting",
    )
    assert supervision_chain(e["staf"], D(2024, 6, 1)).rater.employee == e["kasi"]


def test_a_transfer_changes_the_rater_from_its_start_date(personas):
    e, p = personas.employees, personas.positions
    services.assignment_start(
        actor=None,
        employee=e["staf"],
        position=p["bkpsdm"],
        start_date=D(2025, 2, 1),
        reason="transfer",
    )
    assert supervision_chain(e["staf"], D(2025, 1, 31)).rater.employee == e["kasi"]
    later = supervision_chain(e["staf"], D(2025, 2, 1))
    assert later.rater.employee is None  # Kepala BKPSDM post is vacant in the personas
    assert later.rater.is_regional_head
    history = list(e["staf"].assignments.order_by("start_date"))
    assert [a.end_date for a in history] == [D(2025, 1, 31), None]


def test_a_delegation_override_wins_for_its_date_range(personas):
    e = personas.employees
    services.supervision_override_create(
        actor=None,
        employee=e["staf"],
        supervisor=e["dokter"],
        role=SupervisionRole.RATER,
        start_date=D(2024, 1, 1),
        end_date=D(2024, 12, 31),
        reason="Delegasi kepala puskesmas",
    )
    assert supervision_chain(e["staf"], D(2024, 7, 1)).rater.employee == e["dokter"]
    assert supervision_chain(e["staf"], D(2024, 7, 1)).rater.source == "override"
    assert supervision_chain(e["staf"], D(2024, 7, 1)).rater_superior.employee == e["kabid"]
    assert supervision_chain(e["staf"], D(2025, 1, 1)).rater.employee == e["kasi"]


def test_an_employee_cannot_be_their_own_delegated_rater(personas):
    e = personas.employees
    with pytest.raises(ValidationError):
        services.supervision_override_create(
            actor=None,
            employee=e["staf"],
            supervisor=e["staf"],
            role=SupervisionRole.RATER,
            start_date=D(2024, 1, 1),
            reason="x",
        )


def test_nobody_rates_an_employee_without_a_post_on_that_day(personas):
    chain = supervision_chain(personas.employees["staf"], D(2019, 12, 31))
    assert chain.rater is None and chain.atasan is None


def test_moves_must_be_recorded_in_date_order(personas):
    e, p = personas.employees, personas.positions
    with pytest.raises(ValidationError) as error:
        services.assignment_start(
            actor=None, employee=e["staf"], position=p["bkpsdm"], start_date=D(2019, 6, 1)
        )
    assert "start_date" in error.value.message_dict


def test_an_assignment_cannot_start_before_the_appointment_in_the_nip(personas):
    p = personas.positions
    person = f.employee(personas.agency, "Baru", nip=f.make_nip(D(1999, 1, 1), (2024, 3), "P", 77))
    with pytest.raises(ValidationError) as error:
        services.assignment_start(
            actor=None, employee=person, position=p["staf"], start_date=D(2024, 2, 1)
        )
    assert "start_date" in error.value.message_dict


def test_holders_of_a_shared_post_are_peers_not_subordinates(personas):
    from kinerja.accounts.viewer import build_viewer
    from kinerja.org.selectors import employees_visible_to

    e, p, a = personas.employees, personas.positions, personas.agency
    colleague = f.employee(a, "Rina Marlina", position=p["dokter"], start=D(2021, 1, 4))
    from kinerja.accounts import services as accounts

    user = accounts.user_create(
        actor=None, agency=a, username="rina", password=None, employee=colleague
    )
    viewer = build_viewer(user)
    assert not viewer.is_atasan
    above = {e["kabid"].pk, e["kadinkes"].pk}  # the posts above the shared one
    visible = set(employees_visible_to(viewer).values_list("pk", flat=True))
    assert visible == {colleague.pk, *above}
    dokter_viewer = build_viewer(personas.users["dokter"])
    visible = set(employees_visible_to(dokter_viewer).values_list("pk", flat=True))
    assert visible == {e["dokter"].pk, *above}


def _chain_step_by_step(employee, day):
    """The chain computed link by link (a query per step), to compare the one-pass reading with."""
    from kinerja.org.selectors.supervision import _chain_links

    atasan, rater, overrides = _chain_links(
        employee, day, roles=(SupervisionRole.RATER, SupervisionRole.RATER_SUPERIOR)
    )
    if rater is None:
        return (None, None, None)
    superior = overrides.get(SupervisionRole.RATER_SUPERIOR)
    if superior is None and not rater.is_regional_head and rater.employee is not None:
        superior = _chain_links(rater.employee, day)[1]
    return (atasan, rater, superior)


def _same_chain_for_everybody(personas, day):
    for employee in personas.employees.values():
        chain = supervision_chain(employee, day)
        assert (chain.atasan, chain.rater, chain.rater_superior) == _chain_step_by_step(
            employee, day
        ), employee.name


def test_the_chain_read_in_one_pass_matches_the_step_by_step_chain(personas):
    e, p = personas.employees, personas.positions
    _same_chain_for_everybody(personas, D(2024, 6, 1))
    # the kasi acts for the kabid (a rater holding a second post on the same branch), the
    # dokter is delegated the staf's rating (a rater from outside the branch), and the
    # kabid's own rater is delegated
    services.assignment_start(
        actor=None,
        employee=e["kasi"],
        position=p["kabid"],
        start_date=D(2024, 5, 1),
        kind="plh",
        reason="acting",
    )
    services.supervision_override_create(
        actor=None,
        employee=e["staf"],
        supervisor=e["dokter"],
        role=SupervisionRole.RATER,
        start_date=D(2024, 5, 1),
        reason="Delegasi",
    )
    services.supervision_override_create(
        actor=None,
        employee=e["kabid"],
        supervisor=e["auditor"],
        role=SupervisionRole.RATER,
        start_date=D(2024, 5, 1),
        reason="Delegasi",
    )
    _same_chain_for_everybody(personas, D(2024, 6, 1))


def test_the_chain_costs_two_queries_when_the_posts_held_are_known(
    personas, django_assert_num_queries
):
    from kinerja.org.selectors import assignment_history

    staf = personas.employees["staf"]
    day = D(2024, 6, 1)
    running = [a for a in assignment_history(staf) if a.covers(day)]
    with django_assert_num_queries(2):
        chain = supervision_chain(staf, day, running=running)
    assert chain.rater.employee == personas.employees["kasi"]
    assert chain.rater_superior.employee == personas.employees["kabid"]


def test_each_post_held_says_whether_it_leads_someone_as_has_subordinates_does(personas):
    """The flag read with the posts held is the separate question asked post by post: for the
    head, the middle, the bottom, a shared post and a post whose only holder below left."""
    from kinerja.org.selectors import has_subordinates, positions_held_by

    e, p, a = personas.employees, personas.positions, personas.agency
    f.employee(a, "Rina Marlina", position=p["dokter"], start=D(2021, 1, 4))
    day = D(2024, 6, 1)
    checked = 0
    for employee in e.values():
        for post in positions_held_by(employee.pk, day):
            assert post.leads_someone == has_subordinates(employee.pk, (post.path,), day), post
            checked += 1
    assert checked >= len(e)
    kasi = next(post for post in positions_held_by(e["kasi"].pk, day))
    assert kasi.leads_someone
    [staf_post] = positions_held_by(e["staf"].pk, day)
    assert not staf_post.leads_someone
    for assignment in a.employees.get(pk=e["staf"].pk).assignments.all():
        services.assignment_end(actor=None, assignment=assignment, end_date=D(2024, 5, 31))
    leads = {post.pk: post.leads_someone for post in positions_held_by(e["kasi"].pk, day)}
    assert leads[kasi.pk] is False  # the staf, the only one below, has left
    assert has_subordinates(e["kasi"].pk, (kasi.path,), day) is False
