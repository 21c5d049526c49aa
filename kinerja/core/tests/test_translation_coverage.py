"""Every string the interface shows is in the Indonesian catalogue, and no template carries
untranslated words outside the translation tags.

The strings are read from the code itself: each template is compiled and its `{% translate %}`
and `{% blocktranslate %}` nodes give their message ids, and each Python module's gettext calls
give theirs. A string missing from `locale/id/LC_MESSAGES/django.po` (or left empty there) would
show English in the Indonesian interface; words written straight into a template would show
Indonesian (or English) in the other language.
"""

import ast
import re
from pathlib import Path

from django.template import engines
from django.templatetags.i18n import BlockTranslateNode, TranslateNode

PACKAGE = Path(__file__).resolve().parents[2]
CATALOGUE = PACKAGE / "locale/id/LC_MESSAGES/django.po"
GETTEXT_NAMES = {
    "_": "msgid",
    "gettext": "msgid",
    "gettext_lazy": "msgid",
    "gettext_noop": "msgid",
    "ngettext": "plural",
    "ngettext_lazy": "plural",
    "pgettext": "context",
    "pgettext_lazy": "context",
    "npgettext": "context_plural",
    "npgettext_lazy": "context_plural",
}
# Official documents keep the regulation's Indonesian wording in every interface language.
OFFICIAL_DOCUMENTS = (
    "reports/pk.html",
    "reports/lkjip.html",
    "skp/documents/",
    "surveys/reports/document.html",
    "portal/staff/document.html",
)
# Served when the application itself failed, so it cannot reach the catalogue: both languages.
STATIC_PAGES = ("templates/500.html",)
# Words that are the same in both languages: acronyms, the product name, list markers.
SAME_IN_BOTH = {
    "A", "B", "K", "API", "IKU", "NIP", "PDF", "PNS", "PPPK", "SK", "SHA-", "Kinerja",
}  # fmt: skip


def _po_unescape(text: str) -> str:
    return ast.literal_eval(f'"{text}"')


def _catalogue() -> dict[tuple[str, str], str]:
    """(context, msgid) -> the first translation, from the .po file itself, not the compiled one."""
    entries = {}
    for block in CATALOGUE.read_text().split("\n\n"):
        fields: dict[str, str] = {}
        current = None
        for line in block.splitlines():
            if line.startswith("#"):
                continue
            match = re.match(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?) "(.*)"$', line)
            if match:
                current = match.group(1)
                fields[current] = _po_unescape(match.group(2))
            elif current and line.startswith('"'):
                fields[current] += _po_unescape(line[1:-1])
        if fields.get("msgid"):
            translation = fields.get("msgstr", fields.get("msgstr[0]", ""))
            entries[(fields.get("msgctxt", ""), fields["msgid"])] = translation
            if fields.get("msgid_plural"):
                entries[(fields.get("msgctxt", ""), fields["msgid_plural"])] = translation
    return entries


def _template_files():
    return sorted(PACKAGE.rglob("templates/**/*.html"))


def _template_messages(path: Path) -> set[tuple[str, str]]:
    template = engines["django"].from_string(path.read_text()).template
    messages = set()
    for node in template.nodelist.get_nodes_by_type(TranslateNode):
        literal = node.filter_expression.var
        if getattr(literal, "literal", None) is None:  # {% translate variable %}
            continue
        context = node.message_context.var if node.message_context else ""
        # At render time the tag looks the text up with each % doubled, as makemessages writes it.
        msgid = literal.literal.replace("%", "%%")
        messages.add((str(getattr(context, "literal", context) or ""), msgid))
    for node in template.nodelist.get_nodes_by_type(BlockTranslateNode):
        context = node.message_context.var if node.message_context else ""
        context = str(getattr(context, "literal", context) or "")
        singular, _vars = node.render_token_list(node.singular)
        messages.add((context, singular))
        if node.plural:
            plural, _vars = node.render_token_list(node.plural)
            messages.add((context, plural))
    return messages


