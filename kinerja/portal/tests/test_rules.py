"""The portal's rules: small groups withheld so that no suppressed figure survives subtraction,
the versions of a publication, what stops one, and the days a period spans."""

import datetime
import itertools
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kinerja.portal import rules
from kinerja.portal.rules import Blocker, CorrectionProblem, Reason, Suppressed

D = datetime.date

# --- small groups ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("count", "small"), [(0, False), (1, True), (4, True), (5, False), (6, False), (500, False)]
)
def test_fewer_than_five_people_is_small_by_default_and_nobody_is_not(count, small):
    assert rules.DEFAULT_MINIMUM_GROUP == 5
    assert rules.is_small(count) is small


@pytest.mark.parametrize(
    ("minimum", "count", "small"),
    [
        (3, 0, False),
        (3, 1, True),
        (3, 2, True),
        (3, 3, False),
        (3, 4, False),
        (10, 0, False),
        (10, 1, True),
        (10, 9, True),
        (10, 10, False),
        (10, 11, False),
        (1, 1, False),  # a minimum of 1 withholds nothing
        (2, 1, True),
    ],
)
def test_the_minimum_is_shown_and_one_fewer_is_small_whatever_the_minimum(minimum, count, small):
    assert rules.is_small(count, minimum) is small


@pytest.mark.parametrize("count", [-1, 2.0, "3", True, None])
def test_a_count_that_is_not_a_number_of_people_is_refused(count):
    with pytest.raises(ValueError):
        rules.is_small(count)


@pytest.mark.parametrize("minimum", [0, -5, 5.0, True, None])
def test_a_minimum_below_one_or_not_whole_is_refused(minimum):
    with pytest.raises(ValueError):
        rules.is_small(3, minimum)


# --- a total and its parts -------------------------------------------------------------------


def test_one_small_part_takes_the_smallest_other_non_zero_part_with_it():
    # 3 women and 40 men of 43: the women are 43 - 40 unless the men go too.
    assert rules.suppress({"P": 3, "L": 40}, 43) == {"P", "L"}
    parts = {"a": 2, "b": 0, "c": 30, "d": 9, "e": 12}
    assert rules.suppress(parts, 53) == {"a", "d"}


def test_the_complement_is_never_a_zero_part_and_is_the_first_of_equal_ones():
    assert rules.suppress({"a": 0, "b": 4, "c": 0, "d": 8, "e": 8}, 20) == {"b", "d"}
    assert rules.suppress({"e": 8, "d": 8, "b": 4}, 20) == {"b", "e"}


def test_two_small_parts_need_nothing_more():
    assert rules.suppress({"a": 2, "b": 3, "c": 20}, 25) == {"a", "b"}
    assert rules.suppress({"a": 1, "b": 1, "c": 1, "d": 20}, 23) == {"a", "b", "c"}


def test_a_part_of_exactly_the_minimum_is_shown_and_one_fewer_is_not():
    assert rules.suppress({"a": 5, "b": 5, "c": 5}, 15) == set()
    assert rules.suppress({"a": 4, "b": 5, "c": 6}, 15) == {"a", "b"}
    assert rules.suppress({"a": 3, "b": 3, "c": 4}, 10, minimum=3) == set()
    assert rules.suppress({"a": 2, "b": 3, "c": 4}, 9, minimum=3) == {"a", "b"}
    assert rules.suppress({"a": 9, "b": 10, "c": 11}, 30, minimum=10) == {"a", "b"}
    assert rules.suppress({"a": 10, "b": 10, "c": 11}, 31, minimum=10) == set()


def test_empty_parts_are_shown_as_empty_not_suppressed():
    assert rules.suppress({"a": 0, "b": 12, "c": 7}, 19) == set()
    assert rules.suppress({"a": 0, "b": 0}, 0) == set()


def test_without_a_shown_total_only_the_small_parts_go():
    assert rules.suppress({"a": 3, "b": 40}, None) == {"a"}
    assert rules.suppress({"a": 3, "b": 0, "c": 5}, None, minimum=4) == {"a"}


def test_a_small_total_is_withheld_itself_so_its_only_part_needs_no_partner():
    assert rules.suppress({"a": 3, "b": 0}, 3) == {"a"}
    assert rules.suppress({"a": 1, "b": 2}, 3) == {"a", "b"}
    assert rules.is_small(3)


