"""The reference pages do their job: the glossary explains enough words and every word is
used in the lessons; every source in references.bib is cited, every citation resolves, the
References page lists every source, and the PDF has no empty bibliography chapter."""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import urljoin, urlparse

import pytest
from pybtex.database import parse_file

from conftest import ROOT, article, html_soup, pdf_page_texts, pdf_reader, toc_docnames

GLOSSARY = "chapters/glossary"
REFERENCES = "chapters/references"
MIN_TERMS = 30
OLD_TERM_MARK = "old term, no longer used in patient information"


def squash(text: str) -> str:
    """Letters and digits only, lower case: survives title case, hyphenation and spacing."""
    return re.sub(r"[^a-z0-9]", "", text.lower())


def target(docname: str, href: str) -> tuple[str, str]:
    """The page (docname) and anchor an href on `docname` points to."""
    url = urlparse(urljoin(f"http://book/{docname}.html", href))
    return url.path.lstrip("/").removesuffix(".html"), url.fragment


def other_pages(*skip: str) -> list[str]:
    return [name for name in toc_docnames() if name not in skip]


# ---------------------------------------------------------------- glossary


@lru_cache(maxsize=1)
def glossary_terms() -> dict[str, tuple[str, str]]:
    """Anchor id -> (term text, definition text) for every term on the glossary page."""
    terms = {}
    for dt in article(html_soup(GLOSSARY)).select("dl.glossary dt"):
        dd = dt.find_next_sibling("dd")
        text = dt.get_text(" ", strip=True).rstrip("#").strip()
        terms[dt["id"]] = (text, dd.get_text(" ", strip=True) if dd else "")
    return terms


def test_glossary_has_enough_terms_each_with_a_definition():
    terms = glossary_terms()
    assert len(terms) >= MIN_TERMS, f"only {len(terms)} glossary terms (want {MIN_TERMS}+)"
    empty = [text for text, definition in terms.values() if len(definition.split()) < 4]
    assert not empty, f"glossary terms without a real definition: {empty}"


def test_glossary_is_in_alphabetical_order():
    names = [text.lower() for text, _ in glossary_terms().values()]
    assert names == sorted(names)


def test_old_terms_point_to_the_current_term():
    old = {anchor: text for anchor, (text, definition) in glossary_terms().items()
           if definition.lower().startswith(OLD_TERM_MARK)}
    assert {t.lower() for t in old.values()} >= {
        "habitual abortion", "spontaneous abortion", "incompetent cervix", "blighted ovum"}
    dl = article(html_soup(GLOSSARY))
    for anchor in old:
        dd = dl.find(id=anchor).find_next_sibling("dd")
        links = [target(GLOSSARY, a["href"]) for a in dd.select("a.reference[href]")]
        current = [frag for page, frag in links if page == GLOSSARY and frag in glossary_terms()]
        assert current and anchor not in current, f"{anchor}: no link to the current term"


@lru_cache(maxsize=1)
def term_links_from_other_pages() -> dict[str, set[str]]:
    """Glossary anchor -> the pages (other than the glossary) whose {term} roles link to it."""
    used: dict[str, set[str]] = {}
    for docname in other_pages(GLOSSARY):
        for a in article(html_soup(docname)).select("a.reference[href]"):
            page, frag = target(docname, a["href"])
            if page == GLOSSARY and frag:
                used.setdefault(frag, set()).add(docname)
    return used


def test_every_current_glossary_term_is_linked_from_another_page():
    used = term_links_from_other_pages()
    unused = [text for anchor, (text, definition) in glossary_terms().items()
              if anchor not in used and not definition.lower().startswith(OLD_TERM_MARK)]
    assert not unused, f"glossary terms no page links to with {{term}}: {unused}"


def test_term_links_point_at_real_glossary_entries():
    unknown = sorted(set(term_links_from_other_pages()) - set(glossary_terms()))
    assert not unknown, f"links to glossary anchors that do not exist: {unknown}"


# ---------------------------------------------------------------- citations


