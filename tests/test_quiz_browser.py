"""Quizzes in Chromium, with the keyboard alone: wrong then right answers, feedback in the
live region, the score, progress kept over a reload, and the reset button.

Set QUIZ_SCREENSHOT_DIR to keep a 390 px wide screenshot of each answered quiz.
"""

from __future__ import annotations

import functools
import http.server
import os
import threading
from pathlib import Path

import pytest
from conftest import HTML
from test_quiz_html import PAGES

pytestmark = pytest.mark.browser

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
MAX_TABS = 600


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def site():
    assert (HTML / "index.html").exists(), "no HTML build"
    handler = functools.partial(_Quiet, directory=str(HTML))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="module")
def chromium():
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"),
                                    args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def active(page) -> dict:
    return page.evaluate("""() => {
        const a = document.activeElement;
        const q = a && a.closest('.quiz-question');
        return {tag: a ? a.tagName : '', type: a ? (a.type || '') : '',
                cls: a ? (a.className || '') : '', question: q ? q.dataset.question : null,
                index: a && a.tagName === 'INPUT' ? Number(a.value) : -1};
    }""")


def tab_until(page, predicate, *, back=False) -> dict:
    for _ in range(MAX_TABS):
        page.keyboard.press("Shift+Tab" if back else "Tab")
        state = active(page)
        if predicate(state):
            return state
    raise AssertionError("the keyboard never reached the expected control")


def checked(page, qid) -> list[int]:
    return page.evaluate(
        """qid => Array.from(document.querySelectorAll(`[data-question="${qid}"] input`))
                 .map((i, n) => i.checked ? n : -1).filter(n => n >= 0)""", qid)


def answer_by_keyboard(page, q: dict, want: list[int]) -> None:
    """Select exactly the options `want` of question q, then press its Check button."""
    qid, n = q["id"], len(q["options"])
    in_inputs = lambda s: s["question"] == qid and s["tag"] == "INPUT"  # noqa: E731
    state = active(page)
    if not in_inputs(state):
        state = tab_until(page, in_inputs, back=state["question"] == qid)
    if q["type"] == "multiple":
        # Checkboxes: Shift+Tab back to the first, then Space where the state must change.
        while state["index"] > 0:
            page.keyboard.press("Shift+Tab")
            state = active(page)
        for index in range(n):
            assert active(page)["index"] == index
            if (index in checked(page, qid)) != (index in want):
                page.keyboard.press("Space")
            if index < n - 1:
                page.keyboard.press("Tab")
    else:
        # A radio group is one Tab stop; arrows move the choice (and wrap around).
        if not checked(page, qid):
            page.keyboard.press("Space")
        current = checked(page, qid)[0]
        target = want[0]
        for _ in range((target - current) % n):
            page.keyboard.press("ArrowDown")
    assert checked(page, qid) == sorted(want)
    tab_until(page, lambda s: s["question"] == qid and "quiz-check" in s["cls"])
    page.keyboard.press("Enter")


def feedback(page, qid) -> str:
    return page.locator(f'[data-question="{qid}"] .quiz-feedback').inner_text()


def score(page, bank_id) -> str:
    return page.locator(f'.quiz[data-quiz="{bank_id}"] .quiz-score').inner_text()


def pick(q: dict) -> tuple[list[int], list[int]]:
    right = [i for i, o in enumerate(q["options"]) if o["correct"]]
    wrong = [i for i, o in enumerate(q["options"]) if not o["correct"]][:1]
    return wrong, right


