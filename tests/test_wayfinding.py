"""Wayfinding, measured on the built site.

- Home page: a "Need help now?" link inside the first screen of a 390×844 phone, pointing
  at the urgent-help box; a "Start lesson 1" link to lesson 1; three doors (losses, teaching,
  printing) as real links to pages and sections that exist.
- Every lesson page says "Lesson N of M", with N its place in the "Lessons" part of _toc.yml;
  once, above the title, not as a heading. Other pages do not.
- Glossary in place: the meaning of a ``{term}`` link opens from the keyboard (Enter) beside
  the link, shows the glossary's own definition, closes with Escape; without JavaScript the
  link still goes to the glossary. A–Z links on the glossary page go to existing terms.
- Link texts: on every built page, one link text never leads to two different places
  (WCAG 2.4.4), counted in the page's own content; two ids of one section are one place.
- axe-core (WCAG 2.1 A/AA) on the home page and on a lesson with a meaning open.
"""

from __future__ import annotations

import json
import re
from urllib.parse import urldefrag, urljoin

import pytest
from bs4 import BeautifulSoup

from browser import built_pages, run_axe, visit
from conftest import HTML, article, html_soup, lesson_docnames, toc_docnames

PHONE = {"width": 390, "height": 844}
HOME = "chapters/home"
GLOSSARY = "chapters/glossary"


def _resolve(page_docname: str, href: str) -> tuple[str, str]:
    """(docname, fragment) of a link on a page, relative to the build."""
    absolute = urljoin(f"http://book/{page_docname}.html", href)
    path, fragment = urldefrag(absolute)
    path = path.replace("http://book/", "")
    return (path[:-5] if path.endswith(".html") else path), fragment


def _exists(docname: str, fragment: str) -> bool:
    soup = html_soup(docname)
    return not fragment or soup.find(id=fragment) is not None


def _link(soup, text_start: str):
    found = [a for a in article(soup).find_all("a", href=True)
             if " ".join(a.get_text(" ").split()).startswith(text_start)]
    assert found, f"no link starting with {text_start!r}"
    return found[0]


# --------------------------------------------------------------------------- home page
def test_need_help_link_points_at_the_urgent_help_box():
    link = _link(html_soup(HOME), "Need help now?")
    doc, fragment = _resolve(HOME, link["href"])
    assert (doc, fragment) == (HOME, "urgent-help"), f"'Need help now?' goes to {doc}#{fragment}"
    box = html_soup(HOME).find(id=_place(HOME, "urgent-help")[1])
    assert box is not None and "urgent" in box.get_text(" ").lower(), "the urgent-help box is missing"


def test_start_lesson_1_points_to_lesson_1():
    link = _link(html_soup(HOME), "Start lesson 1")
    assert link.find_parent(class_="home-start") is not None, "'Start lesson 1' lost its button style"
    doc, _ = _resolve(HOME, link["href"])
    assert doc == lesson_docnames()[0], f"'Start lesson 1' goes to {doc}, not {lesson_docnames()[0]}"


DOORS = {
    "I have had losses": {lesson_docnames()[0], "chapters/what-happens-next"},
    "I teach a class": {"chapters/instructor-guide"},
    "I want to print": {HOME, "chapters/instructor-guide"},
}


@pytest.mark.parametrize("door", DOORS)
def test_three_doors_are_links_to_existing_places(door):
    soup = html_soup(HOME)
    doors = soup.select("ul.home-doors > li")
    assert len(doors) == 3, f"{len(doors)} doors on the home page"
    link = _link(soup, door)
    assert link.find_parent("ul", class_="home-doors") is not None, f"{door!r} is not one of the doors"
    doc, fragment = _resolve(HOME, link["href"])
    assert doc in DOORS[door], f"{door!r} goes to {doc}"
    assert _exists(doc, fragment), f"{door!r} goes to {doc}#{fragment}, which does not exist"
    if door == "I want to print":
        target = html_soup(doc).find(id=_place(doc, fragment)[1])
        assert fragment and target is not None and target.find("a", href=re.compile(r"\.pdf$")), (
            "'I want to print' does not lead to the list of PDFs")


@pytest.mark.browser
def test_need_help_link_is_in_the_first_phone_screen(server, browser):
    ctx = browser.new_context(viewport=PHONE, device_scale_factor=1)
    try:
        tab, _ = visit(ctx, server, f"{HOME}.html")
        box = tab.get_by_role("link", name=re.compile(r"^Need help now\?")).first.bounding_box()
        line = tab.evaluate("parseFloat(getComputedStyle(document.querySelector('.home-help-now')).lineHeight)")
        tab.get_by_role("link", name=re.compile(r"^Need help now\?")).first.click()
        tab.wait_for_timeout(300)
        target_top = tab.evaluate("document.getElementById('urgent-help').getBoundingClientRect().top")
    finally:
        ctx.close()
    print(f"\n'Need help now?' at y={box['y']:.0f}..{box['y'] + box['height']:.0f} of {PHONE['height']}")
    assert box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"], (
        f"'Need help now?' is at y={box['y']:.0f}, outside the first {PHONE['height']} px")
    assert box["height"] < 1.5 * line, f"'Need help now?' wraps: {box['height']:.0f} px high, lines of {line:.0f} px"
    assert 0 <= target_top < PHONE["height"] / 2, f"after the tap the urgent-help box is at y={target_top:.0f}"


