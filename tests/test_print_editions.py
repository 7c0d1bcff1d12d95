"""The print editions as a reader holds them: every PDF of the course, read with pypdf and
poppler's pdftotext.

All come from one Sphinx LaTeX build (``_ext/course/editions.py``) and are listed in the
course manifest (``_build/course-manifest.json``), which these tests read for names and
titles. ``make pdfs`` gathers them in ``_build/pdf``.
"""

from __future__ import annotations

import io
import json
import math
import re
import shutil
import subprocess
import unicodedata
from functools import lru_cache
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from pypdf import PdfReader

from conftest import BUILD, HTML, ROOT, lesson_docnames

PDF_DIR = BUILD / "pdf"
MM = 72 / 25.4  # PDF points per millimetre
RED = (0xA4 / 255, 0x16 / 255, 0x1A / 255)  # coursered in _ext/course/print/course.sty
# Words that only make sense on a screen.
WEB_ONLY = ["print button", "stay in your own browser", "kept only in this browser",
            "press check", "reset my answers"]


@lru_cache(maxsize=None)
def manifest() -> dict:
    path = BUILD / "course-manifest.json"
    assert path.exists(), f"{path} missing: run `make book`"
    return json.loads(path.read_text(encoding="utf-8"))


def edition(kind_or_doc: str) -> Path:
    for e in manifest()["editions"]:
        if kind_or_doc in (e["kind"], e["docname"]):
            return PDF_DIR / e["file"]
    raise AssertionError(f"no edition {kind_or_doc!r} in the manifest")


def lesson_pdf(docname: str) -> Path:
    return edition(docname)


HANDOUT = PDF_DIR / "class-handout.pdf"
WORKSHEETS = PDF_DIR / "worksheets.pdf"
ANSWER_KEY = PDF_DIR / "answer-key.pdf"
BOOK = PDF_DIR / "recurrent-miscarriage-course.pdf"
EDITIONS = [HANDOUT, WORKSHEETS, ANSWER_KEY, BOOK] + [
    PDF_DIR / f"lesson-{n}-{Path(d).name}.pdf" for n, d in enumerate(lesson_docnames(), 1)]


def norm(text: str) -> str:
    """Compare text as a reader sees it: one kind of quote, dash and space, no case."""
    text = unicodedata.normalize("NFKC", text)
    text = text.replace("\u00ad", "").replace("\ufb01", "fi").replace("\ufb02", "fl")
    text = re.sub("[\u2018\u2019\u201b`]", "'", text)
    text = re.sub("[\u201c\u201d\u201e]", '"', text)
    text = re.sub("[\u2010-\u2015]", "-", text)
    text = text.replace("…", "...")
    return re.sub(r"\s+", " ", text).strip().lower()


def strip_markup(text: str) -> str:
    """Quiz text as printed: Markdown emphasis and roles reduced to their words."""
    text = re.sub(r"\{[\w:]+\}`([^`<]*?)\s*(<[^>]*>)?`", r"\1", str(text))
    return re.sub(r"\*\*|`", "", text)


@lru_cache(maxsize=None)
def reader(path: Path) -> PdfReader:
    assert path.exists(), f"{path} was not built; run `make book`"
    return PdfReader(str(path))


def pdftotext_pages(path: Path) -> tuple[str, ...]:
    """Text of each page by poppler's pdftotext (it keeps word spaces that pypdf loses)."""
    result = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"],
                            capture_output=True, text=True, check=True)
    pages = result.stdout.split("\f")
    return tuple(pages[:-1] if pages and not pages[-1].strip() else pages)


@lru_cache(maxsize=None)
def page_texts(path: Path) -> tuple[str, ...]:
    assert path.exists(), f"{path} was not built; run `make book`"
    return pdftotext_pages(path)


def full_text(path: Path) -> str:
    return norm(" ".join(page_texts(path)))


def banks() -> list[dict]:
    import sys

    sys.path.insert(0, str(ROOT / "_ext"))
    from course.quiz.model import load_bank

    out = []
    for entry in manifest()["quiz_banks"]:
        bank = load_bank(ROOT / entry["file"], file=entry["file"]) if entry.get("file") else None
        assert bank, f"bank {entry['id']} has no file in the manifest"
        bank["docname"] = entry["docname"]
        out.append(bank)
    assert out, "the manifest lists no quiz banks"
    return out


