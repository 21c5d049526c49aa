from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from kinerja.home import selectors
from kinerja.home.glossary import GLOSSARY


@login_required
def home(request):
    viewer = request.viewer
    return render(request, "home/home.html", selectors.home_context(viewer))


def glossary(request):
    return render(request, "home/glossary.html", {"entries": GLOSSARY})