def test_parts_that_do_not_add_up_to_the_total_are_refused():
    with pytest.raises(ValueError):
        rules.suppress({"a": 3, "b": 40}, 44)
    with pytest.raises(ValueError):
        rules.suppress({"a": 3, "b": 40}, 42)
    with pytest.raises(ValueError):
        rules.suppress({"a": -1, "b": 6}, 5)


GROUPS = st.lists(st.integers(min_value=0, max_value=14), min_size=1, max_size=7)


@given(GROUPS, st.integers(min_value=1, max_value=10), st.booleans())
def test_no_part_of_a_group_is_its_total_minus_the_shown_parts(counts, minimum, with_total):
    parts = dict(enumerate(counts))
    total = sum(counts) if with_total else None
    hidden = rules.suppress(parts, total, minimum)
    small = {key for key, count in parts.items() if rules.is_small(count, minimum)}
    assert small <= hidden  # every small part goes
    assert all(parts[key] > 0 for key in hidden)  # never an empty one
    assert len(hidden - small) <= (1 if with_total else 0)  # at most one partner
    total_shown = with_total and not rules.is_small(sum(counts), minimum)
    if total_shown:
        assert len(hidden) != 1


# --- a two-way table -------------------------------------------------------------------------


def table(rows: str, *lines: tuple[int, ...]) -> dict[tuple[str, str], int]:
    """Rows named by the letters of `rows`, columns q1, q2, ..."""
    return {
        (row, f"q{j + 1}"): count
        for row, line in zip(rows, lines, strict=True)
        for j, count in enumerate(line)
    }


def test_a_table_without_small_figures_withholds_nothing():
    result = rules.suppress_table(table("ab", (5, 9), (12, 5)))
    assert result == rules.TableSuppression(frozenset(), frozenset(), frozenset(), False)


def test_one_small_cell_spreads_along_its_row_and_column_until_each_has_two():
    #      q1  q2  q3 | 52, 80, 80
    # a     2  20  30
    # b    15  40  25
    # c    12  18  50
    result = rules.suppress_table(table("abc", (2, 20, 30), (15, 40, 25), (12, 18, 50)))
    assert result.cells == {("a", "q1"), ("a", "q2"), ("c", "q1"), ("c", "q2")}
    assert (result.row_totals, result.column_totals, result.grand_total) == (set(), set(), False)


def test_the_smallest_partner_is_taken_in_each_row_and_column():
    result = rules.suppress_table(table("abc", (2, 30, 20), (15, 40, 25), (12, 50, 18)))
    assert result.cells == {("a", "q1"), ("a", "q3"), ("c", "q1"), ("c", "q3")}


def test_a_cell_of_the_minimum_is_shown_and_one_fewer_is_not_in_a_table():
    assert rules.suppress_table(table("ab", (3, 9), (9, 9)), minimum=3).cells == set()
    assert rules.suppress_table(table("ab", (2, 9), (9, 9)), minimum=3).cells == {
        ("a", "q1"),
        ("a", "q2"),
        ("b", "q1"),
        ("b", "q2"),
    }
    assert rules.suppress_table(table("ab", (10, 20), (20, 20)), minimum=10).cells == set()


def test_a_partner_whose_column_already_has_a_suppressed_cell_goes_before_a_smaller_one():
    # a's partner could be q2 (10) or q3 (20); q3 already holds b's small cell, so taking it
    # starts no new chain, and four cells are withheld where the smaller one would cost six.
    result = rules.suppress_table(table("ab", (3, 10, 20), (30, 40, 2)))
    assert result.cells == {("a", "q1"), ("a", "q3"), ("b", "q1"), ("b", "q3")}
    assert (result.row_totals, result.column_totals, result.grand_total) == (set(), set(), False)


def test_among_partners_in_untouched_lines_the_smallest_goes_then_the_first():
    assert rules.suppress_table(table("ab", (3, 30, 20), (30, 40, 30))).cells == {
        ("a", "q1"),
        ("a", "q3"),
        ("b", "q1"),
        ("b", "q3"),
    }
    assert rules.suppress_table(table("ab", (3, 20, 20), (30, 40, 30))).cells == {
        ("a", "q1"),
        ("a", "q2"),
        ("b", "q1"),
        ("b", "q2"),
    }


