"""Demo SKP: every employee's plan for last year and this year, cascaded through real matrices.

Heads of OPD (JPT) plan from their unit's signed Perjanjian Kinerja plus a budget result; every
other employee receives one or two roles from their rater's indicators through the rater's
matriks peran hasil, and some add an additional result. Last year's plans are all set (a few in
a second version); this year's are mostly set, with a realistic share of drafts, plans in
dialogue, submitted, returned and late ones. Rows are bulk-inserted level by level so that an
RHK can point at its leader's RHK.
"""

from __future__ import annotations

import datetime
import random
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone

from kinerja.demo.generator import exemptions, iku
from kinerja.demo.generator.figures import BATCH
from kinerja.iku.models import AgreementLine, AgreementStatus, Indicator
from kinerja.org.models import RATER_KINDS
from kinerja.skp import rules
from kinerja.skp.berakhlak import CoreValue
from kinerja.skp.models import (
    ActionPlan,
    BehaviourExpectation,
    CommentKind,
    MatrixCell,
    ResultMatrix,
    Rhk,
    RhkIndicator,
    RhkSource,
    Skp,
    SkpComment,
    SkpStatus,
)

PERSPECTIVES = ["penerima_layanan", "proses_bisnis", "penguatan_internal"]

SPECIAL_EXPECTATIONS = {
    CoreValue.BERORIENTASI_PELAYANAN: "Menjawab pengaduan layanan paling lambat 3 hari kerja",
    CoreValue.AKUNTABEL: "Menjadi teladan dalam pelaporan gratifikasi dan antisuap",
    CoreValue.KOMPETEN: "Mengikuti minimal 20 JP pengembangan kompetensi",
    CoreValue.HARMONIS: "Menjaga suasana kerja yang saling menghargai di unit",
    CoreValue.LOYAL: "Menjaga kerahasiaan data pribadi masyarakat",
    CoreValue.ADAPTIF: "Mengusulkan satu inovasi perbaikan layanan",
    CoreValue.KOLABORATIF: "Aktif dalam tim lintas bidang",
}

ROLE_PHRASES = {
    "administrator": "Meningkatnya capaian {unit} dalam mendukung {leader}",
    "pengawas": "Terlaksananya kegiatan {unit} untuk {leader}",
    "fungsional": "Terlaksananya layanan {post} yang mendukung {leader}",
    "pelaksana": "Tersusunnya dokumen dan laporan {post} untuk {leader}",
}
INDICATOR_PHRASES = [
    ("kuantitas", "Jumlah dokumen {post} yang diselesaikan", "dokumen", (6, 24)),
    ("kualitas", "Persentase hasil kerja {post} yang sesuai standar", "%", (90, 100)),
    ("waktu", "Persentase pekerjaan {post} yang selesai tepat waktu", "%", (85, 100)),
    ("kuantitas", "Jumlah kegiatan {post} yang terlaksana", "kegiatan", (4, 12)),
]
# A role names its leader's result without the leader's own "in support of ..." tail.
CONNECTORS = (" dalam mendukung ", " yang mendukung ", " untuk ")
ADDITIONAL_RESULTS = [
    "Terlaksananya tugas sebagai anggota tim penyusun LKjIP",
    "Terlaksananya tugas sebagai panitia pengadaan barang dan jasa",
    "Terlaksananya tugas sebagai anggota tim reformasi birokrasi",
    "Terlaksananya tugas sebagai pengelola media sosial unit",
]


@dataclass
class _Person:
    member: object
    post: object
    depth: int
    rater: _Person | None = None
    plans: dict = field(default_factory=dict)  # year -> Skp


def seed_skp(
    agency, plan, staffing, anchors, *, seed: int, today: datetime.date, without_plan: bool = True
) -> dict:
    """Plans of last year and this year, and a few employees not subject to planning.

    `without_plan=False` keeps a plan for everyone (the small demo, whose checks expect one per
    employee): its exemptions then begin after this year's plans were set."""
    rng = random.Random(f"{seed}-skp")
    people = _people(staffing)
    exempt = exemptions.exempt_people(people, anchors, rng, without_plan=without_plan)
    head_label = agency.head_title + (f" ({agency.head_name})" if agency.head_name else "")
    pk_lines = _agreement_lines(agency)
    unit_indicators = _unit_indicators(agency)
    atasan = _anchor(people, staffing, anchors, "atasan")
    pegawai = _anchor(people, staffing, anchors, "pegawai")
    counts = defaultdict(int)
    for year in (today.year - 1, today.year):
        builder = _YearBuilder(
            agency, year, today, rng, head_label, pk_lines, unit_indicators, counts
        )
        current = year == today.year
        planning = [p for p in people if id(p) not in exempt] if current else people
        builder.build(planning, current=current, atasan=atasan, pegawai=pegawai)
    counts["exemptions"] = exemptions.record(exempt, people, anchors, rng, today)
    return dict(counts)


