"""Every PDF of the course from one Sphinx LaTeX build.

The print editions are ``latex_documents`` of this one project, each with its own LaTeX
theme (``print/themes``) whose wrapper class sets the kind; the shared look is
``print/course.sty``:

- the book, ``recurrent-miscarriage-course.tex`` (theme ``coursebook``): every page except
  the ones that have a PDF of their own for the classroom (handout, worksheets, answer key);
- ``lesson-<n>-<slug>.tex`` for each lesson (``courselesson``), with its own sources numbered
  1, 2, 3… and figures numbered as in the book ("Fig. 2.1");
- ``class-handout.tex`` (``coursehandout``), two columns, with a short list of sources;
- ``worksheets.tex`` and ``answer-key.tex`` (``coursesheet``).

Jupyter Book's ``pdflatex`` builder runs ``make all-pdf`` in ``_build/latex``, which compiles
every ``.tex`` there: one Sphinx run, one make step. The lessons are added to
``latex_documents`` once the table of contents is known (``env-updated``); the LaTeX builder
reads the list only when it writes.

``manifest(env)`` describes the course (pages in reading order, lessons, quiz banks, figure
numbers, print editions); ``course.downloads`` writes it to ``_build/course-manifest.json``.
"""

from __future__ import annotations

import re
from pathlib import Path

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging
from sphinxcontrib.bibtex.nodes import raw_latex

from .i18n import say

logger = logging.getLogger(__name__)

HERE = Path(__file__).resolve().parent / "print"
BOOK_TEX = "recurrent-miscarriage-course.tex"
REFERENCES_DOC = "chapters/references"
HANDOUT_DOC = "chapters/class-handout"
WORKSHEETS_DOC = "chapters/worksheets"
ANSWER_KEY_DOC = "chapters/answer-key"
# Pages with a PDF of their own, left out of the book PDF.
OWN_PDF = {
    HANDOUT_DOC: ("class-handout.tex", "coursehandout", "Class handout"),
    WORKSHEETS_DOC: ("worksheets.tex", "coursesheet", "Worksheets"),
    ANSWER_KEY_DOC: ("answer-key.tex", "coursesheet", "Answer key"),
}
SUPPORT_FILES = ["coursebase.sty", "course.sty", "coursebook.cls", "courselesson.cls",
                 "coursehandout.cls", "coursesheet.cls", "courseprintable.cls"]


# --------------------------------------------------------------------------- the course
def site_parts(env) -> list[tuple[str, bool, list[str]]]:
    """(caption, numbered, docnames) of each part of ``_toc.yml``, in order."""
    site_map = getattr(env, "external_site_map", None)
    if site_map is None:
        return []
    root = site_map[site_map.root.docname]
    return [(tree.caption or "", bool(tree.numbered), list(tree.files())) for tree in root.subtrees]


def lesson_docnames(env) -> list[str]:
    """The lessons: the pages of the numbered parts, in order."""
    return [doc for _, numbered, docs in site_parts(env) if numbered for doc in docs]


def title(env, docname: str) -> str:
    return env.titles[docname].astext() if docname in env.titles else docname


def lesson_pdf(number: int, docname: str) -> str:
    return f"lesson-{number}-{Path(docname).name}.pdf"


def editions(env) -> list[dict]:
    """Every print edition of the course: file, start page, title, theme and kind."""
    root = env.config.root_doc
    out = [{"file": BOOK_TEX.replace(".tex", ".pdf"), "docname": root, "kind": "book",
            "theme": "coursebook", "title": course_name(env.config)}]
    lessons = lesson_docnames(env)
    for number, doc in enumerate(lessons, start=1):
        out.append({"file": lesson_pdf(number, doc), "docname": doc, "kind": "lesson",
                    "theme": "courselesson", "number": number,
                    "title": say("Lesson {number}: {title}").format(number=number,
                                                                     title=title(env, doc))})
    for doc, (tex, theme, label) in OWN_PDF.items():
        if doc in env.found_docs:
            out.append({"file": tex.replace(".tex", ".pdf"), "docname": doc,
                        "kind": theme.removeprefix("course"), "theme": theme, "title": say(label)})
    return out


