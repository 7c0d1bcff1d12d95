"""What a reader reads on a page, and how hard it is: shared by tests and reports.

The reading text is the article's prose (paragraphs, list items, callouts, table cells)
without citation labels, quiz forms, figure code or the page's navigation. Blocks that
do not end a sentence (list items, table cells) are closed with a full stop so that
textstat does not merge them into one long sentence.
"""

from __future__ import annotations

import re
import statistics

import textstat
from bs4 import BeautifulSoup

SKIP = (
    "span.bibtex-citation, a.headerlink, .quiz, form, details.quiz-answers, "
    "div.cell_input, div.highlight, pre, .toctree-wrapper, nav, script, style"
)
BLOCKS = ("p", "li", "dt", "dd", "td", "th", "figcaption", "caption", "h1", "h2", "h3", "h4")


def reading_text(article) -> str:
    """The prose of a page's <article>, ready for readability formulas."""
    node = BeautifulSoup(str(article), "html.parser")
    for unwanted in node.select(SKIP):
        unwanted.decompose()
    pieces = []
    for block in node.find_all(BLOCKS):
        if block.find(BLOCKS):
            continue  # the inner blocks are counted on their own
        text = re.sub(r"\s+", " ", block.get_text(" ", strip=True)).strip()
        text = re.sub(r"\s+([,.;:!?])", r"\1", text)
        if not text:
            continue
        if not re.search(r"[.!?:]$", text):
            text += "."
        pieces.append(text)
    return "\n".join(pieces)


BODY_SKIP = "details.more, figure, .quiz, div.cell_output, .lesson-overview"


def body_text(article) -> str:
    """A lesson's body for its length limit: its prose without the folded "More detail"
    sections, figures, quizzes and the "In this lesson" box."""
    node = BeautifulSoup(str(article), "html.parser")
    for unwanted in node.select(BODY_SKIP):
        unwanted.decompose()
    return reading_text(node)


def in_short_items(article) -> list[str]:
    """The key messages of the lesson's "In short" box."""
    box = article.select_one(".in-short")
    return [" ".join(li.get_text(" ").split()) for li in box.select("li")] if box else []


def grade(text: str) -> float:
    return float(textstat.flesch_kincaid_grade(text))


def word_count(text: str) -> int:
    return len(re.findall(r"[A-Za-z][A-Za-z'’-]*", text))


def citation_keys(article) -> set[str]:
    """Distinct bibliography entries cited on a page (by their link target)."""
    return {
        a.get("href", "").split("#")[-1]
        for a in article.select("span.bibtex-citation a")
    }


def median(values) -> float:
    return statistics.median(values)
