"""The site works under a strict Content-Security-Policy, as a careful host would serve it.

Pages are served with ``default-src 'self'; script-src 'self'; style-src 'self';
img-src 'self' data:`` (``browser.CSP_POLICY``) and opened in Chromium. The browser reports
each blocked inline script, inline event handler and ``style=`` attribute as a
``securitypolicyviolation`` event (recorded from before the page's own scripts run) and as
a console message; both must stay at zero. Every built page is checked so in the page pass
of tests/test_browser_quality.py (``test_page_in_browser``, which loads each page once per
screen under this policy). Here the buttons a reader uses must still work under it:
colour mode (and the choice carries over to the next page), print, menu, search, and a
quiz's Check, Reset and Show answers.
"""

from __future__ import annotations

import pytest

from browser import CSP_POLICY as POLICY
from browser import CSP_RECORDER, LocalServer, built_pages
from conftest import HTML, lesson_docnames

PAGES = built_pages(HTML) if HTML.exists() else []
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}

# Runs before any script of the page: records violations, and stands in for the print
# dialog (headless Chromium cannot show one).
RECORDER = CSP_RECORDER + """
window.__printed = 0;
window.print = () => { window.__printed += 1; };
"""


@pytest.fixture(scope="module")
def csp_site():
    if not PAGES:
        pytest.fail("no HTML build; run `make html` first (or set COURSE_BUILD_DIR)")
    with LocalServer(HTML, headers={"Content-Security-Policy": POLICY}) as server:
        yield server


def _context(browser, viewport):
    ctx = browser.new_context(viewport=viewport)
    ctx.add_init_script(RECORDER)
    return ctx


def _open(ctx, server, relpath):
    """Open a page; return (tab, console messages about the policy)."""
    tab = ctx.new_page()
    messages = []
    tab.on("console", lambda m: "Content Security Policy" in m.text and messages.append(m.text))
    tab.goto(server.url(relpath), wait_until="load")
    tab.wait_for_timeout(150)
    return tab, messages


def _lesson(n: int) -> str:
    return f"{lesson_docnames()[n]}.html"


def test_dark_mode_choice_carries_over_to_the_next_page(csp_site, browser):
    ctx = _context(browser, DESKTOP)
    try:
        tab, _ = _open(ctx, csp_site, _lesson(0))
        button = tab.locator(".theme-switch-button >> visible=true").first
        for _ in range(3):  # the button cycles through the modes
            if tab.evaluate("document.documentElement.dataset.mode") == "dark":
                break
            button.click()
            tab.wait_for_timeout(100)
        chosen = tab.evaluate("document.documentElement.dataset.mode")
        tab.close()
        tab, _ = _open(ctx, csp_site, _lesson(1))
        mode = tab.evaluate("document.documentElement.dataset.mode")
        theme = tab.evaluate("document.documentElement.dataset.theme")
        violations = tab.evaluate("window.__csp")
        tab.close()
    finally:
        ctx.close()
    assert chosen == "dark", f"the colour-mode button never reached dark mode (mode {chosen!r})"
    assert (mode, theme) == ("dark", "dark"), f"the next page is in mode {mode!r}, theme {theme!r}"
    assert not violations, violations


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_buttons_work_under_the_policy(csp_site, browser, viewport):
    ctx = _context(browser, viewport)
    try:
        tab, _ = _open(ctx, csp_site, _lesson(0))
        tab.locator("button.btn-print-button >> visible=true").first.click()
        printed = tab.evaluate("window.__printed")

        tab.locator(".search-button__button >> visible=true").first.click()
        tab.wait_for_timeout(300)
        search = tab.evaluate("document.querySelector('#pst-search-dialog').open")
        tab.keyboard.press("Escape")
        tab.wait_for_timeout(200)
        menu_state = ("[document.querySelector('#pst-primary-sidebar-modal').open, "
                      "getComputedStyle(document.querySelector('#pst-primary-sidebar')).visibility]")
        before = tab.evaluate(menu_state)
        tab.locator("button.primary-toggle >> visible=true").first.click()
        tab.wait_for_timeout(400)
        menu = tab.evaluate(menu_state) != before  # opened on a phone, hidden or shown on a desktop
        tab.keyboard.press("Escape")
        tab.wait_for_timeout(200)

        violations = tab.evaluate("window.__csp")
        tab.close()
    finally:
        ctx.close()
    assert printed == 1, f"the print button called window.print {printed} times"
    assert menu, "the menu button did nothing"
    assert search, "the search button did not open the search dialog"
    assert not violations, violations


def test_quiz_buttons_work_under_the_policy(csp_site, browser):
    ctx = _context(browser, PHONE)
    try:
        tab, _ = _open(ctx, csp_site, _lesson(0))
        question = tab.locator(".quiz .quiz-question").first
        question.locator("input").first.check()
        question.locator("button.quiz-check").click()
        feedback = question.locator(".quiz-feedback").inner_text().strip()
        tab.locator(".quiz-answers > summary").first.click()
        shown = tab.evaluate("document.querySelector('.quiz-answers').open")
        tab.locator("button.quiz-reset").first.click()
        tab.wait_for_timeout(100)
        cleared = tab.evaluate(
            "[...document.querySelector('.quiz .quiz-question').querySelectorAll('input')].every(i => !i.checked)"
        )
        violations = tab.evaluate("window.__csp")
        tab.close()
    finally:
        ctx.close()
    assert feedback, "Check gave no feedback"
    assert shown, "Show answers did not open"
    assert cleared, "Reset did not clear the answers"
    assert not violations, violations