# --------------------------------------------------------------------------- lesson line
@pytest.mark.parametrize("docname", toc_docnames())
def test_lesson_pages_say_which_lesson(docname):
    lessons = lesson_docnames()
    soup = html_soup(docname)
    lines = soup.select(".course-lesson-line")
    if docname not in lessons:
        assert not lines, f"{docname} is not a lesson but says {lines[0].get_text(' ', strip=True)!r}"
        return
    number = lessons.index(docname) + 1
    assert len(lines) == 1, f"{docname}: {len(lines)} lesson lines"
    line = lines[0]
    text = " ".join(line.get_text(" ").split())
    assert f"Lesson {number} of {len(lessons)}" in text, f"{docname}: {text!r}"
    assert line.name not in {"h1", "h2", "h3", "h4", "h5", "h6"} and not line.find(re.compile("^h[1-6]$"))
    h1 = article(soup).find("h1")
    assert h1 is not None and line.find_next("h1") is h1, f"{docname}: the lesson line is not above the title"
    assert text.count(f"Lesson {number}") == 1, f"{docname}: the lesson number is said twice"


# --------------------------------------------------------------------------- glossary
def _definitions() -> dict[str, tuple[str, str]]:
    """term id -> (term, definition without its citations), from the glossary page."""
    out = {}
    for dt in article(html_soup(GLOSSARY)).select("dl.glossary dt[id]"):
        dd = dt.find_next_sibling("dd")
        text = " ".join(dd.get_text(" ").split())
        text = re.sub(r"\s*\[[\d,\s]+\]", "", text)  # citations: [26] or [27, 39]
        text = re.sub(r"\s+([.,;:])", r"\1", text)
        term = dt.get_text(" ", strip=True).rstrip("#").strip()
        out[dt["id"]] = (term, text)
    return out


def test_a_to_z_links_go_to_the_first_term_of_each_letter():
    soup = html_soup(GLOSSARY)
    nav = article(soup).find("nav", class_="glossary-letters")
    assert nav is not None and nav.get("aria-label"), "no named A–Z navigation on the glossary page"
    terms = _definitions()
    letters = sorted({term[0].upper() for term, _ in terms.values()})
    links = nav.find_all("a", href=True)
    assert [a.get_text(strip=True) for a in links] == letters, "the A–Z links are not the letters that have terms"
    for a in links:
        fragment = a["href"].lstrip("#")
        target = soup.find(id=fragment)
        assert target is not None, f"A–Z link {a.get_text()} goes to a missing #{fragment}"
        first = next(t for t, _ in terms.values() if t[0].upper() == a.get_text(strip=True))
        assert target.get_text(" ", strip=True).rstrip("#").strip() == first, (
            f"{a.get_text()} goes to {target.get_text(strip=True)!r}, not to {first!r}")


def _glossary_script() -> dict:
    text = (HTML / "_static" / "glossary-terms.js").read_text(encoding="utf-8")
    return json.loads(text[text.index("{"): text.rindex("}") + 1])


def test_the_meanings_file_matches_the_glossary():
    definitions = _definitions()
    script = _glossary_script()
    assert set(script) == set(definitions), f"terms differ: {sorted(set(script) ^ set(definitions))}"
    for term_id, (term, text) in definitions.items():
        assert script[term_id] == {"term": term, "text": text}, f"{term_id}: {script[term_id]} != {text!r}"


@pytest.mark.parametrize("docname", lesson_docnames())
def test_lessons_with_glossary_links_load_the_meanings(docname):
    soup = html_soup(docname)
    linked = [a for a in article(soup).select("a.reference.internal[href*='#term-']")]
    scripts = [s["src"].split("?")[0].rsplit("/", 1)[-1] for s in soup.find_all("script", src=True)]
    assert linked, f"{docname} links no glossary term"
    assert "glossary-terms.js" in scripts and "glossary.js" in scripts, f"{docname} loads {scripts}"
    for a in linked:
        assert _resolve(docname, a["href"])[0] == GLOSSARY
        assert urldefrag(a["href"])[1] in _glossary_script(), f"{docname}: no meaning for {a['href']}"


def _first_term_page() -> str:
    for docname in lesson_docnames():
        if article(html_soup(docname)).select_one("a.reference.internal[href*='#term-']"):
            return docname
    raise AssertionError("no lesson links a glossary term")


