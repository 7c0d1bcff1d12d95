"""Quizzes that cannot be passed without reading.

Authors write the right answer first; the quiz model puts every question's options in
the order learners see (right answers spread over the positions, "all that apply"
options mixed), and book-wide checks reject answer patterns a learner could spot. The
web page, the worksheet, the answer key and the book PDF show that one order, with the
same letters.
"""

from __future__ import annotations

import re

import pytest
from pypdf import PdfReader

from conftest import BUILD, HTML
from quizlib import book_banks, model
from test_quiz_model import GOOD

WORKSHEETS = BUILD / "pdf" / "worksheets.pdf"
ANSWER_KEY = BUILD / "pdf" / "answer-key.pdf"


def squash(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


def pdf_text(path) -> str:
    assert path.exists(), f"{path} was not built; run `make book` first"
    return "".join(page.extract_text() or "" for page in PdfReader(str(path)).pages)


# --- The measures ---------------------------------------------------------------------------


def test_right_answers_are_spread_over_the_positions():
    stats = model.answer_positions(book_banks())
    total = sum(stats["single"].values())
    assert total >= 30
    shares = {model.letter(p): n / total for p, n in stats["single"].items()}
    assert len(shares) >= 3, f"single-choice answers use only positions {sorted(shares)}"
    assert max(shares.values()) <= model.MAX_POSITION_SHARE, shares


def test_true_false_answers_are_balanced():
    share = model.answer_positions(book_banks())["true_share"]
    assert 0.35 <= share <= 0.65, f"{share:.0%} of true/false answers are 'True'"


def test_all_that_apply_answers_are_mixed():
    stats = model.answer_positions(book_banks())
    assert stats["multiple_prefix_share"] <= model.MAX_PREFIX_SHARE


def test_no_bank_puts_every_single_answer_in_one_place():
    checked = 0
    for bank in book_banks():
        positions = [next(i for i, o in enumerate(q["options"]) if o["correct"])
                     for q in bank["questions"] if q["type"] == "single"]
        if len(positions) >= 3:  # with fewer, one place can be chance
            checked += 1
            assert len(set(positions)) > 1, f"{bank['file']}: every right answer is option {positions[0]}"
    assert checked, "no bank has three single-choice questions to compare"


# --- Validation -----------------------------------------------------------------------------

TRUE_FALSE = """\
  - id: {id}
    type: true-false
    section: sample-one
    prompt: "True or false: statement {id}."
    options:
      - text: "True"
        feedback: No.
      - text: "False"
        correct: true
        feedback: Yes.
"""


def test_a_book_of_false_statements_is_rejected():
    text = GOOD + "".join(TRUE_FALSE.format(id=f"sample-tf-{i}") for i in range(6))
    bank = model.parse_bank(text, "quizzes/sample.yml")
    problems = model.guessability_problems([bank])
    assert any('"True"' in message and "quizzes/sample.yml" == file for file, _, message in problems)


def test_arranging_moves_first_written_answers():
    singles = "".join(f"""\
  - id: sample-s{i}
    type: single
    section: sample-one
    prompt: Which {i}?
    options:
      - text: Right {i}
        correct: true
        feedback: Yes.
      - text: Wrong {i}
        feedback: No.
      - text: Other {i}
        feedback: No.
""" for i in range(6))
    bank = model.parse_bank("id: sample\nquestions:\n" + singles, "quizzes/sample.yml")
    positions = [next(i for i, o in enumerate(q["options"]) if o["correct"]) for q in bank["questions"]]
    assert sorted(set(positions)) == [0, 1, 2]
    assert not model.guessability_problems([bank])


# --- Every output shows the same order ------------------------------------------------------


def questions_in_order():
    return [q for bank in book_banks() for q in bank["questions"]]


def test_web_pages_show_the_model_order():
    pages = {p.read_text(encoding="utf-8") for p in (HTML / "chapters").glob("*.html")}
    html = "\n".join(pages)
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    checked = 0
    for q in questions_in_order():
        element = soup.select_one(f'div.quiz-question[data-question="{q["id"]}"]')
        if element is None:
            continue
        labels = [label.get_text(" ", strip=True) for label in element.select(".quiz-option label")]
        assert labels == [f"{model.letter(i)}. {o['text']}" for i, o in enumerate(q["options"])], q["id"]
        checked += 1
    assert checked >= 60


def test_worksheet_letters_follow_the_model_order():
    text = squash(pdf_text(WORKSHEETS))
    missing = []
    for q in questions_in_order():
        lettered = "".join(squash(model.letter(i)) + squash(o["text"]) for i, o in enumerate(q["options"]))
        if lettered not in text:
            missing.append(q["id"])
    assert not missing, f"worksheet options not lettered in the quiz order: {missing[:5]}"


@pytest.mark.parametrize("page", ["chapters/answer-key.html"])
def test_web_answer_key_letters_match(page):
    from bs4 import BeautifulSoup

    soup = BeautifulSoup((HTML / page).read_text(encoding="utf-8"), "html.parser")
    checked = 0
    for q in questions_in_order():
        item = soup.select_one(f'li[data-question="{q["id"]}"]')
        if item is None:
            continue
        letters = [span.get_text().rstrip(".") for span in item.select(".quiz-key-letter")]
        assert letters == [model.letter(i) for i, o in enumerate(q["options"]) if o["correct"]], q["id"]
        checked += 1
    assert checked >= 60
