"""The built slide decks as python-pptx reads them: shared by tests/test_decks.py and
tests/test_decks_zh.py."""

from __future__ import annotations

import re
from pathlib import Path

from pptx import Presentation

from textnumbers import ledger_word_numbers

# A number as typed on a slide: 7, 1.9, 1,000 (not a part of a longer word or number).
NUMBER = r"(?<![\w.])\d+(?:[.,]\d+)*"


def deck(folder: Path, session_id: str):
    path = folder / f"deck-{session_id}.pptx"
    assert path.exists(), f"{path} was not built; run `make book`"
    return Presentation(str(path))


def texts(slide) -> list[str]:
    return [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame and shape.text_frame.text]


def numbers_off_the_ledger(decks, allowed: re.Pattern, number_end: str) -> list[str]:
    """Numbers on the decks' slides that the ledger does not word, once ``allowed`` (times,
    quiz and figure numbers, years…) is taken out; ``number_end`` is what may not follow a
    number (a Chinese character is a word character, so the editions differ)."""
    known = ledger_word_numbers()
    number = re.compile(NUMBER + number_end)
    return [n for presentation in decks for slide in presentation.slides
            for n in number.findall(allowed.sub("", " ".join(texts(slide)))) if n not in known]
