"""The quizzes in the PDFs: questions with tick boxes in the book's lessons, answers only in
the answer key (a PDF of its own; the book does not print it)."""

from __future__ import annotations

import re

from conftest import BUILD, pdf_text
from pypdf import PdfReader
from quizlib import model
from test_quiz_html import PAGES

BOX = "\u25a1"  # what $\square$ extracts as


def norm(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


def split_key(text: str) -> tuple[str, str]:
    """(the book, the answer key PDF's text)."""
    key = PdfReader(str(BUILD / "pdf" / "answer-key.pdf"))
    assert not re.search(r"Answers\s*by\s*lesson", text), "the book prints the answer key"
    return text, "\n".join(page.extract_text() or "" for page in key.pages)


def test_questions_and_boxes_in_the_lessons():
    book, _ = split_key(pdf_text())
    flat = norm(book)
    n_options = 0
    for docname, bank in PAGES:
        for q in bank["questions"]:
            assert norm(q["prompt"]) in flat, f"{docname}: question {q['id']} not in the PDF"
            for option in q["options"]:
                assert norm(option["text"]) in flat, f"{q['id']}: option {option['text']!r} missing"
            n_options += len(q["options"])
    assert book.count(BOX) >= n_options, "options without a box to tick"


def test_no_feedback_in_the_lessons():
    book, key = split_key(pdf_text())
    flat_book, flat_key = norm(book), norm(key)
    for _, bank in PAGES:
        for q in bank["questions"]:
            for option in q["options"]:
                feedback = norm(option["feedback"])
                if len(feedback) < 30:
                    continue  # too short to be told apart from other text
                assert feedback not in flat_book, f"{q['id']}: feedback printed with the lesson"
                assert (feedback in flat_key) == option["correct"], f"{q['id']}: key feedback"


def test_answer_key_in_reading_order():
    _, key = split_key(pdf_text())
    flat = norm(key)
    position = 0
    for _, bank in PAGES:
        for q in bank["questions"]:
            found = flat.find(norm(q["prompt"]), position)
            assert found >= 0, f"{q['id']}: not in the answer key (or out of order)"
            position = found
            answer = "".join(norm(o["text"]) for o in model.correct_options(q))
            chunk = flat[found:found + len(norm(q["prompt"])) + len(answer) + 40]
            for option in model.correct_options(q):
                assert norm(option["text"]) in chunk, f"{q['id']}: answer missing in the key"
