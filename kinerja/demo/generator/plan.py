"""Turns the catalogue into an in-memory plan: units, positions and their seats, in tree order.

Nothing here touches the database; `build.py` writes the plan. All randomness comes from the
generator passed in, consumed in catalogue order, so a seed gives the same plan every time.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass, field

from kinerja.demo.generator import names
from kinerja.demo.generator.catalogue import JENJANG_LABELS, Division, Opd, Post, ServiceUnits, Size
from kinerja.demo.generator.structure import (
    KECAMATAN_DIVISIONS,
    KELURAHAN_POSTS,
    REGENCY_OPDS,
)
from kinerja.demo.generator.structure_province import PROVINCE_OPDS
from kinerja.org.models import SERVICE_UNIT_KINDS, PositionKind, UnitKind


@dataclass(eq=False)
class UnitNode:
    code: str
    name: str
    kind: str
    parent: UnitNode | None
    short_name: str = ""
    head: PostNode | None = None
    obj: object = None

    @property
    def depth(self) -> int:
        return 0 if self.parent is None else self.parent.depth + 1

    @property
    def is_service_unit(self) -> bool:
        return self.kind in SERVICE_UNIT_KINDS


@dataclass(eq=False)
class PostNode:
    unit: UnitNode
    code: str
    name: str
    kind: str
    parent: PostNode | None
    profile: str
    jenjang: str = ""
    education: str = ""
    seats: int = 1
    is_unit_head: bool = False
    obj: object = None

    @property
    def depth(self) -> int:
        return 0 if self.parent is None else self.parent.depth + 1

    @property
    def is_structural(self) -> bool:
        return self.kind not in {PositionKind.PELAKSANA, PositionKind.FUNGSIONAL}


@dataclass
class Plan:
    units: list[UnitNode] = field(default_factory=list)
    posts: list[PostNode] = field(default_factory=list)
    units_by_code: dict[str, UnitNode] = field(default_factory=dict)
    families: dict[str, list[UnitNode]] = field(default_factory=dict)  # "DISDIK.SD" -> schools


HEAD_PROFILES = {PositionKind.ADMINISTRATOR: "pimpinan", PositionKind.PENGAWAS: "pengawas"}


class Planner:
    def __init__(self, rng: random.Random, size: Size, *, region: str):
        self.rng = rng
        self.size = size
        self.region = region
        self.plan = Plan()
        self._post_counters: Counter[str] = Counter()
        self.places: list[str] = []
        self.more_places: list[str] = []  # for service units beyond one per kecamatan/region
        self._taken: set[str] = set()

    # --- entry point ---------------------------------------------------------------------

    def build(self) -> Plan:
        size = self.size
        if size.province:
            self.places = names.place_names(self.rng, size.regions, taken={self.region})
        else:
            others = names.place_names(self.rng, size.kecamatan - 1, taken={self.region})
            self.places = [self.region, *others]
        self.more_places = names.place_names(self.rng, 120, taken=set(self.places))
        self._taken = set(self.places) | set(self.more_places) | {self.region}
        catalogue = PROVINCE_OPDS if size.province else REGENCY_OPDS
        for opd in catalogue:
            if size.key == "small" and not opd.in_small:
                continue
            self._opd(opd)
        if not size.province:
            for index, place in enumerate(self.places):
                self._kecamatan(index, place)
        return self.plan

    # --- nodes ---------------------------------------------------------------------------

    def _unit(
        self, code: str, name: str, kind: str, parent: UnitNode | None, short_name: str = ""
    ) -> UnitNode:
        if code in self.plan.units_by_code:
            raise ValueError(f"duplicate unit code {code}")
        node = UnitNode(code=code, name=name, kind=kind, parent=parent, short_name=short_name)
        self.plan.units.append(node)
        self.plan.units_by_code[code] = node
        return node

    def _post(
        self,
        unit: UnitNode,
        name: str,
        kind: str,
        parent: PostNode | None,
        *,
        profile: str,
        jenjang: str = "",
        education: str = "",
        seats: int = 1,
        head: bool = False,
    ) -> PostNode:
        root = unit
        while root.parent is not None:
            root = root.parent
        self._post_counters[root.code] += 1
        node = PostNode(
            unit=unit,
            code=f"{root.code}-{self._post_counters[root.code]:05d}",
            name=name,
            kind=kind,
            parent=parent,
            profile=profile,
            jenjang=jenjang,
            education=education,
            seats=seats,
            is_unit_head=head,
        )
        if head:
            unit.head = node
        self.plan.posts.append(node)
        return node

    def _seats(self, base: float, jitter: float) -> int:
        value = base * self.rng.uniform(1 - jitter, 1 + jitter)
        whole = int(value)
        return whole + (1 if self.rng.random() < value - whole else 0)

    def _staff(
        self,
        unit: UnitNode,
        posts: tuple[Post, ...],
        parent: PostNode | None,
        factor: float,
        jitter: float = 0.25,
    ) -> None:
        """Staff posts of a unit; every unit with posts gets at least one person."""
        seats = [self._seats(post.seats * factor, jitter) for post in posts]
        if posts and not any(seats):
            seats[0] = 1
        for post, count in zip(posts, seats, strict=True):
            if not count:
                continue
            if post.kind == PositionKind.PELAKSANA:
                self._post(
                    unit,
                    post.name,
                    post.kind,
                    parent,
                    profile=post.profile,
                    education=post.education,
                    seats=count,
                )
                continue
            drawn = Counter(self.rng.choice(post.jenjang) for _ in range(count))
            for jenjang in dict.fromkeys(post.jenjang):
                if drawn[jenjang]:
                    self._post(
                        unit,
                        f"{post.name} {JENJANG_LABELS[jenjang]}",
                        post.kind,
                        parent,
                        profile=post.profile,
                        jenjang=jenjang,
                        seats=drawn[jenjang],
                    )

    # --- OPDs ----------------------------------------------------------------------------

    def _divisions(self, opd: Opd) -> tuple[Division, ...]:
        if self.size.key != "small":
            return opd.divisions
        secretariats = [d for d in opd.divisions if d.kind == UnitKind.SEKRETARIAT]
        others = [d for d in opd.divisions if d.kind != UnitKind.SEKRETARIAT]
        return tuple(secretariats + others[: opd.divisions_in_small])

    def _opd(self, opd: Opd) -> None:
        unit = self._unit(opd.code, opd.name, opd.kind, None, opd.short_name)
        head = self._post(
            unit,
            opd.head,
            opd.head_kind,
            None,
            head=True,
            profile=opd.head_profile or opd.manager_profile or "pimpinan",
        )
        deputies = {
            d.code: self._post(unit, d.name, d.kind, head, profile="pimpinan") for d in opd.deputies
        }
        registry: dict[str, UnitNode] = {}
        for division in self._divisions(opd):
            parent_post = deputies.get(division.under, head)
            self._division(
                division, unit, parent_post, registry, self.size.staff, managers=opd.manager_profile
            )
        self._staff(unit, opd.posts, head, self.size.staff)
        for family in opd.services:
            self._service_family(opd, family, unit, registry)

    def _division(
        self,
        division: Division,
        parent_unit: UnitNode,
        parent_post: PostNode,
        registry: dict[str, UnitNode],
        factor: float,
        jitter: float = 0.25,
        *,
        managers: str = "",
    ) -> None:
        unit = self._unit(
            f"{parent_unit.code}.{division.code}", division.name, division.kind, parent_unit
        )
        registry.setdefault(division.code, unit)
        kind = division.head_position_kind
        profile = division.head_profile or managers or HEAD_PROFILES.get(kind, "pimpinan")
        head = self._post(unit, division.head_name, kind, parent_post, head=True, profile=profile)
        for child in division.children[: self.size.seksi_per_division]:
            self._division(child, unit, head, registry, factor, jitter, managers=managers)
        self._staff(unit, division.posts, head, factor, jitter)

    def _service_family(
        self, opd: Opd, family: ServiceUnits, opd_unit: UnitNode, registry: dict[str, UnitNode]
    ) -> None:
        count = family.count[self.size.index]
        hosts = self.plan.families.get(f"{opd.code}.{family.within}", []) if family.within else []
        members = self.plan.families.setdefault(f"{opd.code}.{family.code}", [])
        factor = self.size.service_staff * family.staff[self.size.index]
        for index in range(count):
            place_index = index % len(self.places)
            if family.numbered_per_place:
                place, number = self.places[place_index], index // len(self.places) + 1
            else:
                pool = self.places + self.more_places
                place, number = pool[index % len(pool)], index + 1
            text = {"n": number, "place": place, "region": self.region}
            name = family.name.format(**text)
            if hosts:
                host = hosts[place_index * len(hosts) // len(self.places)]
                parent_unit, parent_post = host, host.head
            else:
                anchor = registry.get(family.unit_under)
                parent_unit = anchor or opd_unit
                parent_post = (registry.get(family.under) or opd_unit).head
            width = 3 if count > 99 else 2
            unit = self._unit(
                f"{parent_unit.code}.{family.code}{index + 1:0{width}d}",
                name,
                family.kind,
                parent_unit,
            )
            members.append(unit)
            head = parent_post
            if family.head:
                head = self._post(
                    unit,
                    family.head.format(name=name, **text),
                    family.head_kind,
                    parent_post,
                    profile=family.head_profile,
                    jenjang=family.head_jenjang,
                    head=True,
                )
            local: dict[str, UnitNode] = {}
            for division in family.divisions:
                self._division(
                    division,
                    unit,
                    head,
                    local,
                    factor,
                    family.staff_jitter,
                    managers=opd.manager_profile,
                )
            self._staff(unit, family.posts, head, factor, family.staff_jitter)

    # --- kecamatan -----------------------------------------------------------------------

    def _kecamatan(self, index: int, place: str) -> None:
        code = f"KEC{index + 1:02d}"
        unit = self._unit(code, f"Kecamatan {place}", UnitKind.KECAMATAN, None, place)
        camat = self._post(
            unit,
            f"Camat {place}",
            PositionKind.ADMINISTRATOR,
            None,
            profile="pemerintahan",
            head=True,
        )
        divisions = KECAMATAN_DIVISIONS
        if self.size.key == "small":
            divisions = divisions[:2]
        registry: dict[str, UnitNode] = {}
        for division in divisions:
            self._division(
                division, unit, camat, registry, self.size.staff, managers="pemerintahan"
            )
        capital, others = self.size.kelurahan
        villages = names.place_names(self.rng, capital if index == 0 else others, taken=self._taken)
        self._taken.update(villages)
        for number, village in enumerate(villages, start=1):
            kelurahan = self._unit(
                f"{code}.KEL{number:02d}", f"Kelurahan {village}", UnitKind.KELURAHAN, unit, village
            )
            lurah = self._post(
                kelurahan,
                f"Lurah {village}",
                PositionKind.PENGAWAS,
                camat,
                profile="pemerintahan",
                head=True,
            )
            self._staff(kelurahan, KELURAHAN_POSTS, lurah, self.size.service_staff)


def build_plan(rng: random.Random, size: Size, *, region: str) -> Plan:
    return Planner(rng, size, region=region).build()
