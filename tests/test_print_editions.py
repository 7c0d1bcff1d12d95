"""The print editions: class handout, worksheets, answer key, per-lesson PDFs, print CSS.

Reads ``<build>/pdf/`` as written by ``make pdfs`` (``scripts/pdfs.py``) and the copies in
``<build>/html/pdf/``. The browser test prints a lesson with Chromium (print media, so
``_static/print.css`` applies) and reads the PDF back.
"""

from __future__ import annotations

import io
import math
import re
import subprocess
import unicodedata
from functools import lru_cache
from pathlib import Path

import pytest
import yaml
from pypdf import PdfReader

from browser import browser, server  # noqa: F401  (pytest fixtures)
from conftest import BUILD, HTML, ROOT, lesson_docnames

import manifest  # noqa: E402

PDF_DIR = BUILD / "pdf"
HANDOUT = PDF_DIR / "class-handout.pdf"
WORKSHEETS = PDF_DIR / "worksheets.pdf"
ANSWER_KEY = PDF_DIR / "answer-key.pdf"
BOOK = PDF_DIR / "recurrent-miscarriage-course.pdf"
MM = 72 / 25.4  # PDF points per millimetre


def lesson_pdf(docname: str) -> Path:
    number = lesson_docnames().index(docname) + 1
    return PDF_DIR / f"lesson-{number}-{Path(docname).name}.pdf"


ALL_PDFS = [HANDOUT, WORKSHEETS, ANSWER_KEY, BOOK] + [lesson_pdf(d) for d in lesson_docnames()]


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
    return re.sub(r"[*_`]", "", text)


@lru_cache(maxsize=None)
def reader(path: Path) -> PdfReader:
    assert path.exists(), f"{path} was not built; run `make pdfs`"
    return PdfReader(str(path))


def pdftotext_pages(path: Path) -> tuple[str, ...]:
    """Text of each page by poppler's pdftotext (it keeps word spaces that pypdf loses)."""
    result = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"],
                            capture_output=True, text=True, check=True)
    pages = result.stdout.split("\f")
    return tuple(pages[:-1] if pages and not pages[-1].strip() else pages)


@lru_cache(maxsize=None)
def page_texts(path: Path) -> tuple[str, ...]:
    assert path.exists(), f"{path} was not built; run `make pdfs`"
    return pdftotext_pages(path)


def full_text(path: Path) -> str:
    return norm(" ".join(page_texts(path)))


def banks() -> list[manifest.Bank]:
    found = manifest.banks()
    assert found, "no quiz banks found in chapters/quizzes"
    return found


def all_questions():
    for bank in banks():
        for question in bank.questions:
            yield bank, question


# --------------------------------------------------------------------------- every PDF

@pytest.mark.parametrize("path", ALL_PDFS, ids=lambda p: p.name)
def test_pdf_has_a_title(path):
    title = (reader(path).metadata or {}).get("/Title", "")
    assert str(title).strip(), f"{path.name}: no title in the PDF metadata"


@pytest.mark.parametrize("path", ALL_PDFS, ids=lambda p: p.name)
def test_pdf_has_no_blank_pages(path):
    blank = []
    for number, (page, text) in enumerate(zip(reader(path).pages, page_texts(path)), 1):
        if text.strip():
            continue
        resources = page.get("/Resources") or {}
        xobjects = resources.get("/XObject") or {}
        if not list(xobjects.keys()):  # no image and no included (vector) figure either
            blank.append(number)
    assert not blank, f"{path.name}: blank pages {blank}"


@pytest.mark.parametrize("path", ALL_PDFS, ids=lambda p: p.name)
def test_pdf_is_in_the_website(path):
    copy = HTML / "pdf" / path.name
    assert copy.exists(), f"{path.name} is not in {HTML / 'pdf'}: the course's links would break"
    assert copy.stat().st_size == path.stat().st_size, f"{copy} is out of date"


# --------------------------------------------------------------------------- class handout

def test_handout_has_exactly_two_pages():
    assert len(reader(HANDOUT).pages) == 2


def test_handout_pages_are_a4_and_content_fits_letter():
    """A4 paper; everything printed fits a 210 x 279 mm box, so Letter paper works too."""
    for number, page in enumerate(reader(HANDOUT).pages, 1):
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert abs(width - 210 * MM) < 2 and abs(height - 297 * MM) < 2, f"page {number} not A4"
    ys, xs = [], []

    def visit(text, cm, tm, font, size):
        if text.strip():
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            xs.append(x)
            ys.append(y)

    for page in reader(HANDOUT).pages:
        page.extract_text(visitor_text=visit)
    assert xs and ys
    assert min(xs) >= 5 * MM and max(xs) <= 205 * MM
    assert (max(ys) - min(ys)) <= 262 * MM, "handout text is taller than US Letter allows"


