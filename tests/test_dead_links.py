"""No dead ends: every link on every role's main pages of the demo regency opens for that role.

The crawl starts from each role's main pages, follows every link it finds there, then samples the
links of the pages it reached (one level further), and fails on any 403, 404 or 500. Only the
second level is sampled (a few links per kind of page), so the crawl stays fast whatever the size
of the demo while no link of a main page goes unchecked.
"""

from __future__ import annotations

import datetime
import re
from collections import defaultdict
from urllib.parse import urlsplit

import pytest
from django.db import transaction
from django.test import Client, override_settings
from django.urls import Resolver404, resolve, reverse

from kinerja.accounts.models import User
from kinerja.demo import generator

FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
TODAY = datetime.date(2026, 1, 20)  # planning season: plans waiting, returned and late
ROLES = ("pegawai", "atasan", "adminunit", "bkpsdm", "pimpinan", "auditor")
SAME_PAGE_SAMPLES = 2  # links to one kind of page (one URL name) followed per role at depth 2
DEPTH = 2
HREF = re.compile(r'href="([^"#]+)')
# Where following a link is not reading a page: downloads that are built (PDF, xlsx, zip) are
# still followed and must answer 200; only the language switch and logout are left out.
NOT_PAGES = {"set_language", "accounts:logout"}


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    settings = override_settings(
        PASSWORD_HASHERS=FAST_HASHERS, MEDIA_ROOT=tmp_path_factory.mktemp("media")
    )
    with django_db_blocker.unblock(), transaction.atomic(), settings:
        yield generator.seed(size="small", seed=2026, today=TODAY)
        transaction.set_rollback(True)


@pytest.fixture(autouse=True)
def _private_media_root():
    """The demo's files (transcripts of study leave) stay in the module's folder, where they
    were saved, so that their download links open."""


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: TODAY)


def _start_pages(role: str) -> list[str]:
    pages = [
        reverse("home"),
        reverse("skp:home"),
        reverse("iku:dashboard"),
        reverse("org:unit_tree"),
    ]
    pages.append(reverse("org:employee_list"))
    if role in ("atasan",):
        pages += [reverse("skp:inbox"), reverse("skp:matrix")]
    if role in ("adminunit", "bkpsdm", "pimpinan", "auditor", "atasan"):
        pages += [reverse("skp:alignment"), reverse("skp:list")]
    if role in ("adminunit", "bkpsdm"):
        pages += [reverse("skp:exemptions")]
    if role == "bkpsdm":
        pages += [reverse("org:import_list"), reverse("skp:templates"), reverse("iku:calendar")]
    if role in ("bkpsdm", "auditor"):
        pages += [reverse("audit:list")]
    if role == "pimpinan":
        pages += [reverse("iku:predikat_decisions"), reverse("iku:regency")]
    if role in ("pegawai", "atasan", "adminunit", "bkpsdm", "auditor"):
        pages += [reverse("appraisals:mine")]
    if role in ("atasan", "pimpinan"):
        pages += [reverse("appraisals:desk_index")]
    return pages


def _links(html: str) -> list[str]:
    found = []
    for href in HREF.findall(html):
        href = href.replace("&amp;", "&")
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or not href.startswith("/"):
            continue
        if href.startswith(("/static/", "/media/")):
            continue
        found.append(href)
    return found


def _url_name(url: str) -> str | None:
    try:
        match = resolve(urlsplit(url).path)
    except Resolver404:
        return None
    return match.view_name


def _crawl(client: Client, role: str) -> list[str]:
    dead = []
    seen: set[str] = set()
    frontier = [(url, "start") for url in _start_pages(role)]
    for depth in range(DEPTH + 1):
        taken: dict[str, int] = defaultdict(int)
        next_frontier = []
        for url, source in frontier:
            if url in seen:
                continue
            name = _url_name(url)
            if name in NOT_PAGES:
                continue
            if depth > 1 and name is not None:
                if taken[name] >= SAME_PAGE_SAMPLES:
                    continue
                taken[name] += 1
            seen.add(url)
            response = client.get(url)
            if response.status_code in (403, 404) or response.status_code >= 500:
                dead.append(
                    f"{role}: {url} ({name}) answers {response.status_code}, linked from {source}"
                )
                continue
            if depth < DEPTH and response.get("Content-Type", "").startswith("text/html"):
                next_frontier += [(link, url) for link in _links(response.content.decode())]
        frontier = next_frontier
    return dead


@pytest.mark.parametrize("role", ROLES)
def test_every_link_on_the_main_pages_opens_for_the_role_that_sees_it(demo, db, role):
    user = User.objects.get(agency=demo.agency, username=role)
    client = Client()
    client.force_login(user)
    dead = _crawl(client, role)
    assert not dead, "\n".join(dead)
