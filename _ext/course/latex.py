"""Shape the single-file LaTeX book so the PDF reads like the website.

Sphinx's LaTeX writer uses the root page's first heading as the document title and
drops it, so the course home loses its heading and its sections turn into chapters.
It also gathers every citation into a "Bibliography" chapter at the end, leaving the
References page as an empty chapter. Two post-transforms fix both on the assembled
book, and the bibliography chapter is titled "References" instead.
"""

from __future__ import annotations

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.builders.latex.nodes import thebibliography
from sphinx.transforms.post_transforms import SphinxPostTransform

REFERENCES_DOC = "chapters/references"
# polyglossia resets \bibname from its English captions at \begin{document}.
PREAMBLE = (
    r"\gappto\captionsenglish{\renewcommand{\bibname}{References}}"
    # fancyhdr needs room for the running head in 11 pt type.
    "\n" r"\setlength{\headheight}{14pt}\addtolength{\topmargin}{-2pt}"
    # Narrow table columns read better ragged-right than justified with wide gaps.
    "\n" r"\newcolumntype{T}{L}"
)


def _is_chapter_wrapper(node: nodes.Node) -> bool:
    """True for the toctree wrapper that holds the inlined chapters."""
    return any(True for _ in node.findall(addnodes.start_of_file))


class KeepRootHeading(SphinxPostTransform):
    """Wrap the root page's own content in a chapter that keeps its heading."""

    default_priority = 700
    formats = ("latex",)

    def run(self, **kwargs) -> None:
        if not any(True for _ in self.document.findall(addnodes.start_of_file)):
            return  # a single-page edition (lesson, handout, sheet): course.editions shapes it
        root = next(iter(self.document.findall(nodes.section)), None)
        if root is None or not root.children or not isinstance(root[0], nodes.title):
            return
        own = [child for child in root.children[1:] if not _is_chapter_wrapper(child)]
        if not own:
            return
        chapter = nodes.section(ids=["course-home-chapter"], names=[])
        chapter["docname"] = root.get("docname", "")
        chapter += nodes.title("", "", *[c.deepcopy() for c in root[0].children])
        for child in own:
            root.remove(child)
            chapter += child
        root.insert(1, chapter)


def _numbered_docnames(env) -> set[str]:
    """Pages in the numbered parts of `_toc.yml` (the lessons)."""
    site_map = getattr(env, "external_site_map", None)
    if site_map is None:
        return set()
    root = site_map[site_map.root.docname]
    return {name for tree in root.subtrees if tree.numbered for name in tree.files()}


class NumberOnlyTheLessons(SphinxPostTransform):
    """Number the lesson chapters 1, 2, 3… as on the website; other chapters are unnumbered.

    LaTeX numbers every chapter, so the course home would be "Chapter 1" and the
    lessons would be off by one. Switching section numbers off outside the numbered
    parts keeps the contents, bookmarks and running heads, without the numbers.
    """

    default_priority = 705  # after KeepRootHeading
    formats = ("latex",)

    def run(self, **kwargs) -> None:
        numbered = _numbered_docnames(self.env)
        files = list(self.document.findall(addnodes.start_of_file))
        lessons = [sof for sof in files if sof.get("docname") in numbered]
        if not lessons:
            return
        off = r"\setcounter{secnumdepth}{-1}"
        on = r"\setcounter{secnumdepth}{\value{coursesecnumdepth}}"
        save = r"\newcounter{coursesecnumdepth}\setcounter{coursesecnumdepth}{\value{secnumdepth}}"
        root = next(iter(self.document.findall(nodes.section)))
        root.insert(1, nodes.raw("", save + off, format="latex"))
        first, last = lessons[0], lessons[-1]
        first.parent.insert(first.parent.index(first), nodes.raw("", on, format="latex"))
        last.parent.insert(last.parent.index(last) + 1, nodes.raw("", off, format="latex"))


class BibliographyAsReferencesChapter(SphinxPostTransform):
    """Put the gathered bibliography where the References page stands in the toc.

    The page's own text is dropped in print (its citations were already moved), but
    its label stays so links to the References page still resolve in the PDF.
    """

    default_priority = 760  # after Sphinx's BibliographyTransform (750)
    formats = ("latex",)

    def run(self, **kwargs) -> None:
        bibliography = next(iter(self.document.findall(thebibliography)), None)
        page = next(
            (sof for sof in self.document.findall(addnodes.start_of_file)
             if sof.get("docname") == REFERENCES_DOC),
            None,
        )
        if bibliography is None or page is None:
            return
        bibliography.parent.remove(bibliography)
        page.children = []
        # Keep the page's link target: the chapter starts on a fresh page anyway.
        label = rf"\clearpage\phantomsection\label{{\detokenize{{{REFERENCES_DOC}::doc}}}}"
        page += nodes.raw("", label, format="latex")
        page += bibliography


