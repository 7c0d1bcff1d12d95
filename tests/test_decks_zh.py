"""The Chinese slide decks: the same slides as the English ones, in Chinese, and as usable.

``make zh`` builds one deck per session of the class plans from the same model as the
English decks (``scripts/decks.py``), with every text from the Chinese catalogues, into
``_build/zh/_build/pdf``, with its LibreOffice PDFs and ``teaching-pack-zh.zip``. These
tests compare each Chinese deck with its English twin slide by slide, and read its text,
fonts, figures, notes and numbers back with python-pptx and pypdf.
"""

from __future__ import annotations

import json
import re
import sys
import zipfile

import pytest
from pptx.oxml.ns import qn
from pypdf import PdfReader

from conftest import BUILD, ROOT

sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "_ext"))
import decks  # noqa: E402
from course.i18n import good_translations  # noqa: E402
from slidedecks import deck, numbers_off_the_ledger, texts  # noqa: E402

EN_DIR = BUILD / "pdf"
ZH_BUILD = BUILD / "zh" / "_build"
ZH_DIR = ZH_BUILD / "pdf"
ZH_HTML = BUILD / "html" / "zh"
CATALOGUES = ROOT / "locales" / "zh_CN" / "LC_MESSAGES"
SESSIONS = [s["id"] for s in decks.sessions()]
HAN = re.compile(r"[\u4e00-\u9fff]")
# Names and codes that stay as they are in Chinese text: guidelines, trials, tests, places.
KEPT = re.compile(r"\b(?:NHS|APS|IVIG|NK|ESHRE|RCOG|ASRM|NICE|PROMISE|PRISM|IVF|WPS|PDF|"
                  r"Quenby|Lund|Brigham|et al|PowerPoint|Keynote|LibreOffice|[A-Z][a-z]?)\b"
                  r"|\b[A-Z][a-z]+ and [A-Z][a-z]+\b")  # a source's two authors


def pictures(slide) -> list:
    return [shape for shape in slide.shapes if shape.shape_type == 13]


def words() -> dict[str, str]:
    return {english: chinese for (_, english), chinese in good_translations(CATALOGUES / "sphinx.po").items()}


