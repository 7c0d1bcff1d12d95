"""Quizzes in Chromium, with the keyboard alone: wrong then right answers, feedback in the
live region, the score, progress kept over a reload, and the reset button.

Every quiz has the same markup and script, so each question type (single, multiple,
true-false) is tested once, on the first question of that type in the book. Saved
progress that is not what the script wrote is ignored.

Set QUIZ_SCREENSHOT_DIR to keep a 390 px wide screenshot of each answered question.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from quizlib import quiz_pages

pytestmark = pytest.mark.browser

PAGES = quiz_pages()
MAX_TABS = 600
PHONE = {"width": 390, "height": 844}


def first_of_each_type() -> dict[str, tuple[str, dict, dict]]:
    """Question type -> (docname, bank, question): the first question of that type."""
    found: dict[str, tuple[str, dict, dict]] = {}
    for docname, bank in PAGES:
        for q in bank["questions"]:
            found.setdefault(q["type"], (docname, bank, q))
    return found


TYPES = first_of_each_type()


def open_page(browser, server, docname):
    """A phone-sized page with every request to another host aborted and every error kept."""
    context = browser.new_context(viewport=PHONE)
    outside, errors = [], []
    # Only requests to other hosts come to Python (routing every request would slow each load).
    context.route(re.compile(r"^(?!" + re.escape(server.origin) + r"/)(?:https?|wss?)://"),
                  lambda route: (outside.append(route.request.url), route.abort()))
    page = context.new_page()
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.goto(server.url(f"{docname}.html"), wait_until="load")
    return context, page, outside, errors


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


def focus_just_before(page, qid) -> None:
    """Focus the control just before the question in Tab order; the keyboard does the rest
    (tabbing there from the top of the page costs hundreds of key presses)."""
    page.evaluate("""qid => {
        const all = Array.from(document.querySelectorAll(
            'a[href], button, input, summary, [tabindex]:not([tabindex="-1"])'))
            .filter(el => el.offsetParent !== null || el.getClientRects().length);
        const first = document.querySelector('#q-' + qid + ' input');
        all[all.indexOf(first) - 1].focus();
    }""", qid)


def test_the_book_has_every_question_type():
    assert sorted(TYPES) == ["multiple", "single", "true-false"]


@pytest.mark.parametrize("qtype", ["single", "multiple", "true-false"])
def test_quiz_by_keyboard(browser, server, qtype):
    docname, bank, question = TYPES[qtype]
    total, qid = len(bank["questions"]), question["id"]
    context, page, outside, errors = open_page(browser, server, docname)
    try:
        quiz = page.locator(f'.quiz[data-quiz="{bank["id"]}"]')
        assert quiz.locator(".quiz-footer").is_visible(), "the script did not start"
        assert score(page, bank["id"]) == "", "a score is shown before any answer"
        region = page.locator(f'[data-question="{qid}"] .quiz-feedback')
        assert region.evaluate("el => getComputedStyle(el).display") != "none", (
            "the empty feedback region is hidden from screen readers")
        page.locator(f"#q-{qid}").scroll_into_view_if_needed()
        focus_just_before(page, qid)
        wrong, right = pick(question)
        answer_by_keyboard(page, question, wrong)
        text = feedback(page, qid)
        assert "\u2717" in text and "Not right yet" in text
        assert text.count("Not quite") <= 1, "'Not quite' twice"
        assert question["options"][wrong[0]]["feedback"] in text
        assert score(page, bank["id"]) == f"Score: 0 of {total} correct"
        answer_by_keyboard(page, question, right)
        text = feedback(page, qid)
        assert "\u2713" in text and "Correct" in text and "Not right yet" not in text
        for index in right:
            assert question["options"][index]["feedback"] in text
        assert page.locator(f'[data-question="{qid}"] .quiz-feedback[aria-live="polite"]').count() == 1
        assert score(page, bank["id"]) == f"Score: 1 of {total} correct"
        if os.environ.get("QUIZ_SCREENSHOT_DIR"):
            shots = Path(os.environ["QUIZ_SCREENSHOT_DIR"])
            shots.mkdir(parents=True, exist_ok=True)
            page.locator(f"#q-{qid}").screenshot(path=str(shots / f"{qtype}.png"))
        # Focus is visible on the Check button (an outline, not only colour).
        outline = page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
        assert outline not in ("none", ""), "no visible focus outline"

        # Progress survives a reload.
        page.reload(wait_until="load")
        assert checked(page, qid) == right
        assert "Correct" in feedback(page, qid)
        assert score(page, bank["id"]) == f"Score: 1 of {total} correct"
        stored = page.evaluate(f"() => localStorage.getItem('course-quiz:{bank['id']}')")
        assert stored and qid in stored

        # The reset button, reached by keyboard, clears everything.
        page.locator(f"#q-{qid} .quiz-check").focus()
        tab_until(page, lambda s: "quiz-reset" in s["cls"])
        page.keyboard.press("Enter")
        assert checked(page, qid) == []
        assert feedback(page, qid).strip() == ""
        assert score(page, bank["id"]) == "Your answers were cleared."
        page.reload(wait_until="load")
        assert checked(page, qid) == []
        assert score(page, bank["id"]) == ""
    finally:
        context.close()
    assert not outside, f"requests to other hosts: {outside}"
    assert not errors, f"console or page errors: {errors}"


@pytest.mark.parametrize("saved", [5, "hello", True, [], None, [{"selected": [0]}]], ids=json.dumps)
def test_saved_progress_that_is_not_an_object_is_ignored(browser, server, saved):
    """Another script, an old version or a hand edit may leave any JSON under the quiz's
    key: the quiz starts empty, then checks and saves as usual, without errors."""
    docname, bank, question = TYPES["single"]
    key = f"course-quiz:{bank['id']}"
    context, page, outside, errors = open_page(browser, server, docname)
    try:
        page.evaluate("([key, value]) => localStorage.setItem(key, value)", [key, json.dumps(saved)])
        page.reload(wait_until="load")
        assert score(page, bank["id"]) == ""
        right = pick(question)[1][0]
        page.locator(f"#q-{question['id']}-{right}").check()
        page.locator(f"#q-{question['id']} .quiz-check").click()
        assert "Correct" in feedback(page, question["id"])
        assert score(page, bank["id"]) == f"Score: 1 of {len(bank['questions'])} correct"
        stored = json.loads(page.evaluate("key => localStorage.getItem(key)", key))
        assert stored[question["id"]] == {"selected": [right], "checked": True, "correct": True}
    finally:
        context.close()
    assert not errors, f"console or page errors with saved progress {saved!r}: {errors}"


def test_no_javascript_keeps_questions_and_answers(browser, server):
    docname, bank = PAGES[0]
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    page = context.new_page()
    try:
        page.goto(server.url(f"{docname}.html"), wait_until="load")
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
