"""The book builds completely: every toc page in HTML, a whole-book PDF that keeps the
home heading and has no empty or blank pages, and a site that works offline."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import (
    HTML, ROOT, article, html_soup, lesson_docnames, pdf_chapters, pdf_page_texts, pdf_reader,
    pdf_text, toc_docnames,
)

BOOK_TITLE = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))["title"]


def source_title(docname: str) -> str:
    """The first level-1 heading of a page's source, as plain text."""
    text = (ROOT / f"{docname}.md").read_text(encoding="utf-8")
    text = re.sub(r"^---\n.*?\n---\n", "", text, count=1, flags=re.S)
    for line in text.splitlines():
        if line.startswith("# "):
            title = line[2:].strip()
            return re.sub(r"\{[a-z:]+\}`([^`<]*?)(?:\s*<[^>]*>)?`", r"\1", title)
    raise AssertionError(f"{docname}.md has no level-1 heading")


def normalise(text: str) -> str:
    """Lower case with no white space at all: pypdf often drops the spaces of headings."""
    text = text.replace("\u2019", "'").replace("\u2013", "-").replace("\u2014", "-")
    text = re.sub(r"-\s*\n\s*", "", text)
    return re.sub(r"\s+", "", text).lower()


def outline_titles() -> list[str]:
    return [item.title for item in pdf_reader().outline if not isinstance(item, list)]


@pytest.mark.parametrize("docname", toc_docnames())
def test_every_toc_page_is_built_with_its_title(docname):
    soup = html_soup(docname)
    heading = article(soup).find("h1")
    assert heading is not None, f"{docname}: no <h1> on the built page"
    expected = source_title(docname)
    shown = re.sub(r"^\d+\.\s*", "", heading.get_text(" ", strip=True).rstrip("#").strip())
    assert shown == expected
    assert expected in soup.title.get_text(), f"{docname}: <title> does not name the page"


def test_pdf_has_book_title_in_metadata_and_title_page():
    reader = pdf_reader()
    assert reader.metadata.title == BOOK_TITLE
    assert normalise(BOOK_TITLE) in normalise(pdf_page_texts()[0])


# Class sheets with a PDF of their own are not printed in the book.
OWN_PDF = {"chapters/class-handout", "chapters/worksheets", "chapters/answer-key"}


def test_every_top_level_chapter_is_in_pdf_outline_and_text():
    outline = outline_titles()
    text = normalise(pdf_text())
    for docname in toc_docnames():
        if docname in OWN_PDF:
            assert source_title(docname) not in outline, f"{docname} is printed in the book"
            continue
        title = source_title(docname)
        assert title in outline, f"PDF bookmarks lack the chapter {title!r} ({docname})"
        assert normalise(title) in text, f"PDF text lacks the chapter title {title!r}"


def test_pdf_keeps_the_home_page_heading_as_first_chapter():
    home = source_title(toc_docnames()[0])
    assert outline_titles()[0] == home
    start, _ = pdf_chapters()[home]
    assert normalise(pdf_page_texts()[start]).startswith(normalise(home))


def test_pdf_numbers_the_lessons_as_the_website_does():
    texts = pdf_page_texts()
    chapters = pdf_chapters()
    lessons = lesson_docnames()
    for number, docname in enumerate(lessons, start=1):
        start, _ = chapters[source_title(docname)]
        heading = normalise(f"{number}. {source_title(docname)}")
        assert normalise(texts[start]).startswith(heading), docname
    for docname in toc_docnames():
        if docname not in lessons and docname not in OWN_PDF:
            start, _ = chapters[source_title(docname)]
            assert not re.match(r"\d+\.", normalise(texts[start])), f"{docname} is numbered"


def test_pdf_has_references_chapter_with_entries_and_no_empty_bibliography():
    outline = outline_titles()
    assert "Bibliography" not in outline, "an extra 'Bibliography' chapter was added"
    assert outline.count("References") == 1
    texts = pdf_page_texts()
    start = next(i for i, t in enumerate(texts) if normalise(t).startswith("references"))
    entries = re.findall(r"^\[\d+\]", "\n".join(texts[start:]), flags=re.M)
    bib_entries = (ROOT / "references.bib").read_text(encoding="utf-8").count("\n@")
    assert len(entries) >= bib_entries, "the References chapter does not list every entry"


def test_pdf_has_no_blank_pages():
    reader = pdf_reader()
    for number, (page, text) in enumerate(zip(reader.pages, pdf_page_texts()), start=1):
        has_images = bool(page.get("/Resources", {}).get("/XObject"))
        words = re.findall(r"[A-Za-z]{3,}", text)
        assert words or has_images, f"PDF page {number} is blank"


# --- offline and private -------------------------------------------------------------