def _python_messages(path: Path) -> set[tuple[str, str]]:
    messages = set()
    for call in ast.walk(ast.parse(path.read_text())):
        if not isinstance(call, ast.Call):
            continue
        name = getattr(call.func, "id", None) or getattr(call.func, "attr", None)
        kind = GETTEXT_NAMES.get(name)
        strings = [
            arg.value
            for arg in call.args
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str)
        ]
        if kind is None or not strings:
            continue
        if kind == "msgid":
            messages.add(("", strings[0]))
        elif kind == "plural":
            messages.update(("", text) for text in strings[:2])
        elif kind == "context" and len(strings) >= 2:
            messages.add((strings[0], strings[1]))
        elif kind == "context_plural" and len(strings) >= 3:
            messages.update((strings[0], text) for text in strings[1:3])
    return messages


def _python_files():
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE).parts
        if "tests" in parts or "migrations" in parts:
            continue
        yield path


def test_every_translatable_string_of_the_templates_is_in_the_catalogue():
    catalogue = _catalogue()
    missing = {
        f"{path.relative_to(PACKAGE)}: {msgid!r}"
        for path in _template_files()
        for context, msgid in _template_messages(path)
        if not catalogue.get((context, msgid))
    }
    assert sorted(missing) == []


def test_every_translatable_string_of_the_code_is_in_the_catalogue():
    catalogue = _catalogue()
    missing = {
        f"{path.relative_to(PACKAGE)}: {msgid!r}"
        for path in _python_files()
        for context, msgid in _python_messages(path)
        if not catalogue.get((context, msgid))
    }
    assert sorted(missing) == []


def _words_outside_translation(source: str) -> list[str]:
    block = r"{%\s*blocktrans(late)?\b.*?{%\s*endblocktrans(late)?\s*%}"
    source = re.sub(block, "§", source, flags=re.S)
    source = re.sub(r"{%\s*comment\s*%}.*?{%\s*endcomment\s*%}", "", source, flags=re.S)
    source = re.sub(r"{#.*?#}", "", source, flags=re.S)
    source = re.sub(r"{%.*?%}|{{.*?}}", "§", source, flags=re.S)
    source = re.sub(r"<(script|style)\b.*?</\1>", "", source, flags=re.S)
    shown_attributes = re.findall(r'\b(?:title|aria-label|placeholder|alt)="([^"]*)"', source)
    # A fragment of attributes (included inside a tag) starts outside any tag.
    source = re.sub(r'^(\s*[\w:-]+(="[^"]*")?)+\s*$', "", source.strip())
    text = re.sub(r"&[a-zA-Z#0-9]+;", " ", re.sub(r"<[^>]*>", " ", source))
    words = []
    for chunk in [*shown_attributes, *text.split("§")]:
        words += re.findall(r"[A-Za-z][A-Za-z'-]*", chunk)
    return words


def test_templates_show_no_words_outside_the_translation_tags():
    found = {}
    for path in _template_files():
        name = str(path.relative_to(PACKAGE))
        if any(part in name for part in OFFICIAL_DOCUMENTS + STATIC_PAGES):
            continue
        words = [w for w in _words_outside_translation(path.read_text()) if w not in SAME_IN_BOTH]
        if words:
            found[name] = words
    assert found == {}


def test_the_checks_catch_a_missing_string_and_a_bare_word(tmp_path):
    template = tmp_path / "page.html"
    template.write_text(
        '{% load i18n %}<p title="Simpan dulu">{% translate "Never written anywhere" %}</p>'
        "<p>Tidak diterjemahkan</p>"
    )
    assert ("", "Never written anywhere") in _template_messages(template)
    assert ("", "Never written anywhere") not in _catalogue()
    assert _words_outside_translation(template.read_text()) == [
        "Simpan",
        "dulu",
        "Tidak",
        "diterjemahkan",
    ]
    module = tmp_path / "module.py"
    module.write_text('from django.utils.translation import pgettext\npgettext("row", "Baris")\n')
    assert _python_messages(module) == {("row", "Baris")}
