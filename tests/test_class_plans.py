"""The class plans: timings that add up, prompts placed in time, and print-ready materials.

The plans live in ``chapters/class-plans.yml``; the instructor guide shows them with the
``{class-plan}`` directive and the ``course.printables`` extension prints them as run sheets
(tested in ``test_printables.py``).
"""

from __future__ import annotations

import re
import sys

import pytest

from conftest import BUILD, HTML, ROOT, article, html_soup

sys.path.insert(0, str(ROOT / "_ext"))
from course.classplan import ClassPlanError, PLAN_FILE, load_plans, prompts  # noqa: E402

PDF = BUILD / "pdf"
PRINTABLES = [
    "run-sheet-plan-a.pdf", "run-sheet-plan-b.pdf", "myth-fact-cards.pdf", "quiz-answer-grid.pdf",
    "sign-in-sheet.pdf", "evaluation-form.pdf", "local-contacts-slip.pdf", "room-checklist.pdf",
]


def plans():
    return load_plans(ROOT / PLAN_FILE)


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


@pytest.mark.parametrize("name", PRINTABLES)
def test_printables_are_offered_on_the_website(name):
    """The PDFs themselves are checked in test_printables.py."""
    from bs4 import BeautifulSoup

    assert (PDF / name).exists(), f"{name} is not in {PDF}"
    page = HTML / "chapters" / "instructor-guide.html"
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    links = [a["href"] for a in soup.select("a.download") if a["href"].endswith("/" + name)]
    assert links, "the instructor guide does not link to it"
    assert (page.parent / links[0]).resolve().exists(), "the website does not offer it"
