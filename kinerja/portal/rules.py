"""Pure rules of the public transparency portal: which figures are withheld so that nobody can
be recognised in them, the versions of a period's publication, and the days a period spans.

The portal publishes each unit's performance (indicators, the satisfaction survey, complaint
handling) and must not leak personal data (UU 27/2022 on personal data protection; UU 14/2008
on public information, Ps 17 huruf h, exempts information that reveals a person). A figure
computed from very few people tells the public something about those people: the satisfaction
index of a counter with two respondents is, near enough, their two answers. So a figure from
fewer than a configurable number of people (default 5) is suppressed, and so is any figure from
which a suppressed one could be recovered by subtraction (the practice of statistical offices:
primary and complementary, or secondary, cell suppression).

No Django and no database here. Counts are whole numbers of people; the caller gives the same
minimum to every function of one publication.
"""

from __future__ import annotations

import calendar
import datetime
import heapq
from collections import deque
from collections.abc import Collection, Hashable, Iterable, Mapping
from dataclasses import dataclass
from enum import Enum, StrEnum
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
R = TypeVar("R", bound=Hashable)
C = TypeVar("C", bound=Hashable)
V = TypeVar("V")

DEFAULT_MINIMUM_GROUP = 5


def _check_count(count, what: str = "a count") -> int:
    if isinstance(count, bool) or not isinstance(count, int):
        raise ValueError(f"{what} is a whole number of people, not {count!r}")
    if count < 0:
        raise ValueError(f"{what} is not negative, not {count}")
    return count


def _check_minimum(minimum) -> int:
    if isinstance(minimum, bool) or not isinstance(minimum, int) or minimum < 1:
        raise ValueError(f"the minimum group is a whole number from 1, not {minimum!r}")
    return minimum


# --- small groups ----------------------------------------------------------------------------


def is_small(count: int, minimum: int = DEFAULT_MINIMUM_GROUP) -> bool:
    """Whether a figure computed from `count` people is withheld because the group is small.

    A group of 1 to `minimum` - 1 people is small; a group of exactly `minimum` is shown, since
    the rule withholds figures from *fewer than* the minimum. A group of 0 people is not small:
    it has no figure at all (no mean, no rate), and an empty cell reveals nothing about any
    person, so it is shown as empty rather than suppressed. A minimum of 1 withholds nothing.
    """
    _check_minimum(minimum)
    _check_count(count)
    return 0 < count < minimum


def suppress(
    cells: Mapping[K, int], total: int | None, minimum: int = DEFAULT_MINIMUM_GROUP
) -> frozenset[K]:
    """The parts of a group to suppress: a total and the counts of people in its parts (a
    unit's respondents by sex, a regency and its units, a year and its quarters).

    Primary: every small part (`is_small`). Secondary: when the total is shown and exactly one
    part is suppressed, that part is the total minus the parts shown, so one more part is
    suppressed with it: the smallest non-zero part still shown (the first of equals in the
    mapping's order), which withholds the fewest people. A zero part is never used: it protects
    nothing, since a reader who knows the cell is empty subtracts it as easily. With two parts
    this leaves only the total. Two or more suppressed parts need nothing more: the reader
    learns their sum, not either of them (their sum may itself be small; the rule as adopted
    only asks that no single figure be recovered).

    `total` is None when the total is not published: then nothing can be recovered by
    subtraction and only the small parts are suppressed. A given total must be the sum of the
    parts (give every part, an "other" part for the rest), else the subtraction the rule guards
    against is not what the reader would do. The total is a figure too: the caller shows it
    only if it is not small itself; when it is small every non-zero part is small as well and
    already suppressed, so no complement is needed.
    """
    _check_minimum(minimum)
    counts = {key: _check_count(count) for key, count in cells.items()}
    hidden = {key for key, count in counts.items() if is_small(count, minimum)}
    if total is None:
        return frozenset(hidden)
    _check_count(total, "the total")
    if sum(counts.values()) != total:
        raise ValueError(f"the parts add up to {sum(counts.values())}, not to the total {total}")
    if is_small(total, minimum):
        return frozenset(hidden)
    if len(hidden) == 1:
        shown_parts = [key for key, count in counts.items() if count and key not in hidden]
        hidden.add(min(shown_parts, key=counts.__getitem__))
    return frozenset(hidden)


@dataclass(frozen=True)
class TableSuppression(Generic[R, C]):
    """What a two-way table withholds: inner cells by (row, column), row totals by row,
    column totals by column, and whether the grand total is withheld."""

    cells: frozenset[tuple[R, C]]
    row_totals: frozenset[R]
    column_totals: frozenset[C]
    grand_total: bool


