"""The Content-Security-Policy holds in a real browser: nothing on these pages is refused."""

import pytest

from kinerja.org.tests.personas import PASSWORD
from tests.e2e.conftest import is_csp_violation, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_browser_reports_a_violation_that_the_fixture_would_catch(page):
    page.goto("/akun/masuk/")
    page.evaluate(
        "() => { const s = document.createElement('script');"
        " s.textContent = 'window.inlineRan = true'; document.head.appendChild(s); }"
    )
    page.wait_for_timeout(200)
    assert page.evaluate("() => window.inlineRan === undefined")
    assert any(is_csp_violation(text) for text in page.csp_violations)
    page.csp_violations.clear()  # expected here; the fixture fails on any other


def test_the_api_docs_page_works_under_its_policy(page, personas):
    log_in(page, "pimpinan", PASSWORD)
    page.goto("/api/v1/docs")
    page.get_by_text("/api/v1/employees", exact=True).first.wait_for()
    assert page.locator(".swagger-ui").count() == 1
