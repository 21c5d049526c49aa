import datetime

from hypothesis import given
from hypothesis import strategies as st

from kinerja.results import rules

D = datetime.date
JANUARY = D(2026, 1, 15)


def version(
    pk,
    series="a",
    number=1,
    status="set",
    start=None,
    end=None,
    set_on=JANUARY,
):
    start = start or D(2026, 1, 1)
    end = end or D(2026, 12, 31)
    return rules.PlanVersion(pk, series, number, status, start, end, set_on)


Q1 = (D(2026, 1, 1), D(2026, 3, 31))
Q2 = (D(2026, 4, 1), D(2026, 6, 30))


def test_a_revision_set_mid_year_applies_from_the_period_it_was_set_in():
    first = version(1, status="superseded")
    second = version(2, number=2, set_on=D(2026, 5, 2))
    assert rules.plan_in_force([first, second], *Q1) == first
    assert rules.plan_in_force([first, second], *Q2) == second


def test_a_revision_set_on_the_last_day_of_the_period_applies_to_it():
    first = version(1, status="superseded")
    second = version(2, number=2, set_on=D(2026, 3, 31))
    assert rules.plan_in_force([first, second], *Q1) == second


def test_a_draft_revision_is_not_in_force():
    first = version(1)
    draft = version(2, number=2, status="draft", set_on=None)
    assert rules.plan_in_force([first, draft], *Q2) == first


def test_a_plan_set_after_the_period_still_applies_to_it():
    late = version(1, set_on=D(2026, 4, 20))
    assert rules.plan_in_force([late], *Q1) == late


def test_after_a_mutation_the_plan_in_force_at_the_period_end_applies():
    old = version(1, series="a", status="closed", end=D(2026, 5, 14))
    new = version(2, series="b", start=D(2026, 5, 15), set_on=D(2026, 5, 20))
    assert rules.plan_in_force([old, new], *Q1) == old
    assert rules.plan_in_force([old, new], *Q2) == new


def test_no_set_plan_means_none():
    assert rules.plan_in_force([version(1, status="draft", set_on=None)], *Q1) is None
    assert rules.plan_in_force([], *Q1) is None


def test_the_deadline_day_itself_is_on_time():
    due = D(2026, 4, 14)
    assert not rules.is_late(due, due)
    assert rules.is_late(due + datetime.timedelta(days=1), due)


WORDS = st.lists(
    st.text(alphabet=st.characters(categories=["Lu", "Ll", "Nd"]), min_size=1, max_size=8),
    max_size=8,
)


@given(WORDS, st.sampled_from([" ", "  ", "\n", "\t ", " \r\n"]))
def test_spacing_and_case_do_not_change_the_text_digest(words, gap):
    text = " ".join(words)
    respaced = gap + gap.join(word.upper() for word in words) + gap
    assert rules.text_digest(respaced) == rules.text_digest(text.upper())
    assert rules.text_digest(text.upper().lower()) == rules.text_digest(text.upper())


def test_reuse_is_flagged_for_another_employee_or_period_but_not_for_links():
    own = rules.EvidenceUse("x", "file", 1, 10)
    uses = [
        own,
        rules.EvidenceUse("x", "file", 1, 11),
        rules.EvidenceUse("x", "file", 2, 10),
        rules.EvidenceUse("y", "file", 2, 10),
        rules.EvidenceUse("x", "text", 2, 10),
    ]
    assert rules.reused(own, uses) == uses[1:3]
    link = rules.EvidenceUse("x", "link", 1, 10)
    assert rules.reused(link, [rules.EvidenceUse("x", "link", 2, 10)]) == []


@given(
    st.lists(
        st.builds(
            version,
            pk=st.integers(1, 50),
            number=st.integers(1, 5),
            status=st.sampled_from(["draft", "set", "superseded", "closed", "returned"]),
            set_on=st.one_of(st.none(), st.dates(D(2026, 1, 1), D(2026, 12, 31))),
        ),
        max_size=6,
    )
)
def test_the_plan_in_force_is_always_a_set_version_covering_the_period(versions):
    chosen = rules.plan_in_force(versions, *Q2)
    if chosen is not None:
        assert chosen in versions
        assert chosen.set_on is not None and chosen.status in {"set", "superseded", "closed"}
    else:
        assert not any(v.set_on and v.status in {"set", "superseded", "closed"} for v in versions)