def edition_of(env, docname: str) -> dict | None:
    return next((e for e in editions(env) if e["docname"] == docname), None)


# --------------------------------------------------------------------------- configuration
def _tex(text: str) -> str:
    special = {"\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#",
               "_": r"\_", "{": r"\{", "}": r"\}", "~": r"\textasciitilde{}",
               "^": r"\textasciicircum{}"}
    return "".join(special.get(c, c) for c in text)


def course_name(config) -> str:
    """The course's title from ``_config.yml`` (Jupyter Book passes it as ``html_title``)."""
    return str(getattr(config, "html_title", "") or config.project)


def page_furniture(config) -> str:
    """LaTeX macros for what every PDF prints around its text (masthead, footer), in the
    edition's language: shared by the editions and the class printables. ``\\def``, not
    ``\\newcommand``: the printables' class has already given the words their English
    defaults."""
    subs = config.myst_substitutions or {}
    address = str(subs.get("course_address", "") or "").strip()
    words = {
        "coursefromword": say("From"), "coursereviewedword": say("Reviewed"),
        "courseonlineword": say("Online:"), "coursesourcesword": say("Sources"),
        "coursehandoutword": say("Class handout"),
        "coursetagline": say("A free course for people who have lost pregnancies, their "
                             "partners, and those who teach them"),
    }
    page_of = say("Page {page} of {pages}").replace("{page}", "#1").replace("{pages}", "#2")
    return (
        "".join("\\def\\%s{%s}\n" % (name, _tex(text)) for name, text in words.items())
        + "\\def\\coursepageof#1#2{" + _tex(page_of).replace("\\#", "#") + "}\n"
        "\\def\\coursename{" + _tex(course_name(config)) + "}\n"
        "\\def\\coursereviewed{" + _tex(str(subs.get("last_reviewed", ""))) + "}\n"
        "\\def\\courseaddress{" + (("\\url{" + address + "}") if address else "") + "}\n"
    )


def configure(app: Sphinx, config) -> None:
    """LaTeX themes, support files and the shared preamble for every edition."""
    config.latex_theme_path = list(config.latex_theme_path or []) + [str(HERE / "themes")]
    files = list(config.latex_additional_files or [])
    for name in SUPPORT_FILES:
        path = str(HERE / name)
        if path not in files:
            files.append(path)
    config.latex_additional_files = files
    subs = config.myst_substitutions or {}
    macros = page_furniture(config) + "\\usepackage{course}\n"
    elements = dict(config.latex_elements or {})
    if "\\usepackage{course}" not in elements.get("preamble", ""):
        elements["preamble"] = macros + elements.get("preamble", "")
    # One date everywhere: the review date, written as on the website.
    if not config.today:
        config.today = str(subs.get("last_reviewed", ""))
    elements["fncychap"] = ""  # chapter headings come from course.sty
    elements["printindex"] = ""  # the glossary is the index of this course
    config.latex_elements = elements


def add_documents(app: Sphinx, env) -> None:
    """The lesson, handout and sheet PDFs, once the table of contents is known."""
    documents = [list(d) for d in app.config.latex_documents]
    book = next((d for d in documents if d[1] == BOOK_TEX), None)
    if book is not None:
        book[4] = "coursebook"
    known = {d[1] for d in documents}
    author = app.config.author
    for edition in editions(env)[1:]:
        tex = edition["file"].replace(".pdf", ".tex")
        if tex not in known:
            documents.append([edition["docname"], tex, edition["title"], author,
                              edition["theme"], False])
    app.config.latex_documents = [tuple(d) for d in documents]


# --------------------------------------------------------------------------- per edition
class EditionTransform(SphinxPostTransform):
    """Base for transforms that shape one kind of edition (``self.edition``)."""

    formats = ("latex",)
    kinds: tuple[str, ...] = ()

    def run(self, **kwargs) -> None:
        edition = edition_of(self.env, self.env.docname)
        if edition and edition["kind"] in self.kinds:
            self.edition = edition
            self.apply_edition()

    def apply_edition(self) -> None:  # pragma: no cover - overridden
        raise NotImplementedError


