"""No page of any role scrolls sideways on a 390 px phone.

The demo regency is seeded once; for each role the pages are found the way a user finds them:
Beranda, the main menu and the user menu, the role's main pages, then the pages those link to
(one of each kind, two levels deep). Chromium opens each at 390 x 844 and the test fails when the
document is wider than the window, naming every such page at once with its width and the
elements that stick out.
"""

from __future__ import annotations

import re
from collections import defaultdict

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from kinerja.accounts.models import User
from kinerja.appraisals.models import Evaluation, Keberatan
from kinerja.demo import generator
from kinerja.iku.models import Realisation
from kinerja.results.models import Realisation as ResultRealisation
from kinerja.results.models import SemesterResult
from tests.test_dead_links import NOT_PAGES, ROLES, TODAY, _links, _start_pages, _url_name

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
DEPTH = 2
# Pages no menu links to directly, opened for every role (a role they refuse just skips them).
ALSO_TRIED = (
    "iku:regency",
    "iku:tree_table",
    "iku:agreements",
    "iku:verification_queue",
    "results:to_verify",
    "activities:team_week",
    "activities:catalogue",
    "appraisals:desk_index",
    "appraisals:periods",
    "appraisals:settings",
    "surveys:reports_published",
)
# The main pages of the roles together: the test fails when the crawl stops reaching one.
MUST_COVER = {
    "home", "glossary", "accounts:account",
    "skp:home", "skp:edit", "skp:detail", "skp:inbox", "skp:review", "skp:list",
    "skp:alignment", "skp:alignment_unit", "skp:matrix", "skp:exemptions",
    "org:unit_tree", "org:unit_detail", "org:employee_list", "org:employee_detail",
    "iku:regency", "iku:unit", "iku:tree", "iku:tree_table", "iku:indicator",
    "iku:realisation", "iku:predikat_decisions", "iku:calendar", "iku:agreement",
    "reports:index", "audit:list", "audit:detail",
    "activities:attendance", "activities:employee_month", "activities:imports",
    "activities:leaves", "activities:notices", "activities:notice_detail",
    "results:periods", "results:period", "results:detail", "results:to_verify",
    "results:semester",
    "feedback:home", "feedback:coverage", "feedback:employee", "feedback:give",
    "feedback:request", "team",
    "activities:worklog", "activities:worklog_month", "activities:team_week",
    "activities:team_day", "activities:catalogue",
    "appraisals:mine", "appraisals:desk", "appraisals:detail", "appraisals:explanation",
    "appraisals:keberatan", "appraisals:periods", "appraisals:settings", "appraisals:credit",
}  # fmt: skip
MAIN = re.compile(r'<main id="main".*?</main>', re.S)
MENUS = re.compile(r'<nav id="mainnav".*?</nav>|<div class="usermenu-panel">.*?</div>', re.S)

# Measured in the page: the document's width, and when it is wider than the window the innermost
# elements that stick out of it (the ones to fix), outside any box that scrolls on its own; and
# the list tables (.table-stack) that are not shown as stacked cards.
MEASURE = """() => {
  const width = window.innerWidth;
  const scrollWidth = document.documentElement.scrollWidth;
  // A list table meant to become cards (.table-stack) that still shows its header row.
  const unstacked = Array.from(document.querySelectorAll('table.table-stack thead'))
    .filter((head) => getComputedStyle(head).display !== 'none').length;
  if (scrollWidth <= width) return {width, scrollWidth, unstacked, culprits: []};
  const inScrollBox = (el) => {
    const position = getComputedStyle(el).position;
    if (position === 'absolute' || position === 'fixed') return false;  // may escape its box
    for (let up = el.parentElement; up && up !== document.body; up = up.parentElement) {
      const x = getComputedStyle(up).overflowX;
      if (x === 'auto' || x === 'scroll' || x === 'hidden' || x === 'clip') return true;
    }
    return false;
  };
  const name = (el) => {
    const cls = typeof el.className === 'string' && el.className.trim()
      ? '.' + el.className.trim().split(/\\s+/).join('.') : '';
    const tid = el.dataset && el.dataset.testid ? `[data-testid=${el.dataset.testid}]` : '';
    return el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + cls + tid;
  };
  const wide = (el) => el.getBoundingClientRect().right > width + 0.5 && !inScrollBox(el);
  const culprits = [];
  for (const el of document.body.querySelectorAll('*')) {
    if (!wide(el) || Array.from(el.children).some(wide)) continue;
    const label = `${name(el)} (${Math.round(el.getBoundingClientRect().right)} px)`;
    if (!culprits.includes(label)) culprits.push(label);
    if (culprits.length >= 4) break;
  }
  return {width, scrollWidth, unstacked, culprits};
}"""


def _open(client: Client, url: str) -> tuple[str, str | None]:
    """The page a link ends on (after redirects) and its HTML, or None when it is no page."""
    response = client.get(url, follow=True)
    if response.redirect_chain:
        url = response.redirect_chain[-1][0]
    if response.status_code != 200:
        return url, None
    if not response.get("Content-Type", "").startswith("text/html"):
        return url, None
    return url, response.content.decode()


