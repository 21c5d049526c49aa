from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render

from kinerja.audit import selectors
from kinerja.audit.forms import AuditFilterForm

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
    filters = {k: v for k, v in form.cleaned_data.items() if v} if form.is_valid() else {}
    events = selectors.audit_event_list(viewer, **filters)
    page = Paginator(events, EVENTS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "audit/audit_list.html", {"form": form, "page": page})


@login_required
def audit_detail_view(request, pk: int):
    viewer = request.viewer
    _require_audit_reader(viewer)
    event = selectors.audit_events_visible_to(viewer).filter(pk=pk).first()
    if event is None:
        raise Http404
    return render(request, "audit/audit_detail.html", {"event": event})
