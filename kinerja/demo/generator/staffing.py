"""Puts people in the planned posts: current posts, earlier posts, acting officials, a delegation.

Rules kept here so that the history is one a real office could have:
- everyone holds exactly one running definitive post, which starts no earlier than the
  appointment month in their NIP;
- about one in seven has an earlier post (a transfer or a promotion) that ended the day before
  the current one started; a structural post has one holder at a time, so an earlier holder
  left it before the present holder arrived;
- a few structural posts are vacant and run by a Plt. who keeps their own post;
- at one school the principal (a functional teacher) is delegated as rater of its teachers.
"""

from __future__ import annotations

import datetime
import random
from collections import defaultdict
from dataclasses import dataclass, field

from kinerja.demo.generator.people import (
    PPPK_JENJANG,
    REFERENCE_DATE,
    PeopleFactory,
    Person,
    pppk_share,
)
from kinerja.demo.generator.plan import Plan, PostNode, UnitNode
from kinerja.org.models import AssignmentKind, AssignmentReason, Jenjang, PositionKind, UnitKind

D = datetime.date
DAY = datetime.timedelta(days=1)
HISTORY_SHARE = 0.2
RECENT_APPOINTMENT = D(2019, 1, 1)  # appointed since then: still in the first post
LAST_START = D(2025, 9, 30)
ACTING_FROM, ACTING_TO = D(2025, 1, 2), D(2025, 11, 3)
LOWER_KIND = {
    PositionKind.JPT_MADYA: {PositionKind.JPT_PRATAMA},
    PositionKind.JPT_PRATAMA: {PositionKind.ADMINISTRATOR},
    PositionKind.ADMINISTRATOR: {PositionKind.PENGAWAS},
}
JENJANG_ORDER = {j.value: i for i, j in enumerate(Jenjang)}
DECREE_CODES = {
    AssignmentReason.APPOINTMENT: "800.1.2.5",
    AssignmentReason.TRANSFER: "800.1.3.1",
    AssignmentReason.PROMOTION: "800.1.3.3",
    AssignmentReason.ACTING: "800.1.3.4",
}


@dataclass(eq=False)
class Stint:
    """One assignment: a post over a date range."""

    post: PostNode
    kind: str
    reason: str
    start: datetime.date
    end: datetime.date | None
    decree: str


@dataclass(eq=False)
class Member:
    person: Person
    post: PostNode
    current: Stint
    earlier: list[Stint] = field(default_factory=list)
    acting: list[Stint] = field(default_factory=list)
    obj: object = None


@dataclass
class Delegation:
    employee: Member
    supervisor: Member
    start: datetime.date
    reason: str


@dataclass
class Staffing:
    members: list[Member]
    holders: dict[PostNode, list[Member]]
    vacant: list[PostNode]
    delegations: list[Delegation]