FETCHED = {
    "script": ["src"],
    "img": ["src", "srcset"],
    "iframe": ["src"],
    "source": ["src", "srcset"],
    "audio": ["src"],
    "video": ["src", "poster"],
    "embed": ["src"],
    "object": ["data"],
    "link": ["href"],
    "use": ["href", "xlink:href"],
    "image": ["href", "xlink:href"],
}
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)|@import\s+['"]([^'"]+)""")


def all_html_files() -> list[Path]:
    """Every page of the site (theme templates shipped under _static are not pages)."""
    return sorted(p for p in HTML.rglob("*.html") if "_static" not in p.relative_to(HTML).parts)


def is_remote(url: str) -> bool:
    parsed = urlparse(url.strip())
    return parsed.scheme in {"http", "https", "ftp", "ws", "wss"} or url.strip().startswith("//")


def fetched_urls(soup: BeautifulSoup):
    for tag, attrs in FETCHED.items():
        for node in soup.find_all(tag):
            if tag == "link" and not set(node.get("rel", [])) & {
                "stylesheet", "icon", "preload", "prefetch", "modulepreload", "manifest",
                "apple-touch-icon", "shortcut", "dns-prefetch", "preconnect",
            }:
                continue
            for attr in attrs:
                value = node.get(attr)
                if value:
                    for part in value.split(","):
                        yield tag, part.strip().split(" ")[0]
    for style in soup.find_all("style"):
        for match in CSS_URL.finditer(style.get_text()):
            yield "style", match.group(1) or match.group(2)


def test_no_page_fetches_anything_from_another_host(built_html):
    offenders = []
    for path in all_html_files():
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for tag, url in fetched_urls(soup):
            if is_remote(url):
                offenders.append(f"{path.relative_to(HTML)}: <{tag}> {url}")
    assert not offenders, "third-party requests:\n" + "\n".join(offenders)


def test_no_stylesheet_imports_remote_fonts_or_files(built_html):
    offenders = []
    for css in HTML.rglob("*.css"):
        for match in CSS_URL.finditer(css.read_text(encoding="utf-8", errors="replace")):
            url = match.group(1) or match.group(2)
            if is_remote(url):
                offenders.append(f"{css.relative_to(HTML)}: {url}")
    assert not offenders, "stylesheets fetch from other hosts:\n" + "\n".join(offenders)


def test_no_launch_buttons_thebe_binder_or_analytics(built_html):
    for path in all_html_files():
        html = path.read_text(encoding="utf-8")
        soup = BeautifulSoup(html, "html.parser")
        for needle in ("mybinder", "googletagmanager", "google-analytics", "hypothes.is", "utteranc"):
            assert needle not in html.lower(), f"{path.relative_to(HTML)} mentions {needle}"
        assert not soup.select(".launch-buttons, .dropdown-launch-buttons, .thebe-launch-button")
        assert not soup.find("script", src=re.compile("thebe", re.I))


def local_target(page: Path, url: str) -> Path | None:
    parsed = urlparse(url)
    if parsed.scheme or url.startswith("#") or url.startswith("//") or not parsed.path:
        return None
    return (page.parent / unquote(parsed.path)).resolve()


def test_pages_work_from_disk_with_relative_links(built_html):
    index = HTML / "index.html"
    refresh = BeautifulSoup(index.read_text(encoding="utf-8"), "html.parser").find(
        "meta", attrs={"http-equiv": re.compile("refresh", re.I)}
    )
    assert refresh is not None, "index.html does not redirect to the course home"
    target = refresh["content"].split("url=", 1)[1]
    assert not target.startswith("/"), "the redirect is absolute and breaks on a USB stick"
    assert local_target(index, target).exists()
    for path in all_html_files():
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for tag, url in fetched_urls(soup):
            if url.startswith("/") and not url.startswith("//"):
                pytest.fail(f"{path.relative_to(HTML)}: root-relative {url} breaks from disk")
            target = local_target(path, url)
            if target is not None and not url.startswith("data:"):
                assert target.exists(), f"{path.relative_to(HTML)}: <{tag}> {url} is missing"


def test_favicon_is_shipped_and_linked(built_html):
    soup = html_soup("chapters/home")
    icon = soup.find("link", rel="icon")
    assert icon is not None, "no favicon link"
    assert local_target(HTML / "chapters/home.html", icon["href"]).exists()


@pytest.mark.parametrize("docname", toc_docnames())
def test_every_page_shows_when_it_was_last_updated(docname):
    footer_text = html_soup(docname).get_text(" ", strip=True)
    assert re.search(r"Last updated on \d{1,2} \w+ \d{4}", footer_text), docname


def test_home_has_disclaimer_urgent_help_and_review_date():
    body = article(html_soup("chapters/home"))
    text = body.get_text(" ", strip=True)
    assert "not medical advice" in text
    assert body.select_one(".urgent-help"), "no 'When to get urgent help' box on the home page"
    assert re.search(r"last reviewed: \d{1,2} \w+ \d{4}", text, flags=re.I)
