from django.contrib.auth.views import redirect_to_login
from django.shortcuts import render

from kinerja.home import selectors
from kinerja.home.glossary import GLOSSARY


def home(request):
    """Beranda for a signed-in user; the public front door for everybody else."""
    viewer = request.viewer
    if not request.user.is_authenticated:
        return render(request, "home/welcome.html", selectors.welcome_context())
    if not viewer.is_authenticated:
        return redirect_to_login(request.get_full_path())
    return render(request, "home/home.html", selectors.home_context(viewer))


def glossary(request):
    return render(request, "home/glossary.html", {"entries": GLOSSARY})