# --- who rates whom ---------------------------------------------------------------------------


def _people(staffing) -> list[_Person]:
    holder_of = {}
    for member in staffing.members:
        for stint in (member.current, *member.acting):
            if stint.end is None:
                holder_of.setdefault(stint.post, member)
    persons = {}
    for member in staffing.members:
        persons[id(member)] = _Person(member, member.post, 0)
    delegated = {id(d.employee): d.supervisor for d in staffing.delegations}
    for person in persons.values():
        supervisor = delegated.get(id(person.member))
        if supervisor is None:
            node = person.post.parent
            while node is not None:
                holder = holder_of.get(node)
                if holder is not None and holder is not person.member and node.kind in RATER_KINDS:
                    supervisor = holder
                    break
                node = node.parent
        person.rater = persons.get(id(supervisor)) if supervisor is not None else None
    for person in persons.values():
        person.depth = _rating_depth(person)
    return sorted(persons.values(), key=lambda p: (p.depth, p.post.code, p.member.obj.pk))


def _rating_depth(person) -> int:
    """Steps up the rating chain: a leader's plan is written before the plans under it."""
    depth, seen, node = 0, {id(person)}, person.rater
    while node is not None and id(node) not in seen:
        seen.add(id(node))
        depth, node = depth + 1, node.rater
    if node is not None:  # a delegation loop: break it at this person
        person.rater = None
        return 0
    return depth


def _anchor(people, staffing, anchors, key):
    post = anchors.posts.get(key)
    holders = staffing.holders.get(post) or []
    if not holders:
        return None
    return next((p for p in people if p.member is holders[0]), None)


def _agreement_lines(agency) -> dict:
    """(unit id, year) -> lines of the highest signed PK version."""
    lines = (
        AgreementLine.objects.filter(
            agreement__agency=agency, agreement__status=AgreementStatus.SIGNED
        )
        .select_related("agreement", "goal", "indicator")
        .order_by("agreement__unit_id", "agreement__year", "-agreement__version", "order")
    )
    result, versions = defaultdict(list), {}
    for line in lines:
        key = (line.agreement.unit_id, line.agreement.year)
        version = versions.setdefault(key, line.agreement.version)
        if line.agreement.version == version:
            result[key].append(line)
    return result


def _unit_indicators(agency) -> dict:
    result = defaultdict(list)
    for indicator in Indicator.objects.filter(agency=agency, is_active=True).select_related("goal"):
        result[indicator.goal.owner_unit_id].append(indicator)
    return result


# --- one year -----------------------------------------------------------------------------------


