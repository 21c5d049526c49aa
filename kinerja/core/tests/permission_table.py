"""One shape for the permission tables of the house (architecture.md rule 5).

Every app keeps its own table, in a test module named ``test_*permission*.py`` that exposes
``PERMISSION_ROWS``: the `Row`s its tests run. ``tests/test_permission_coverage.py`` collects
every table, walks the URL resolver and the OpenAPI schema, and fails for any page or API
operation without a row that answers for every role.

The roles are played by the personas of ``kinerja/org/tests/personas.py`` (`ROLE_PERSONAS`);
a table may add more people (the kabid, the kadinkes, a planner) as extra columns. Answers are
HTTP status codes, or `LOGIN` for the redirect of an anonymous visitor to the login page (the
API answers 401 instead).
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable, Iterable, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

import pytest
from django.db import transaction
from django.test import override_settings
from django.urls import reverse

ANONYMOUS = "anonymous"
LOGIN = "login"

# The roles of architecture.md rule 5 and the persona who plays each in the tables.
ROLE_PERSONAS = {
    "anonymous citizen": ANONYMOUS,
    "pegawai": "dokter",
    "atasan": "kasi",  # rates the staf
    "admin unit": "staf",  # admin of Dinas Kesehatan
    "BKPSDM admin": "bkpsdm",
    "pimpinan": "pimpinan",
    "auditor": "auditor",
    "user of another agency": "outsider",  # a BKPSDM admin of Kabupaten Lain
}
REQUIRED_PERSONAS = tuple(ROLE_PERSONAS.values())

API_METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")
FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # as the root conftest.py sets

Answer = int | str
Source = Callable[[Any], Any] | Mapping | list | tuple | None


@dataclass(frozen=True)
class Row:
    """One page or API operation, asked in one way, and the answer each persona must get.

    ``route`` is a URL name (``"skp:detail"``) or an API operation as the OpenAPI schema names
    it (``"GET /api/v1/skp/plans/{skp_id}"``). ``args``, ``query`` and ``body`` are values or
    functions of the table's data (what its module fixture built); API ``args`` fill the path
    template by name. ``xfail`` names the personas whose answer today is wrong, and why: their
    cells are strict xfails, so fixing the code turns them into failures to remove.
    """

    route: str
    answers: Mapping[str, Answer]
    method: str = "get"
    args: Source = None
    query: Source = None
    body: Source = None
    xfail: Mapping[str, str] = field(default_factory=dict)
    label: str = ""

    def __post_init__(self):
        unknown = set(self.xfail) - set(self.answers)
        assert not unknown, f"{self.route}: xfail for personas without an answer {unknown}"

    @property
    def is_api(self) -> bool:
        return self.route.split(" ", 1)[0] in API_METHODS

    @property
    def http_method(self) -> str:
        return self.route.split(" ", 1)[0].lower() if self.is_api else self.method

    @property
    def name(self) -> str:
        text = self.route if self.is_api else f"{self.method.upper()} {self.route}"
        return f"{text} {self.label}".strip()

    def url(self, data) -> str:
        args = _resolve(self.args, data)
        if self.is_api:
            url = self.route.split(" ", 1)[1].format(**(args or {}))
        else:
            url = reverse(self.route, args=list(args or []))
        query = _resolve(self.query, data)
        return f"{url}?{urlencode(query, doseq=True)}" if query else url

    def cases(self) -> list:
        """(persona, expected) parameters of this row, its wrong answers marked xfail."""
        return [
            pytest.param(persona, expected, marks=self._marks(persona), id=persona)
            for persona, expected in self.answers.items()
        ]

    def _marks(self, persona) -> list:
        if persona in self.xfail:
            return [pytest.mark.xfail(strict=True, reason=self.xfail[persona])]
        return []


def table_cases(rows: Iterable[Row]) -> list:
    """(row, persona, expected) parameters of every cell of the rows."""
    return [
        pytest.param(row, persona, expected, marks=row._marks(persona), id=f"{row.name}-{persona}")
        for row in rows
        for persona, expected in row.answers.items()
    ]


def answers(default: Answer, **overrides: Answer) -> dict[str, Answer]:
    """Every required persona gets `default` unless named; pages send the anonymous visitor to
    the login page and the API answers them 401, unless `anonymous` is named."""
    table = dict.fromkeys(REQUIRED_PERSONAS, default)
    table[ANONYMOUS] = LOGIN
    table.update(overrides)
    return table


def api_answers(default: Answer, **overrides: Answer) -> dict[str, Answer]:
    return answers(default, **{ANONYMOUS: 401, **overrides})


def answer_of(response) -> Answer:
    """The status code, or `LOGIN` for a redirect to the login page."""
    if response.status_code == 302 and response["Location"].startswith(reverse("accounts:login")):
        return LOGIN
    return response.status_code


def ask(client, personas, row: Row, persona: str, data) -> Answer:
    """Make the row's request as the persona (ANONYMOUS: logged out) and return the answer."""
    client.logout()
    if persona != ANONYMOUS:
        client.force_login(personas.users[persona])
    url = row.url(data)
    body = _resolve(row.body, data)
    method = row.http_method
    if method == "get":
        return answer_of(client.get(url))
    if row.is_api:
        payload = json.dumps(body if body is not None else {})
        return answer_of(client.generic(method.upper(), url, payload, "application/json"))
    return answer_of(getattr(client, method)(url, body or {}))


LINK = re.compile(r'href="(/[^"#]*)"')
NOT_PAGES = ("/static/", "/api/v1/docs")


def refused_links(client, response) -> list[tuple[str, int]]:
    """The links of a page (to pages of this site) that refuse the viewer who was shown them:
    a page should not offer what answers 403 or 404."""
    refused, seen = [], set()
    for href in LINK.findall(response.content.decode()):
        href = html.unescape(href)
        if href in seen or href.startswith(NOT_PAGES):
            continue
        seen.add(href)
        status = client.get(href).status_code
        if status in (403, 404):
            refused.append((href, status))
    return refused


@contextmanager
def shared_data(django_db_blocker, tmp_path_factory, **settings):
    """A transaction around the data of a module, built once and rolled back after its last test.

    Each test still runs in its own savepoint (the ``db`` fixture), so what one test writes is
    gone before the next. Files go to a folder of the module; ``settings`` are overridden too.
    """
    media = tmp_path_factory.mktemp("media")
    with (
        django_db_blocker.unblock(),
        transaction.atomic(),
        override_settings(PASSWORD_HASHERS=FAST_HASHERS, MEDIA_ROOT=media, **settings),
    ):
        yield
        transaction.set_rollback(True)


def _resolve(source: Source, data):
    return source(data) if callable(source) else source
