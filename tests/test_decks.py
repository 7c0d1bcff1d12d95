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
from pypdf import PdfReader

from conftest import BUILD, HTML, ROOT

sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "_ext"))
import decks  # noqa: E402
from manifest import manifest  # noqa: E402
import slidedecks  # noqa: E402
from slidedecks import numbers_off_the_ledger, texts  # noqa: E402

PDF_DIR = BUILD / "pdf"
SESSIONS = decks.sessions()


def deck(session_id: str):
    return slidedecks.deck(PDF_DIR, session_id)


def squash(text: str) -> str:
    return " ".join(text.replace(":", " ").lower().split())


def sizes(shape) -> list[float]:
    return [run.font.size.pt for p in shape.text_frame.paragraphs for run in p.runs]


@pytest.mark.parametrize("session", SESSIONS, ids=lambda s: s["id"])
def test_deck_follows_its_session_plan(session):
    prs = deck(session["id"])
    assert prs.slide_width * 9 == prs.slide_height * 16, "not 16:9"
    titles = [texts(slide)[0] for slide in prs.slides]
    # A long session title is split over the title and the line below it.
    assert squash(session["title"]) in squash(" ".join(texts(prs.slides[0])))
    assert titles[1] == "Today we will"
    position = 1
    for slot in session["slots"]:
        # Each time slot has its slide, with the plan's slide title, in the plan's order;
        # its notes carry the minutes.
        found = next((i for i in range(position + 1, len(titles))
                      if titles[i] == slot["slide_title"] and prs.slides[i].notes_slide.notes_text_frame.text
                      .startswith(f"{slot['start']}–{slot['end']} min.")), None)
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
            assert min(sizes(shape)) >= decks.MIN_PT, f"slide {number}: text at {min(sizes(shape))} pt"
            assert shape.left >= 0 and shape.left + shape.width <= prs.slide_width, f"slide {number}"
            assert shape.top + shape.height <= prs.slide_height, f"slide {number}: box below the slide"
            size = max(sizes(shape))  # a larger heading in the box takes more room, never less
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
    allowed = re.compile(r"\b\d+–\d+ min\b|\b(?:Fig\.|Quiz|Answer|Session|Plan|lesson|Lesson) \d+(?:\.\d+)?"
                         r"|\b\d+[ -]minutes?\b|\b\d+\.\s|\b(?:19|20)\d\d\b|NHS 111")
    odd = numbers_off_the_ledger([deck(session["id"]) for session in SESSIONS], allowed, r"(?!\w)")
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


# ------------------------------------------------------------------ read from the back of the room
@pytest.mark.parametrize("session", SESSIONS, ids=lambda s: s["id"])
def test_every_slide_title_is_short_and_on_one_line(session):
    for number, slide in enumerate(deck(session["id"]).slides, 1):
        titles = [shape for shape in slide.shapes if shape.name == "Title"]
        assert len(titles) == 1, f"slide {number}: {len(titles)} titles"
        title = titles[0]
        text = title.text_frame.text
        assert 0 < len(text) <= 40, f"slide {number}: title of {len(text)} characters: {text}"
        size = max(sizes(title))
        assert min(sizes(title)) >= decks.MIN_PT
        # Measured as the deck measures it, inside the box's inner margins.
        assert decks.lines_needed(text, size, title.width - decks.INSET) == 1, (
            f"slide {number}: {text!r} takes more than one line at {size} pt")


def urgent_headings() -> list[str]:
    """The tiers' headings, read from the one source: "1. Call your emergency number now"…"""
    text = (ROOT / "chapters" / "_snippets" / "urgent-help.md").read_text(encoding="utf-8")
    return [f"{n}. {words.strip()}" for n, words in re.findall(r"\*\*(\d)\.\s*([^,*]+)", text)]


def inside(inner, outer) -> bool:
    return (outer.left <= inner.left and inner.left + inner.width <= outer.left + outer.width
            and outer.top <= inner.top and inner.top + inner.height <= outer.top + outer.height)