def test_a_small_row_total_is_withheld_with_a_partner_among_the_row_totals():
    # Row a has 3 people: its total and its only cell are small. Row b's total partners it in
    # the column of row totals, and one of b's cells then partners b's total.
    result = rules.suppress_table({("a", "q1"): 3, ("b", "q1"): 9, ("b", "q2"): 30})
    assert result.row_totals == {"a", "b"}
    assert result.cells == {("a", "q1"), ("b", "q1")}
    assert result.column_totals == set() and not result.grand_total


def test_a_table_of_one_small_row_withholds_the_whole_line_and_its_grand_total():
    result = rules.suppress_table({("a", "q1"): 2, ("a", "q2"): 1})
    assert result.cells == {("a", "q1"), ("a", "q2")}
    assert result.row_totals == {"a"}
    assert result.column_totals == {"q1", "q2"}
    assert result.grand_total


def test_a_figure_linking_two_closed_groups_is_protected_too():
    # Two blocks of small cells (a,b x q1,q2 and c,d x q3,q4) each close their own rows and
    # columns; the small (a, q3) joins them, and rows a+b minus columns q1+q2 would give it
    # away. The smallest shown cell joining the blocks, (d, q2), goes with it.
    cells = table(
        "abcd",
        (1, 2, 3, 40, 50),
        (2, 1, 60, 70, 80),
        (90, 95, 1, 2, 55),
        (99, 8, 2, 1, 65),
    )
    before = {(r, q) for (r, q), count in cells.items() if count < 5}
    assert not _recovered(cells, before - {("a", "q3")}, set())  # each block alone is safe
    assert _recovered(cells, before, set()) == {("a", "q3")}
    result = rules.suppress_table(cells)
    assert result.cells == before | {("d", "q2")}
    assert not _recovered(cells, result.cells, result.row_totals)


def test_a_link_prefers_joining_the_two_groups_over_a_smaller_figure_elsewhere():
    # As above, with a third closed block (e, f x q5, q6). (a, q5) is 7 and its column already
    # holds suppressed cells, but taking it would leave (a, q3) recoverable through the third
    # block: the cell joining the first two blocks, (d, q2) at 30, is taken.
    cells = table(
        "abcdef",
        (1, 2, 3, 40, 7, 50, 60),
        (2, 1, 60, 70, 80, 85, 60),
        (90, 95, 1, 2, 55, 65, 60),
        (99, 30, 2, 1, 75, 88, 60),
        (41, 42, 43, 44, 1, 2, 60),
        (45, 46, 47, 48, 2, 1, 60),
    )
    result = rules.suppress_table(cells)
    before = {(r, q) for (r, q), count in cells.items() if count < 5}
    assert result.cells == before | {("d", "q2")}
    assert not _recovered(cells, result.cells, result.row_totals)


def test_a_tables_suppression_and_a_suppressed_marker_are_fixed_values():
    result = rules.suppress_table({("a", "q1"): 2, ("a", "q2"): 9})
    assert {result, Suppressed(Reason.SMALL_GROUP)}  # hashable: kept and compared as values
    with pytest.raises(AttributeError):
        result.grand_total = False


def test_missing_cells_have_nobody_and_an_empty_table_withholds_nothing():
    assert rules.suppress_table({("a", "q1"): 9, ("b", "q2"): 9}).cells == set()
    assert rules.suppress_table({}) == rules.TableSuppression(
        frozenset(), frozenset(), frozenset(), False
    )


@pytest.mark.parametrize(
    "cells", [{"a": 3}, {"ab": 3}, {("a",): 3}, {("a", "q1"): -1}, {("a", "q1"): 1.5}]
)
def test_a_table_refuses_keys_that_are_not_pairs_and_counts_that_are_not_people(cells):
    with pytest.raises(ValueError):
        rules.suppress_table(cells)


TOTAL = object()


def _margins(cells):
    """Every figure of the table with its margins, by (row or TOTAL, column or TOTAL)."""
    rows = list(dict.fromkeys(r for r, _ in cells))
    columns = list(dict.fromkeys(c for _, c in cells))
    grid = {(r, c): cells.get((r, c), 0) for r in rows for c in columns}
    for r in rows:
        grid[r, TOTAL] = sum(grid[r, c] for c in columns)
    for c in [*columns, TOTAL]:
        grid[TOTAL, c] = sum(grid[r, c] for r in rows)
    return rows, columns, grid


