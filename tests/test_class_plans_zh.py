"""The class plans in Chinese: one catalogue (``class-plans.po``) for the guide, the run sheets
and the slide decks, in step with ``chapters/class-plans.yml``.

A changed English plan text is in no catalogue entry until ``make zh-catalogues`` is run and
the new entry translated: ``plan_missing`` counts it and the Chinese build stops. The Chinese
instructor guide shows the translated plans, with the interface words of the table.
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup

from conftest import BUILD, ROOT
from quizlib import model  # noqa: F401  (puts _ext on the path)

from course import i18n  # noqa: E402
from course.classplan import PLAN_FILE, load_plans  # noqa: E402

LOCALES = ROOT / "locales"
PO = LOCALES / "zh_CN" / "LC_MESSAGES" / "class-plans.po"
HAN = re.compile(r"[\u4e00-\u9fff]")


def test_every_plan_text_is_in_the_catalogue_with_its_roles():
    assert i18n.plan_missing(LOCALES, "zh_CN") == 0, "class-plans.po is behind the plans: run `make zh-catalogues`"
    good = i18n.good_translations(PO)
    messages = i18n.plan_messages()
    assert len(messages) > 150
    for context, text in messages:
        assert (context, text) in good, f"{context}: no finished translation of {text[:50]!r}"
        chinese = good[(context, text)]
        # Links, figures and ledger numbers stay the same roles with the same targets.
        for role in ("fact", "numref", "doc", "ref"):
            targets = lambda t: sorted(re.findall(r"\{%s\}`(?:[^`<]*<)?([^`>]+)>?`" % role, t))  # noqa: E731
            assert targets(chinese) == targets(text), f"{context}: {{{role}}} targets differ in {chinese[:50]!r}"


def test_a_changed_plan_text_is_missing_until_translated(tmp_path, monkeypatch):
    plan_file = tmp_path / "class-plans.yml"
    text = (ROOT / PLAN_FILE).read_text(encoding="utf-8")
    assert "Welcome and sign-in; ground rules" in text
    plan_file.write_text(text.replace("Welcome and sign-in; ground rules",
                                      "Welcome, sign-in and ground rules", 1), encoding="utf-8")
    changed = load_plans(plan_file)
    messages = i18n.plan_messages(changed)
    monkeypatch.setattr(i18n, "plan_messages", lambda plans=None: messages)
    assert i18n.plan_missing(LOCALES, "zh_CN") == 1
    # The translated plans keep that one text in English, everything else in Chinese.
    shown = i18n.translate_plans(changed, LOCALES, "zh_CN")
    first = shown[0]["sessions"][0]["slots"][0]
    assert first["do"].startswith("Welcome, sign-in") and HAN.search(first["slide_title"])


def test_translated_plans_keep_minutes_ids_and_order():
    english = load_plans(ROOT / PLAN_FILE)
    chinese = i18n.translate_plans(english, LOCALES, "zh_CN")
    shape = lambda plans: [(s["id"], s["minutes"], [(t["start"], t["end"], len(t.get("prompts") or []))  # noqa: E731
                                                   for t in s["slots"]]) for p in plans for s in p["sessions"]]
    assert shape(chinese) == shape(english)
    assert all(HAN.search(s["title"]) for p in chinese for s in p["sessions"])


def test_chinese_instructor_guide_shows_the_translated_plans():
    page = BUILD / "html" / "zh" / "chapters" / "instructor-guide.html"
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    tables = soup.select("main table")
    assert len(tables) >= 5, "the five session tables"
    head = [th.get_text(strip=True) for th in tables[0].select("th")]
    assert head == ["时间（分钟）", "环节内容", "展示", "讨论问题"], head
    cells = " ".join(td.get_text(" ", strip=True) for t in tables for td in t.select("td"))
    left = re.findall(r"[A-Za-z]{3,}(?:\s+[A-Za-z]{3,}){2,}", cells)
    assert not left, f"English left in the Chinese plan tables: {left[:3]}"


def test_a_new_interface_word_is_missing_until_translated(monkeypatch):
    """Words the printables and decks pass to ``say`` are collected from the code; one that
    sphinx.po lacks is counted (and stops the Chinese build) instead of printing English."""
    assert i18n.interface_missing(LOCALES, "zh_CN") == 0
    words = i18n.said_in_code()
    assert "Myth or fact? Sorting cards" in words and "Thank you for coming" in words
    monkeypatch.setattr(i18n, "said_in_code", lambda: words + ("A word nobody translated",))
    assert i18n.interface_missing(LOCALES, "zh_CN") == 1