@pytest.mark.parametrize("session", SESSIONS, ids=lambda s: s["id"])
def test_urgent_help_is_three_separate_boxes_in_large_type(session):
    headings = urgent_headings()
    assert len(headings) == 3 and headings[0].startswith("1. Call your emergency number")
    slides = [s for s in deck(session["id"]).slides if texts(s)[0] == "When to get urgent help"]
    assert len(slides) == 4, "the urgent help at the start and at the end, each over two slides"
    for group in (slides[:2], slides[2:]):
        boxes = {}
        for slide in group:
            rectangles = [s for s in slide.shapes if s.shape_type == 1]  # 1: an autoshape, not a text box
            for shape in slide.shapes:
                if not (shape.has_text_frame and shape.text_frame.text) or shape.name == "Title":
                    continue
                assert min(sizes(shape)) >= 24, f"urgent help at {min(sizes(shape))} pt"
                found = [h for h in headings if shape.text_frame.paragraphs[0].text == h]
                assert len(found) == 1, f"a box that does not start with its tier: {shape.text_frame.text[:60]}"
                # Each tier in its own coloured box, the boxes apart from one another.
                frame = [r for r in rectangles if inside(shape, r) and r.top > 0]
                assert len(frame) == 1, f"{found[0]} is not in its own box"
                boxes[found[0]] = (slide.slide_id, frame[0])
        assert sorted(boxes) == headings, f"tiers on the urgent slides: {sorted(boxes)}"
        assert boxes[headings[0]][1].fill.fore_color.rgb == decks.RED, "tier 1 is not red"
        shown = list(boxes.values())
        for i, (slide_a, a) in enumerate(shown):
            for slide_b, b in shown[i + 1:]:
                apart = (a.left + a.width <= b.left or b.left + b.width <= a.left
                         or a.top + a.height <= b.top or b.top + b.height <= a.top)
                assert slide_a != slide_b or apart, "two tiers' boxes overlap"


@pytest.mark.parametrize("session", SESSIONS, ids=lambda s: s["id"])
def test_every_slides_notes_give_the_minutes_and_words_to_say(session):
    timing = re.compile(r"^\d+–\d+ min\.\s")
    for number, slide in enumerate(deck(session["id"]).slides, 1):
        notes = slide.notes_slide.notes_text_frame.text
        assert timing.match(notes), f"slide {number}: notes without the minutes: {notes[:60]!r}"
        words = timing.sub("", notes).split()
        assert len(words) >= 8, f"slide {number}: notes of {len(words)} words: {notes!r}"


@pytest.mark.parametrize("session", SESSIONS, ids=lambda s: s["id"])
def test_figures_fill_their_slides(session):
    prs = deck(session["id"])
    seen = 0
    for number, slide in enumerate(prs.slides, 1):
        pictures = [s for s in slide.shapes if s.shape_type == 13]
        if not pictures:
            continue
        seen += 1
        # Only the short title and the figure; the caption is in the notes.
        assert [t for t in texts(slide)] == [texts(slide)[0]] and texts(slide)[0].startswith("Fig. "), (
            f"slide {number}: more than a title beside the figure: {texts(slide)}")
        assert texts(slide)[0] + ":" in slide.notes_slide.notes_text_frame.text, (
            f"slide {number}: no caption in the notes")
        for picture in pictures:
            high, wide = picture.height / prs.slide_height, picture.width / prs.slide_width
            assert high >= 0.6 or wide >= 0.8, f"slide {number}: figure at {high:.0%} high, {wide:.0%} wide"
            assert picture.left >= 0 and picture.left + picture.width <= prs.slide_width
            assert picture.top >= 0 and picture.top + picture.height <= prs.slide_height
    shown = sum(len(re.findall(r"\{numref\}`", str(slot.get("show", "")))) for slot in session["slots"])
    assert seen == shown, f"{seen} figure slides for {shown} figures in the plan"


def test_a_missing_or_long_slide_title_is_an_error_naming_the_line(tmp_path):
    from course.classplan import ClassPlanError, PLAN_FILE, load_plans

    good = load_plans(ROOT / PLAN_FILE)
    slots = good[0]["sessions"][0]["slots"]
    text = (ROOT / PLAN_FILE).read_text(encoding="utf-8")
    first, second = (f'slide_title: "{slot["slide_title"]}"\n' for slot in slots[:2])
    text = text.replace(first, 'slide_title: "Welcome, ground rules, and a content note"\n', 1)  # 41 characters
    text = text.replace("            " + second, "", 1)
    bad = tmp_path / "class-plans.yml"
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(ClassPlanError) as info:
        load_plans(bad, PLAN_FILE)
    message = str(info.value)
    assert f"{PLAN_FILE}:{slots[0].line}: the `slide_title` of this slot of `plan-a-class` has 41 characters" in message
    assert f"{PLAN_FILE}:{slots[1].line}: give this slot of `plan-a-class` a short `slide_title:`" in message
