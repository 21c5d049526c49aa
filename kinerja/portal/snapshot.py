"""The shape of a published version's figures (`PublicationVersion.snapshot`): the contract
between what a publication freezes (`services`) and what the portal, its downloads and the
public API show (`selectors`, `views`, `api`).

Everything here is public by construction: units and offices, never people. No employee or
complainant name, no NIP, no contact; an official appears by office, and by name only as a
signatory when the agency turns that on. A figure counted from people (respondents, complaints,
forum participants) below the agency's smallest group is withheld (`rules.suppress_table`):
its value is None and `suppressed` says why. Decimals are written as text ("87.50") so that the
published digits are exactly those computed; days as ISO text. Identifiers are the records'
own ids, stable across versions and periods.
"""

from __future__ import annotations

from typing import TypedDict

SCHEMA_VERSION = 1


class AgencyPart(TypedDict):
    code: str
    name: str
    region_name: str


class PeriodPart(TypedDict):
    kind: str  # month, quarter or year (rules.PeriodKind)
    number: int  # 1-12, 1-4 or 1
    year: int
    start: str  # first day, ISO
    end: str  # last day, ISO


class Signatory(TypedDict):
    office: str  # e.g. "Kepala Badan Kepegawaian dan Pengembangan Sumber Daya Manusia"
    name: str | None  # only when PortalSettings.show_signatory_names


class CategoryBand(TypedDict):
    """The year's LKjIP category bands the capaian are read against, as `iku` stores them
    (LkjipSettings.category_bands): from the lowest up, each from `lower` to the next band's."""

    label: str
    lower: str
    lower_inclusive: bool


class UnitPart(TypedDict):
    id: int
    name: str
    parent_id: int | None
    is_service_unit: bool
    head_office: str  # the unit head's post, never the holder
    capaian: str | None  # the unit's capaian (%) of the period, None without a result
    predikat: str | None  # the decided organisation predikat when the agency shows it


class GoalPart(TypedDict):
    id: int
    unit_id: int
    name: str
    capaian: str | None


class TrendPoint(TypedDict):
    label: str  # e.g. "2026 Q1"
    kind: str
    number: int
    year: int
    value: str | None


class IndicatorPart(TypedDict):
    id: int
    unit_id: int
    goal_id: int | None
    name: str
    unit_of_measure: str
    polarity: str  # higher or lower is better (iku PolarityChoice)
    target: str | None
    target_high: str | None  # the upper end of a range target
    realisation: str | None  # verified realisations only
    capaian: str | None
    trend: list[TrendPoint]  # the capaian of the earlier published-shaped periods of the year


class SatisfactionPart(TypedDict):
    unit_id: int
    service_id: int | None  # None: the whole unit
    service_name: str
    respondents: int | None  # None when suppressed
    ikm: str | None  # 25-100, two decimals
    grade: str | None  # A-D
    weakest: list[str]  # element keys (surveys.rules.Element), weakest first
    suppressed: str | None  # rules.Reason, None when shown
    trend: list[TrendPoint]  # the IKM of the earlier periods of the last two years


class ComplaintsPart(TypedDict):
    unit_id: int | None  # None: the whole agency
    received: int | None
    answered: int | None
    answered_on_time: int | None
    median_days: str | None
    suppressed: str | None


class ForumsPart(TypedDict):
    unit_id: int
    forums: int
    commitments: int
    done: int
    done_on_time: int


class Snapshot(TypedDict):
    schema: int  # SCHEMA_VERSION
    agency: AgencyPart
    period: PeriodPart
    minimum_group: int
    category_bands: list[CategoryBand]
    signatory: Signatory
    capaian: str | None  # the agency's own (its top unit's) capaian of the period
    units: list[UnitPart]
    goals: list[GoalPart]
    indicators: list[IndicatorPart]
    satisfaction: list[SatisfactionPart]
    complaints: list[ComplaintsPart]
    forums: list[ForumsPart]