class _YearBuilder:
    def __init__(self, agency, year, today, rng, head_label, pk_lines, unit_indicators, counts):
        self.agency, self.year, self.today, self.rng = agency, year, today, rng
        self.head_label = head_label
        self.pk_lines, self.unit_indicators = pk_lines, unit_indicators
        self.counts = counts
        self.now = timezone.now()
        self.rhks: dict[int, list[Rhk]] = {}  # id(person) -> RHK of their plan
        self.indicators: dict[int, list[RhkIndicator]] = defaultdict(list)  # rhk key -> rows

    def build(self, people, *, current: bool, atasan, pegawai) -> None:
        statuses = self._statuses(people, current, atasan, pegawai)
        plans = [self._plan(person, statuses[id(person)]) for person in people]
        Skp.objects.bulk_create(plans, batch_size=BATCH)
        self.counts["skp"] += len(plans)
        for person, skp in zip(people, plans, strict=True):
            person.plans[self.year] = skp
        self._behaviours(plans)
        for depth in sorted({p.depth for p in people}):
            level = [p for p in people if p.depth == depth]
            self._results(level)
        self._matrices(people)
        if current:
            self._action_plans(people)
            self._comments(people)

    # statuses --------------------------------------------------------------------------------

    def _statuses(self, people, current, atasan, pegawai) -> dict:
        result = {}
        for person in people:
            if not current:
                result[id(person)] = SkpStatus.SET
                continue
            roll = self.rng.random()
            if roll < 0.84:
                status = SkpStatus.SET
            elif roll < 0.89:
                status = SkpStatus.DRAFT
            elif roll < 0.92:
                status = SkpStatus.DIALOGUE
            elif roll < 0.96:
                status = SkpStatus.SUBMITTED
            else:
                status = SkpStatus.RETURNED
            result[id(person)] = status
        if current:
            if pegawai is not None:
                result[id(pegawai)] = SkpStatus.RETURNED
            if atasan is not None:
                result[id(atasan)] = SkpStatus.SET
                subordinates = [p for p in people if p.rater is atasan and p is not pegawai]
                for person in subordinates[:2]:
                    result[id(person)] = SkpStatus.SUBMITTED
            # A leader's plan is set before the plans that intervene in it are submitted.
            for person in people:
                if result[id(person)] in {SkpStatus.SUBMITTED, SkpStatus.SET}:
                    leader = person.rater
                    while leader is not None and result[id(leader)] != SkpStatus.SET:
                        result[id(leader)] = SkpStatus.SET
                        leader = leader.rater
        return result

    def _moment(self, start: datetime.date, days: int) -> datetime.datetime:
        day = start + datetime.timedelta(days=self.rng.randint(0, days))
        moment = timezone.make_aware(
            datetime.datetime.combine(day, datetime.time(8 + self.rng.randint(0, 8)))
        )
        return min(moment, self.now)

    def _plan(self, person, status) -> Skp:
        post = person.post.obj
        member = person.member
        rater = person.rater
        superior = rater.rater if rater is not None else None
        form = rules.skp_form(
            post.kind, is_unit_head=post.is_unit_head, unit_kind=person.post.unit.kind
        )
        skp = Skp(
            agency=self.agency,
            employee=member.obj,
            year=self.year,
            status=status,
            form=form,
            position=post,
            unit=post.unit,
            start_date=datetime.date(self.year, 1, 1),
            end_date=datetime.date(self.year, 12, 31),
            rater=rater.member.obj if rater else None,
            rater_position=rater.post.obj if rater else None,
            rater_label=self._label(rater),
            rater_superior=superior.member.obj if superior else None,
            rater_superior_label=self._label(superior) if rater else "",
            resource_support=(
                "Dukungan anggaran kegiatan sesuai DPA, sarana kerja (komputer dan jaringan), "
                "serta bimbingan atasan langsung."
            ),
            accountability_scheme=(
                "Laporan capaian bulanan kepada atasan langsung disertai bukti dukung pada "
                "aplikasi Kinerja; evaluasi triwulanan dalam dialog kinerja."
            ),
            consequences=(
                "Capaian sesuai ekspektasi menjadi dasar pemberian TPP penuh dan rekomendasi "
                "pengembangan karier; di bawah ekspektasi diikuti bimbingan kinerja."
            ),
        )
        start = datetime.date(self.year, 1, 3)
        if status != SkpStatus.DRAFT:
            skp.dialogue_started_at = self._moment(start, 10)
        if status in {SkpStatus.SUBMITTED, SkpStatus.SET, SkpStatus.RETURNED}:
            skp.submitted_at = self._moment(datetime.date(self.year, 1, 14), 10)
        if status == SkpStatus.RETURNED:
            skp.returned_at = self._moment(datetime.date(self.year, 1, 25), 5)
        if status == SkpStatus.SET:
            late = self.rng.random() < 0.08 and superior is not None
            if late:
                skp.set_at = self._moment(datetime.date(self.year, 2, 3), 20)
                skp.set_by_role = "rater_superior"
            else:
                skp.set_at = self._moment(datetime.date(self.year, 1, 20), 11)
                skp.set_by_role = "rater"
        return skp

    def _label(self, person) -> str:
        if person is None:
            return self.head_label[:300]
        return f"{person.member.obj.full_name} ({person.post.name})"[:300]

    def _behaviours(self, plans) -> None:
        rows = []
        for skp in plans:
            chosen = set(self.rng.sample(CoreValue.values, k=self.rng.choice((0, 1, 1, 2))))
            rows.extend(
                BehaviourExpectation(
                    skp=skp,
                    value=value,
                    special_expectation=SPECIAL_EXPECTATIONS[value] if value in chosen else "",
                )
                for value in CoreValue.values
            )
        BehaviourExpectation.objects.bulk_create(rows, batch_size=BATCH)
        self.counts["behaviours"] += len(rows)

    # results -----------------------------------------------------------------------------------

    def _results(self, level) -> None:
        rhks, indicators = [], []
        for person in level:
            skp = person.plans[self.year]
            if skp.form == rules.FORM_JPT:
                made = self._jpt_results(person, skp)
            else:
                made = self._role_results(person, skp)
            self.rhks[id(person)] = [rhk for rhk, _rows in made]
            for rhk, rows in made:
                self.indicators[rhk.key] = rows
                rhks.append(rhk)
                indicators.extend(rows)
        Rhk.objects.bulk_create(rhks, batch_size=BATCH)
        for row in indicators:
            row.rhk = row.rhk  # the RHK now has its primary key
        RhkIndicator.objects.bulk_create(indicators, batch_size=BATCH)
        self.counts["rhk"] += len(rhks)
        self.counts["indicators"] += len(indicators)

    def _jpt_results(self, person, skp) -> list:
        lines = self.pk_lines.get((skp.unit_id, self.year), [])
        made = []
        for order, line in enumerate(lines[:6], start=1):
            rhk = Rhk(
                skp=skp,
                order=order,
                kind=rules.UTAMA,
                text=line.goal.statement,
                perspective=PERSPECTIVES[(order - 1) % len(PERSPECTIVES)],
                control_level="outcome",
                assigned_by_label=self.head_label[:300],
                iku_goal=line.goal,
                iku_indicator=line.indicator,
                source=RhkSource.AGREEMENT,
            )
            made.append(
                (
                    rhk,
                    [
                        RhkIndicator(
                            rhk=rhk,
                            text=line.indicator.name,
                            target_value=line.target,
                            target_high=line.target_high,
                            unit_of_measure=line.indicator.unit_of_measure,
                        )
                    ],
                )
            )
        if not made:
            for order, indicator in enumerate(self.unit_indicators.get(skp.unit_id, [])[:3], 1):
                rhk = Rhk(
                    skp=skp,
                    order=order,
                    kind=rules.UTAMA,
                    text=indicator.goal.statement,
                    perspective=PERSPECTIVES[(order - 1) % len(PERSPECTIVES)],
                    control_level="outcome",
                    assigned_by_label=self.head_label[:300],
                    iku_goal=indicator.goal,
                    iku_indicator=indicator,
                    source=RhkSource.MANUAL,
                )
                made.append((rhk, [self._indicator(rhk, person, 0)]))
        budget = Rhk(
            skp=skp,
            order=len(made) + 1,
            kind=rules.UTAMA,
            text=f"Terwujudnya pengelolaan anggaran {person.post.unit.name} yang akuntabel",
            perspective=rules.BUDGET_PERSPECTIVE,
            control_level="output_sedang",
            assigned_by_label=self.head_label[:300],
        )
        made.append(
            (
                budget,
                [
                    RhkIndicator(
                        rhk=budget,
                        text="Persentase realisasi anggaran",
                        target_value=Decimal(95),
                        unit_of_measure="%",
                    )
                ],
            )
        )
        return made

    def _role_results(self, person, skp) -> list:
        made = []
        leader_rhks = [
            rhk
            for rhk in (self.rhks.get(id(person.rater), []) if person.rater else [])
            if rhk.kind == rules.UTAMA
        ]
        if leader_rhks:
            count = min(len(leader_rhks), self.rng.choice((1, 2, 2, 3)))
            for order, leader in enumerate(self.rng.sample(leader_rhks, count), start=1):
                leader_indicator = next(iter(self.indicators.get(leader.key, [])), None)
                rhk = Rhk(
                    skp=skp,
                    order=order,
                    kind=rules.UTAMA,
                    text=self._role_text(person, leader.text),
                    intervened_rhk=leader,
                    intervened_indicator=leader_indicator,
                    source=RhkSource.MATRIX,
                )
                made.append((rhk, self._indicators(rhk, person)))
        else:
            indicators = self._own_unit_indicators(person)
            for order, indicator in enumerate(indicators[:2], start=1):
                rhk = Rhk(
                    skp=skp,
                    order=order,
                    kind=rules.UTAMA,
                    text=self._role_text(person, indicator.goal.statement),
                    iku_goal=indicator.goal,
                    iku_indicator=indicator,
                )
                made.append((rhk, self._indicators(rhk, person)))
        if self.rng.random() < 0.3 or not made:
            rhk = Rhk(
                skp=skp,
                order=len(made) + 1,
                kind=rules.TAMBAHAN if made else rules.UTAMA,
                text=self.rng.choice(ADDITIONAL_RESULTS),
            )
            made.append((rhk, [self._indicator(rhk, person, 3)]))
        return made

    def _own_unit_indicators(self, person) -> list:
        node = person.post.unit
        while node is not None:
            found = self.unit_indicators.get(node.obj.pk)
            if found:
                return found
            node = node.parent
        return []

    def _role_text(self, person, leader_text: str) -> str:
        phrase = ROLE_PHRASES.get(person.post.kind, ROLE_PHRASES["pelaksana"])
        for connector in CONNECTORS:
            leader_text = leader_text.split(connector)[0]
        leader = leader_text[0].lower() + leader_text[1:] if leader_text else ""
        text = phrase.format(
            unit=person.post.unit.short_name or person.post.unit.name,
            post=person.post.name.lower(),
            leader=leader,
        )
        return text[:1000]

    def _indicators(self, rhk, person) -> list:
        first = self.rng.randrange(len(INDICATOR_PHRASES))
        rows = [self._indicator(rhk, person, first)]
        if self.rng.random() < 0.4:
            rows.append(self._indicator(rhk, person, (first + 1) % len(INDICATOR_PHRASES), 2))
        return rows

    def _indicator(self, rhk, person, index: int, order: int = 1) -> RhkIndicator:
        aspect, text, unit, (low, high) = INDICATOR_PHRASES[index]
        row = RhkIndicator(
            rhk=rhk,
            order=order,
            aspect=aspect,
            text=text.format(post=person.post.name.lower())[:1000],
            target_value=Decimal(self.rng.randint(low, high)),
            unit_of_measure=unit,
        )
        return row

    # matrices, actions, comments ---------------------------------------------------------------

    def _matrices(self, people) -> None:
        teams = defaultdict(list)
        for person in people:
            if person.rater is not None:
                teams[id(person.rater)].append(person)
        by_id = {id(p): p for p in people}
        matrices, cells = [], []
        for leader_id, members in teams.items():
            leader = by_id[leader_id]
            columns = [
                row for rhk in self.rhks.get(leader_id, []) for row in self.indicators[rhk.key][:1]
            ]
            if not columns:
                continue
            matrix = ResultMatrix(
                agency=self.agency,
                year=self.year,
                leader=leader.member.obj,
                leader_position=leader.post.obj,
            )
            matrices.append(matrix)
            for member in members:
                roles = {
                    rhk.intervened_indicator.key: rhk
                    for rhk in self.rhks.get(id(member), [])
                    if rhk.intervened_indicator is not None
                }
                for column in columns:
                    rhk = roles.get(column.key)
                    cells.append(
                        MatrixCell(
                            matrix=matrix,
                            leader_indicator_key=column.key,
                            employee=member.member.obj,
                            role_text=rhk.text if rhk else "",
                            no_role=rhk is None,
                            kind=rules.UTAMA,
                            rhk_key=rhk.key if rhk else uuid.uuid4(),
                        )
                    )
        ResultMatrix.objects.bulk_create(matrices, batch_size=BATCH)
        for cell in cells:
            cell.matrix = cell.matrix
        MatrixCell.objects.bulk_create(cells, batch_size=BATCH)
        self.counts["matrices"] += len(matrices)
        self.counts["matrix_cells"] += len(cells)

    def _action_plans(self, people) -> None:
        rows, periods = [], iku.quarter_end_periods(self.agency, self.year)
        for person in people:
            for rhk in self.rhks.get(id(person), [])[:1]:
                for quarter, period in enumerate(periods, start=1):
                    rows.append(
                        ActionPlan(
                            rhk=rhk,
                            period=period,
                            text=f"Pelaksanaan dan pelaporan triwulan {quarter}",
                            target=f"{25 * quarter}% target tahunan",
                        )
                    )
        ActionPlan.objects.bulk_create(rows, batch_size=BATCH)
        self.counts["action_plans"] += len(rows)

    def _comments(self, people) -> None:
        rows = []
        for person in people:
            skp = person.plans[self.year]
            if skp.status != SkpStatus.RETURNED:
                continue
            first = next(iter(self.rhks.get(id(person), [])), None)
            rows.append(
                SkpComment(
                    skp=skp,
                    author=None,
                    author_label=skp.rater_label,
                    kind=CommentKind.RETURN,
                    text="Target kuantitas terlalu rendah dibanding tahun lalu; mohon disesuaikan.",
                )
            )
            if first is not None:
                rows.append(
                    SkpComment(
                        skp=skp,
                        rhk=first,
                        author=None,
                        author_label=skp.rater_label,
                        kind=CommentKind.RETURN,
                        text="Perjelas keterkaitan dengan indikator atasan.",
                    )
                )
        SkpComment.objects.bulk_create(rows, batch_size=BATCH)
        self.counts["comments"] += len(rows)