def suppress_table(
    cells: Mapping[tuple[R, C], int], minimum: int = DEFAULT_MINIMUM_GROUP
) -> TableSuppression[R, C]:
    """What to withhold of a two-way table of counts of people (units by quarter, services by
    respondents' education) published with its row totals, column totals and grand total.

    Rows and columns come from the keys in the mapping's order; a (row, column) the mapping
    lacks has no people. The totals are computed here, so they add up, and are figures like the
    others: a small row total is suppressed too (its row's non-zero cells then are all small).

    The table with its margins is a grid in which every row and every column is a sum: its
    parts add up to its total. The suppression is the classic iterative one, a heuristic that
    withholds few people but is not proven minimal:

    1. primary: every small cell and total;
    2. a suppressed figure that is alone in a row or column (the margins included) is that
       line's total minus the rest, or its parts added up; more generally one that is the only
       link between two groups of suppressed figures is given away by adding the rows and
       subtracting the columns of one group. Such a figure gets a partner: a non-zero figure
       still shown that leads out of the smaller group (for a figure alone in its line, one of
       that line), preferring one that joins the other group (closing a cycle, along which the
       suppressed values can shift without changing any sum), then one whose crossing line
       already has a suppressed figure (it starts no new chain), then the smallest, then the
       first in the table;
    3. step 2 again until nothing changes.

    The result: no row or column shows exactly one suppressed figure, and no suppressed figure
    equals any sum and difference of the figures shown. Suppressed figures are never zero. It
    does not protect against bounds: a reader still knows a suppressed count is not negative.
    """
    _check_minimum(minimum)
    for key, count in cells.items():
        if not (isinstance(key, tuple) and len(key) == 2):
            raise ValueError(f"a cell of a two-way table is keyed (row, column), not {key!r}")
        _check_count(count)
    rows, columns, grid = _with_totals(cells)
    last_row, last_column = len(rows), len(columns)  # the index of the totals

    hidden = {position for position, count in grid.items() if is_small(count, minimum)}
    while (partner := _partner(grid, hidden)) is not None:
        hidden.add(partner)

    return TableSuppression(
        cells=frozenset(
            (rows[i], columns[j]) for i, j in hidden if i < last_row and j < last_column
        ),
        row_totals=frozenset(rows[i] for i, j in hidden if i < last_row and j == last_column),
        column_totals=frozenset(columns[j] for i, j in hidden if i == last_row and j < last_column),
        grand_total=(last_row, last_column) in hidden,
    )


_Position = tuple[int, int]


def _with_totals(cells: Mapping[tuple, int]) -> tuple[list, list, dict[_Position, int]]:
    """The rows and columns in the mapping's order, and every figure by (row index, column
    index), the totals at the index one past the last row or column (a missing cell is 0)."""
    rows = list(dict.fromkeys(row for row, _column in cells))
    columns = list(dict.fromkeys(column for _row, column in cells))
    last_row, last_column = len(rows), len(columns)
    grid = {
        (i, j): cells.get((row, column), 0)
        for i, row in enumerate(rows)
        for j, column in enumerate(columns)
    }
    for i in range(last_row):
        grid[i, last_column] = sum(grid[i, j] for j in range(last_column))
    for j in range(last_column + 1):
        grid[last_row, j] = sum(grid[i, j] for i in range(last_row))
    return rows, columns, grid


def _partner(grid: Mapping[_Position, int], hidden: set[_Position]) -> _Position | None:
    """The figure to suppress next, or None when no suppressed figure can be recovered.

    Each row and each column is a node, each figure the edge between its row and its column.
    A suppressed figure is recoverable exactly when its edge is a bridge of the graph of the
    suppressed figures: adding the rows and subtracting the columns on one side of it leaves it
    alone with shown figures, and those cannot all be zero since it is not. So the side always
    has a non-zero shown figure leading out of it.
    """
    touched = {("row", i) for i, _j in hidden} | {("column", j) for _i, j in hidden}
    for link in sorted(hidden):
        row_side = _reachable(("row", link[0]), hidden - {link})
        if ("column", link[1]) in row_side:
            continue  # on a cycle
        column_side = _reachable(("column", link[1]), hidden - {link})
        near, far = sorted((row_side, column_side), key=len)
        leaving = []
        for position, count in grid.items():
            ends = (("row", position[0]), ("column", position[1]))
            inside = [end in near for end in ends]
            if position in hidden or count == 0 or inside.count(True) != 1:
                continue
            outer = ends[inside.index(False)]
            leaving.append((outer not in far, outer not in touched, count, position))
        return min(leaving)[3]
    return None


