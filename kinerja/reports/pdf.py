"""HTML templates to PDF bytes with WeasyPrint, offline.

Documents carry their CSS inline and use the fonts installed on the server (DejaVu or
Liberation on Debian), so rendering never fetches anything: the URL fetcher refuses every URL
except inline `data:` ones. A template that links a remote image or font renders without it
rather than making the server call out.
"""

from __future__ import annotations

from django.template.loader import render_to_string
from weasyprint import HTML
from weasyprint.urls import URLFetcher

ALLOWED_SCHEMES = frozenset({"data"})


class OfflineURLFetcher(URLFetcher):
    """Serves `data:` URLs only; http(s), file and everything else are refused."""

    def fetch(self, url, headers=None):
        scheme = url.split(":", 1)[0].lower() if ":" in url else ""
        if scheme not in ALLOWED_SCHEMES:
            raise ValueError(f"Kinerja renders PDFs offline; refused to fetch {url[:80]!r}")
        return super().fetch(url, headers)


def html_to_document(html: str):
    """The laid-out WeasyPrint document (its `.pages` count the pages)."""
    return HTML(string=html, base_url=None, url_fetcher=OfflineURLFetcher()).render()


def render_pdf(template_name: str, context: dict, request=None) -> bytes:
    html = render_to_string(template_name, context, request=request)
    return html_to_document(html).write_pdf()
