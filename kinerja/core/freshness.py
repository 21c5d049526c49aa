"""Pages that gather many counts keep what they built a minute for the person who asked.

What the person changes shows at once: their latest audit event is part of the key, and every
service records one with its write, whichever server process served it. What others change
shows on refresh (``?refresh=1``) or within the minute; the page says when it was built.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache
from django.core.paginator import Paginator
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from kinerja.core.models import AuditEvent
from kinerja.core.queries import Prepared

KEEP_SECONDS = 60
REFRESH_PARAMETER = "refresh"

T = TypeVar("T")


# Asked by every kept page on every request: compiled once.
_latest_change = Prepared(
    lambda user_id: (
        AuditEvent.objects.filter(actor_id=user_id).order_by("-id").values_list("id", flat=True)[:1]
    ),
    user_id=int,
)


def latest_change_by(user_id: int | None) -> int:
    """The id of the user's latest recorded change, 0 if none (one index probe)."""
    if user_id is None:
        return 0
    found = _latest_change(user_id=user_id)
    return found[0] if found else 0


def wants_refresh(request) -> bool:
    return REFRESH_PARAMETER in request.GET


def kept(
    viewer, name: str, parts: tuple, build: Callable[[], T], *, refresh: bool = False
) -> tuple[T, datetime.datetime]:
    """What `build` returns and when it was built: from the cache when this person asked for
    the same `parts` of `name` within the minute and has changed nothing since."""
    user_id = getattr(viewer.user, "pk", None)
    key = ":".join(
        (
            name,
            str(user_id),
            str(latest_change_by(user_id)),
            viewer.today.isoformat(),
            get_language() or "",
            *(str(part) for part in parts),
        )
    )
    found = None if refresh else cache.get(key)
    if found is None:
        found = (build(), timezone.localtime())
        cache.set(key, found, KEEP_SECONDS)
    return found


def kept_for_request(request, name: str, build: Callable[[], T]) -> tuple[T, datetime.datetime]:
    """`kept` for a page: its path and query (without ``refresh``) name what was built."""
    query = request.GET.copy()
    query.pop(REFRESH_PARAMETER, None)
    return kept(
        request.viewer,
        name,
        (request.path, query.urlencode()),
        build,
        refresh=wants_refresh(request),
    )


def kept_html(request, name: str, template: str, build_context: Callable[[], dict]) -> str:
    """A page's body rendered from `template` and kept a minute; the body can show when it was
    built and a refresh link with ``{% include "_freshness.html" %}``."""

    def build() -> str:
        context = build_context()
        context["built_at"] = timezone.localtime()
        context["refresh_url"] = refresh_url(request)
        return render_to_string(template, context, request)

    html, _built_at = kept_for_request(request, name, build)
    return mark_safe(html)  # rendered by our own template, which escaped what it printed


def refresh_url(request) -> str:
    """This page with its filters, built anew."""
    query = request.GET.copy()
    query[REFRESH_PARAMETER] = "1"
    return f"{request.path}?{query.urlencode()}"


class KeptCountPaginator(Paginator):
    """A paginator that counts its list at most once a minute per person and filter: counting a
    province's whole trail or the employees of a large unit took longer than the rest of the
    page. The rows of the page are always read fresh; a new row is counted within the minute,
    or at once on ``?refresh=1``."""

    def __init__(self, rows, per_page, *, request):
        super().__init__(rows, per_page)
        self.request = request

    @cached_property
    def count(self) -> int:
        query = self.request.GET.copy()
        query.pop("page", None)
        query.pop(REFRESH_PARAMETER, None)
        count, _built_at = kept(
            self.request.viewer,
            f"count:{self.request.path}",
            (query.urlencode(),),
            lambda: self.object_list.count(),
            refresh=wants_refresh(self.request),
        )
        return count