def test_handout_text_is_at_least_9_points():
    small = []

    def visit(text, cm, tm, font, size):
        scale = math.hypot(tm[1] * cm[0] + tm[3] * cm[2], tm[1] * cm[1] + tm[3] * cm[3])
        effective = size * (scale or 1)
        # Superscript source numbers ("12,18") are the only smaller text.
        if text.strip() and not re.fullmatch(r"[\d,\s]+", text) and effective < 8.95:
            small.append((round(effective, 1), text.strip()[:40]))

    for page in reader(HANDOUT).pages:
        page.extract_text(visitor_text=visit)
    assert not small, f"text under 9 pt: {small[:10]}"


def test_handout_has_warning_signs_from_the_shared_snippet():
    text = full_text(HANDOUT)
    snippet = (ROOT / "chapters" / "_snippets" / "urgent-help.md").read_text(encoding="utf-8")
    title = re.search(r"\{admonition\}\s*(.+)", snippet).group(1)
    assert norm(title) in text
    signs = re.findall(r"^- \*\*(.+?)\*\*", snippet, re.M)
    assert len(signs) >= 3, "urgent-help snippet has no bold warning signs"
    for sign in signs:
        assert norm(sign) in text, f"warning sign missing from the handout: {sign}"
    assert norm("You are not wasting anyone's time") in text


def test_handout_has_the_sections_a_class_needs():
    text = full_text(HANDOUT)
    for heading in ("What is recurrent miscarriage?", "Main causes", "What helps",
                    "What does not cause miscarriage", "When to get urgent help",
                    "Questions to ask your doctor", "Where to find support", "Sources"):
        assert norm(heading) in text, f"handout has no section {heading!r}"


def test_handout_questions_section_has_questions():
    text = " ".join(page_texts(HANDOUT))
    section = norm(text.split("Questions to ask your doctor", 1)[1].split("Where to find support")[0])
    assert section.count("?") >= 5, "the questions section has fewer than 5 questions"
    assert "which tests do you advise for me" in section


def test_handout_names_the_course_address_or_says_there_is_none():
    subs = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))["parse"][
        "myst_substitutions"]
    text = full_text(HANDOUT).replace(" ", "")
    if subs.get("course_address"):
        assert norm(subs["course_address"]).rstrip("/") in text
    else:
        assert "askthepersonwhogaveyouthishandout" in text


@pytest.mark.parametrize("path", ALL_PDFS, ids=lambda p: p.name)
def test_no_placeholder_address_is_printed(path):
    text = full_text(path)
    found = re.search(r"example\.(?:org|com|net)|\byour-?domain\b|\bchangeme\b", text)
    assert not found, f"{path.name} prints a placeholder: {found.group(0) if found else ''}"


# --------------------------------------------------------------------------- worksheets

def test_worksheets_contain_every_question_and_option():
    text = full_text(WORKSHEETS).replace(" ", "")
    missing = []
    for bank, question in all_questions():
        for piece in [question["prompt"]] + [o["text"] for o in question["options"]]:
            if norm(strip_markup(piece)).replace(" ", "") not in text:
                missing.append(f"{bank.path.name}: {piece}")
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


def test_worksheets_show_no_answers_or_feedback():
    text = full_text(WORKSHEETS).replace(" ", "")
    leaked = [f"{bank.path.name}: {fb[:60]}" for bank, fb in _feedback_to_hide()
              if fb.replace(" ", "") in text]
    assert not leaked, "feedback printed on the worksheets:\n" + "\n".join(leaked[:10])
    assert "(correct)" not in text and "answer:" not in text


def test_worksheets_have_one_section_per_bank_in_course_order():
    text = full_text(WORKSHEETS)
    positions = [text.find(norm(bank.heading), text.find("lesson 1:", 200)) for bank in banks()]
    assert all(p >= 0 for p in positions), "a quiz bank has no section heading"
    assert positions == sorted(positions), "quiz sections are not in course order"


# --------------------------------------------------------------------------- answer key

def test_answer_key_marks_every_correct_answer():
    text = full_text(ANSWER_KEY).replace(" ", "")
    problems = []
    for bank, question in all_questions():
        prompt = norm(strip_markup(question["prompt"])).replace(" ", "")
        start = text.find(prompt)
        if start < 0:
            problems.append(f"{bank.path.name}: question missing: {question['prompt']}")
            continue
        start += len(prompt)  # options follow the prompt ("True or false: ..." names both)
        end = text.find("answer:", start)
        block = text[start:end + 40]
        letters = []
        for index, option in enumerate(question["options"]):
            # Each option follows its letter ("B."), as on the worksheet.
            option_text = chr(97 + index) + "." + norm(strip_markup(option["text"])).replace(" ", "")
            at = block.find(option_text)
            if at < 0:
                problems.append(f"{question['id']}: option missing: {option['text']}")
                continue
            marked = "(correct)" in block[at + len(option_text): at + len(option_text) + 15]
            if bool(option.get("correct")) != marked:
                problems.append(f"{question['id']}: option {option['text']!r} "
                                f"{'not ' if option.get('correct') else ''}marked correct")
            if option.get("correct"):
                letters.append(chr(97 + index))
        expected = "answer:" + ",".join(letters)
        if expected not in block:
            problems.append(f"{question['id']}: no line {expected!r}")
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems[:15])


