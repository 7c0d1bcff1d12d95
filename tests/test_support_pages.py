"""Pages that answer practical questions: what happens next, partners, support and About."""

from __future__ import annotations

import re

import pytest

from conftest import article, html_soup, toc_docnames

PHONE = re.compile(r"(?:\+?\d[\d ()\-]{5,}\d|\b\d{3}\b(?= Suicide| ?$| or text))")


def test_new_pages_are_in_the_book():
    pages = set(toc_docnames())
    for page in ("chapters/what-happens-next", "chapters/partners", "chapters/get-support",
                 "chapters/about"):
        assert page in pages, f"{page} is not in _toc.yml"


def test_every_phone_number_cites_the_organisations_own_page():
    body = article(html_soup("chapters/get-support"))
    checked = 0
    for block in body.find_all(["li", "p", "td"]):
        if block.find(["li", "p"]):
            continue
        text = " ".join(block.get_text(" ").split())
        if re.search(r"\b(?:Phone|Call|call|Freephone|Text|text)\b[^.]*\d{3}", text):
            checked += 1
            assert block.select("span.bibtex-citation"), f"a number without its source: {text[:120]}"
    assert checked >= 3


@pytest.mark.parametrize("page, needles", [
    ("chapters/what-happens-next", ["first clinic visit", "tissue", "heparin", "private", "urgent help"]),
    ("chapters/partners", ["partner", "on your own", "same-sex", "donor"]),
])
def test_practical_pages_cover_what_readers_asked(page, needles):
    text = " ".join(article(html_soup(page)).get_text(" ").split()).lower()
    missing = [n for n in needles if n not in text]
    assert not missing, f"{page} does not cover {missing}"
    assert len(article(html_soup(page)).select("span.bibtex-citation")) >= 5