def all_questions():
    for bank in banks():
        for question in bank["questions"]:
            yield bank, question


def font_sizes(path: Path) -> list[tuple[float, str]]:
    """(size in points, text) of every piece of text in a PDF."""
    found = []

    def visit(text, cm, tm, font, size):
        scale = math.hypot(tm[1] * cm[0] + tm[3] * cm[2], tm[1] * cm[1] + tm[3] * cm[3])
        if text.strip():
            found.append((round(size * (scale or 1), 1), text.strip()))

    for page in reader(path).pages:
        page.extract_text(visitor_text=visit)
    return found


# --------------------------------------------------------------------------- every PDF

def test_manifest_lists_every_edition():
    files = {e["file"] for e in manifest()["editions"]}
    assert {p.name for p in EDITIONS} <= files


@pytest.mark.parametrize("path", EDITIONS, ids=lambda p: p.name)
def test_pdf_has_a_title_and_no_blank_page(path):
    title = (reader(path).metadata or {}).get("/Title", "")
    assert str(title).strip(), f"{path.name}: no title in the PDF metadata"
    blank = []
    for number, (page, text) in enumerate(zip(reader(path).pages, page_texts(path)), 1):
        resources = page.get("/Resources") or {}
        if not text.strip() and not list((resources.get("/XObject") or {}).keys()):
            blank.append(number)
    assert not blank, f"{path.name}: blank pages {blank}"


@pytest.mark.parametrize("path", EDITIONS, ids=lambda p: p.name)
def test_pdf_prints_no_placeholder_no_web_only_words_and_one_date_format(path):
    text = full_text(path)
    found = re.search(r"example\.(?:org|com|net)|\byour-?domain\b|\bchangeme\b", text)
    assert not found, f"{path.name} prints a placeholder: {found.group(0) if found else ''}"
    web = [w for w in WEB_ONLY if w in text]
    assert not web, f"{path.name} prints words that only work on a screen: {web}"
    us_dates = re.findall(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]* \d{1,2}, \d{4}", text)
    assert not us_dates, f"{path.name} writes dates another way: {us_dates[:3]}"


def test_every_pdf_is_linked_from_the_website():
    linked = set()
    for page in ("chapters/home.html", "chapters/instructor-guide.html"):
        soup = BeautifulSoup((HTML / page).read_text(encoding="utf-8"), "html.parser")
        for a in soup.select("a.download"):
            href = a.get("href", "")
            assert (HTML / Path(page).parent / href).resolve().exists(), f"{page}: dead link {href}"
            linked.add(Path(href).name)
    missing = [p.name for p in EDITIONS if p.name not in linked]
    assert not missing, f"not linked from the home page or instructor guide: {missing}"


def test_a_missing_glyph_stops_the_pdf_build(tmp_path):
    """A character the fonts lack (an emoji) is an error, not an empty gap on paper."""
    latex = BUILD / "latex"
    for item in latex.iterdir():
        if item.suffix in (".sty", ".cls", ".tex", ".pdf", ".png", ".svg") or item.name.startswith("latexmk"):
            shutil.copy(item, tmp_path / item.name)
    tex = tmp_path / "worksheets.tex"
    tex.write_text(tex.read_text(encoding="utf-8").replace(
        "\\begin{document}", "\\begin{document}\nA smile \U0001F642.", 1), encoding="utf-8")
    result = subprocess.run(["xelatex", "-interaction=nonstopmode", "-halt-on-error", tex.name],
                            cwd=tmp_path, capture_output=True, text=True)
    log = (tmp_path / "worksheets.log").read_text(errors="replace")
    assert result.returncode != 0, "xelatex accepted a character the fonts do not have"
    assert "Missing character" in log


# --------------------------------------------------------------------------- the urgent box

def _has_red_fill(page) -> bool:
    content = page.get_contents()
    data = content.get_data().decode("latin-1") if content is not None else ""
    for r, g, b in re.findall(r"([\d.]+) ([\d.]+) ([\d.]+) rg", data):
        if all(abs(float(x) - y) < 0.01 for x, y in zip((r, g, b), RED)):
            return True
    return False


@pytest.mark.parametrize("path", [HANDOUT, BOOK] + [p for p in EDITIONS if p.name.startswith("lesson-4")],
                         ids=lambda p: p.name)