class Staffer:
    def __init__(
        self,
        rng: random.Random,
        plan: Plan,
        people: PeopleFactory,
        *,
        hr_code: str,
        vacancies: int,
        protected: set[PostNode],
    ):
        self.rng = rng
        self.plan = plan
        self.people = people
        self.hr_code = hr_code
        self.vacancies = vacancies
        self.protected = protected
        self.holders: dict[PostNode, list[Member]] = defaultdict(list)
        self.members: list[Member] = []
        self.children: dict[PostNode, list[PostNode]] = defaultdict(list)
        for post in plan.posts:
            if post.parent is not None:
                self.children[post.parent].append(post)
        self.vacant: set[PostNode] = set()
        self._decrees: dict[int, int] = defaultdict(int)

    def staff(self) -> Staffing:
        self.vacant = self._choose_vacancies()
        for post in self.plan.posts:
            if post in self.vacant:
                continue
            for _seat in range(post.seats):
                self._fill(post)
        self._histories()
        vacant = [p for p in self.plan.posts if p in self.vacant]
        for post in vacant:
            self._appoint_acting(post)
        return Staffing(self.members, dict(self.holders), vacant, self._delegation())

    # --- helpers -------------------------------------------------------------------------

    def _date(self, low: datetime.date, high: datetime.date) -> datetime.date:
        if high <= low:
            return low
        return low + datetime.timedelta(days=self.rng.randint(0, (high - low).days))

    def _decree(self, reason: str, day: datetime.date) -> str:
        code = DECREE_CODES.get(reason)
        if code is None:
            return ""
        self._decrees[day.year] += 1
        return f"{code}/{self._decrees[day.year]:04d}/{self.hr_code}/{day.year}"

    def _stint(self, post, reason, start, end=None, kind=AssignmentKind.DEFINITIVE) -> Stint:
        return Stint(post, kind, reason, start, end, self._decree(reason, start))

    # --- vacancies and people ------------------------------------------------------------

    def _choose_vacancies(self) -> set[PostNode]:
        candidates = [p for p in self.plan.posts if p.is_structural and p not in self.protected]
        count = min(self.vacancies, len(candidates))
        return set(self.rng.sample(candidates, count))

    def _fill(self, post: PostNode) -> Member:
        share = pppk_share(post.profile)
        pppk = (
            share > 0
            and post.kind == PositionKind.FUNGSIONAL
            and not post.is_unit_head
            and post.jenjang in PPPK_JENJANG
            and self.rng.random() < share
        )
        person = self.people.person(
            kind=post.kind,
            jenjang=post.jenjang,
            profile=post.profile,
            education=post.education,
            pppk=pppk,
        )
        appointed = person.appointed
        if appointed >= RECENT_APPOINTMENT:
            stint = self._stint(post, AssignmentReason.APPOINTMENT, appointed)
        else:
            start = self._date(max(appointed, D(2016, 1, 1)), LAST_START)
            stint = self._stint(post, AssignmentReason.IMPORT, start)
        member = Member(person, post, stint)
        self.members.append(member)
        self.holders[post].append(member)
        return member

    # --- earlier posts -------------------------------------------------------------------

    def _histories(self) -> None:
        staff_by_profile: dict[str, list[PostNode]] = defaultdict(list)
        staff_by_root: dict[UnitNode, list[PostNode]] = defaultdict(list)
        lower: dict[str, list[PostNode]] = defaultdict(list)
        for post in self.plan.posts:
            if post.is_structural:
                if post not in self.vacant:
                    lower[post.kind].append(post)
            elif not post.is_unit_head:
                staff_by_profile[post.profile].append(post)
                staff_by_root[_root(post.unit)].append(post)
        used: set[PostNode] = set()
        locked: set[Member] = set()  # present holders of posts someone else left
        for member in self.members:
            person = member.person
            if member in locked or person.status != "pns" or person.appointed > D(2023, 6, 1):
                continue
            if self.rng.random() >= HISTORY_SHARE:
                continue
            earlier_start = max(person.appointed, self._date(D(2010, 1, 1), D(2020, 1, 1)))
            start = self._date(earlier_start + 365 * DAY, LAST_START)
            post = member.post
            if post.is_structural and post.kind in LOWER_KIND:
                previous = self._earlier_structural(post, start, lower, used)
                locked.update(self.holders.get(previous, []))
                reason = AssignmentReason.PROMOTION
            elif post.is_structural:  # pengawas: promoted from a staff post of the same OPD
                nearby = staff_by_root.get(_root(post.unit))
                previous = self.rng.choice(nearby) if nearby else None
                reason = AssignmentReason.PROMOTION
            else:
                previous = self._pick_other(staff_by_profile.get(post.profile, []), post)
                reason = self._staff_reason(previous, post)
            if previous is None:
                continue
            used.add(previous)
            first_reason = (
                AssignmentReason.APPOINTMENT
                if earlier_start == person.appointed
                else AssignmentReason.IMPORT
            )
            member.earlier.append(self._stint(previous, first_reason, earlier_start, start - DAY))
            member.current = self._stint(post, reason, start)

    def _earlier_structural(self, post, start, lower, used) -> PostNode | None:
        """A post one level down whose present holder (if any) arrived after `start`."""
        options = [p for k in LOWER_KIND[post.kind] for p in lower[k]]
        for _attempt in range(12):
            if not options:
                return None
            candidate = self.rng.choice(options)
            holders = self.holders.get(candidate, [])
            if candidate in used or candidate is post:
                continue
            if all(h.current.start >= start and not h.earlier for h in holders):
                return candidate
        return None

    def _pick_other(self, posts: list[PostNode], post: PostNode) -> PostNode | None:
        for _attempt in range(6):
            if not posts:
                return None
            candidate = self.rng.choice(posts)
            if candidate.unit is not post.unit:
                return candidate
        return None

    @staticmethod
    def _staff_reason(previous: PostNode | None, post: PostNode) -> str:
        if (
            previous is not None
            and previous.jenjang
            and post.jenjang
            and (JENJANG_ORDER[previous.jenjang] < JENJANG_ORDER[post.jenjang])
        ):
            return AssignmentReason.PROMOTION
        return AssignmentReason.TRANSFER

    # --- acting officials and delegation -------------------------------------------------

    def _appoint_acting(self, post: PostNode) -> None:
        """A Plt.: the holder of a structural post just below, else the superior."""
        below = [
            m
            for p in self.children.get(post, [])
            if p.is_structural
            for m in self.holders.get(p, [])
        ]
        candidates = below or list(self.holders.get(post.parent, []))
        if not candidates:
            return
        member = candidates[0]
        start = self._date(max(ACTING_FROM, member.current.start), ACTING_TO)
        member.acting.append(
            self._stint(post, AssignmentReason.ACTING, start, kind=AssignmentKind.PLT)
        )

    def _delegation(self) -> list[Delegation]:
        for unit in self.plan.units:
            if unit.kind != UnitKind.SEKOLAH or unit.head is None:
                continue
            principals = self.holders.get(unit.head, [])
            teachers = [
                m
                for p in self.children.get(unit.head, [])
                if p.unit is unit and p.kind == PositionKind.FUNGSIONAL
                for m in self.holders.get(p, [])
            ]
            if principals and teachers:
                reason = (
                    f"Delegasi penilaian kinerja guru kepada Kepala {unit.name} "
                    "(PermenPANRB 6/2022)"
                )
                start = D(REFERENCE_DATE.year - 1, 1, 2)
                return [Delegation(t, principals[0], start, reason) for t in teachers]
        return []


def _root(unit: UnitNode) -> UnitNode:
    while unit.parent is not None:
        unit = unit.parent
    return unit


def staff_plan(
    rng: random.Random,
    plan: Plan,
    people: PeopleFactory,
    *,
    hr_code: str,
    vacancies: int,
    protected: set[PostNode],
) -> Staffing:
    return Staffer(
        rng, plan, people, hr_code=hr_code, vacancies=vacancies, protected=protected
    ).staff()