class WebOnlyText(SphinxPostTransform):
    """Text marked ``{.web-only}`` (about buttons, browsers and saved answers) is not printed;
    a paragraph or list item left empty goes with it."""

    default_priority = 680
    formats = ("latex",)

    def run(self, **kwargs) -> None:
        for node in list(self.document.findall(nodes.Element)):
            if "web-only" in node.get("classes", []) and node.parent is not None:
                parent = node.parent
                parent.remove(node)
                while (isinstance(parent, (nodes.paragraph, nodes.list_item))
                       and not parent.astext().strip() and parent.parent is not None):
                    grand = parent.parent
                    grand.remove(parent)
                    parent = grand


class BookWithoutClassSheets(EditionTransform):
    """The handout, worksheets and answer key have PDFs of their own: not in the book."""

    default_priority = 690  # before the book's chapter transforms in course.latex
    kinds = ("book",)

    def apply_edition(self) -> None:
        for sof in list(self.document.findall(addnodes.start_of_file)):
            if sof.get("docname") in OWN_PDF:
                sof.parent.remove(sof)


class Masthead(EditionTransform):
    """The teal band with the kind and the title, at the top of a lesson, handout or sheet.
    A lesson's figures are numbered as in the book (``2.1``)."""

    default_priority = 800
    kinds = ("lesson", "handout", "sheet")

    def apply_edition(self) -> None:
        e = self.edition
        if e["kind"] == "lesson":
            total = len(lesson_docnames(self.env))
            kicker = say("Lesson {number} of {total}").format(number=e["number"], total=total)
            heading = title(self.env, e["docname"])
            extra = "\\renewcommand{\\thefigure}{%d.\\arabic{figure}}\n" % e["number"]
            extra += "\\renewcommand{\\thetable}{%d.\\arabic{table}}\n" % e["number"]
        elif e["kind"] == "handout":
            kicker, heading, extra = say("Class handout"), title(self.env, e["docname"]), ""
        else:
            kicker, heading, extra = say("For the class"), title(self.env, e["docname"]), ""
        # The page's own heading is in the masthead; Sphinx's LaTeX writer leaves out the
        # first heading of a document, so its sections are the top level.
        head = extra + "\\coursemasthead{%s}{%s}\n" % (_tex(kicker), _tex(heading))
        if e["kind"] == "handout":
            head += "\\begin{multicols}{2}\\raggedcolumns\n"
        self.document.insert(0, nodes.raw("", head, format="latex"))
        if e["kind"] == "handout":
            # A box cannot break inside columns: the columns end before the urgent-help
            # box, which runs across the page with everything after it.
            urgent = next((box for box in self.document.findall(nodes.admonition)
                           if "urgent-help" in box.get("classes", [])), None)
            end = nodes.raw("", "\n\\end{multicols}\n", format="latex")
            if urgent is None:
                self.document.append(end)
            else:
                parent, index = urgent.parent, urgent.parent.index(urgent)
                # Before the room the urgent box asks for (course.latex), not after it.
                if index and isinstance(parent[index - 1], nodes.raw) and "Needspace" in parent[index - 1].astext():
                    index -= 1
                parent.insert(index, end)


CITE_LINK = re.compile(r"\\hyperlink\{cite\.[^:}]*:([^}]+)\}\{$")


def _citation_numbers(document) -> list[tuple[raw_latex, nodes.Text, str]]:
    """(link opening, number text, citation id) of every ``{cite}`` number, in reading order.

    In LaTeX, sphinxcontrib-bibtex writes each number as raw ``\\hyperlink{cite.<doc>:<id>}{``,
    the number as text, and a raw ``}``."""
    found = []
    for raw in document.findall(raw_latex):
        match = CITE_LINK.match(raw.rawsource)
        if not match or raw.parent is None:
            continue
        siblings = raw.parent.children
        index = siblings.index(raw)
        if index + 1 < len(siblings) and isinstance(siblings[index + 1], nodes.Text):
            found.append((raw, siblings[index + 1], match.group(1)))
    return found