def test_urgent_help_box_is_red_and_whole(path):
    title = "when to get urgent help"
    pages = [i for i, text in enumerate(page_texts(path))
             if title in norm(text) and _has_red_fill(reader(path).pages[i])]
    assert pages, f"{path.name}: no red urgent-help box"
    box = norm(page_texts(path)[pages[0]]).split(title, 1)[1]
    assert "you are not wasting anyone's time" in box, f"{path.name}: the urgent box breaks across pages"


# --------------------------------------------------------------------------- class handout

def test_handout_is_a4_fits_letter_and_has_12_point_text():
    for number, page in enumerate(reader(HANDOUT).pages, 1):
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert abs(width - 210 * MM) < 2 and abs(height - 297 * MM) < 2, f"page {number} not A4"
    sizes = [size for size, text in font_sizes(HANDOUT) if len(text) > 20]
    body = sorted(sizes)[len(sizes) // 2]
    assert body >= 11.9, f"handout body text is {body} pt; clear print asks for 12 pt"
    assert len(reader(HANDOUT).pages) <= 3


def test_handout_has_warning_signs_from_the_shared_snippet():
    text = full_text(HANDOUT)
    snippet = (ROOT / "chapters" / "_snippets" / "urgent-help.md").read_text(encoding="utf-8")
    signs = re.findall(r"^- \*\*(.+?)\*\*", snippet, re.M)
    assert len(signs) >= 3, "urgent-help snippet has no bold warning signs"
    for sign in signs:
        assert norm(sign) in text, f"warning sign missing from the handout: {sign}"


def test_handout_has_the_sections_a_class_needs_and_a_short_sources_line():
    text = full_text(HANDOUT)
    for heading in ("What is recurrent miscarriage?", "Main causes", "What helps",
                    "What does not cause miscarriage", "When to get urgent help",
                    "Questions to ask your doctor", "Where to find support", "Sources:"):
        assert norm(heading) in text, f"handout has no section {heading!r}"
    sources = text.split("sources:", 1)[1]
    assert len(sources) < 900, "the handout's sources run long; they should be one short paragraph"
    assert "1 " in sources[:5] and "references page" in sources


def test_handout_questions_checklist_is_on_one_page():
    pages = [norm(t) for t in page_texts(HANDOUT)]
    first = "which tests do you advise for me"
    last = "who can i talk to about my feelings"
    where = [(i, first in t, last in t) for i, t in enumerate(pages)]
    assert any(a and b for _, a, b in where), "the questions checklist splits across pages"


def test_handout_names_the_course_address_or_says_there_is_none():
    subs = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))["parse"][
        "myst_substitutions"]
    text = full_text(HANDOUT).replace(" ", "")
    if subs.get("course_address"):
        assert norm(subs["course_address"]).rstrip("/") in text
    else:
        assert "askthepersonwhogaveyouthishandout" in text


def test_handout_has_a_box_for_local_contacts():
    text = full_text(HANDOUT).replace(" ", "")
    for label in ("mycontacts", "myearlypregnancyunit", "maternityunitandphone"):
        assert label in text, f"the handout lacks the fill-in line {label!r}"


# --------------------------------------------------------------------------- worksheets

def test_worksheets_contain_every_question_and_option():
    text = full_text(WORKSHEETS).replace(" ", "")
    missing = []
    for bank, question in all_questions():
        for piece in [question["prompt"]] + [o["text"] for o in question["options"]]:
            if norm(strip_markup(piece)).replace(" ", "") not in text:
                missing.append(f"{bank['id']}: {piece}")
    assert not missing, f"{len(missing)} questions or options missing:\n" + "\n".join(missing[:10])


def _feedback_to_hide():
    """Feedback texts that could only come from the feedback (not a prompt or an option)."""
    visible = " ".join(norm(strip_markup(q["prompt"])) + " " + " ".join(
        norm(strip_markup(o["text"])) for o in q["options"]) for _, q in all_questions())
    for bank, question in all_questions():
        for option in question["options"]:
            feedback = norm(strip_markup(option.get("feedback", "")))
            if len(feedback) > 25 and feedback not in visible:
                yield bank, feedback


def test_worksheets_show_no_answers_and_fit_ten_pages():
    text = full_text(WORKSHEETS).replace(" ", "")
    leaked = [f"{bank['id']}: {fb[:60]}" for bank, fb in _feedback_to_hide()
              if fb.replace(" ", "") in text]
    assert not leaked, "feedback printed on the worksheets:\n" + "\n".join(leaked[:10])
    assert "answer:" not in text and "why:" not in text
    assert len(reader(WORKSHEETS).pages) <= 10, "worksheets waste paper"