def _reachable(start: tuple[str, int], edges: Collection[_Position]) -> set[tuple[str, int]]:
    """The rows and columns joined to `start` by the given figures."""
    neighbours: dict[tuple[str, int], list[tuple[str, int]]] = {}
    for i, j in edges:
        neighbours.setdefault(("row", i), []).append(("column", j))
        neighbours.setdefault(("column", j), []).append(("row", i))
    seen = {start}
    queue = deque([start])
    while queue:
        for other in neighbours.get(queue.popleft(), ()):
            if other not in seen:
                seen.add(other)
                queue.append(other)
    return seen


# --- the same people in several publications ---------------------------------------------


class Margin(Enum):
    """The whole of a line in a table over time: a part's year, a period's whole, the year's."""

    TOTAL = "total"


TOTAL = Margin.TOTAL


def suppress_over_time(
    cells: Mapping[tuple[R, C], int],
    minimum: int = DEFAULT_MINIMUM_GROUP,
    *,
    published: Mapping[tuple, bool] | None = None,
    deciding: Collection[tuple] = (),
) -> frozenset[tuple]:
    """The figures of this publication to withhold (`plan_over_time` says which and why)."""
    return plan_over_time(cells, minimum, published=published, deciding=deciding) & set(deciding)


def plan_over_time(
    cells: Mapping[tuple[R, C], int],
    minimum: int = DEFAULT_MINIMUM_GROUP,
    *,
    published: Mapping[tuple, bool] | None = None,
    deciding: Collection[tuple] = (),
) -> frozenset[tuple]:
    """What one publication withholds of the figures it shows (`deciding`) when the same people
    are counted in other publications too: a year and its quarters (or months), each published
    on its own, each with its parts (a unit's services, an agency's units) and its whole.

    The table: a row per part, a column per period of the year; (part, TOTAL) is the part's
    year, (TOTAL, period) the period's whole and (TOTAL, TOTAL) the year's. A period's
    publication shows its column with its whole; the year's shows the totals of the rows and
    the grand total. A reader holding all of them can add and subtract along rows as well as
    columns: the quarters of a service against its year, as the services of a quarter against
    the quarter's whole.

    `published` holds the figures already public, each True when it was withheld: they stay as
    they were. Every other figure is this publication's (`deciding`) or one still to come. The
    rules, as `suppress_table`'s: every small figure is withheld, the ones to come included (they
    will be). A withheld figure that could be recovered (a bridge of the graph whose nodes are
    the rows and columns and whose edges are the withheld figures) is joined into a cycle by
    a path of figures not yet published, never through an empty one: the path that withholds
    the fewest people of this publication, then the fewest people in all, then the fewest
    figures, then the first in the table's order. So a publication withholds for a group of
    another period only what that group cannot be protected without: the rest of the path runs
    through the publications to come, planned, not decided, and each of them finds its part of
    the path still open when its turn comes. A figure that no such path
    can protect (what was published before closed every way) is left as it is: nothing this
    publication withholds could help it. Answers every figure withheld: those published so,
    this publication's and those planned for the publications to come.
    """
    _check_minimum(minimum)
    published = dict(published or {})
    for key, count in cells.items():
        if not (isinstance(key, tuple) and len(key) == 2) or TOTAL in key:
            raise ValueError(f"a cell of the table is keyed (part, period), not {key!r}")
        _check_count(count)
    rows, columns, grid = _with_totals(cells)
    last_row, last_column = len(rows), len(columns)

    def key_of(position: _Position) -> tuple:
        i, j = position
        return (rows[i] if i < last_row else TOTAL, columns[j] if j < last_column else TOTAL)

    keys = {key_of(position): position for position in grid}
    for key in [*published, *deciding]:
        if key not in keys:
            raise ValueError(f"{key!r} is not a figure of the table")
    if set(published) & set(deciding):
        raise ValueError("a figure already published is not decided again")

    hidden = {
        position
        for position, count in grid.items()
        if published.get(key_of(position), is_small(count, minimum))
    }
    open_figures = {position for position in grid if key_of(position) not in published}
    own = {keys[key] for key in deciding}
    beyond_help: set[_Position] = set()
    while True:
        for link in sorted(hidden - beyond_help):
            if ("column", link[1]) in _reachable(("row", link[0]), hidden - {link}):
                continue  # on a cycle: not recoverable
            path = _cheapest_cycle(link, grid, hidden, open_figures, own)
            if path is None:
                beyond_help.add(link)
                continue
            hidden |= path
            break
        else:
            break
    return frozenset(key_of(p) for p in hidden)


