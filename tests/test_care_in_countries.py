"""The "Care in different countries" page: in the book, complete, cited, plain and safe.

It reads the built HTML, as a reader gets it: each practice readers in China meet is
named, every paragraph that states what a guideline, trial or review found carries a
citation, the prose is as plain as the other reader pages, and the only phone number on
the page is one whose official source is cited in the same paragraph.
"""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT, article, html_soup, toc_docnames
from textmetrics import body_text, grade, reading_text, word_count

PAGE = "chapters/care-in-different-countries"

# What the page must name, as a reader would search for it (lower case).
PRACTICES = {
    "ESHRE definition": "eshre",
    "RCOG definition": "rcog",
    "ASRM definition": "asrm",
    "Chinese expert consensus": "chinese expert consensus",
    "blocking-antibody tests": "blocking-antibody",
    "lymphocyte immunotherapy": "lymphocyte immunotherapy",
    "keeping the pregnancy": "keeping the pregnancy",
    "bed rest": "bed rest",
    "injections": "injections",
    "progesterone": "progesterone",
    "dydrogesterone": "dydrogesterone",
    "NICE": "nice",
    "aspirin": "aspirin",
    "heparin": "heparin",
    "prethrombotic state": "prethrombotic state",
    "traditional Chinese medicine": "chinese medicine",
    "Cochrane review": "cochrane",
    "rest after a miscarriage": "small month",
    "urgent help": "urgent help",
    "when advice differs": "when advice differs",
}

# Words that mark a statement of what guidelines, trials or reviews say.
CLAIM = re.compile(
    r"\b(guidelines?|guidance|trials?|reviews?|evidence|recommends?|advises?|consensus|"
    r"benefit|prevents?|found)\b", re.I)

# A phone number: three or more digits in a row (years are handled below).
NUMBER = re.compile(r"(?<![\w.])\d[\d ()\-]{1,}\d(?![\w])")
YEAR = re.compile(r"^(?:19|20)\d\d$")
# The emergency number and the official pages that confirm it (their titles, as cited).
CITED_NUMBERS = {"120": {"120 medical emergency service", "correctly dialing 120 emergency call"}}

GRADE_BAR = 10  # the bar every reader page is held to in test_lessons.py


def body():
    return article(html_soup(PAGE))


def prose_paragraphs():
    """The page's own paragraphs and list items, without boxes included from snippets."""
    node = BeautifulSoup(str(body()), "html.parser")  # a copy: pages are cached
    for unwanted in node.select(".medicine-note, .in-short, nav, .toctree-wrapper"):
        unwanted.decompose()
    blocks = []
    for block in node.find_all(["p", "li"]):
        if block.find(["p", "li"]):
            continue
        blocks.append(block)
    return blocks


def bib_titles() -> dict[str, str]:
    """references.bib key -> its title in lower case, without braces."""
    text = (ROOT / "references.bib").read_text(encoding="utf-8")
    found = {}
    for key, body_ in re.findall(r"^@\w+\{([^,\s]+),(.*?)^\}", text, flags=re.M | re.S):
        title = re.search(r"^\s*title\s*=\s*\{(.*)\},?\s*$", body_, flags=re.M)
        found[key] = re.sub(r"[{}]", "", title.group(1)).lower() if title else ""
    return found


def cited_titles(block) -> str:
    """The hover titles of a block's citations (each names the cited work), in lower case."""
    return " | ".join(a.get("title", "").lower() for a in block.select("span.bibtex-citation a"))


def without_facts(block) -> str:
    """A block's text with ledger numbers ({fact} spans) left out: those are not phone numbers."""
    copy = BeautifulSoup(str(block), "html.parser")
    for span in copy.select("span.fact"):
        span.decompose()
    return " ".join(copy.get_text(" ").split())


