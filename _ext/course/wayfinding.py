"""Wayfinding on the web pages: where am I, what does this word mean, which page answers me.

- Every lesson page opens with a line "Recurrent miscarriage course · Lesson 2 of 7". The
  numbers come from the numbered part of ``_toc.yml`` (``course.editions.lesson_docnames``),
  so they follow the table of contents.
- Glossary in place: the definitions are collected from the ``{glossary}`` at build time
  into ``_static/glossary-terms.js`` (a script file, so it loads from disk too, where
  browsers refuse to fetch JSON), which pages that link a term with ``{term}`` load.
  ``_static/glossary.js`` adds a disclosure button beside each term link. Without
  JavaScript the link still goes to the glossary.
- The glossary page gets A–Z jump links (letters that have terms only).
- Search: ``_static/search-weights.js`` (written after each build) says how often each word
  appears in each page's text, so the search scorer (``_static/search-scorer.js``,
  ``html_search_scorer``) can put the page that talks most about a term first.

All of it is for the HTML builder; the PDF is left as it is. The nodes carry their data in
attributes, not text, so none of it enters the search index.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from html import escape as _escape
from pathlib import Path

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.util import logging

from .editions import lesson_docnames
from .i18n import say

logger = logging.getLogger(__name__)

SHORT_NAME = "Recurrent miscarriage course"
WEIGHTS_FILE = "search-weights.js"
TERMS_FILE = "glossary-terms.js"
SCORER_FILE = "search-scorer.js"  # inlined into language_data.js by Sphinx; not a page script
MIN_COUNT = 2  # a word met once on a page says little about what the page is about


# --------------------------------------------------------------------------- nodes
class lesson_line(nodes.General, nodes.Element):
    """"Course name · Lesson N of M" at the top of a lesson page."""


class glossary_letters(nodes.General, nodes.Element):
    """A–Z jump links above the glossary."""


def visit_lesson_line(self, node: lesson_line) -> None:
    # A small navigation landmark, not a heading: read once, skipped by the reading-length
    # measures like the other navigation.
    # The words come from the interface catalogue (sphinx.po) in a translated edition.
    where = say("Where you are in the course")
    lesson = say("Lesson {number} of {total}").format(number=node["number"], total=node["total"])
    self.body.append(
        f'<nav class="course-lesson-line" aria-label="{_escape(where)}"><p>'
        f'<a class="course-lesson-home" href="{_escape(node["home"])}">{_escape(say(node["name"]))}</a>'
        '<span class="course-lesson-sep" aria-hidden="true"> · </span>'
        f'<span class="course-lesson-number">{_escape(lesson)}</span></p></nav>\n'
    )
    raise nodes.SkipNode


def visit_glossary_letters(self, node: glossary_letters) -> None:
    items = "".join(f'<li><a href="#{_escape(i)}">{_escape(letter)}</a></li>' for letter, i in node["letters"])
    self.body.append(
        '<nav class="glossary-letters" aria-label="Glossary words by first letter">'
        f"<ul>{items}</ul></nav>\n"
    )
    raise nodes.SkipNode


def skip(self, node) -> None:
    raise nodes.SkipNode


# --------------------------------------------------------------------------- lessons
def lesson_numbers(app: Sphinx) -> dict[str, tuple[int, int]]:
    """docname -> (number, total) of each lesson: the pages of the numbered parts of
    ``_toc.yml`` (one definition for the whole course, in ``course.editions``)."""
    lessons = lesson_docnames(app.env)
    return {doc: (i, len(lessons)) for i, doc in enumerate(lessons, start=1)}


# --------------------------------------------------------------------------- glossary
def definition_text(definition: nodes.Element) -> str:
    """The words of a definition, without its citations (the popover links to the full entry)."""
    copy = definition.deepcopy()
    for ref in list(copy.findall(addnodes.pending_xref)):
        if ref.get("refdomain") == "cite":
            ref.parent.remove(ref)
    text = " ".join(copy.astext().split())
    return re.sub(r"\s+([.,;:])", r"\1", text)


def glossary_definitions(app: Sphinx) -> dict[str, tuple[str, str, str]]:
    """term id -> (docname, term, definition text), read once per build from the pages
    that hold a glossary (the std domain knows which)."""
    cached = getattr(app.builder, "course_glossary", None)
    if cached is not None:
        return cached
    objects = app.env.domaindata.get("std", {}).get("objects", {})
    docs = sorted({place[0] for (kind, _name), place in objects.items() if kind == "term"})
    found: dict[str, tuple[str, str, str]] = {}
    for docname in docs:
        for glossary in app.env.get_doctree(docname).findall(addnodes.glossary):
            for item in glossary.findall(nodes.definition_list_item):
                definition = item.next_node(nodes.definition)
                text = definition_text(definition) if definition is not None else ""
                for term in item.findall(nodes.term):
                    for term_id in term["ids"]:
                        found[term_id] = (docname, term.astext().strip(), text)
    app.builder.course_glossary = found
    return found


# --------------------------------------------------------------------------- pages
def decorate(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    if app.builder.format != "html":
        return
    number = lesson_numbers(app).get(docname)
    if number:
        home = app.builder.get_relative_uri(docname, app.config.root_doc)
        doctree.insert(0, lesson_line(number=number[0], total=number[1], name=SHORT_NAME, home=home))

    for glossary in list(doctree.findall(addnodes.glossary)):
        letters: dict[str, str] = {}
        for term in glossary.findall(nodes.term):
            letter = term.astext().strip()[:1].upper()
            if letter.isalpha() and term["ids"]:
                letters.setdefault(letter, term["ids"][0])
        nav = glossary_letters(letters=sorted(letters.items()))
        section = next((p for p in _ancestors(glossary) if isinstance(p, nodes.section)), None)
        if section is not None and isinstance(section[0], nodes.title):
            section.insert(1, nav)  # at the top of the page, under its title
        else:
            glossary.parent.insert(glossary.parent.index(glossary), nav)


# --------------------------------------------------------------------------- search
def page_assets(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    if app.builder.format != "html":
        return
    # Files added during html-page-context are added to this page only (Sphinx).
    if pagename == "search":
        app.add_js_file(WEIGHTS_FILE)
    if "std-term" in (context.get("body") or ""):
        app.add_js_file(TERMS_FILE)
    # Jupyter Book loads every _static/*.js on every page; the scorer belongs only in
    # language_data.js, where Sphinx puts it for the search page.
    if "script_files" in context:
        context["script_files"] = [s for s in context["script_files"]
                                   if str(getattr(s, "filename", s)).split("?")[0].rsplit("/", 1)[-1] != SCORER_FILE]


def _words(doctree: nodes.document) -> list[str]:
    """Body words of a page (titles left out: the scorer reads those from the index)."""
    words: list[str] = []
    for text in doctree.findall(nodes.Text):
        if any(isinstance(p, (nodes.title, nodes.comment, nodes.raw)) for p in _ancestors(text)):
            continue
        words.append(str(text))
    return words


def _ancestors(node):
    node = node.parent
    while node is not None:
        yield node
        node = node.parent


def write_terms(app: Sphinx, exception) -> None:
    """``_static/glossary-terms.js``: every glossary definition, for ``glossary.js``."""
    if exception is not None or app.builder.format != "html":
        return
    terms = {term_id: {"term": term, "text": text}
             for term_id, (_doc, term, text) in sorted(glossary_definitions(app).items())}
    static = Path(app.outdir) / "_static"
    static.mkdir(exist_ok=True)
    (static / TERMS_FILE).write_text(
        "// Written by course/wayfinding.py from the glossary: term id -> its meaning (plain text,\n"
        "// citations left out; the glossary entry has them). Read by glossary.js.\n"
        f"var COURSE_GLOSSARY_TERMS = {json.dumps(terms, ensure_ascii=False, indent=0)};\n",
        encoding="utf-8",
    )


def write_weights(app: Sphinx, exception) -> None:
    """``_static/search-weights.js``: word counts per page, the lessons and the glossary
    entries, for the search scorer (loaded by the search page only)."""
    if exception is not None or app.builder.format != "html":
        return
    from sphinx.search import languages

    lang_cls = languages.get(app.config.language or "en") or languages["en"]
    if isinstance(lang_cls, str):  # Sphinx names some languages by import path
        import importlib

        module, _, cls = lang_cls.rpartition(".")
        lang_cls = getattr(importlib.import_module(module), cls)
    lang = lang_cls(app.config.html_search_options or {})
    weights = {}
    for docname in sorted(app.env.found_docs):
        counts = Counter()
        for chunk in _words(app.env.get_doctree(docname)):
            for word in lang.split(chunk):
                stem = lang.stem(word)
                if len(stem) >= 3 and word.lower() not in lang.stopwords:
                    counts[stem] += 1
        weights[docname] = {w: n for w, n in sorted(counts.items()) if n >= MIN_COUNT}
    glossary = {term.lower(): f"{doc}#{term_id}" for term_id, (doc, term, _text) in glossary_definitions(app).items()}
    static = Path(app.outdir) / "_static"
    static.mkdir(exist_ok=True)
    (static / WEIGHTS_FILE).write_text(
        "// Written by course/wayfinding.py: how often each word (stemmed) appears in each\n"
        "// page's text (words met once are left out). The search scorer reads it.\n"
        f"var COURSE_SEARCH_WEIGHTS = {json.dumps(weights, separators=(',', ':'))};\n"
        "// The numbered lessons, in order (the part of _toc.yml captioned \"Lessons\").\n"
        f"var COURSE_SEARCH_LESSONS = {json.dumps(list(lesson_numbers(app)))};\n"
        "// Glossary entries (lower case) -> page#anchor. Sphinx's own index entries for them\n"
        "// can be missing from the search index after an incremental build.\n"
        f"var COURSE_SEARCH_GLOSSARY = {json.dumps(glossary, sort_keys=True)};\n",
        encoding="utf-8",
    )


def setup(app: Sphinx) -> dict:
    app.add_node(lesson_line, html=(visit_lesson_line, None), latex=(skip, None), text=(skip, None))
    app.add_node(glossary_letters, html=(visit_glossary_letters, None), latex=(skip, None), text=(skip, None))
    app.connect("doctree-resolved", decorate)
    app.connect("html-page-context", page_assets)
    app.connect("build-finished", write_terms)
    app.connect("build-finished", write_weights)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