def _hidden_positions(cells, result_cells, row_totals, column_totals=(), grand=False):
    hidden = set(result_cells) | {(r, TOTAL) for r in row_totals}
    hidden |= {(TOTAL, c) for c in column_totals}
    if grand:
        hidden.add((TOTAL, TOTAL))
    return hidden


def _rank(matrix: list[list[Fraction]]) -> int:
    rows = [row[:] for row in matrix]
    rank = 0
    for column in range(len(rows[0]) if rows else 0):
        pivot = next((i for i in range(rank, len(rows)) if rows[i][column]), None)
        if pivot is None:
            continue
        rows[rank], rows[pivot] = rows[pivot], rows[rank]
        for i in range(len(rows)):
            if i != rank and rows[i][column]:
                factor = rows[i][column] / rows[rank][column]
                rows[i] = [a - factor * b for a, b in zip(rows[i], rows[rank], strict=True)]
        rank += 1
    return rank


def _recovered(cells, result_cells, row_totals, column_totals=(), grand=False):
    """The suppressed figures that some sum and difference of rows and columns gives exactly:
    those whose unit vector lies in the span of the table's equations over the unknowns."""
    rows, columns, _grid = _margins(cells)
    hidden = sorted(
        _hidden_positions(cells, result_cells, row_totals, column_totals, grand), key=repr
    )
    if not hidden:
        return set()
    index = {position: k for k, position in enumerate(hidden)}
    equations = []
    for r in [*rows, TOTAL]:
        line = [(r, c) for c in columns] + [(r, TOTAL)]
        equations.append(line)
    for c in [*columns, TOTAL]:
        line = [(r, c) for r in rows] + [(TOTAL, c)]
        equations.append(line)
    matrix = []
    for line in equations:
        row = [Fraction(0)] * len(hidden)
        for position in line[:-1]:
            if position in index:
                row[index[position]] += 1
        if line[-1] in index:
            row[index[line[-1]]] -= 1
        matrix.append(row)
    base = _rank(matrix)
    found = set()
    for position, k in index.items():
        unit = [Fraction(int(i == k)) for i in range(len(hidden))]
        if _rank([*matrix, unit]) == base:
            found.add(position)
    return found


TABLES = st.integers(min_value=1, max_value=4).flatmap(
    lambda width: st.lists(
        st.lists(st.one_of(st.integers(0, 6), st.integers(0, 40)), min_size=width, max_size=width),
        min_size=1,
        max_size=4,
    )
)


@given(TABLES, st.integers(min_value=1, max_value=10))
def test_after_suppression_no_figure_of_a_table_can_be_recovered(lines, minimum):
    cells = table("abcd"[: len(lines)], *lines)
    result = rules.suppress_table(cells, minimum)
    rows, columns, grid = _margins(cells)
    hidden = _hidden_positions(
        cells, result.cells, result.row_totals, result.column_totals, result.grand_total
    )
    # No row or column with a shown total holds exactly one suppressed (non-zero) figure...
    for r in [*rows, TOTAL]:
        if (r, TOTAL) not in hidden:
            assert sum((r, c) in hidden for c in columns) != 1
    for c in [*columns, TOTAL]:
        if (TOTAL, c) not in hidden:
            assert sum((r, c) in hidden for r in rows) != 1
    # ... and no sum and difference of whole rows and columns gives one away.
    assert not _recovered(
        cells, result.cells, result.row_totals, result.column_totals, result.grand_total
    )
    # Every small figure goes, no empty one does, and a figure of the minimum or more people
    # is withheld only to protect another.
    for position, count in grid.items():
        assert (position in hidden) >= rules.is_small(count, minimum)
        if count == 0:
            assert position not in hidden
    shown = rules.shown_all(cells, cells, result.cells, minimum)
    for key, figure in shown.items():
        if cells[key] >= minimum and key in result.cells:
            assert figure == Suppressed(Reason.PROTECTS_ANOTHER)
    if not any(rules.is_small(count, minimum) for count in grid.values()):
        assert not hidden


# --- what is shown ---------------------------------------------------------------------------


def test_a_figure_from_a_small_group_is_shown_as_suppressed_with_its_reason():
    assert rules.shown(Fraction(81), 4) == Suppressed(Reason.SMALL_GROUP)
    assert rules.shown(Fraction(81), 5) == Fraction(81)
    assert rules.shown(Fraction(81), 2, minimum=3) == Suppressed(Reason.SMALL_GROUP)
    assert rules.shown(Fraction(81), 3, minimum=3) == Fraction(81)


