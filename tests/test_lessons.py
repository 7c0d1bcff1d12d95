"""Every lesson is a complete, cited, plain-language lesson, on the web and in the PDF."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from conftest import (
    ROOT, article, html_soup, lesson_docnames, pdf_chapters, pdf_page_texts, toc_docnames,
)
from textmetrics import (
    body_text, citation_keys, grade, in_short_items, median, reading_text, word_count,
)

LESSONS = lesson_docnames()
# Pages written for readers, held to the same plain-language bar as the lessons.
READER_PAGES = ["chapters/home", *LESSONS, "chapters/questions-to-ask", "chapters/course-summary",
                "chapters/what-happens-next", "chapters/partners", "chapters/get-support", "chapters/about"]

BANNED = {
    "habitual abortion": r"\bhabitual abortions?\b",
    "incompetent cervix": r"\bincompetent cervix\b",
    "blighted ovum": r"\bblighted ova?(?:um)?\b",
    "spontaneous abortion": r"\bspontaneous abortions?\b",
    "abortion (for a miscarriage)": r"\babortions?\b",
}
# The glossary explains the old terms; the reference list quotes titles as published.
TERMINOLOGY_EXEMPT = {"chapters/glossary", "chapters/references"}


def heading_text(heading) -> str:
    """A heading as written, without its section number or permalink."""
    text = heading.get_text(" ", strip=True).rstrip("#").strip()
    return re.sub(r"^[\d.]+\s+", "", text)


def overview(docname):
    box = article(html_soup(docname)).select_one("div.admonition.lesson-overview")
    assert box is not None, f"{docname}: no 'In this lesson' overview box"
    return box


@pytest.mark.parametrize("docname", LESSONS)
def test_lesson_opens_with_objectives_and_reading_time(docname):
    box = overview(docname)
    objectives = box.find_all("li")
    assert 3 <= len(objectives) <= 5, f"{docname}: {len(objectives)} learning objectives"
    assert re.search(r"Reading time:?\s*about \d+", box.get_text(" ", strip=True)), docname


@pytest.mark.parametrize("docname", LESSONS)
def test_lesson_ends_with_key_points_and_whats_next(docname):
    body = article(html_soup(docname))
    headings = {heading_text(h): h for h in body.find_all("h2")}
    assert "Key points" in headings, f"{docname}: no 'Key points' summary"
    summary = headings["Key points"].find_parent("section")
    assert len(summary.find_all("li")) >= 3, f"{docname}: the summary has fewer than 3 points"
    nxt = next((h for title, h in headings.items() if title.startswith("What")
                and "next" in title.lower()), None)
    assert nxt is not None, f"{docname}: no \"What's next\" section"
    assert nxt.find_parent("section").select("a.reference.internal"), f"{docname}: no link onward"


@pytest.mark.parametrize("docname", LESSONS)
def test_lesson_cites_at_least_five_sources_and_links_the_glossary(docname):
    body = article(html_soup(docname))
    cited = citation_keys(body)
    assert len(cited) >= 5, f"{docname}: only {len(cited)} distinct citations"
    terms = body.select("a.reference.internal[href*='glossary.html#term-']")
    assert terms, f"{docname}: no glossary term is linked"


def test_the_source_article_is_introduced_once_and_quoted_sparingly():
    """The home page introduces the 2022 article; lessons quote it only where a reader would
    otherwise be misled, in at most two "You may have heard…" boxes each."""
    home = " ".join(article(html_soup("chapters/home")).get_text(" ").split())
    assert "2022" in home and "You may have heard" in home
    total = 0
    for docname in LESSONS:
        body = article(html_soup(docname))
        assert not body.select("div.admonition.article-check"), f"{docname}: an old article box"
        boxes = body.select("div.admonition.you-may-have-heard")
        assert len(boxes) <= 2, f"{docname}: {len(boxes)} 'You may have heard' boxes"
        total += len(boxes)
    assert 3 <= total <= 10


@pytest.mark.parametrize("docname", LESSONS)
def test_lesson_opens_with_in_short_box(docname):
    items = in_short_items(article(html_soup(docname)))
    assert 3 <= len(items) <= 5, f"{docname}: {len(items)} key messages in 'In short'"
    words = sum(word_count(item) for item in items)
    assert words <= 80, f"{docname}: 'In short' has {words} words (about 60 wanted)"


@pytest.mark.parametrize("docname", LESSONS)
def test_lesson_body_is_at_most_1500_words(docname):
    words = word_count(body_text(article(html_soup(docname))))
    assert words <= 1500, f"{docname}: {words} words outside the 'More detail' folds"


def test_more_detail_folds_are_native_details_and_print_in_full():
    folds = [d for docname in LESSONS for d in article(html_soup(docname)).select("details.more")]
    assert len(folds) >= 7
    for fold in folds:
        summary = fold.find("summary")
        assert summary is not None and summary.get_text(strip=True).startswith("More detail:")
    script = (ROOT / "_static" / "course-nav.js").read_text(encoding="utf-8")
    assert "beforeprint" in script and "details.more" in script


URGENT_PAGES = {"chapters/home", "chapters/prevention-and-care", "chapters/class-handout"}


@pytest.mark.parametrize("docname", toc_docnames())
def test_urgent_help_box_in_full_only_where_it_belongs(docname):
    body = article(html_soup(docname))
    boxes = body.select("div.urgent-help")
    if docname in URGENT_PAGES:
        assert len(boxes) == 1, f"{docname}: the urgent-help box should be here"
    else:
        assert not boxes, f"{docname}: link to the urgent-help box instead of repeating it"


def test_readability_of_reader_pages(capsys):
    grades = {}
    for docname in READER_PAGES:
        text = reading_text(article(html_soup(docname)))
        grades[docname] = grade(text)
    with capsys.disabled():
        print("\nFlesch-Kincaid grade (textstat 0.7.8):")
        for docname, value in grades.items():
            print(f"  {docname:<45} {value:5.1f}")
    too_hard = {d: g for d, g in grades.items() if g > 10}
    assert not too_hard, f"pages above grade 10: {too_hard}"
    lesson_median = median([grades[d] for d in LESSONS])
    assert lesson_median <= 8, f"median lesson grade {lesson_median:.1f} is above 8"


@pytest.mark.parametrize("docname", [d for d in toc_docnames() if d not in TERMINOLOGY_EXEMPT])
def test_no_outdated_or_hurtful_terms(docname):
    body = BeautifulSoup(str(article(html_soup(docname))), "html.parser")  # a copy: pages are cached
    for cite in body.select("span.bibtex-citation"):
        cite.decompose()  # hover titles quote published titles verbatim
    text = body.get_text(" ", strip=True)
    for term, pattern in BANNED.items():
        match = re.search(pattern, text, flags=re.I)
        assert match is None, f"{docname} says {match.group(0)!r} ({term}): use 'miscarriage'"


def test_banned_terms_are_absent_from_sources_too():
    sources = [*ROOT.glob("chapters/**/*.md"), *ROOT.glob("chapters/**/*.yml")]
    for path in sources:
        if path.stem in {"glossary", "references"}:
            continue
        text = path.read_text(encoding="utf-8")
        for term, pattern in BANNED.items():
            match = re.search(pattern, text, flags=re.I)
            assert match is None, f"{path.relative_to(ROOT)} says {match.group(0)!r}"


def lesson_pages_in_pdf(docname: str) -> str:
    """The PDF text of a lesson's chapter, found through the PDF's bookmarks."""
    title = heading_text(article(html_soup(docname)).find("h1"))
    assert title in pdf_chapters(), f"{docname}: chapter {title!r} not in the PDF bookmarks"
    start, end = pdf_chapters()[title]
    return "\n".join(pdf_page_texts()[start:end])


@pytest.mark.parametrize("docname", LESSONS)
def test_lesson_is_in_the_pdf_with_headings_and_citations(docname):
    text = re.sub(r"\s+", "", lesson_pages_in_pdf(docname)).replace("’", "'")
    source = (ROOT / f"{docname}.md").read_text(encoding="utf-8")
    headings = [h for h in re.findall(r"^## (.+)$", source, flags=re.M) if "{" not in h]
    assert headings, f"{docname}: no sections"
    for heading in headings:
        assert re.sub(r"\s+", "", heading).replace("’", "'") in text, (
            f"{docname}: section {heading!r} is missing from the PDF")
    assert len(set(re.findall(r"\[(\d+)\]", text))) >= 5, f"{docname}: few citations in the PDF"


def test_lesson_word_counts_are_reported(capsys):
    with capsys.disabled():
        print("\nLesson words / grade / distinct citations:")
        for docname in LESSONS:
            body = article(html_soup(docname))
            text = reading_text(body)
            print(f"  {docname:<45} {word_count(text):5d} words  grade {grade(text):4.1f}"
                  f"  {len(citation_keys(body)):3d} citations")
            assert word_count(text) >= 600, f"{docname} is too short to be a lesson"
