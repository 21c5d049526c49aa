from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from kinerja.home import permissions, selectors
from kinerja.home.glossary import GLOSSARY

# Beranda gathers every app's to-do items and cards, a few dozen queries. It keeps the rendered
# body a minute per person, and rebuilds it at once when the person has changed something
# (their latest audit event is part of the key) or asks for it with ?refresh=1. What others do
# (a plan submitted to this rater) shows within the minute.
BODY_SECONDS = 60


def _body_key(request) -> str:
    viewer = request.viewer
    return ":".join(
        (
            "home-body",
            str(request.user.pk),
            get_language() or "",
            viewer.today.isoformat(),
            str(selectors.latest_change_by(viewer)),
        )
    )


def _body(request) -> str:
    key = _body_key(request)
    body = None if "refresh" in request.GET else cache.get(key)
    if body is None:
        context = selectors.home_context(request.viewer)
        context["built_at"] = timezone.localtime()
        body = render_to_string("home/_body.html", context, request)
        cache.set(key, body, BODY_SECONDS)
    return mark_safe(body)


def home(request):
    """Beranda for a signed-in user; the public front door for everybody else."""
    viewer = request.viewer
    if not request.user.is_authenticated:
        return render(request, "home/welcome.html", selectors.welcome_context())
    if not viewer.is_authenticated:
        return redirect_to_login(request.get_full_path())
    return render(request, "home/home.html", {"viewer": viewer, "body": _body(request)})


def glossary(request):
    return render(request, "home/glossary.html", {"entries": GLOSSARY})


@login_required
def team(request):
    """The supervisor's team at a glance: what waits for the leader in every app, and per
    member the realisations, feedback schedule and attendance."""
    viewer = request.viewer
    members = selectors.team_members(viewer, viewer.today)
    if not permissions.can_view_team(viewer, {m.pk for m in members}):
        raise PermissionDenied
    return render(request, "home/team.html", {"page": selectors.team_page(viewer, members)})