def _renumber(document, link: bool = True) -> list[str]:
    """Number this edition's sources 1, 2, 3… in order of first use; returns the citation
    ids in that order. Without ``link`` the numbers are plain text."""
    order: list[str] = []
    for raw, text, target in _citation_numbers(document):
        if target not in order:
            order.append(target)
        parent = raw.parent
        # Text nodes compare by value: find this one by identity.
        index = next(i for i, child in enumerate(parent.children) if child is text)
        parent[index] = nodes.Text(str(order.index(target) + 1))
        if not link:
            closing = parent.children[index + 1] if index + 1 < len(parent.children) else None
            if isinstance(closing, raw_latex) and closing.rawsource == "}":
                del parent[index + 1]
            del parent[index - 1]
    return order


def short_source(entry) -> str:
    """'Quenby et al. 2021' from a pybtex entry: first author or body, and the year."""
    people = entry.persons.get("author", [])
    if people:
        first = people[0]
        name = " ".join(first.last_names) or str(first)
        name = name.replace("{", "").replace("}", "")
        who = name + (" et al." if len(people) > 1 else "")
    else:
        who = entry.fields.get("organization") or entry.fields.get("publisher") or ""
        who = str(who).replace("{", "").replace("}", "")
    return f"{who} {entry.fields.get('year', '')}".strip()


class LessonSources(EditionTransform):
    """A lesson prints only its own sources, numbered 1, 2, 3… in order of first use."""

    default_priority = 740  # before Sphinx gathers citations into the bibliography (750)
    kinds = ("lesson", "sheet")

    def apply_edition(self) -> None:
        order = _renumber(self.document)
        if not order:
            return
        citations = {}
        # The References page's citations exist once its bibliography is resolved.
        page = self.env.get_and_resolve_doctree(REFERENCES_DOC, self.app.builder)
        for citation in page.findall(nodes.citation):
            for id_ in citation.get("ids", []):
                citations[id_] = citation
        for number, target in enumerate(order, start=1):
            citation = citations[target].deepcopy()
            citation["docname"] = REFERENCES_DOC
            # Resolving the References page again in one build repeats an entry's text
            # (once per edition that asked): keep the label and the first paragraph.
            first = next((c for c in citation.children if isinstance(c, nodes.paragraph)), None)
            citation.children = [c for c in citation.children
                                 if isinstance(c, nodes.label) or c is first]
            label = next(iter(citation.findall(nodes.label)), None)
            if label is not None:
                label.children = [nodes.Text(str(number))]
            self.document += citation


class HandoutSources(EditionTransform):
    """The handout numbers its sources 1, 2, 3… and lists them in one short paragraph
    ("1 Quenby et al. 2021; 2 …"); the full list is on the online References page."""

    default_priority = 740
    kinds = ("handout",)

    def apply_edition(self) -> None:
        # Plain numbers: the handout has no list to link to.
        order = _renumber(self.document, link=False)
        if not order:
            return
        domain = self.env.get_domain("cite")
        by_id = {c.citation_id: c for c in domain.citations}
        items = "; ".join(f"{n} {short_source(by_id[t].entry)}"
                          for n, t in enumerate(order, start=1) if t in by_id)
        text = (say("Sources:") + " " + items + ". " + say("The full list, with links, is on "
                                                           "the References page of the online course."))
        self.document += nodes.raw("", r"\par\medskip{\footnotesize\color{coursemuted}"
                                   + _tex(text) + "\\par}\n", format="latex")


def setup(app: Sphinx) -> dict:
    app.connect("config-inited", configure)
    app.connect("env-updated", add_documents)
    app.add_post_transform(WebOnlyText)
    app.add_post_transform(BookWithoutClassSheets)
    app.add_post_transform(Masthead)
    app.add_post_transform(LessonSources)
    app.add_post_transform(HandoutSources)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