def _cheapest_cycle(
    link: _Position,
    grid: Mapping[_Position, int],
    hidden: set[_Position],
    open_figures: set[_Position],
    own: set[_Position],
) -> frozenset[_Position] | None:
    """The figures to withhold so that `link` lies on a cycle of withheld figures: the path
    from its row to its column over withheld figures (free) and open non-empty ones, the one
    withholding the fewest people of this publication (`own`), then the fewest in all, then
    the fewest figures, then the first."""
    start, goal = ("row", link[0]), ("column", link[1])
    edges: dict[tuple[str, int], list[tuple[tuple[str, int], _Position]]] = {}
    for position, count in grid.items():
        if position == link or (
            position not in hidden and not (position in open_figures and count)
        ):
            continue
        row, column = ("row", position[0]), ("column", position[1])
        edges.setdefault(row, []).append((column, position))
        edges.setdefault(column, []).append((row, position))
    queue: list = [(0, 0, 0, (), start)]
    settled: set[tuple[str, int]] = set()
    while queue:
        own_people, people, figures, path, node = heapq.heappop(queue)
        if node == goal:
            return frozenset(p for p in path if p not in hidden)
        if node in settled:
            continue
        settled.add(node)
        for other, position in sorted(edges.get(node, ())):
            if other in settled:
                continue
            new = position not in hidden
            count = grid[position] if new else 0
            heapq.heappush(
                queue,
                (
                    own_people + (count if position in own else 0),
                    people + count,
                    figures + new,
                    (*path, position),
                    other,
                ),
            )
    return None


# --- what is shown ---------------------------------------------------------------------------


class Reason(StrEnum):
    """Why a figure is withheld; the page says it in the reader's language."""

    SMALL_GROUP = "small_group"  # fewer than the minimum number of people
    PROTECTS_ANOTHER = "protects_another"  # would give away a small group by subtraction


@dataclass(frozen=True)
class Suppressed:
    """Shown in place of a withheld figure."""

    reason: Reason


def shown(
    value: V, count: int, minimum: int = DEFAULT_MINIMUM_GROUP, *, protects_another: bool = False
) -> V | Suppressed:
    """What the portal shows for a figure `value` computed from `count` people: the value, or
    `Suppressed` with the reason. A small group wins over protecting another cell, because it
    is the reason that would hold on its own. A figure from 0 people is returned as it is (an
    empty mean is None, an empty count 0): nothing about anybody is in it.

    `protects_another` is whether the suppression (`suppress`, `suppress_table`) chose the
    figure's cell to protect another. Every figure computed from the same people (a unit's
    count of respondents, its index, its rate) follows the same cells: a mean can be recovered
    from the others and the counts just as a count can.
    """
    if is_small(count, minimum):
        return Suppressed(Reason.SMALL_GROUP)
    if protects_another:
        return Suppressed(Reason.PROTECTS_ANOTHER)
    return value


def shown_all(
    values: Mapping[K, V],
    counts: Mapping[K, int],
    suppressed: Collection[K],
    minimum: int = DEFAULT_MINIMUM_GROUP,
) -> dict[K, V | Suppressed]:
    """`shown` for each figure of a group or table, with the keys `suppress` (or the cells of
    `suppress_table`) withheld. Every key of `values` needs its count of people."""
    return {
        key: shown(value, counts[key], minimum, protects_another=key in suppressed)
        for key, value in values.items()
    }


# --- versions of a publication ---------------------------------------------------------------

FIRST_VERSION = 1


def _check_version(version) -> int:
    if isinstance(version, bool) or not isinstance(version, int) or version < FIRST_VERSION:
        raise ValueError(f"a version is a whole number from {FIRST_VERSION}, not {version!r}")
    return version


def next_version(existing_versions: Iterable[int]) -> int:
    """The number of a period's next version: one more than the highest it has (drafts
    included, so a number is never given twice), the first when it has none."""
    versions = [_check_version(version) for version in existing_versions]
    return max(versions) + 1 if versions else FIRST_VERSION


def is_correction(version: int) -> bool:
    """Every version after the first corrects a figure the public has already seen."""
    return _check_version(version) > FIRST_VERSION


