"""The Chinese class printables: run sheets, cards, answer grid and forms in Chinese.

The Chinese build (``make zh``) writes the same printables as the English one
(``course.printables``), with the class plans from ``class-plans.po`` and every other word
from the interface catalogue (``sphinx.po``). These tests read the Chinese PDFs with
pdftotext and compare them with the English ones.
"""

from __future__ import annotations

import re
import subprocess
from functools import lru_cache

import pytest

from conftest import BUILD, ROOT
from quizlib import model  # noqa: F401  (puts _ext on the path)

from course.classplan import PLAN_FILE, load_plans  # noqa: E402
from course.i18n import good_translations, translate_plans  # noqa: E402

EN = BUILD / "latex"
ZH = BUILD / "zh" / "_build" / "latex"
STEMS = ["run-sheet-plan-a", "run-sheet-plan-b", "myth-fact-cards", "quiz-answer-grid",
         "sign-in-sheet", "evaluation-form", "local-contacts-slip", "room-checklist"]
HAN = re.compile(r"[\u4e00-\u9fff]")
SPHINX_PO = ROOT / "locales" / "zh_CN" / "LC_MESSAGES" / "sphinx.po"


@lru_cache(maxsize=None)
def text(folder, stem: str, layout: bool = False) -> str:
    path = folder / f"{stem}.pdf"
    assert path.exists(), f"{path} was not built; run `make book`"
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", *(["-layout"] if layout else []), str(path), "-"],
                         capture_output=True, text=True, check=True).stdout
    return out if layout else " ".join(out.split())


def say(english: str) -> str:
    return good_translations(SPHINX_PO)[(None, english)]


@pytest.mark.parametrize("stem", STEMS)
def test_chinese_printable_is_in_chinese(stem):
    words = text(ZH, stem)
    assert len(HAN.findall(words)) > 40, f"{stem}: hardly any Chinese"
    # Words of the English printable's furniture must not be left.
    for english in ("For the instructor", "For the room", "For the class", "Reviewed", "Page 1 of",
                    "Minutes", "What happens", "Discussion prompts", "Say:", "Note:"):
        assert english not in words, f"{stem}: {english!r} left in English"
    left = re.findall(r"[A-Za-z]{2,}(?:[ ,'-]+[A-Za-z]{2,}){3,}", words)
    assert not left, f"{stem}: English sentences left: {left[:3]}"


def test_chinese_run_sheets_follow_the_translated_plans():
    plans = translate_plans(load_plans(ROOT / PLAN_FILE), ROOT / "locales", "zh_CN")
    for plan in plans:
        words = text(ZH, f"run-sheet-{plan['id']}").replace(" ", "")
        for session in plan["sessions"]:
            for slot in session["slots"]:
                do = re.sub(r"\{[a-z]+\}`[^`]*`", "", slot["do"]).replace(" ", "")
                assert do[:12] in words, f"run-sheet-{plan['id']}: no slot {slot['start']}–{slot['end']} ({do[:12]})"
                assert HAN.search(slot["do"]), f"{session['id']} {slot['start']}: the plan text is not translated"
            for prompt in session["slots"][1].get("prompts") or []:
                assert prompt.replace(" ", "")[:10] in words


def test_chinese_cards_are_the_english_cards():
    """The same number of cards, each the same kind (myth or fact) as in English."""
    english = re.findall(r"^\s*(\d+)\s+(Myth|Fact)\b",
                         text(EN, "myth-fact-cards", layout=True).partition("What the evidence says")[2], re.M)
    sheet = text(ZH, "myth-fact-cards", layout=True).partition(say("What the evidence says"))[2]
    kinds = {say("Myth"): "Myth", say("Fact"): "Fact"}
    chinese = re.findall(rf"^\s*(\d+)\s+({'|'.join(kinds)})", sheet, re.M)
    assert len(english) >= 10
    assert [(n, kinds[k]) for n, k in chinese] == english
    cards = text(ZH, "myth-fact-cards").partition(say("Myth or fact? Answer sheet"))[0]
    numbers = re.findall(say("Card {number}").replace("{number}", r"\s*(\d+)"), cards)
    assert sorted(int(n) for n in numbers) == list(range(1, len(english) + 1))


def test_chinese_answer_grid_has_the_english_letters():
    def letters(words):
        return re.findall(r"\b\d+[A-E](?:,[A-E])*\b", words)

    assert letters(text(ZH, "quiz-answer-grid")) == letters(text(EN, "quiz-answer-grid"))