def test_answer_key_has_the_feedback():
    text = full_text(ANSWER_KEY).replace(" ", "")
    missing = [fb[:60] for _, fb in _feedback_to_hide() if fb.replace(" ", "") not in text]
    assert not missing, "feedback missing from the answer key:\n" + "\n".join(missing[:10])


# --------------------------------------------------------------------------- per-lesson PDFs

@pytest.mark.parametrize("docname", lesson_docnames())
def test_lesson_pdf_exists_with_its_title(docname):
    path = lesson_pdf(docname)
    title = manifest.page_title(docname)
    assert title.lower() in str(reader(path).metadata.get("/Title", "")).lower()
    first = norm(page_texts(path)[0])
    assert norm(title) in first, f"{path.name}: lesson title not on page 1"
    # The lesson is all there: its key points and its own sources.
    text = full_text(path)
    assert "key points" in text and "references" in text


# --------------------------------------------------------------------------- print stylesheet

NAVIGATION = ["Skip to main content", "Back to top", "Bringing it together", "For instructors",
              "Ctrl+K"]


@pytest.mark.browser
def test_printed_lesson_has_no_navigation(browser, server, tmp_path):  # noqa: F811
    docname = lesson_docnames()[1]
    page = browser.new_page()
    try:
        page.goto(server.url(f"{docname}.html"), wait_until="load")
        nav_texts = page.evaluate(
            """() => Array.from(document.querySelectorAll(
                 'nav.bd-links, .prev-next-area, .bd-sidebar-secondary'))
               .map(n => n.innerText.trim()).filter(Boolean)""")
        assert nav_texts, "the page has no navigation to hide (theme changed?)"
        # Answer the first quiz question on screen: its feedback must not reach the paper.
        feedback = ""
        question = page.locator(".quiz-question").first
        if question.count():
            question.locator("input").first.check()
            button = question.locator("button")
            if button.count() and button.first.is_visible():
                button.first.click()
                page.wait_for_timeout(200)
                feedback = question.locator("[aria-live]").first.inner_text().strip()
        pdf = page.pdf(format="A4", print_background=True)
        page.emulate_media(media="print")
        checks = page.evaluate(
            """() => {
                const shown = sel => Array.from(document.querySelectorAll(sel))
                    .filter(n => getComputedStyle(n).display !== 'none').length;
                const figure = document.querySelector('article figure');
                // The lessons link to no outside page yet: add one to test the rule.
                let ext = document.querySelector(
                    'article a.reference.external[href^="http"]:not(.citation a)');
                if (!ext) {
                    ext = document.createElement('a');
                    ext.className = 'reference external';
                    ext.href = 'https://www.example.org/leaflet';
                    ext.textContent = 'a leaflet';
                    document.querySelector('article p').appendChild(ext);
                }
                return {
                  nav: shown('.bd-header, .bd-sidebar-primary, .bd-sidebar-secondary, ' +
                             '.prev-next-footer, .bd-header-article, #pst-back-to-top'),
                  quizControls: shown('.quiz button, .quiz [aria-live], .quiz details'),
                  figureBreak: figure ? getComputedStyle(figure).breakInside : 'avoid',
                  linkAfter: ext ? getComputedStyle(ext, '::after').content : null,
                  linkHref: ext ? ext.getAttribute('href') : null,
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
    assert not re.search(r"(^| )previous .{0,80} next ", text), "prev/next footer printed"
    title = manifest.page_title(docname)
    assert norm(title) in text, "lesson title missing from the printed page"
    assert "key points" in text, "lesson text missing from the printed page"
    if feedback:
        assert norm(feedback) not in text, "quiz feedback was printed"
    assert checks["nav"] == 0, "navigation is displayed in print media"
    assert checks["quizControls"] == 0, "quiz buttons or feedback are displayed in print media"
    assert checks["figureBreak"] in ("avoid", "avoid-page")
    assert checks["linkHref"] in checks["linkAfter"], "external link address not printed"


# --------------------------------------------------------------------------- lessons on their own
@pytest.mark.parametrize("number, docname", list(enumerate(lesson_docnames(), 1)))
def test_lesson_pdf_numbers_figures_as_the_book_does(number, docname):
    text = " ".join("".join(p.extract_text() or "" for p in reader(lesson_pdf(docname)).pages).split())
    numbers = set(re.findall(r"Fig\.\s*(\d+(?:\.\d+)?)", text))
    if numbers:
        assert all(n.startswith(f"{number}.") for n in numbers), f"lesson {number} shows {sorted(numbers)}"
    slugs = [Path(d).name for d in lesson_docnames()] + ["questions-to-ask", "course-summary", "glossary"]
    slugs += [label for label in manifest.section_titles() if label.count("-") >= 2]
    raw = [s for s in slugs if re.search(rf"(?<![\w/-]){re.escape(s)}(?![\w-])", text)]
    assert not raw, f"lesson {number} prints file names: {raw}"


def test_handout_has_a_box_for_local_contacts():
    text = full_text(HANDOUT).replace(" ", "")
    for label in ("mycontacts", "myearlypregnancyunit", "maternityunitandphone"):
        assert label in text, f"the handout lacks the fill-in line {label!r}"
