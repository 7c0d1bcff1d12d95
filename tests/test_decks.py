"""Slide decks for each class session: editable, readable on a projector, and from the book's sources.

``scripts/decks.py`` builds one ``.pptx`` per session of ``chapters/class-plans.yml`` and a
PDF of it through LibreOffice Impress, after the Sphinx build whose course manifest gives it
figure numbers and titles. These tests read the decks back with python-pptx and the PDFs with
pypdf, and compare them with the manifest.
"""

from __future__ import annotations

import re
import sys
import zipfile

import pytest
from pptx import Presentation
from pptx.util import Emu
from pypdf import PdfReader

from conftest import BUILD, HTML, ROOT

sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "_ext"))
import decks  # noqa: E402
import figures.data as data  # noqa: E402
from manifest import manifest  # noqa: E402

PDF_DIR = BUILD / "pdf"
SESSIONS = decks.sessions()


def deck(session_id: str):
    path = PDF_DIR / f"deck-{session_id}.pptx"
    assert path.exists(), f"{path} was not built; run `make book`"
    return Presentation(str(path))


def texts(slide) -> list[str]:
    return [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame and shape.text_frame.text]


@pytest.mark.parametrize("session", SESSIONS, ids=lambda s: s["id"])
def test_deck_follows_its_session_plan(session):
    prs = deck(session["id"])
    assert prs.slide_width * 9 == prs.slide_height * 16, "not 16:9"
    titles = [texts(slide)[0] for slide in prs.slides]
    assert session["title"] in titles[0]
    assert titles[1] == "Today we will"
    position = 1
    for slot in session["slots"]:
        # Each time slot has its slide, in the plan's order; its notes carry the minutes.
        found = next((i for i in range(position + 1, len(titles))
                      if prs.slides[i].notes_slide.notes_text_frame.text.startswith(
                          f"{slot['start']}–{slot['end']} min.")), None)
        assert found is not None, f"no slide for the slot {slot['start']}–{slot['end']}"
        position = found
        for label in re.findall(r"\{numref\}`([\w-]+)`", str(slot.get("show", ""))):
            # Numbered as in the book, from the manifest the Sphinx build wrote.
            number = f"Fig. {manifest()['figures'][label]}"
            assert number in titles[found:found + 3], f"{label} ({number}) not shown"
    for prompt in [p for slot in session["slots"] for p in slot.get("prompts") or []]:
        assert any(prompt[:40] in " ".join(texts(s)) for s in prs.slides), prompt
    assert sum(t.startswith("Quiz ") for t in titles) == sum(t.startswith("Answer ") for t in titles) >= 2
    assert "When to get urgent help" in titles and "Where to find support" in titles
    assert titles[-1] == "Thank you for coming"


@pytest.mark.parametrize("session", SESSIONS, ids=lambda s: s["id"])
def test_every_slide_has_notes_and_every_picture_alt_text(session):
    prs = deck(session["id"])
    for number, slide in enumerate(prs.slides, 1):
        assert slide.has_notes_slide and slide.notes_slide.notes_text_frame.text.strip(), f"slide {number}"
        for shape in slide.shapes:
            if shape.shape_type == 13:  # picture
                alt = shape._element.nvPicPr.cNvPr.get("descr", "")
                assert len(alt) > 40, f"slide {number}: a picture without real alt text"


@pytest.mark.parametrize("session", SESSIONS, ids=lambda s: s["id"])
def test_text_is_large_and_fits_its_box(session):
    prs = deck(session["id"])
    for number, slide in enumerate(prs.slides, 1):
        for shape in slide.shapes:
            if not shape.has_text_frame or not shape.text_frame.text:
                continue
            paragraphs = [p for p in shape.text_frame.paragraphs if p.runs]
            sizes = {run.font.size.pt for p in paragraphs for run in p.runs}
            assert min(sizes) >= decks.MIN_PT, f"slide {number}: text at {min(sizes)} pt"
            assert shape.left >= 0 and shape.left + shape.width <= prs.slide_width, f"slide {number}"
            assert shape.top + shape.height <= prs.slide_height, f"slide {number}: box below the slide"
            size = min(sizes)
            assert decks.fits([p.text for p in paragraphs], size, shape.width, shape.height), (
                f"slide {number}: text overflows its box: {shape.text_frame.text[:80]}")


@pytest.mark.parametrize("session", SESSIONS, ids=lambda s: s["id"])
def test_pdf_from_libreoffice_has_one_page_per_slide(session):
    slides = len(deck(session["id"]).slides)
    for name in (f"deck-{session['id']}.pdf", f"deck-{session['id']}-notes.pdf"):
        assert len(PdfReader(str(PDF_DIR / name)).pages) == slides, name
        guide = (HTML / "chapters" / "instructor-guide.html").read_text(encoding="utf-8")
        assert f"/{name}\"" in guide, f"the instructor guide does not link to {name}"
    notes = PdfReader(str(PDF_DIR / f"deck-{session['id']}-notes.pdf")).pages[1].extract_text()
    assert "Read the aims aloud" in " ".join(notes.split()), "the notes pages lack the speaker notes"


def test_numbers_on_slides_come_from_the_ledger():
    known = set()
    for _, cited in data.all_cited():
        for form in ("says", "percent", "in100", "one-in", "number"):
            known |= set(re.findall(r"\d+(?:[.,]\d+)*", cited.text(form)))
    allowed = re.compile(r"\b\d+–\d+ min\b|\b(?:Fig\.|Quiz|Answer|Session|Plan|lesson|Lesson) \d+(?:\.\d+)?"
                         r"|\b\d+[ -]minutes?\b|\b\d+\.\s|\b(?:19|20)\d\d\b|NHS 111")
    odd = []
    for session in SESSIONS:
        for slide in deck(session["id"]).slides:
            text = allowed.sub("", " ".join(texts(slide)))
            odd += [n for n in re.findall(r"(?<![\w.])\d+(?:[.,]\d+)*(?!\w)", text) if n not in known]
    assert not odd, f"numbers on slides that are not in the ledger: {sorted(set(odd))}"


def test_teaching_pack_holds_slides_prints_and_quiz_files():
    pack = PDF_DIR / "teaching-pack-en.zip"
    names = set(zipfile.ZipFile(pack).namelist())
    for session in SESSIONS:
        assert f"slides/deck-{session['id']}.pptx" in names and f"slides/deck-{session['id']}.pdf" in names
    for name in decks.PACK:
        assert f"print/{name}" in names
    assert {"learning-platform/quiz-bank.moodle.xml", "learning-platform/quiz-bank.gift.txt"} <= names
    guide = (HTML / "chapters" / "instructor-guide.html").read_text(encoding="utf-8")
    home = (HTML / "chapters" / "home.html").read_text(encoding="utf-8")
    assert "/teaching-pack-en.zip\"" in guide and "/teaching-pack-en.zip\"" in home
