"""Pages send a Content-Security-Policy, and no served template needs it relaxed.

The policy allows only our own scripts and stylesheets: a template with an inline script, an
inline event handler (`onclick=`, htmx's `hx-on`), a <style> element or a style="" attribute
would break under it. Documents rendered by WeasyPrint (they include the print stylesheet) are
never served to a browser and may keep their inline styles.
"""

import re
from pathlib import Path

import pytest
from django.urls import reverse

KINERJA = Path(__file__).resolve().parents[2]
PDF_MARKER = 'include "reports/_print_base.css.html"'

INLINE_SCRIPT = re.compile(r"<script\b(?![^>]*\bsrc=)[^>]*>", re.I)
EVENT_HANDLER = re.compile(r"<[a-zA-Z][^<>]*\son[a-z]+\s*=", re.I | re.S)
HTMX_ON = re.compile(r"\bhx-on", re.I)
STYLE_ELEMENT = re.compile(r"<style\b", re.I)
STYLE_ATTRIBUTE = re.compile(r"<[a-zA-Z][^<>]*\sstyle\s*=", re.I | re.S)
JAVASCRIPT_URL = re.compile(r"javascript:", re.I)


def _served_templates():
    for path in sorted(KINERJA.rglob("templates/**/*.html")):
        text = path.read_text()
        # documents WeasyPrint renders (never served as pages) carry their CSS inline
        if PDF_MARKER in text or path.name in ("_print_base.css.html", "poster_pdf.html"):
            continue
        yield path, text


def test_there_are_served_templates_to_check():
    assert len(list(_served_templates())) > 50


@pytest.mark.parametrize(
    "pattern",
    [INLINE_SCRIPT, EVENT_HANDLER, HTMX_ON, STYLE_ELEMENT, STYLE_ATTRIBUTE, JAVASCRIPT_URL],
    ids=["inline-script", "event-handler", "hx-on", "style-element", "style-attr", "js-url"],
)
def test_no_served_template_needs_inline_script_or_style(pattern):
    offenders = [
        f"{path.relative_to(KINERJA)}: {match.group(0)[:80]!r}"
        for path, text in _served_templates()
        for match in pattern.finditer(text)
    ]
    assert offenders == []


def test_the_scan_finds_what_it_looks_for():
    assert INLINE_SCRIPT.search("<script>alert(1)</script>")
    assert not INLINE_SCRIPT.search('<script src="/static/x.js" defer></script>')
    assert EVENT_HANDLER.search('<button class="b"\n  onclick="go()">')
    assert HTMX_ON.search('<button hx-on::after-request="x()">')
    assert STYLE_ATTRIBUTE.search('<div class="a" style="color:red">')
    assert not STYLE_ATTRIBUTE.search('<p>style="not an attribute"</p>')


def _policy(response) -> dict[str, set[str]]:
    header = response.headers["Content-Security-Policy"]
    directives = {}
    for part in header.split(";"):
        name, *values = part.split()
        directives[name] = set(values)
    return directives


EXPECTED = {
    "default-src": {"'self'"},
    "script-src": {"'self'"},
    "style-src": {"'self'"},
    "img-src": {"'self'", "data:"},
    "object-src": {"'none'"},
    "base-uri": {"'self'"},
    "form-action": {"'self'"},
    "frame-ancestors": {"'none'"},
}


def test_the_login_page_sends_the_policy(client, db):
    policy = _policy(client.get(reverse("accounts:login")))
    for directive, values in EXPECTED.items():
        assert policy[directive] == values, directive


@pytest.mark.parametrize("url_name", ["home", "org:unit_tree", "iku:tree", "skp:home"])
def test_pages_of_a_logged_in_user_send_the_policy(client, personas, url_name):
    client.force_login(personas.users["bkpsdm"])
    response = client.get(reverse(url_name))
    assert response.status_code == 200
    policy = _policy(response)
    assert policy["script-src"] == {"'self'"} and policy["style-src"] == {"'self'"}


def test_the_policy_allows_no_inline_code_anywhere(client, db):
    header = client.get(reverse("accounts:login")).headers["Content-Security-Policy"]
    assert "unsafe-inline" not in header and "unsafe-eval" not in header


def test_htmx_is_told_not_to_evaluate_code_nor_insert_styles(client, db):
    body = client.get(reverse("accounts:login")).content.decode()
    config = re.search(r"<meta name=\"htmx-config\" content='([^']*)'>", body).group(1)
    assert '"allowEval": false' in config
    assert '"includeIndicatorStyles": false' in config


def test_the_api_docs_render_under_their_policy(client, db):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    body = response.content.decode()
    assert "swagger-ui-bundle.js" in body
    policy = _policy(response)
    assert policy["script-src"] == {"'self'"}
    assert "'unsafe-eval'" not in policy["script-src"]
    assert policy["frame-ancestors"] == {"'none'"}