@lru_cache(maxsize=1)
def bib_titles() -> dict[str, str]:
    """references.bib key -> squashed title (braces and LaTeX accents removed)."""
    entries = parse_file(str(ROOT / "references.bib")).entries
    titles = {}
    for key, entry in entries.items():
        title = re.sub(r"\\[a-zA-Z]+\s*|[{}\\'\"`^~]", "", entry.fields["title"])
        titles[key] = squash(title)
    return titles


@lru_cache(maxsize=1)
def reference_entries() -> dict[str, str]:
    """Anchor id -> squashed text of every entry listed on the References page."""
    return {div["id"]: squash(div.get_text(" ", strip=True))
            for div in article(html_soup(REFERENCES)).select("div.citation[id]")}


def entry_anchor(key: str) -> str:
    matches = [anchor for anchor, text in reference_entries().items() if bib_titles()[key] in text]
    assert len(matches) == 1, f"{key}: listed {len(matches)} times on the References page"
    return matches[0]


def test_bibliography_is_not_empty():
    assert len(bib_titles()) >= 10
    assert reference_entries(), "the References page lists no sources"


@pytest.mark.parametrize("key", sorted(bib_titles()))
def test_references_page_lists_every_entry(key):
    entry_anchor(key)


def test_references_page_lists_nothing_else():
    titles = bib_titles().values()
    extra = [anchor for anchor, text in reference_entries().items()
             if not any(title in text for title in titles)]
    assert not extra, f"References page entries that are not in references.bib: {extra}"


@lru_cache(maxsize=1)
def cited_anchors() -> set[str]:
    """Anchors on the References page that some other page's citation links to."""
    anchors = set()
    for docname in other_pages(REFERENCES):
        for cite in article(html_soup(docname)).select(".bibtex-citation"):
            for a in cite.select("a.reference[href]"):
                page, frag = target(docname, a["href"])
                if page == REFERENCES:
                    anchors.add(frag)
    return anchors


@pytest.mark.parametrize("key", sorted(bib_titles()))
def test_every_bib_entry_is_cited_in_the_book(key):
    assert entry_anchor(key) in cited_anchors(), f"{key} is in references.bib but never cited"


@pytest.mark.parametrize("docname", toc_docnames())
def test_every_citation_resolves(docname):
    body = article(html_soup(docname))
    for cite in body.select(".bibtex-citation"):
        links = [target(docname, a["href"]) for a in cite.select("a.reference[href]")]
        text = cite.get_text("", strip=True)
        assert links and "[]" not in text, f"{docname}: unresolved citation {text!r}"
        for page, frag in links:
            assert page == REFERENCES and frag in reference_entries(), (
                f"{docname}: citation {text!r} points to {page}#{frag}")
    raw = body.get_text(" ")
    assert not re.search(r"\{cite(:[a-z]+)?\}", raw), f"{docname}: a cite role was not parsed"


# ---------------------------------------------------------------- PDF


def flat_outline() -> list[tuple[str, int]]:
    """Top-level PDF bookmarks as (title, 0-based page), in order."""
    reader = pdf_reader()
    return [(item.title, reader.get_destination_page_number(item))
            for item in reader.outline if not isinstance(item, list)]


def chapter_text(title: str) -> str:
    outline = flat_outline()
    index = [t for t, _ in outline].index(title)
    start = outline[index][1]
    end = outline[index + 1][1] if index + 1 < len(outline) else len(pdf_page_texts()) - 1
    return "\n".join(page_body(page) for page in pdf_page_texts()[start:end + 1])


def page_body(text: str) -> str:
    """A page without its running head and foot, so an entry split by a page break reads whole."""
    lines = text.split("\n")
    if lines and lines[0].replace(" ", "") == "RecurrentMiscarriage:AnOpenCourse":
        lines = lines[1:]
    if lines and re.search(r"\d+$", lines[-1]):
        lines = lines[:-1]  # the page number, after the section title
    return "\n".join(lines)


def test_pdf_references_chapter_lists_every_entry():
    text = squash(chapter_text("References"))
    missing = [key for key, title in bib_titles().items() if title not in text]
    assert not missing, f"the PDF References chapter lacks: {missing}"