def history(published_versions: Iterable[int]) -> tuple[int, ...]:
    """Every published version of a period, oldest first: a correction never hides what was
    published before it, so readers can see what changed."""
    versions = [_check_version(version) for version in published_versions]
    if len(set(versions)) != len(versions):
        raise ValueError("a version is published once")
    return tuple(sorted(versions))


def current_version(published_versions: Iterable[int]) -> int | None:
    """The version the portal shows: the highest published one; None before the first."""
    versions = history(published_versions)
    return versions[-1] if versions else None


class CorrectionProblem(StrEnum):
    """Why a correction request is refused, as codes for the page to translate."""

    NOTHING_PUBLISHED = "nothing_published"  # there is no published version to correct
    NOT_CURRENT = "not_current"  # another correction came first: look at it again
    REASON_REQUIRED = "reason_required"


def correction_problems(
    published_versions: Iterable[int], corrects: int, reason: str
) -> list[CorrectionProblem]:
    """Every problem of a request to correct a published period, empty when it may go ahead.

    `corrects` is the version the person looked at when asking: it must still be the current
    one, so two people correcting at once do not overwrite each other unseen. The reason is
    published beside the correction and may not be blank: a figure the public has seen changes
    only with an explanation.
    """
    current = current_version(published_versions)
    _check_version(corrects)
    problems = []
    if current is None:
        problems.append(CorrectionProblem.NOTHING_PUBLISHED)
    elif corrects != current:
        problems.append(CorrectionProblem.NOT_CURRENT)
    if not reason.strip():
        problems.append(CorrectionProblem.REASON_REQUIRED)
    return problems


class Blocker(StrEnum):
    """Why a period may not be published yet, as codes for the page to translate."""

    RECOMPUTATIONS_PENDING = "recomputations_pending"  # computed figures not yet final
    REALISATIONS_UNVERIFIED = "realisations_unverified"
    PREDIKAT_UNDECIDED = "predikat_undecided"  # an organisation's predikat not yet decided


def publication_blockers(
    pending_recomputations: int, unverified_count: int, undecided_count: int
) -> list[Blocker]:
    """Everything that stops a period from being published, empty when it may be.

    The portal publishes only final figures: a recomputation still waiting would change a
    figure after the public saw it, an unverified realisation is the unit's word alone, and an
    undecided predikat is not yet the organisation's result. Each count is of the period's
    included records.
    """
    blockers = []
    if _check_count(pending_recomputations, "pending recomputations") > 0:
        blockers.append(Blocker.RECOMPUTATIONS_PENDING)
    if _check_count(unverified_count, "unverified realisations") > 0:
        blockers.append(Blocker.REALISATIONS_UNVERIFIED)
    if _check_count(undecided_count, "undecided predikat") > 0:
        blockers.append(Blocker.PREDIKAT_UNDECIDED)
    return blockers


# --- periods ---------------------------------------------------------------------------------


class PeriodKind(StrEnum):
    """The same kinds as the performance calendar's periods (`iku` Period.kind)."""

    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"


PERIODS_IN_YEAR = {PeriodKind.MONTH: 12, PeriodKind.QUARTER: 4, PeriodKind.YEAR: 1}
MONTHS_IN = {PeriodKind.MONTH: 1, PeriodKind.QUARTER: 3, PeriodKind.YEAR: 12}


def period_span(kind: str, number: int, year: int) -> tuple[datetime.date, datetime.date]:
    """The first and last day of a period: month 1 to 12, quarter 1 to 4 (January to March is
    the first), and the year as number 1, as the performance calendar numbers them. Both days
    are included. Anything else is a ValueError saying what is allowed."""
    if kind not in PERIODS_IN_YEAR:
        raise ValueError(f"a period is a {', '.join(PeriodKind)}, not {kind!r}")
    kind = PeriodKind(kind)
    if isinstance(year, bool) or not isinstance(year, int):
        raise ValueError(f"a year is a whole number, not {year!r}")
    if not datetime.MINYEAR <= year <= datetime.MAXYEAR:
        raise ValueError(f"a year is {datetime.MINYEAR} to {datetime.MAXYEAR}, not {year}")
    count = PERIODS_IN_YEAR[kind]
    if isinstance(number, bool) or not isinstance(number, int) or not 1 <= number <= count:
        allowed = "number 1" if count == 1 else f"numbered 1 to {count}"
        raise ValueError(f"a {kind} is {allowed}, not {number!r}")
    last_month = number * MONTHS_IN[kind]
    first_month = last_month - MONTHS_IN[kind] + 1
    return (
        datetime.date(year, first_month, 1),
        datetime.date(year, last_month, calendar.monthrange(year, last_month)[1]),
    )
