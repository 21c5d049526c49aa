"""Figures Kinerja computes itself, which an indicator can take as its realisation.

An indicator of a service unit may measure what citizens said or how the unit answered them:
"IKM of Puskesmas X", "share of complaints answered within the deadline", "forum commitments
done on time". The apps that hold those data (surveys, complaints, forums) stand above iku, so
they register their figures here in their `AppConfig.ready`; iku stores the choice
(`IndicatorSource`) and writes each period's realisation from it
(`services.sources.realisation_compute`), marked computed and already verified.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Measured:
    """A source's figure for a span of days: the value (None when there is no figure, with the
    reason in `note`) and the counts behind it, kept with the realisation."""

    value: Decimal | None
    basis: dict = field(default_factory=dict)
    note: str = ""


@dataclass(frozen=True)
class SourceKind:
    """A figure an indicator can take: its key, its name, its unit of measure, how it is measured
    for a unit (and an option of it, such as one service) over a span of days, and where the
    data behind it are shown."""

    key: str
    label: object  # a lazy translation
    unit_of_measure: str
    measure: Callable[[object, int | None, datetime.date, datetime.date], Measured]
    options: Callable[[object], list[tuple[int, str]]] | None = None
    option_label: object = ""
    # (viewer, unit, option, start, end) -> the page of the data behind the figure, "" when
    # the viewer may not open it
    link: Callable[[object, object, int | None, datetime.date, datetime.date], str] | None = None
    service_units_only: bool = True
    describe: Callable[[dict], list[tuple[str, str]]] | None = None


_KINDS: dict[str, SourceKind] = {}


def register(kind: SourceKind) -> None:
    _KINDS[kind.key] = kind


def unregister(key: str) -> None:
    _KINDS.pop(key, None)


def get(key: str) -> SourceKind | None:
    return _KINDS.get(key)


def kinds() -> list[SourceKind]:
    return sorted(_KINDS.values(), key=lambda kind: kind.key)


def span_of(end: datetime.date, months: int) -> tuple[datetime.date, datetime.date]:
    """The days an indicator reporting every `months` months measures in the period ending on
    `end`: from the first day of the span's first month to `end`."""
    month_index = end.year * 12 + end.month - 1 - (months - 1)
    return datetime.date(month_index // 12, month_index % 12 + 1, 1), end


def source_label(key: str, option_name: str = "", unit_name: str = "") -> str:
    """A chosen source in words: "IKM (Poli Umum) — Puskesmas Sukamaju"."""
    kind = get(key)
    label = str(kind.label) if kind else key
    if option_name:
        label = f"{label} ({option_name})"
    return f"{label} — {unit_name}" if unit_name else label


VERIFIED = "verified"  # the status both realisation models give a computed figure


def apply_measured(realisation, *, key: str, measured: Measured, now, text_field: str) -> bool:
    """Put a source's figure on a realisation (an organisation indicator's or an RHK's; the
    caller saves it, records the version and audits): verified at once, by nobody, one version
    up. False, with only `computed_at` moved, when the figure, its note and its basis are
    unchanged. `text_field` names the realisation's note."""
    note = measured.note or ("" if measured.value is not None else _("No figure for this period."))
    changed = realisation.pk is None or (
        realisation.value,
        getattr(realisation, text_field),
        realisation.source_kind,
        realisation.source_basis,
    ) != (measured.value, note, key, measured.basis)
    realisation.computed_at = now
    if not changed:
        return False
    realisation.value = measured.value
    setattr(realisation, text_field, note)
    realisation.source_kind, realisation.source_basis = key, measured.basis
    realisation.status = VERIFIED
    realisation.version += 1
    realisation.verified_at = realisation.submitted_at = now
    realisation.first_submitted_at = realisation.first_submitted_at or now
    realisation.verified_by = None
    return True


def computed_reason(key: str, option_name: str, unit_name: str) -> str:
    """The recorded reason of a computed version."""
    return _("Computed by Kinerja from %(source)s.") % {
        "source": source_label(key, option_name, unit_name)
    }
