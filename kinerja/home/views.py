from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import render

from kinerja.core import freshness
from kinerja.home import permissions, selectors
from kinerja.home.glossary import GLOSSARY


def _body(request) -> str:
    """Beranda's body gathers every app's to-do items and cards, a few dozen queries: it is
    kept a minute per person (kinerja.core.freshness)."""
    return freshness.kept_html(
        request, "home-body", "home/_body.html", lambda: selectors.home_context(request.viewer)
    )


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
