from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils.functional import cached_property

from kinerja.audit import display, selectors
from kinerja.audit.forms import AuditFilterForm
from kinerja.core import freshness

EVENTS_PER_PAGE = 50


class KeptCountPaginator(Paginator):
    """Counts the trail at most once a minute per reader and filter (kinerja.core.freshness):
    counting every event of a province's trail took longer than the rest of the page. The
    events themselves are always read fresh."""

    def __init__(self, events, per_page, *, request):
        super().__init__(events, per_page)
        self.request = request

    @cached_property
    def count(self) -> int:
        query = self.request.GET.copy()
        query.pop("page", None)
        query.pop(freshness.REFRESH_PARAMETER, None)
        count, _built_at = freshness.kept(
            self.request.viewer,
            "audit-count",
            (query.urlencode(),),
            lambda: self.object_list.count(),
            refresh=freshness.wants_refresh(self.request),
        )
        return count


def _require_audit_reader(viewer):
    if not viewer.can_view_audit:
        raise PermissionDenied


@login_required
def audit_list_view(request):
    viewer = request.viewer
    _require_audit_reader(viewer)
    form = AuditFilterForm(
        request.GET or None,
        actions=selectors.audit_action_choices(viewer),
        object_types=selectors.audit_object_type_choices(viewer),
    )
    if form.is_bound and not form.is_valid():
        # A filter that cannot be read lists nothing rather than everything.
        events = selectors.audit_events_visible_to(viewer).none()
    else:
        filters = {k: v for k, v in form.cleaned_data.items() if v} if form.is_bound else {}
        events = selectors.audit_event_list(viewer, **filters)
    page = KeptCountPaginator(events, EVENTS_PER_PAGE, request=request).get_page(
        request.GET.get("page")
    )
    context = {
        "form": form,
        "page": page,
        "rows": display.event_rows(page.object_list),
        "filter_refused": form.is_bound and not form.is_valid(),
    }
    return render(request, "audit/audit_list.html", context)


@login_required
def audit_detail_view(request, pk: int):
    viewer = request.viewer
    _require_audit_reader(viewer)
    event = selectors.audit_events_visible_to(viewer).filter(pk=pk).first()
    if event is None:
        raise Http404
    return render(request, "audit/audit_detail.html", {"row": display.event_detail(event)})