def test_a_partner_is_shown_as_protecting_another_unless_it_is_small_itself():
    assert rules.shown(40, 40, protects_another=True) == Suppressed(Reason.PROTECTS_ANOTHER)
    assert rules.shown(3, 3, protects_another=True) == Suppressed(Reason.SMALL_GROUP)
    assert rules.shown(40, 40, protects_another=False) == 40


def test_a_figure_from_nobody_is_shown_as_it_is():
    assert rules.shown(None, 0) is None
    assert rules.shown(0, 0, protects_another=False) == 0


def test_a_groups_figures_are_shown_with_the_suppression_of_their_counts():
    counts = {"P": 3, "L": 40, "X": 0}
    indexes = {"P": Fraction(90), "L": Fraction(80), "X": None}
    hidden = rules.suppress(counts, 43)
    assert rules.shown_all(indexes, counts, hidden) == {
        "P": Suppressed(Reason.SMALL_GROUP),
        "L": Suppressed(Reason.PROTECTS_ANOTHER),
        "X": None,
    }
    assert rules.shown_all(indexes, counts, rules.suppress(counts, 43, 3), 3) == indexes


# --- versions --------------------------------------------------------------------------------


def test_the_first_version_is_one_and_each_next_is_one_more_than_the_highest():
    assert rules.FIRST_VERSION == 1
    assert rules.next_version([]) == 1
    assert rules.next_version([1]) == 2
    assert rules.next_version([1, 3, 2]) == 4
    assert rules.next_version(iter([2])) == 3


def test_every_version_after_the_first_is_a_correction():
    assert rules.is_correction(1) is False
    assert rules.is_correction(2) is True
    assert rules.is_correction(7) is True


@pytest.mark.parametrize("version", [0, -1, 1.0, "2", True])
def test_a_version_is_a_whole_number_from_one(version):
    with pytest.raises(ValueError):
        rules.is_correction(version)
    with pytest.raises(ValueError):
        rules.next_version([1, version])


def test_the_history_is_every_published_version_oldest_first_and_the_current_the_highest():
    assert rules.history([3, 1, 2]) == (1, 2, 3)
    assert rules.history([]) == ()
    assert rules.current_version([2, 3, 1]) == 3
    assert rules.current_version([1]) == 1
    assert rules.current_version([]) is None
    with pytest.raises(ValueError):
        rules.history([1, 2, 2])


def test_a_correction_of_the_current_version_with_a_reason_may_go_ahead():
    assert rules.correction_problems([1, 2], 2, "Realisasi triwulan II salah ketik") == []
    assert rules.correction_problems([1], 1, "x") == []


@pytest.mark.parametrize("reason", ["", "   ", "\n\t"])
def test_a_correction_without_a_reason_is_refused(reason):
    assert rules.correction_problems([1], 1, reason) == [CorrectionProblem.REASON_REQUIRED]


def test_a_correction_of_an_older_version_or_of_nothing_is_refused():
    assert rules.correction_problems([1, 2], 1, "why") == [CorrectionProblem.NOT_CURRENT]
    assert rules.correction_problems([1, 2], 3, "why") == [CorrectionProblem.NOT_CURRENT]
    assert rules.correction_problems([], 1, "") == [
        CorrectionProblem.NOTHING_PUBLISHED,
        CorrectionProblem.REASON_REQUIRED,
    ]
    assert [str(p) for p in CorrectionProblem] == [
        "nothing_published",
        "not_current",
        "reason_required",
    ]


# --- what stops a publication ----------------------------------------------------------------


def test_a_period_with_nothing_pending_may_be_published():
    assert rules.publication_blockers(0, 0, 0) == []


@pytest.mark.parametrize(
    ("counts", "blockers"),
    [
        ((1, 0, 0), [Blocker.RECOMPUTATIONS_PENDING]),
        ((0, 1, 0), [Blocker.REALISATIONS_UNVERIFIED]),
        ((0, 0, 1), [Blocker.PREDIKAT_UNDECIDED]),
        (
            (3, 2, 5),
            [
                Blocker.RECOMPUTATIONS_PENDING,
                Blocker.REALISATIONS_UNVERIFIED,
                Blocker.PREDIKAT_UNDECIDED,
            ],
        ),
    ],
)
def test_each_thing_pending_blocks_the_publication_on_its_own(counts, blockers):
    assert rules.publication_blockers(*counts) == blockers


