"""The class printables: written as LaTeX by the ``course.printables`` extension during the
Sphinx LaTeX build, and compiled with the print editions by the same ``make all-pdf``.

Reads ``<build>/latex/`` after ``jupyter-book build . --builder pdflatex``: page counts, the
run sheets against ``chapters/class-plans.yml``, the answer grid against the quiz model,
the cards against the myths lesson, and the shared look (fonts, no leftover markup).
"""

from __future__ import annotations

import re
import subprocess
from functools import lru_cache

import pytest
from pypdf import PdfReader

from conftest import BUILD, ROOT
from manifest import banks, manifest
from quizlib import model  # also puts _ext on the path

from course.classplan import PLAN_FILE, load_plans  # noqa: E402
from course.plaintext import Resolver  # noqa: E402

LATEX = BUILD / "latex"
PAGES = {
    "run-sheet-plan-a": 2, "run-sheet-plan-b": 4, "myth-fact-cards": 3, "quiz-answer-grid": 1,
    "sign-in-sheet": 1, "evaluation-form": 1, "local-contacts-slip": 1, "room-checklist": 1,
}


def plans() -> list[dict]:
    return load_plans(ROOT / PLAN_FILE)


@lru_cache(maxsize=None)
def text(stem: str, layout: bool = False) -> str:
    """The printable's words by poppler's pdftotext; with ``layout``, table rows stay lines."""
    path = LATEX / f"{stem}.pdf"
    assert path.exists(), f"{path} was not built; run the pdflatex build first"
    result = subprocess.run(["pdftotext", "-enc", "UTF-8", *(["-layout"] if layout else []), str(path), "-"],
                            capture_output=True, text=True, check=True)
    return result.stdout if layout else " ".join(result.stdout.split())


def squash(words: str) -> str:
    return re.sub(r"[^a-z0-9]", "", words.lower())


def test_every_printable_the_downloads_list_names_is_made():
    named = {d["file"].removesuffix(".pdf") for d in manifest()["downloads"]
             if d["group"] == "printable"}
    assert named == set(PAGES), "the downloads list and the printables differ"


@pytest.mark.parametrize("stem", sorted(PAGES))
def test_the_extension_writes_the_tex_and_make_compiles_it(stem):
    tex = LATEX / f"{stem}.tex"
    assert tex.exists(), f"{tex} was not written by the course.printables extension"
    source = tex.read_text(encoding="utf-8")
    assert source.startswith(r"\documentclass{courseprintable}")
    assert (LATEX / "courseprintable.cls").exists() and (LATEX / "coursebase.sty").exists()
    pdf = LATEX / f"{stem}.pdf"
    assert pdf.exists() and pdf.stat().st_mtime >= tex.stat().st_mtime, f"{pdf} is older than its source"


@pytest.mark.parametrize("stem, pages", sorted(PAGES.items()))
def test_page_counts(stem, pages):
    assert len(PdfReader(str(LATEX / f"{stem}.pdf")).pages) == pages


@pytest.mark.parametrize("stem", sorted(PAGES))
def test_shared_look_and_no_leftover_markup(stem):
    reader = PdfReader(str(LATEX / f"{stem}.pdf"))
    fonts = set()
    for page in reader.pages:
        for font in (page.get("/Resources") or {}).get("/Font", {}).values():
            fonts.add(str(font.get_object().get("/BaseFont", "")).split("+")[-1])
    assert fonts and all(f.startswith("FreeSans") for f in fonts), fonts
    assert manifest()["course"] in text(stem), "the footer does not name the course"
    assert str(reader.metadata.get("/Title", "")).strip(), "no title in the PDF metadata"
    leftovers = re.findall(r"\{(?:fact|numref|doc|ref|term|cite)[^}]*\}|`|\*\*|\\[a-z]+|@[A-Z]+@|\?\?|TODO",
                           text(stem))
    assert not leftovers, f"{stem} prints markup: {leftovers[:5]}"


