"""The treatment-evidence table and the myths list reach readers on the web and on paper."""

from __future__ import annotations

import re

from conftest import article, html_soup, pdf_chapters, pdf_page_texts

from figures.data import TRIALS as TRIALS_DATA

TRIALS = ["PRISM", "PROMISE", "TABLET", "T4LIFE", "ALIFE2", "TRUST"]
TREATMENTS = "chapters/tests-and-treatments"
MYTHS = "chapters/myths-and-facts"


def chapter_text(docname: str) -> str:
    title = article(html_soup(docname)).find("h1").get_text(" ", strip=True).rstrip("#")
    title = re.sub(r"^[\d.]+\s+", "", title).strip()
    start, end = pdf_chapters()[title]
    return re.sub(r"\s+", "", "\n".join(pdf_page_texts()[start:end]))


def test_treatment_table_names_every_trial_on_the_web():
    tables = article(html_soup(TREATMENTS)).find_all("table")
    rows = [row.get_text(" ", strip=True) for table in tables for row in table.find_all("tr")]
    for trial in TRIALS:
        assert any(trial in row for row in rows), f"no table row for {trial}"
    assert any("antiphospholipid" in row.lower() or "APS" in row for row in rows)


def test_treatment_table_is_in_the_pdf():
    text = chapter_text(TREATMENTS)
    for trial in TRIALS:
        assert trial in text, f"{trial} is missing from the lesson's PDF pages"
    prism = [arm.percent.text("percent") for arm in (TRIALS_DATA[0].treated, TRIALS_DATA[0].untreated)]
    assert re.search(rf"{prism[0]}vs{prism[1]}", text), "PRISM's result is missing from the PDF table"


def myths_on_the_web() -> list[str]:
    body = article(html_soup(MYTHS))
    myths = []
    for section in body.select("section section"):
        text = section.get_text(" ", strip=True)
        if "Myth:" in text and "Fact:" in text and section.find("h3"):
            myths.append(section.find("h3").get_text(" ", strip=True))
    return myths


def test_at_least_twelve_myths_each_with_a_fact_and_a_citation():
    body = article(html_soup(MYTHS))
    myths = myths_on_the_web()
    assert len(myths) >= 12, f"only {len(myths)} myths"
    for section in body.select("section section"):
        if section.find("h3") and "Myth:" in section.get_text():
            assert section.select("span.bibtex-citation"), (
                f"myth {section.find('h3').get_text(strip=True)!r} has no citation")


def test_myths_list_is_in_the_pdf():
    text = chapter_text(MYTHS)
    assert text.count("Myth:") >= 12 and text.count("Fact:") >= 12
