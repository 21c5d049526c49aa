"""Which agency a public page (no login) serves: one rule for every public page.

A public page shows the agency of the thing it shows when it shows one (a survey counter's
token, a published forum, a complaint's tracking code). Otherwise the address names the agency
by its code (`?instansi=<code>`); without it, the deployment's `KINERJA_PUBLIC_AGENCY`; without
that, the database's only agency. When several agencies exist and none is named, the visitor
chooses from the list, and the choice travels in the address so that every page can be linked.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings

from kinerja.core.queries import Prepared
from kinerja.org.models import Agency

AGENCY_PARAM = "instansi"
AGENCY_CODE_MAX = 40


@dataclass(frozen=True)
class PublicAgency:
    """The agency a public page serves, and the code its address carried ("" when none).
    `agency` is None when the visitor must choose; `query` keeps the choice on the next link."""

    agency: Agency | None
    code: str

    @property
    def query(self) -> str:
        return f"?{urlencode({AGENCY_PARAM: self.code})}" if self.code else ""


def public_agencies() -> list[Agency]:
    return list(Agency.objects.order_by("name"))


# Every public page asks it: compiled once.
_by_code = Prepared(lambda code: Agency.objects.filter(code=code).order_by("pk")[:1], code=str)


def public_agency(code: str = "") -> Agency | None:
    """The agency named by `code`, else the deployment's, else the only one; None when the code
    names no agency or when several exist and none is named."""
    code = code[:AGENCY_CODE_MAX] or getattr(settings, "PUBLIC_AGENCY", "")
    if code:
        found = _by_code(code=code)
        return found[0] if found else None
    agencies = list(Agency.objects.order_by("pk")[:2])
    return agencies[0] if len(agencies) == 1 else None


def public_agency_of(params) -> PublicAgency:
    """The agency of a public address's query (`request.GET`)."""
    code = str(params.get(AGENCY_PARAM, ""))[:AGENCY_CODE_MAX]
    return PublicAgency(agency=public_agency(code), code=code)