def test_run_sheets_show_each_slot_with_its_minutes_title_and_prompts():
    resolve = Resolver.from_manifest(manifest())
    for plan in plans():
        printed = squash(text(f"run-sheet-{plan['id']}"))
        for session in plan["sessions"]:
            assert squash(f"{session['title']} ({session['minutes']} minutes)") in printed
            for slot in session["slots"]:
                row = squash(f"{slot['start']}–{slot['end']}" + resolve(slot["do"], "chapters/x"))
                assert row[:50] in printed, (session["id"], slot["start"], slot["do"])
                for prompt in slot.get("prompts") or []:
                    assert squash(resolve(prompt, "chapters/x"))[:40] in printed, prompt


def test_run_sheets_number_figures_as_the_book_does():
    figures = manifest()["figures"]
    for plan in plans():
        printed = text(f"run-sheet-{plan['id']}")
        for session in plan["sessions"]:
            for slot in session["slots"]:
                for label in re.findall(r"\{numref\}`([\w-]+)`", str(slot.get("show", ""))):
                    assert f"Fig. {figures[label]}" in printed, (plan["id"], label)


def test_answer_grid_letters_equal_the_answer_key():
    """The grid's two columns, read one after the other: the quizzes in reading order, then
    their answers, numbered from 1 for each quiz, with the model's letters."""
    printed = text("quiz-answer-grid")
    before, _, answers = printed.partition(" Answers ")
    quizzes = before.rpartition(" Quiz ")[2]  # the column's header, not the title
    headings = [squash(bank.heading) for bank in banks()]
    assert squash(quizzes) == "".join(headings), "the quizzes are not the book's, in its order"
    expected = "".join(
        str(n) + ",".join(model.letter(i) for i, o in enumerate(q["options"]) if o["correct"])
        for bank in banks() for n, q in enumerate(bank.questions, 1))
    got = re.sub(r"\s+", "", answers.partition(manifest()["course"])[0])
    assert got == expected, f"the grid reads {got}, the answer key {expected}"


def test_cards_cover_every_myth_once_and_the_answer_sheet_agrees():
    source = (ROOT / "chapters" / "myths-and-facts.md").read_text(encoding="utf-8")
    pairs = re.findall(r"\*\*Myth:\*\*.+?\n\n\*\*Fact:\*\*", source, re.S)
    printed = text("myth-fact-cards")
    cut = printed.partition("Answer sheet")[0]  # the cards, before the answer sheet's table
    numbers = [int(n) for n in re.findall(r"Card (\d+)", cut)]
    assert sorted(numbers) == list(range(1, len(pairs) + 1)), numbers
    sheet = text("myth-fact-cards", layout=True).partition("What the evidence says")[2]
    assert sheet, "no answer sheet"
    answers = re.findall(r"^\s*(\d+)\s+(Myth|Fact)\b", sheet, re.M)
    assert [int(n) for n, _ in answers] == list(range(1, len(pairs) + 1))
    kinds = [kind for _, kind in answers]
    assert kinds.count("Myth") >= 4 and kinds.count("Fact") >= 4, kinds
    # The myths are the lesson's, in readers' words (no quotes, no citation keys).
    myths = [re.sub(r"\s+", " ", m) for m in re.findall(r'\*\*Myth:\*\*\s*"(.+?)"', source, re.S)]
    shown = [m for m in myths if squash(m) in squash(printed)]
    assert len(shown) >= kinds.count("Myth"), "a myth card does not show the lesson's words"


def test_a_reference_the_book_lacks_names_the_plan_file_and_line():
    from course.classplan import ClassPlanError
    from course.printables import Printer

    plan = load_plans(ROOT / PLAN_FILE)[0]
    slot = plan["sessions"][0]["slots"][1]
    printer = Printer(Resolver.from_manifest(manifest()))
    assert "Fig." in printer(slot["show"], slot)
    with pytest.raises(ClassPlanError) as info:
        printer("Show {numref}`fig-no-such-figure` now", slot)
    assert re.match(rf"{re.escape(PLAN_FILE)}:{slot.line}: no numbered figure `fig-no-such-figure`",
                    str(info.value))