@pytest.mark.browser
def test_glossary_meaning_opens_by_keyboard(server, browser):
    docname = _first_term_page()
    definitions = _definitions()
    ctx = browser.new_context(viewport=PHONE)
    try:
        tab, seen = visit(ctx, server, f"{docname}.html")
        link = tab.locator("article a.reference.internal:has(.std-term)").first
        term_id = urldefrag(link.get_attribute("href"))[1]
        link.focus()
        tab.keyboard.press("Tab")
        focused = tab.evaluate("[document.activeElement.className, document.activeElement.getAttribute('aria-expanded'),"
                               " document.activeElement.getAttribute('aria-controls')]")
        tab.keyboard.press("Enter")
        expanded = tab.evaluate("document.activeElement.getAttribute('aria-expanded')")
        pop = tab.locator(f"#{focused[2]}")
        shown = pop.is_visible()
        text = pop.locator(".glossary-pop-text").inner_text()
        more = pop.locator("a").get_attribute("href")
        tab.keyboard.press("Escape")
        after = tab.evaluate("[document.activeElement.getAttribute('aria-expanded'), document.activeElement.className]")
        hidden = not pop.is_visible()
    finally:
        ctx.close()
    assert focused[0] == "glossary-toggle" and focused[1] == "false", f"Tab after the term reaches {focused}"
    assert expanded == "true" and shown, "Enter does not open the meaning"
    assert " ".join(text.split()) == definitions[term_id][1], f"popover shows {text!r}"
    assert _resolve(docname, more) == (GLOSSARY, term_id)
    assert after == ["false", "glossary-toggle"] and hidden, f"Escape leaves {after}, hidden={hidden}"
    assert not (seen.console_errors or seen.page_errors)


@pytest.mark.browser
def test_glossary_links_work_without_javascript(server, browser):
    docname = _first_term_page()
    ctx = browser.new_context(viewport=PHONE, java_script_enabled=False)
    try:
        tab = ctx.new_page()
        tab.goto(server.url(f"{docname}.html"))
        buttons = tab.locator("button.glossary-toggle").count()
        tab.locator("article a.reference.internal:has(.std-term)").first.click()
        tab.wait_for_load_state()
        url = tab.url
    finally:
        ctx.close()
    assert buttons == 0
    assert "glossary.html#term-" in url, f"the term link went to {url}"


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_a_lesson_with_a_meaning_open(server, browser, scheme):
    """A glossary meaning opened in the text (every page as it loads is checked by
    test_browser_quality.py): every WCAG rule in light mode, colour contrast in dark mode
    (only colours change there)."""
    ctx = browser.new_context(viewport=PHONE, color_scheme=scheme)
    try:
        tab, _ = visit(ctx, server, f"{_first_term_page()}.html")
        button = tab.locator("button.glossary-toggle").first
        button.focus()
        tab.keyboard.press("Enter")
        opened = button.get_attribute("aria-expanded")
        lesson = run_axe(tab, rules=["color-contrast"] if scheme == "dark" else None)
    finally:
        ctx.close()
    assert opened == "true"
    assert not lesson, f"axe on a lesson with a meaning open ({scheme}): {lesson}"


# --------------------------------------------------------------------------- link texts
def _place(docname: str, fragment: str) -> tuple[str, str]:
    """One name for a place: a label's empty span and its section are the same place."""
    if not fragment or not (HTML / f"{docname}.html").exists():
        return docname, fragment
    el = html_soup(docname).find(id=fragment)
    if el is None:
        return docname, fragment
    if el.name == "span" and not el.get_text(strip=True):
        nxt = el.find_next_sibling()
        if nxt is not None and nxt.name == "section" and nxt.get("id"):
            el = nxt  # the label just before its section
        elif el.parent is not None and el.parent.name == "section" and el.find_previous_sibling() is None:
            el = el.parent  # the label at the start of its section
    return docname, el.get("id") or fragment


@pytest.mark.parametrize("page", [p for p in built_pages(HTML)] if HTML.exists() else [])
def test_one_link_text_one_place(page):
    docname = page[:-5]
    soup = BeautifulSoup((HTML / page).read_text(encoding="utf-8"), "html.parser")
    main = soup.select_one("article.bd-article") or soup.find("main") or soup
    places: dict[str, set] = {}
    for a in main.find_all("a", href=True):
        if "headerlink" in (a.get("class") or []):
            continue
        name = " ".join((a.get("aria-label") or a.get_text(" ")).split()).lower()
        if name:
            places.setdefault(name, set()).add(_place(*_resolve(docname, a["href"])))
    clashes = {n: sorted(p) for n, p in places.items() if len(p) > 1}
    assert not clashes, f"{page}: one link text, several places: {clashes}"
