"""The class plans: timings that add up, prompts placed in time, and print-ready materials.

The plans live in ``chapters/class-plans.yml``; the instructor guide shows them with the
``{class-plan}`` directive and ``scripts/printables.py`` prints them as run sheets, with the
myth-and-fact cards, the quiz answer grid and the forms for a class.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import BUILD, HTML, ROOT, article, html_soup
from quizlib import model

sys.path.insert(0, str(ROOT / "_ext"))
from course.classplan import ClassPlanError, PLAN_FILE, load_plans, prompts  # noqa: E402

PDF = BUILD / "pdf"
PRINTABLES = {
    "run-sheet-plan-a.pdf": 2, "run-sheet-plan-b.pdf": 4, "myth-fact-cards.pdf": 3,
    "quiz-answer-grid.pdf": 1, "sign-in-sheet.pdf": 1, "evaluation-form.pdf": 1,
    "local-contacts-slip.pdf": 1, "room-checklist.pdf": 1,
}


def plans():
    return load_plans(ROOT / PLAN_FILE)


def pdf_text(name: str) -> str:
    path = PDF / name
    assert path.exists(), f"{path} was not built; run `make book` first"
    return " ".join(" ".join(page.extract_text() or "" for page in PdfReader(str(path)).pages).split())


def squash(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


def test_every_session_fills_its_time_exactly():
    sessions = [s for plan in plans() for s in plan["sessions"]]
    assert {s["minutes"] for s in sessions} == {90, 45} and len(sessions) == 5
    for session in sessions:
        clock = 0
        for slot in session["slots"]:
            assert slot["start"] == clock and slot["end"] > slot["start"], session["id"]
            clock = slot["end"]
        assert clock == session["minutes"], session["id"]


def test_the_90_minute_class_has_a_real_break_and_ends_on_hope():
    class_a = plans()[0]["sessions"][0]
    breaks = [s for s in class_a["slots"] if s["do"].lower().startswith("break")]
    assert breaks and breaks[0]["end"] - breaks[0]["start"] >= 10
    assert "fig-outlook" in class_a["slots"][-1].get("show", "")
    opening = " ".join(str(s.get("say", "")) for s in class_a["slots"][:1]).lower()
    assert "not your fault" in opening and "feelings are normal" in opening
    assert "do not change any medicine" in opening


def test_a_gap_in_a_plan_is_an_error_naming_the_line(tmp_path):
    text = (ROOT / PLAN_FILE).read_text(encoding="utf-8").replace("start: 10\n", "start: 12\n", 1)
    bad = tmp_path / "class-plans.yml"
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(ClassPlanError) as info:
        load_plans(bad, "chapters/class-plans.yml")
    assert re.search(r"chapters/class-plans\.yml:\d+: .*starts at 12", str(info.value))


def test_prompts_ask_about_others_not_the_participants_own_loss():
    found = prompts(plans())
    assert len(found) >= 10
    personal = [p for p in found if re.search(r"\b(you|your|yours)\b", p, re.I)]
    assert not personal, personal


def test_every_prompt_is_in_a_time_slot_on_the_guide_page():
    cells = " ".join(td.get_text(" ") for td in article(html_soup("chapters/instructor-guide")).select("td"))
    cells = squash(cells)
    missing = [p for p in prompts(plans()) if squash(p) not in cells]
    assert not missing, missing
    source = (ROOT / "chapters" / "instructor-guide.md").read_text(encoding="utf-8")
    assert not re.search(r'^\s*- "', source, re.M), "a discussion prompt is listed outside the class plans"


def test_run_sheets_show_every_slot_and_prompt():
    for plan in plans():
        text = squash(pdf_text(f"run-sheet-{plan['id']}.pdf"))
        for session in plan["sessions"]:
            assert squash(f"{session['title']} ({session['minutes']} minutes)") in text
            for slot in session["slots"]:
                assert squash(f"{slot['start']}–{slot['end']}") in text or \
                    squash(f"{slot['start']}-{slot['end']}") in text, (session["id"], slot["start"])
            for prompt in [p for slot in session["slots"] for p in slot.get("prompts") or []]:
                assert squash(prompt)[:40] in text, prompt


@pytest.mark.parametrize("name, pages", sorted(PRINTABLES.items()))
def test_printables_are_built_with_their_page_counts(name, pages):
    reader = PdfReader(str(PDF / name))
    if pages is not None:
        assert len(reader.pages) == pages
    assert (HTML / "pdf" / name).exists(), "the website does not offer it"
    guide = (HTML / "chapters" / "instructor-guide.html").read_text(encoding="utf-8")
    assert f"../pdf/{name}" in guide, "the instructor guide does not link to it"


def test_cards_cover_every_myth_once_and_the_answer_sheet_agrees():
    """One card per topic of the myths lesson, some showing the myth and some the fact, so
    the sort cannot be done by matching opposite cards; the answer sheet gives the evidence."""
    sys.path.insert(0, str(ROOT / "scripts"))
    import printables

    pairs = re.findall(r"\*\*Myth:\*\*.+?\n\n\*\*Fact:\*\*", (ROOT / "chapters" / "myths-and-facts.md")
                       .read_text(encoding="utf-8"), re.S)
    deck = printables.cards()
    assert len(deck) == len(pairs)
    kinds = [kind for kind, _, _ in deck]
    assert kinds.count("Myth") >= 4 and kinds.count("Fact") >= 4, kinds
    assert all(len(evidence.split()) >= 4 for _, _, evidence in deck), "an answer without its evidence"
    text = pdf_text("myth-fact-cards.pdf")
    cards = set(re.findall(r"Card\s*(\d+)", text))
    answers = re.findall(r"\b(\d+) (Myth|Fact)\b", text)
    assert len(cards) == len(deck) and len(answers) == len(deck)


def test_answer_grid_letters_match_the_quiz_order():
    sys.path.insert(0, str(ROOT / "scripts"))
    import worksheets

    text = squash(pdf_text("quiz-answer-grid.pdf"))
    for bank in worksheets.banks():
        expected = "".join(f"{n}" + "".join(model.letter(i) for i, o in enumerate(q["options"]) if o["correct"])
                           for n, q in enumerate(bank.questions, 1))
        assert squash(expected) in text, bank.heading
