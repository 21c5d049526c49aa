from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render

from kinerja.audit import display, selectors
from kinerja.audit.forms import AuditFilterForm
from kinerja.core import freshness

EVENTS_PER_PAGE = 50


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
    page = freshness.KeptCountPaginator(events, EVENTS_PER_PAGE, request=request).get_page(
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