@pytest.mark.parametrize("docname,bank", PAGES, ids=[f"{d}:{b['id']}" for d, b in PAGES])
def test_quiz_by_keyboard(chromium, site, docname, bank, tmp_path):
    context = chromium.new_context(viewport={"width": 390, "height": 844})
    outside = []
    context.route("**/*", lambda route: (route.continue_() if route.request.url.startswith(site)
                                         else (outside.append(route.request.url), route.abort())))
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    total = len(bank["questions"])
    try:
        page.goto(f"{site}/{docname}.html", wait_until="load")
        quiz = page.locator(f'.quiz[data-quiz="{bank["id"]}"]')
        assert quiz.locator(".quiz-footer").is_visible(), "the script did not start"
        assert score(page, bank["id"]) == "", "a score is shown before any answer"
        region = page.locator(f'[data-question="{bank["questions"][0]["id"]}"] .quiz-feedback')
        assert region.evaluate("el => getComputedStyle(el).display") != "none", (
            "the empty feedback region is hidden from screen readers")
        # Answer the first question wrongly, then rightly; then the last one rightly.
        first, last = bank["questions"][0], bank["questions"][-1]
        wrong, right = pick(first)
        answer_by_keyboard(page, first, wrong)
        text = feedback(page, first["id"])
        assert "\u2717" in text and "Not right yet" in text
        assert text.count("Not quite") <= 1, "'Not quite' twice"
        assert first["options"][wrong[0]]["feedback"] in text
        assert score(page, bank["id"]) == f"Score: 0 of {total} correct"
        answer_by_keyboard(page, first, right)
        text = feedback(page, first["id"])
        assert "\u2713" in text and "Correct" in text and "Not right yet" not in text
        for index in right:
            assert first["options"][index]["feedback"] in text
        live = page.locator(f'[data-question="{first["id"]}"] .quiz-feedback[aria-live="polite"]')
        assert live.count() == 1
        assert score(page, bank["id"]) == f"Score: 1 of {total} correct"
        answer_by_keyboard(page, last, pick(last)[1])
        assert score(page, bank["id"]) == f"Score: 2 of {total} correct"
        if os.environ.get("QUIZ_SCREENSHOT_DIR"):
            shots = Path(os.environ["QUIZ_SCREENSHOT_DIR"])
            shots.mkdir(parents=True, exist_ok=True)
            page.locator(f'#q-{first["id"]}').screenshot(
                path=str(shots / f"{bank['id']}-first.png"))
        # Focus is visible on the Check button (an outline, not only colour).
        outline = page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
        assert outline not in ("none", ""), "no visible focus outline"

        # Progress survives a reload.
        page.reload(wait_until="load")
        assert checked(page, first["id"]) == right
        assert "Correct" in feedback(page, first["id"])
        assert score(page, bank["id"]) == f"Score: 2 of {total} correct"
        stored = page.evaluate(f"() => localStorage.getItem('course-quiz:{bank['id']}')")
        assert stored and first["id"] in stored

        # The reset button, reached by keyboard, clears everything.
        tab_until(page, lambda s: "quiz-reset" in s["cls"])
        page.keyboard.press("Enter")
        assert checked(page, first["id"]) == []
        assert feedback(page, first["id"]).strip() == ""
        assert score(page, bank["id"]) == "Your answers were cleared."
        page.reload(wait_until="load")
        assert checked(page, first["id"]) == [] and checked(page, last["id"]) == []
        assert score(page, bank["id"]) == ""
    finally:
        context.close()
    assert not outside, f"requests to other hosts: {outside}"
    assert not errors, f"console or page errors: {errors}"


def test_no_javascript_keeps_questions_and_answers(chromium, site):
    docname, bank = PAGES[0]
    context = chromium.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        page.goto(f"{site}/{docname}.html", wait_until="load")
        quiz = page.locator(f'.quiz[data-quiz="{bank["id"]}"]')
        assert quiz.locator("legend").first.is_visible()
        assert not quiz.locator("button.quiz-check").first.is_visible()
        details = quiz.locator("details.quiz-answers")
        assert not details.locator("li[data-option]").first.is_visible()
        details.locator("summary").focus()
        page.keyboard.press("Enter")
        assert details.locator("li[data-option]").first.is_visible()
    finally:
        context.close()