def manifest() -> dict:
    return json.loads((ZH_BUILD / "course-manifest.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("session", SESSIONS)
def test_chinese_deck_has_the_english_decks_slides(session):
    english, chinese = deck(EN_DIR, session), deck(ZH_DIR, session)
    assert chinese.slide_width * 9 == chinese.slide_height * 16, "not 16:9"
    assert len(chinese.slides) == len(english.slides), "not the same slides as the English deck"
    say = words()
    for number, (en, zh) in enumerate(zip(english.slides, chinese.slides), 1):
        assert len(pictures(zh)) == len(pictures(en)), f"slide {number}: not the same figures"
        title_en, title_zh = texts(en)[0], texts(zh)[0]
        if title_en in say:  # the deck's own titles: "Today we will", "Talk about it"…
            assert title_zh == say[title_en], f"slide {number}: {title_zh!r} for {title_en!r}"
        assert HAN.search(title_zh) or re.fullmatch(r"图 \d+\.\d+", title_zh), (
            f"slide {number}: title not in Chinese: {title_zh!r}")


@pytest.mark.parametrize("session", SESSIONS)
def test_no_english_sentence_on_a_chinese_slide_or_in_its_notes(session):
    """Names (ESHRE, PROMISE, Jo in a quiz story) may stay; a run of English words may not."""
    for number, slide in enumerate(deck(ZH_DIR, session).slides, 1):
        for text in texts(slide) + [slide.notes_slide.notes_text_frame.text]:
            left = KEPT.sub("", text)
            english = re.findall(r"[A-Za-z]{2,}(?:[ ,'-]+[A-Za-z]{2,}){2,}", left)
            assert not english, f"slide {number}: English left: {english} in {text[:80]!r}"
        notes = slide.notes_slide.notes_text_frame.text
        assert HAN.search(notes), f"slide {number}: notes not in Chinese: {notes[:60]!r}"


@pytest.mark.parametrize("session", SESSIONS)
def test_chinese_text_uses_a_chinese_font_is_large_and_fits(session):
    prs = deck(ZH_DIR, session)
    for number, slide in enumerate(prs.slides, 1):
        for shape in slide.shapes:
            if not shape.has_text_frame or not shape.text_frame.text:
                continue
            runs = [run for p in shape.text_frame.paragraphs for run in p.runs]
            for run in runs:
                east = run._r.get_or_add_rPr().find(qn("a:ea"))
                assert east is not None and east.get("typeface") == decks.CJK_FONT, (
                    f"slide {number}: Chinese text without the CJK font: {run.text[:30]!r}")
            sizes = [run.font.size.pt for run in runs]
            assert min(sizes) >= decks.MIN_PT, f"slide {number}: text at {min(sizes)} pt"
            paragraphs = [p.text for p in shape.text_frame.paragraphs if p.runs]
            assert decks.fits(paragraphs, max(sizes), shape.width, shape.height), (
                f"slide {number}: text overflows its box: {shape.text_frame.text[:60]}")
            if shape.name == "Title":
                assert decks.lines_needed(shape.text_frame.text, max(sizes), shape.width - decks.INSET) == 1, (
                    f"slide {number}: title on more than one line: {shape.text_frame.text}")


@pytest.mark.parametrize("session", SESSIONS)
def test_chinese_figures_have_chinese_alt_text_and_numbers(session):
    prefix = manifest()["figure_format"].replace("%s", "")
    for number, slide in enumerate(deck(ZH_DIR, session).slides, 1):
        for picture in pictures(slide):
            alt = picture._element.nvPicPr.cNvPr.get("descr", "")
            assert len(HAN.findall(alt)) > 20, f"slide {number}: alt text not in Chinese: {alt[:60]!r}"
            assert texts(slide)[0].startswith(prefix.strip()), f"slide {number}: {texts(slide)[0]!r}"


@pytest.mark.parametrize("session", SESSIONS)
def test_urgent_help_in_chinese_three_tiers(session):
    say_home = {e: z for (_, e), z in good_translations(CATALOGUES / "chapters" / "home.po").items()}
    title = say_home["When to get urgent help"]
    slides = [s for s in deck(ZH_DIR, session).slides if texts(s)[0] == title]
    assert len(slides) == 4, "the urgent help at the start and at the end, each over two slides"
    headings = [shape.text_frame.paragraphs[0].text for s in slides[:2] for shape in s.shapes
                if shape.has_text_frame and shape.text_frame.text and shape.name != "Title"]
    assert [h[:2] for h in headings] == ["1.", "2.", "3."], headings
    assert all(HAN.search(h) for h in headings), headings
    first_box = " ".join(texts(slides[0])[1:])
    assert "120" in first_box, "tier 1 does not give the emergency number of mainland China"


@pytest.mark.parametrize("session", SESSIONS)
def test_chinese_deck_opens_in_libreoffice_one_page_per_slide(session):
    slides = len(deck(ZH_DIR, session).slides)
    for name in (f"deck-{session}.pdf", f"deck-{session}-notes.pdf"):
        pdf = PdfReader(str(ZH_DIR / name))
        assert len(pdf.pages) == slides, name
    notes = " ".join(PdfReader(str(ZH_DIR / f"deck-{session}-notes.pdf")).pages[1].extract_text().split())
    assert words()["Read the aims aloud. Say that nobody has to share their own story."][:8] in notes.replace(" ", "")


def test_numbers_on_chinese_slides_come_from_the_ledger():
    allowed = re.compile(r"第\d+–\d+分钟|\b\d+–\d+\b|(?:测验|答案|第|方案[AB]第)\d+|\d+分钟|图 \d+\.\d+|"
                         r"\b\d+\.\s|\b(?:19|20)\d\d\b|NHS 111|120")
    odd = numbers_off_the_ledger([deck(ZH_DIR, session) for session in SESSIONS], allowed, r"(?![\d.])")
    assert not odd, f"numbers on Chinese slides that are not in the ledger: {sorted(set(odd))}"


def test_chinese_teaching_pack_is_linked_and_complete():
    pack = ZH_DIR / "teaching-pack-zh.zip"
    names = set(zipfile.ZipFile(pack).namelist())
    for session in SESSIONS:
        assert {f"slides/deck-{session}.pptx", f"slides/deck-{session}.pdf"} <= names
    for name in decks.PACK:
        assert f"print/{name}" in names
    assert {"learning-platform/quiz-bank.moodle.xml", "learning-platform/quiz-bank.gift.txt"} <= names
    xml = zipfile.ZipFile(pack).read("learning-platform/quiz-bank.moodle.xml").decode("utf-8")
    assert len(HAN.findall(xml)) > 1000, "the Chinese pack's quiz file is not in Chinese"
    for page in ("chapters/instructor-guide.html", "chapters/home.html"):
        html = (ZH_HTML / page).read_text(encoding="utf-8")
        assert "/teaching-pack-zh.zip\"" in html, f"{page} does not link to the Chinese teaching pack"
        assert "teaching-pack-en.zip" not in html
    guide = (ZH_HTML / "chapters" / "instructor-guide.html").read_text(encoding="utf-8")
    for session in SESSIONS:
        for name in (f"deck-{session}.pptx", f"deck-{session}.pdf", f"deck-{session}-notes.pdf"):
            assert f"/{name}\"" in guide, f"the Chinese instructor guide does not link to {name}"