def test_worksheets_follow_the_lessons_in_order():
    text = full_text(WORKSHEETS)
    headings = [norm(f"Lesson {l['number']}: {l['title']}") for l in manifest()["lessons"]]
    positions = [text.find(h) for h in headings]
    assert all(p >= 0 for p in positions), "a lesson has no worksheet section"
    assert positions == sorted(positions), "worksheet sections are not in course order"


# --------------------------------------------------------------------------- answer key

def test_answer_key_gives_every_correct_answer_with_its_letter_and_reason():
    import sys

    sys.path.insert(0, str(ROOT / "_ext"))
    from course.quiz.model import letter

    text = full_text(ANSWER_KEY).replace(" ", "")
    problems = []
    for bank, question in all_questions():
        prompt = norm(strip_markup(question["prompt"])).replace(" ", "")
        start = text.find(prompt)
        if start < 0:
            problems.append(f"{question['id']}: question missing")
            continue
        block = text[start + len(prompt): start + len(prompt) + 1500]
        right = [(letter(i), o) for i, o in enumerate(question["options"]) if o.get("correct")]
        for mark, option in right:
            wanted = norm(mark + ". " + strip_markup(option["text"])).replace(" ", "")
            if wanted not in block.split("why:")[0]:
                problems.append(f"{question['id']}: answer {mark}. not given")
        if "why:" not in block:
            problems.append(f"{question['id']}: no reason")
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems[:15])


# --------------------------------------------------------------------------- lessons and book

@pytest.mark.parametrize("number, docname", list(enumerate(lesson_docnames(), 1)))
def test_lesson_pdf_stands_on_its_own(number, docname):
    path = lesson_pdf(docname)
    title = next(l["title"] for l in manifest()["lessons"] if l["docname"] == docname)
    assert norm(title) in norm(str(reader(path).metadata.get("/Title", "")))
    first = norm(page_texts(path)[0])
    assert norm(title) in first and f"lesson {number} of {len(lesson_docnames())}" in first
    text = " ".join(" ".join(page_texts(path)).split())
    # Its own sources, numbered 1, 2, 3… in order of first use.
    cited = [int(n) for group in re.findall(r"\[(\d+(?:, \d+)*)\]", text.split("Sources")[0])
             for n in group.split(", ")]
    assert cited and cited[0] == 1, f"lesson {number}: the first source is not [1]"
    assert max(cited) == len(set(cited)), f"lesson {number}: sources are not numbered 1…n"
    assert "Sources" in text
    numbers = set(re.findall(r"Fig\.\s*(\d+(?:\.\d+)?)", text))
    assert all(n.startswith(f"{number}.") for n in numbers), f"lesson {number} shows {sorted(numbers)}"


def test_book_has_chapter_contents_and_no_answer_key():
    outline = [item.title for item in reader(BOOK).outline if not isinstance(item, list)]
    assert "Answer key" not in outline and "Worksheets" not in outline, outline
    contents = next(norm(t) for t in page_texts(BOOK) if norm(t).startswith("contents"))
    sections = [l["title"] for l in manifest()["labels"].values()
                if l["docname"] == lesson_docnames()[1] and l["title"]][:5]
    listed = [s for s in sections if norm(s) in contents and norm(s) not in
              {norm(x["title"]) for x in manifest()["lessons"]}]
    assert not listed, f"the contents lists sections, not only chapters: {listed}"


# --------------------------------------------------------------------------- print stylesheet

NAVIGATION = ["Skip to main content", "Back to top", "Bringing it together", "For instructors",
              "Ctrl+K"]


