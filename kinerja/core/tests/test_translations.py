"""The Indonesian catalogue is complete: Kinerja is Indonesian first."""

import re
from pathlib import Path

from django.utils import translation

CATALOGUE = Path(__file__).resolve().parents[2] / "locale/id/LC_MESSAGES/django.po"


def _entries(text: str) -> list[str]:
    return [block for block in text.split("\n\n") if "msgid" in block]


def test_every_entry_is_translated_and_none_is_fuzzy():
    entries = _entries(CATALOGUE.read_text())[1:]  # the first one is the header
    assert len(entries) > 500
    untranslated = [
        e
        for e in entries
        if re.search(r'^msgstr(\[0\])? ""\n?$', e, re.M)
        and not re.search(r'^msgstr(\[0\])? ""\n"', e, re.M)
    ]
    fuzzy = [e for e in entries if re.search(r"^#,.*\bfuzzy\b", e, re.M)]
    assert untranslated == []
    assert fuzzy == []


def test_the_interface_speaks_indonesian_by_default():
    with translation.override("id"):
        assert translation.gettext("Log in") == "Masuk"
        assert translation.gettext("Employees") == "Pegawai"