def _pages_of(client: Client, role: str, details: list[str]) -> list[str]:
    """Every page the role reaches from its start pages, one of each kind (URL name) per level."""
    home = _open(client, reverse("home"))[1]
    assert home, f"{role}: Beranda does not open"
    menus = [link for block in MENUS.findall(home) for link in _links(block)]
    extra = [reverse(name) for name in ALSO_TRIED]
    frontier = [reverse("home"), *menus, *_start_pages(role), *extra, *details]
    pages: list[str] = []
    names_seen: set[str | None] = set()
    for depth in range(DEPTH + 1):
        taken: dict[str | None, int] = defaultdict(int)
        next_frontier = []
        for link in frontier:
            link_name = _url_name(link)
            if link_name in NOT_PAGES or link in pages:
                continue
            # A kind already measured is not fetched again (most links of a list are the same
            # kind: fetching each only to drop it was most of this test's time).
            if depth and (link_name in names_seen or taken[link_name]):
                continue
            url, html = _open(client, link)
            name = _url_name(url)
            if html is None or url in pages or name in NOT_PAGES:
                continue
            if depth and (name in names_seen or taken[name]):
                continue
            taken[name] += 1
            pages.append(url)
            main = MAIN.search(html)
            next_frontier += _links(main.group(0) if main else "")
        names_seen.update(taken)
        frontier = next_frontier
    return pages


def _overflows(context, urls: list[str], who: str) -> list[str]:
    found = []
    page = context.new_page()
    page.set_default_timeout(15000)
    for url in urls:
        page.goto(url)
        size = page.evaluate(MEASURE)
        if size["scrollWidth"] > size["width"]:
            culprits = ", ".join(size["culprits"]) or "?"
            found.append(f"{who}: {url} is {size['scrollWidth']} px wide: {culprits}")
        if size["unstacked"]:
            found.append(f"{who}: {url} shows {size['unstacked']} list table(s) as a table")
    page.close()
    return found


def test_no_page_of_any_role_scrolls_sideways_on_a_phone(browser, live_server, monkeypatch):
    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: TODAY)
    demo = generator.seed(size="small", seed=2026, today=TODAY)
    found = []
    visited = 0
    covered: set[str | None] = set()
    # Detail pages the crawl may sample past, opened explicitly by every role that may.
    details = [reverse("iku:realisation", args=[Realisation.objects.order_by("pk").first().pk])]
    result = ResultRealisation.objects.order_by("pk").first()
    details += [
        reverse("results:detail", args=[result.pk]),
        reverse("results:period", args=[result.employee_id, result.period_id]),
    ]
    evaluation = Evaluation.objects.exclude(predikat="").order_by("pk").first()
    details += [
        reverse("appraisals:detail", args=[evaluation.pk]),
        reverse("appraisals:explanation", args=[evaluation.pk]),
        reverse("appraisals:desk", args=[evaluation.period_id]),
    ]
    keberatan = Keberatan.objects.order_by("pk").first()
    details.append(reverse("appraisals:keberatan", args=[keberatan.evaluation_id]))
    semester = SemesterResult.objects.order_by("pk").first()
    details += [
        reverse("results:semester", args=[semester.pk]),
        reverse("results:study_leaves", args=[semester.employee_id]),
        reverse("results:period", args=[semester.employee_id, semester.period_id]),
    ]

    context = browser.new_context(base_url=live_server.url, locale="id-ID", viewport=PHONE)
    anonymous = ["/", reverse("accounts:login"), reverse("glossary")]
    found += _overflows(context, anonymous, "anonymous")
    visited += len(anonymous)
    context.close()

    for role in ROLES:
        client = Client()
        client.force_login(User.objects.get(agency=demo.agency, username=role))
        urls = _pages_of(client, role, details)
        covered.update(_url_name(url) for url in urls)
        assert len(urls) >= 8, f"{role}: only {urls} found"
        context = browser.new_context(base_url=live_server.url, locale="id-ID", viewport=PHONE)
        session = client.cookies[settings.SESSION_COOKIE_NAME].value
        context.add_cookies(
            [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}]
        )
        found += _overflows(context, urls, role)
        visited += len(urls)
        context.close()

    assert covered >= MUST_COVER, f"not reached: {sorted(MUST_COVER - covered)}"
    assert not found, f"{len(found)} of {visited} pages scroll sideways at 390 px:\n" + "\n".join(
        found
    )


def test_the_measure_names_what_sticks_out_and_spares_a_scroll_box(browser):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.set_content(
        '<body><main><div><p id="wide" class="x" style="width:600px">wide</p></div>'
        '<div class="table-wrap" style="overflow-x:auto"><table class="table-stack">'
        '<thead><tr><th>a</th></tr></thead><tbody><tr><td style="min-width:900px">b</td>'
        "</tr></tbody></table></div></main></body>"
    )
    size = page.evaluate(MEASURE)
    assert size["scrollWidth"] > PHONE["width"]
    assert size["unstacked"] == 1  # no stylesheet here: the header row is still shown
    assert size["culprits"] and size["culprits"][0].startswith("p#wide.x (")
    assert not any("td" in culprit for culprit in size["culprits"])
    context.close()
