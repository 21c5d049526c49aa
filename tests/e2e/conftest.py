"""Browser journeys in Debian's Chromium, driven by Playwright against a live test server."""

import os
import shutil

import pytest

CHROMIUM = os.environ.get("KINERJA_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def _chromium_available() -> bool:
    return os.path.exists(CHROMIUM) or shutil.which("chromium") is not None


@pytest.fixture(scope="session")
def browser():
    if not _chromium_available():
        if os.environ.get("KINERJA_REQUIRE_BROWSER") == "1":
            pytest.fail(f"Chromium is required for the browser journeys but {CHROMIUM} is missing")
        pytest.skip(f"Chromium not found at {CHROMIUM}: browser journeys skipped")
    # Playwright's sync API runs an event loop in this thread; Django's ORM calls in the same
    # test are still synchronous and safe.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


def is_csp_violation(text: str) -> bool:
    """Chromium reports what the Content-Security-Policy refused as a console message."""
    return "Content Security Policy" in text or "Content-Security-Policy" in text


PHONE = {"width": 390, "height": 844}

# The page's width and the window's, once the document being shown has been parsed: null
# while a navigation is between its commit and its body, so that the measure waits for it.
MEASURE_WIDTH = """() => document.readyState === "loading" || !document.body
    ? null
    : [document.documentElement.scrollWidth, window.innerWidth]"""


def assert_fits(page):
    """The page is no wider than the phone: nothing scrolls sideways. Polled, so that a
    navigation a click started is measured once its document is there (polling survives it)."""
    scroll_width, window_width = page.wait_for_function(MEASURE_WIDTH).json_value()
    assert window_width == PHONE["width"], (scroll_width, window_width)
    assert scroll_width <= window_width, (
        f"{page.url} is {scroll_width} px wide on a {window_width} px phone"
    )


def open_page(browser, live_server, **context_options):
    """A page in a fresh context of the Indonesian site that records what the
    Content-Security-Policy refused and accepts, keeping their messages, the confirmations."""
    context = browser.new_context(base_url=live_server.url, locale="id-ID", **context_options)
    page = context.new_page()
    page.set_default_timeout(15000)
    violations = []
    page.on(
        "console",
        lambda message: violations.append(message.text) if is_csp_violation(message.text) else None,
    )
    page.csp_violations = violations
    # Irreversible steps ask for confirmation: journeys accept, and keep what was asked.
    dialogs = []

    def accept(dialog):
        dialogs.append(dialog.message)
        dialog.accept()

    page.on("dialog", accept)
    page.dialogs = dialogs
    return page


def close_page(page):
    violations = page.csp_violations
    page.context.close()
    # A journey fails when the page broke the policy, even if what it checked still worked.
    assert violations == [], "Content-Security-Policy violations:\n" + "\n".join(violations)


@pytest.fixture
def page(browser, live_server):
    page = open_page(browser, live_server)
    yield page
    close_page(page)


@pytest.fixture
def phone(browser, live_server):
    """A page the size of a phone screen (390 x 844 CSS pixels)."""
    page = open_page(browser, live_server, viewport=PHONE)
    yield page
    close_page(page)


def log_in(page, username, password):
    page.goto("/akun/masuk/")
    page.get_by_label("NIP").fill(username)
    page.locator("input[name=password]").fill(password)
    page.get_by_test_id("login-submit").click()
    page.wait_for_url("**/")
