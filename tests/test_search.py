"""Search finds the lesson: typed into the search page of the built site, in Chromium.

For medical words a reader is likely to look up, the first result must be a lesson that
teaches the word (an editor's list below: the lessons with a section on it), each page is
listed once (the glossary too), and each summary is body text that contains the word (or
comes from the section whose heading names it): not a list of section headings, and no words run together across blocks
("deficiencyAn old idea").
"""

from __future__ import annotations

import re

import pytest

from conftest import lesson_docnames

# Word -> the lessons that teach it (any of them may come first).
EXPECTED_FIRST = {
    "progesterone": {"chapters/tests-and-treatments"},
    "antiphospholipid": {"chapters/causes-and-risk-factors", "chapters/immune-balance",
                         "chapters/tests-and-treatments"},
    "aspirin": {"chapters/tests-and-treatments"},
    "karyotype": {"chapters/causes-and-risk-factors", "chapters/tests-and-treatments"},
    "blood clotting": {"chapters/causes-and-risk-factors", "chapters/tests-and-treatments"},
}
# Words that are glossary entries: the glossary must be listed, once.
GLOSSARY_WORDS = {"progesterone", "antiphospholipid", "karyotype"}
TOP = 5  # the results a reader on a phone sees without much scrolling

HEADING_NUMBERS = re.compile(r"\b\d+(?:\.\d+)+\.\s+[A-Z]")  # "5.6.1. Aspirin": a list of headings
RUN_TOGETHER = re.compile(r"[a-z]{3,}[A-Z][a-z]|[a-z][.!?:][A-Z][a-z]")  # "deficiencyAn", "first.Then"


def search(browser, server, words: str) -> list[dict]:
    """Type ``words`` into the search page; every result with its summary, best first."""
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        tab = ctx.new_page()
        tab.goto(server.url("search.html"), wait_until="load")
        box = tab.locator("main input[name='q'] >> visible=true").first
        box.fill(words)
        box.press("Enter")
        tab.wait_for_selector("#search-results li", timeout=15000)
        # Results are listed one by one, each summary fetched after its item is shown, and
        # the status line is written only after the last item: wait for it, then for every
        # summary.
        tab.wait_for_function(
            "() => { const status = document.querySelector('#search-results p.search-summary');"
            " const items = [...document.querySelectorAll('#search-results li')];"
            " return status && status.textContent.trim() && items.length"
            " && items.every(li => li.querySelector('p.context')) }",
            timeout=15000,
        )
        return tab.evaluate(
            """() => [...document.querySelectorAll('#search-results li')].map(li => {
                const a = li.querySelector('a');
                return {title: a.textContent, href: a.getAttribute('href'),
                        summary: li.querySelector('p.context').textContent};
            })"""
        )
    finally:
        ctx.close()


def _doc(href: str) -> str:
    return href.split("#")[0].removesuffix(".html")


@pytest.mark.browser
@pytest.mark.parametrize("words", EXPECTED_FIRST)
def test_search_finds_the_lesson(browser, server, words):
    results = search(browser, server, words)
    print(f"\n{words}: " + " | ".join(f"{i}. {r['title']}" for i, r in enumerate(results[:TOP], 1)))
    assert results, f"no results for {words!r}"
    docs = [_doc(r["href"]) for r in results]

    assert docs[0] in lesson_docnames(), f"{words!r}: the first result is {results[0]['title']!r}, not a lesson"
    assert docs[0] in EXPECTED_FIRST[words], (
        f"{words!r}: first is {docs[0]}, expected one of {sorted(EXPECTED_FIRST[words])}")
    repeated = sorted({d for d in docs if docs.count(d) > 1})
    assert not repeated, f"{words!r}: listed more than once: {repeated}"
    if words in GLOSSARY_WORDS:
        assert "chapters/glossary" in docs[:TOP], f"{words!r}: the glossary is not in the first {TOP}"

    stems = [w[:6].lower() for w in words.split()]
    for r in results[:TOP]:
        summary = " ".join(r["summary"].split())
        assert not HEADING_NUMBERS.search(summary), f"{words!r}, {r['title']}: summary lists headings: {summary!r}"
        joined = RUN_TOGETHER.findall(summary)
        assert not joined, f"{words!r}, {r['title']}: words run together {joined}: {summary!r}"
        # The word is in the summary, or in the section heading the result links to.
        said = summary.lower() + " " + r["title"].split(" > ", 1)[-1].lower() * (" > " in r["title"])
        assert any(s in said for s in stems), f"{words!r}, {r['title']}: summary lacks the word: {summary!r}"