def test_page_is_in_the_toc_after_what_happens_next_and_built():
    pages = toc_docnames()
    assert PAGE in pages, f"{PAGE} is not in _toc.yml"
    assert pages.index(PAGE) == pages.index("chapters/what-happens-next") + 1
    assert body().find("h1").get_text(" ", strip=True).startswith("Care in different countries")


@pytest.mark.parametrize("what, needle", sorted(PRACTICES.items()))
def test_page_names_each_practice(what, needle):
    text = " ".join(body().get_text(" ").split()).lower()
    assert needle in text, f"the page does not mention {what} ({needle!r})"


def test_every_paragraph_with_a_medical_claim_is_cited():
    blocks = prose_paragraphs()
    uncited = []
    checked = 0
    for block in blocks:
        text = " ".join(block.get_text(" ").split())
        if not CLAIM.search(text) or re.search(r"\?[\"”]?$", text):  # a question to ask
            continue
        if block.find_parent("table"):
            continue
        checked += 1
        cited = block.select("span.bibtex-citation")
        if text.endswith(":"):  # a lead-in: the list it introduces carries the citations
            items = block.find_next_sibling(["ul", "ol"])
            cited = items is not None and all(li.select("span.bibtex-citation") for li in items.find_all("li"))
        if not cited:
            uncited.append(text[:140])
    assert checked >= 12, f"only {checked} claim paragraphs found; is the page complete?"
    assert not uncited, "paragraphs that state a finding without a citation:\n" + "\n".join(uncited)


def test_page_cites_the_guidelines_and_reviews_it_names():
    titles, cited = bib_titles(), cited_titles(body())
    for key in ("eshre2022", "rcog2023", "asrm2013", "chinese2022", "nice2023ng126",
                "wong2014", "aleman2005bedrest", "devall2021progestogens", "li2016chm"):
        assert titles[key] and titles[key] in cited, f"{key} is not cited on the page"


def test_links_to_urgent_help_lesson_1_and_questions_to_ask():
    hrefs = [a.get("href", "") for a in body().select("a.reference.internal")]
    assert any(h.endswith("home.html#urgent-help") for h in hrefs), "no link to the urgent-help box"
    assert any("what-is-recurrent-miscarriage.html#definition-guidelines" in h for h in hrefs)
    assert any(h.startswith("questions-to-ask.html") for h in hrefs)
    assert not body().select("div.urgent-help"), "link to the urgent-help box; do not repeat it"


def test_readability_within_the_reader_page_bar():
    text = reading_text(body())
    value = grade(text)
    assert value <= GRADE_BAR, f"Flesch-Kincaid grade {value:.1f} is above {GRADE_BAR}"


def test_body_is_under_1500_words():
    words = word_count(body_text(body()))
    assert 600 <= words <= 1500, f"{words} words outside folds and boxes"


def test_no_phone_number_but_the_cited_ones():
    found = 0
    for block in prose_paragraphs():
        text = without_facts(block)
        for match in NUMBER.finditer(text):
            number = re.sub(r"\D", "", match.group(0))
            if YEAR.match(number):
                continue
            assert number in CITED_NUMBERS, f"a number that is not a cited phone number: {text[:120]}"
            missing = {t for t in CITED_NUMBERS[number] if t not in cited_titles(block)}
            assert not missing, f"{number} without its official source {sorted(missing)}: {text[:120]}"
            assert "mainland china" in text.lower(), f"{number} is not said to be for mainland China"
            found += 1
    assert found == 1, f"expected the emergency number once, found {found}"


def test_chinese_terms_are_marked_as_chinese():
    """Screen readers switch voice only for text marked with its language."""
    spans = body().select('span[lang="zh-Hans"]')
    assert len(spans) >= 8
    for span in spans:
        assert re.fullmatch(r"[\u4e00-\u9fff]+", span.get_text(strip=True)), span
    loose = [s for s in body().find_all(string=re.compile(r"[\u4e00-\u9fff]"))
             if not s.find_parent(attrs={"lang": "zh-Hans"})]
    assert not loose, f"Chinese text without lang='zh-Hans': {loose[:3]}"