# An admonition's class decides its box in every PDF (colours in print/course.sty): the
# urgent-help box is red in the book, the lessons and the handout alike.
ADMONITION_TYPES = {
    "urgent-help": "danger",
    "danger": "danger",
    "medicine-note": "important",
    "you-may-have-heard": "hint",
    "in-short": "note",
    "lesson-overview": "note",
    "disclaimer": "note",
}


def admonition_type(node: nodes.Element) -> str:
    for cls in node.get("classes", []):
        if cls in ADMONITION_TYPES:
            return ADMONITION_TYPES[cls]
    return "note"


def visit_admonition(self, node: nodes.Element) -> None:
    kind = admonition_type(node)
    # Room for the first lines of a box; the urgent box asks for more (UrgentBoxStaysWhole).
    room = "" if kind == "danger" else r"\Needspace{6\baselineskip}"
    self.body.append("\n" + room + r"\begin{sphinxadmonition}{" + kind + "}")
    self.no_latex_floats += 1
    if self.table:
        self.table.has_problematic = True


def depart_admonition(self, node: nodes.Element) -> None:
    self.body.append(r"\end{sphinxadmonition}" + "\n")
    self.no_latex_floats -= 1


class UrgentBoxStaysWhole(SphinxPostTransform):
    """The urgent-help box is never split across pages: it starts on a new page unless most
    of a page is left, and a heading just before it goes with it."""

    default_priority = 712
    formats = ("latex",)
    ROOM = "\\Needspace{0.8\\textheight}\n"

    def run(self, **kwargs) -> None:
        for box in list(self.document.findall(nodes.admonition)):
            if admonition_type(box) != "danger":
                continue
            parent = box.parent
            index = parent.index(box)
            # The box right under a heading: ask for the room before the heading.
            if isinstance(parent, nodes.section) and index <= 1 and parent.parent is not None:
                parent, index = parent.parent, parent.parent.index(parent)
            parent.insert(index, nodes.raw("", self.ROOM, format="latex"))


class TableStaysWithItsIntroduction(SphinxPostTransform):
    """A table starts on the same page as the sentence that introduces it: before the
    sentence, ask for room for the sentence and the table (Sphinx sets short tables as one
    unbreakable block), up to a page."""

    default_priority = 710
    formats = ("latex",)
    CHARS_PER_LINE = 38  # in a table cell of a two- or three-column table
    PAGE_LINES = 46

    def lines(self, table: nodes.table, intro: nodes.Node | None) -> int:
        rows = 2  # rules and spacing
        for row in table.findall(nodes.row):
            cells = [len(entry.astext()) for entry in row.findall(nodes.entry)]
            rows += max([1] + [-(-n // self.CHARS_PER_LINE) for n in cells])
        if intro is not None:
            rows += -(-len(intro.astext()) // 90)
        return min(rows, self.PAGE_LINES)

    def run(self, **kwargs) -> None:
        for table in list(self.document.findall(nodes.table)):
            parent = table.parent
            at = parent.index(table)
            # Step back over what is not text (a column spec, a label) to the sentence.
            while at > 0 and not isinstance(parent[at - 1], (nodes.paragraph, nodes.section,
                                                              nodes.title, nodes.Admonition)):
                at -= 1
            intro = None
            if at > 0 and isinstance(parent[at - 1], nodes.paragraph):
                at -= 1
                intro = parent[at]
            room = "\\Needspace{%d\\baselineskip}\n" % self.lines(table, intro)
            parent.insert(at, nodes.raw("", room, format="latex"))


def _add_preamble(app: Sphinx, config) -> None:
    elements = dict(config.latex_elements or {})
    preamble = elements.get("preamble", "")
    if PREAMBLE not in preamble:
        elements["preamble"] = preamble + "\n" + PREAMBLE + "\n"
    # Sphinx names the contents page after the first toctree caption ("Lessons").
    elements.setdefault(
        "tableofcontents",
        r"\gappto\captionsenglish{\renewcommand{\contentsname}{Contents}}"
        r"\renewcommand{\contentsname}{Contents}\sphinxtableofcontents",
    )
    config.latex_elements = elements


def setup(app: Sphinx) -> dict:
    app.add_node(nodes.admonition, override=True, latex=(visit_admonition, depart_admonition))
    app.add_post_transform(KeepRootHeading)
    app.add_post_transform(NumberOnlyTheLessons)
    app.add_post_transform(BibliographyAsReferencesChapter)
    app.add_post_transform(TableStaysWithItsIntroduction)
    app.add_post_transform(UrgentBoxStaysWhole)
    app.connect("config-inited", _add_preamble)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