def test_the_blockers_are_codes_for_the_page_to_translate():
    assert [str(b) for b in Blocker] == [
        "recomputations_pending",
        "realisations_unverified",
        "predikat_undecided",
    ]
    assert [str(r) for r in Reason] == ["small_group", "protects_another"]


@pytest.mark.parametrize("counts", [(-1, 0, 0), (0, -1, 0), (0, 0, -1), (0.5, 0, 0)])
def test_negative_counts_of_pending_things_are_refused(counts):
    with pytest.raises(ValueError):
        rules.publication_blockers(*counts)


# --- periods ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "number", "year", "span"),
    [
        ("month", 1, 2025, (D(2025, 1, 1), D(2025, 1, 31))),
        ("month", 2, 2024, (D(2024, 2, 1), D(2024, 2, 29))),
        ("month", 2, 2025, (D(2025, 2, 1), D(2025, 2, 28))),
        ("month", 2, 1900, (D(1900, 2, 1), D(1900, 2, 28))),
        ("month", 2, 2000, (D(2000, 2, 1), D(2000, 2, 29))),
        ("month", 4, 2025, (D(2025, 4, 1), D(2025, 4, 30))),
        ("month", 12, 2025, (D(2025, 12, 1), D(2025, 12, 31))),
        ("quarter", 1, 2024, (D(2024, 1, 1), D(2024, 3, 31))),
        ("quarter", 2, 2025, (D(2025, 4, 1), D(2025, 6, 30))),
        ("quarter", 3, 2025, (D(2025, 7, 1), D(2025, 9, 30))),
        ("quarter", 4, 2025, (D(2025, 10, 1), D(2025, 12, 31))),
        ("year", 1, 2024, (D(2024, 1, 1), D(2024, 12, 31))),
        ("year", 1, 1, (D(1, 1, 1), D(1, 12, 31))),
        ("year", 1, 9999, (D(9999, 1, 1), D(9999, 12, 31))),
        (rules.PeriodKind.QUARTER, 1, 2025, (D(2025, 1, 1), D(2025, 3, 31))),
    ],
)
def test_a_period_spans_its_first_to_its_last_day(kind, number, year, span):
    assert rules.period_span(kind, number, year) == span


@pytest.mark.parametrize(
    ("kind", "number", "year", "message"),
    [
        ("month", 0, 2025, "a month is numbered 1 to 12, not 0"),
        ("month", 13, 2025, "a month is numbered 1 to 12, not 13"),
        ("quarter", 0, 2025, "a quarter is numbered 1 to 4, not 0"),
        ("quarter", 5, 2025, "a quarter is numbered 1 to 4, not 5"),
        ("year", 0, 2025, "a year is number 1, not 0"),
        ("year", 2, 2025, "a year is number 1, not 2"),
        ("month", True, 2025, "a month is numbered 1 to 12, not True"),
        ("month", 1.0, 2025, "a month is numbered 1 to 12, not 1.0"),
        ("week", 1, 2025, "a period is a month, quarter, year, not 'week'"),
        ("month", 1, 0, "a year is 1 to 9999, not 0"),
        ("month", 1, 10000, "a year is 1 to 9999, not 10000"),
        ("month", 1, "2025", "a year is a whole number, not '2025'"),
    ],
)
def test_a_period_that_does_not_exist_is_refused_saying_why(kind, number, year, message):
    with pytest.raises(ValueError) as refused:
        rules.period_span(kind, number, year)
    assert str(refused.value) == message


@given(
    st.sampled_from(list(rules.PeriodKind)),
    st.integers(min_value=1, max_value=9999),
)
def test_the_periods_of_a_year_tile_it_without_gap_or_overlap(kind, year):
    spans = [rules.period_span(kind, n, year) for n in range(1, rules.PERIODS_IN_YEAR[kind] + 1)]
    assert spans[0][0] == D(year, 1, 1)
    assert spans[-1][1] == D(year, 12, 31)
    for (_start, end), (start, _end) in itertools.pairwise(spans):
        assert start == end + datetime.timedelta(days=1)
