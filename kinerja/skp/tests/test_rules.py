import datetime
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from kinerja.skp import rules

STATUSES = [
    rules.DRAFT,
    rules.DIALOGUE,
    rules.SUBMITTED,
    rules.RETURNED,
    rules.SET,
    rules.SUPERSEDED,
    rules.CLOSED,
]
ROLES = ["owner", "rater", "rater_superior"]


def _indicator(**overrides):
    values = dict(
        text="Jumlah laporan",
        aspect="kuantitas",
        target_text="",
        target_value=Decimal("12"),
        unit_of_measure="laporan",
    )
    values.update(overrides)
    return rules.IndicatorFacts(**values)


def _rhk(key="1", kind=rules.UTAMA, perspective="", intervenes=True, indicators=None, iku=None):
    return rules.RhkFacts(
        key=key,
        text="Laporan tersusun",
        kind=kind,
        perspective=perspective,
        intervenes=intervenes,
        indicators=tuple(indicators if indicators is not None else [_indicator()]),
        iku_indicator_id=iku,
    )


def _codes(problems):
    return [p.code for p in problems]


def test_jpt_posts_and_heads_of_independent_units_use_the_jpt_form():
    assert rules.skp_form("jpt_pratama", is_unit_head=True, unit_kind="dinas") == "jpt"
    assert rules.skp_form("administrator", is_unit_head=True, unit_kind="rsud") == "jpt"
    assert rules.skp_form("administrator", is_unit_head=True, unit_kind="bidang") == "non_jpt"
    assert rules.skp_form("fungsional", is_unit_head=False, unit_kind="rsud") == "non_jpt"


def test_deadline_is_the_end_of_january():
    assert rules.deadline(2026) == datetime.date(2026, 1, 31)
    assert rules.deadline(2026, datetime.date(2026, 1, 20)) == datetime.date(2026, 1, 31)


def test_a_plan_started_after_january_gets_the_midyear_allowance():
    assert rules.deadline(2026, datetime.date(2026, 7, 1), midyear_days=30) == datetime.date(
        2026, 7, 31
    )


@given(st.dates(min_value=datetime.date(2000, 1, 1), max_value=datetime.date(2100, 12, 31)))
def test_days_left_is_zero_on_the_deadline_and_negative_after(today):
    due = rules.deadline(today.year)
    left = rules.days_left(today, due)
    assert (left < 0) == (today > due)
    assert (left == 0) == (today == due)


def test_the_raters_superior_acts_only_after_the_deadline():
    before = rules.acting_roles(
        is_owner=False, is_rater=False, is_rater_superior=True, overdue=False
    )
    after = rules.acting_roles(is_owner=False, is_rater=False, is_rater_superior=True, overdue=True)
    assert rules.allowed_actions(rules.SUBMITTED, before) == []
    assert rules.allowed_actions(rules.SUBMITTED, after) == ["return", "set"]


@given(st.sampled_from(STATUSES), st.sets(st.sampled_from(ROLES)))
def test_allowed_actions_follow_the_transition_table(status, roles):
    actions = rules.allowed_actions(status, frozenset(roles))
    for action in actions:
        sources, target, who = rules.TRANSITIONS[action]
        assert status in sources and set(roles) & who
        assert rules.next_status(status, action) == target
    if status in rules.FINAL_STATUSES:
        assert actions == []


def test_only_the_owner_submits_and_only_raters_set():
    assert rules.allowed_actions(rules.DIALOGUE, frozenset({"rater"})) == []
    assert rules.allowed_actions(rules.DIALOGUE, frozenset({"owner"})) == ["submit"]
    assert rules.allowed_actions(rules.SUBMITTED, frozenset({"owner"})) == []
    assert rules.allowed_actions(rules.RETURNED, frozenset({"owner"})) == ["submit"]


def test_next_status_refuses_a_step_from_the_wrong_status():
    try:
        rules.next_status(rules.SET, "submit")
    except ValueError:
        return
    raise AssertionError("a set plan cannot be submitted")


def test_a_complete_non_jpt_plan_has_no_problems():
    assert rules.plan_problems("non_jpt", "kuantitatif", [_rhk()]) == []


def test_a_plan_without_a_main_result_is_incomplete():
    codes = _codes(rules.plan_problems("non_jpt", "kuantitatif", [_rhk(kind=rules.TAMBAHAN)]))
    assert codes == ["no_utama"]


def test_a_main_result_must_intervene_in_a_leader_result():
    codes = _codes(rules.plan_problems("non_jpt", "kuantitatif", [_rhk(intervenes=False)]))
    assert codes == ["intervention_missing"]


def test_an_additional_result_need_not_intervene():
    rhks = [_rhk(), _rhk(key="2", kind=rules.TAMBAHAN, intervenes=False)]
    assert rules.plan_problems("non_jpt", "kuantitatif", rhks) == []


def test_non_jpt_indicators_need_an_aspect_and_quantitative_targets_a_unit():
    rhk = _rhk(indicators=[_indicator(aspect="", unit_of_measure="")])
    codes = _codes(rules.plan_problems("non_jpt", "kuantitatif", [rhk]))
    assert codes == ["aspect_missing", "quantitative_target_missing"]


def test_a_qualitative_target_is_a_narrative():
    narrative = _indicator(target_value=None, unit_of_measure="", target_text="Laporan diterima")
    assert rules.plan_problems("non_jpt", "kualitatif", [_rhk(indicators=[narrative])]) == []
    empty = _indicator(target_value=None, unit_of_measure="", target_text="")
    codes = _codes(rules.plan_problems("non_jpt", "kualitatif", [_rhk(indicators=[empty])]))
    assert codes == ["target_missing"]


def test_a_jpt_plan_requires_the_budget_perspective():
    rhks = [_rhk(perspective="proses_bisnis", intervenes=False)]
    codes = _codes(rules.plan_problems("jpt", "kuantitatif", rhks))
    assert codes == ["budget_perspective_missing"]
    rhks.append(_rhk(key="2", perspective="anggaran", intervenes=False))
    assert rules.plan_problems("jpt", "kuantitatif", rhks) == []


def test_every_jpt_result_needs_a_perspective():
    rhks = [_rhk(perspective="anggaran"), _rhk(key="2", perspective="")]
    assert _codes(rules.plan_problems("jpt", "kuantitatif", rhks)) == ["perspective_missing"]


def test_pk_indicators_must_be_main_results_of_a_jpt_plan():
    rhks = [_rhk(perspective="anggaran", iku=7)]
    problems = rules.plan_problems("jpt", "kuantitatif", rhks, pk_indicator_ids=frozenset({7, 9}))
    assert [(p.code, p.detail) for p in problems] == [("pk_target_missing", "9")]
    extra = [
        _rhk(perspective="anggaran", iku=7),
        _rhk(key="2", kind=rules.TAMBAHAN, perspective="proses_bisnis", iku=9),
    ]
    problems = rules.plan_problems("jpt", "kuantitatif", extra, pk_indicator_ids=frozenset({7, 9}))
    assert [(p.code, p.detail) for p in problems] == [("pk_target_missing", "9")]


def test_missing_perspectives_lists_the_uncovered_ones_in_order():
    rhks = [_rhk(perspective="anggaran"), _rhk(key="2", perspective="proses_bisnis")]
    assert rules.missing_perspectives(rhks) == ["penerima_layanan", "penguatan_internal"]


def test_absolute_words_are_found_as_whole_words():
    assert rules.absolute_target_words("Semua surat selesai") == ["semua"]
    assert rules.absolute_target_words("Laporan setiap bulan") == ["setiap"]
    assert rules.absolute_target_words("Persemuaan") == []