@pytest.mark.browser
def test_printed_lesson_has_no_navigation(browser, server, tmp_path):
    docname = lesson_docnames()[1]
    page = browser.new_page()
    try:
        page.goto(server.url(f"{docname}.html"), wait_until="load")
        pdf = page.pdf(format="A4", print_background=True)
        page.emulate_media(media="print")
        checks = page.evaluate(
            """() => {
                const shown = sel => Array.from(document.querySelectorAll(sel))
                    .filter(n => getComputedStyle(n).display !== 'none').length;
                const figure = document.querySelector('article figure');
                return {
                  nav: shown('.bd-header, .bd-sidebar-primary, .bd-sidebar-secondary, ' +
                             '.prev-next-footer, .bd-header-article, #pst-back-to-top'),
                  quizControls: shown('.quiz button, .quiz [aria-live], .quiz details'),
                  figureBreak: figure ? getComputedStyle(figure).breakInside : 'avoid',
                };
            }""")
    finally:
        page.close()
    printed = tmp_path / "printed.pdf"
    printed.write_bytes(pdf)
    assert PdfReader(io.BytesIO(pdf)).pages, "Chromium printed no pages"
    text = norm(" ".join(pdftotext_pages(printed)))
    for label in NAVIGATION:
        assert norm(label) not in text, f"printed page shows navigation text {label!r}"
    title = next(l["title"] for l in manifest()["lessons"] if l["docname"] == docname)
    assert norm(title) in text, "lesson title missing from the printed page"
    assert checks["nav"] == 0, "navigation is displayed in print media"
    assert checks["quizControls"] == 0, "quiz buttons or feedback are displayed in print media"
    assert checks["figureBreak"] in ("avoid", "avoid-page")


# --------------------------------------------------------------------------- page layout

def _rendered_rows(path: Path, page: int, tmp: Path) -> float:
    """Share of the page's height that has anything printed on it (rendered at 20 dpi)."""
    out = tmp / f"p{page}"
    subprocess.run(["pdftoppm", "-r", "20", "-gray", "-f", str(page), "-l", str(page), str(path), str(out)],
                   check=True)
    image = next(tmp.glob(f"p{page}*.pgm"))
    data = image.read_bytes()
    # Binary PGM: header "P5\nW H\n255\n" then one byte per pixel.
    header_end = [i for i, b in enumerate(data) if b == 0x0A][2] + 1
    width, height = map(int, data.split(b"\n")[1].split())
    pixels = data[header_end:]
    rows = [pixels[r * width:(r + 1) * width] for r in range(height)]
    inked = sum(1 for row in rows if min(row) < 200)
    image.unlink()
    return inked / height


@pytest.mark.parametrize("path", [BOOK] + [p for p in EDITIONS if p.name.startswith("lesson-")],
                         ids=lambda p: p.name)
def test_no_figure_stands_alone_on_a_half_empty_page(path, tmp_path):
    """A page that holds a figure and little text (its caption) must be mostly figure."""
    lonely = []
    for number, (page, text) in enumerate(zip(reader(path).pages, page_texts(path)), 1):
        resources = page.get("/Resources") or {}
        has_figure = bool(list((resources.get("/XObject") or {}).keys()))
        if has_figure and len(" ".join(text.split())) < 600:
            coverage = _rendered_rows(path, number, tmp_path)
            if coverage < 0.55:
                lonely.append((number, round(coverage, 2)))
    assert not lonely, f"{path.name}: figures alone on mostly empty pages (page, share printed): {lonely}"


def _tables_with_introductions(docname: str) -> list[tuple[str, str]]:
    """(first header cell, last words of the sentence before the table) of each table."""
    lines = (ROOT / f"{docname}.md").read_text(encoding="utf-8").splitlines()
    found = []
    for index, line in enumerate(lines):
        if line.startswith("|") and index + 1 < len(lines) and lines[index + 1].startswith("|---"):
            before = [l for l in lines[:index] if l.strip() and not l.startswith("```")]
            intro = re.sub(r"\{[\w:]+\}`[^`]*`|\*\*|[*_`]", "", before[-1]).split()[-4:]
            header = " ".join(cell.strip() for cell in line.strip("|").split("|"))
            if intro and not before[-1].startswith(("|", "#", ":::")):
                found.append((header, " ".join(intro)))
    return found


@pytest.mark.parametrize("number, docname", list(enumerate(lesson_docnames(), 1)))
def test_a_table_starts_on_the_page_of_its_introduction(number, docname):
    pages = [" ".join(norm(t).split()) for t in page_texts(lesson_pdf(docname))]
    for header, intro in _tables_with_introductions(docname):
        # The header row, cell after cell, as pdftotext reads it.
        at = [i for i, t in enumerate(pages) if norm(header) in t]
        said = [i for i, t in enumerate(pages) if norm(intro) in t]
        if at and said:
            assert at[0] in said, (f"lesson {number}: the table {header!r} starts on page "
                                   f"{at[0] + 1}, its introduction ({intro!r}) is on page {said[0] + 1}")
