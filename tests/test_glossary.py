"""The glossary page lists every term, in the reader's language."""

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from kinerja.home.glossary import GLOSSARY


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["id", "en"])
def test_glossary_lists_every_term_with_its_explanation(client, language):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    html = client.get(reverse("glossary")).content.decode()
    with translation.override(language):
        for term, explanation in GLOSSARY:
            assert f">{term}<" in html
            assert escape(str(explanation)) in html


def test_planning_exemptions_are_explained():
    terms = {term for term, _explanation in GLOSSARY}
    assert {"CLTN", "MPP", "Tidak wajib menyusun SKP"} <= terms
