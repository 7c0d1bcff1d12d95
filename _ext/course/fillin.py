"""A box for readers to write in, such as "My contacts" on the class handout.

    :::{fill-in} My contacts
    My early pregnancy unit:
    Its phone number:
    :::

Each line of the body is a label followed by a line to write on. On the web the box shows
the labels with an underline (and prints the same way); in the PDFs each label gets a rule
to the end of the line.
"""

from __future__ import annotations

import html

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective


class fill_in(nodes.General, nodes.Element):
    """The box: a paragraph for its heading, then one per label, each with a line to write on."""


class FillInDirective(SphinxDirective):
    required_arguments = 1
    final_argument_whitespace = True
    has_content = True

    def run(self):
        labels = [line.strip() for line in self.content if line.strip()]
        if not labels:
            raise self.error(f"{self.env.doc2path(self.env.docname)}:{self.lineno}: the fill-in "
                             "box needs at least one line, e.g. 'My midwife:'")
        node = fill_in()
        self.set_source_info(node)
        source, line = self.get_source_info()
        # The title and labels as paragraphs with their source: messages of the page's
        # catalogue, so a translated edition prints them in its language.
        for index, text in enumerate([self.arguments[0]] + labels):
            para = nodes.paragraph(text, text, classes=["fill-in-title" if index == 0 else "fill-in-label"])
            para.source, para.line = source, line + index
            node += para
        return [node]


def _title_and_labels(node) -> tuple[str, list[str]]:
    texts = [child.astext() for child in node.children]
    return texts[0], texts[1:]


def visit_html(self, node) -> None:
    title, labels = _title_and_labels(node)
    rows = "".join(f'<p class="fill-in-line"><span>{html.escape(label)}</span></p>'
                   for label in labels)
    self.body.append(f'<div class="fill-in"><p class="fill-in-title"><strong>'
                     f'{html.escape(title)}</strong></p>{rows}</div>')
    raise nodes.SkipNode


def visit_latex(self, node) -> None:
    title, labels = _title_and_labels(node)
    lines = "".join(r"\coursefillin{" + self.encode(label) + "}" for label in labels)
    self.body.append("\n\\begin{tcolorbox}[enhanced,breakable=false,colback=white,"
                     "colframe=courseteal,arc=1pt,boxrule=0.8pt,title={"
                     + self.encode(title) + "},fonttitle=\\bfseries,"
                     "colbacktitle=courseteal,coltitle=white]\n" + lines + "\n\\end{tcolorbox}\n")
    raise nodes.SkipNode


def visit_text(self, node) -> None:
    title, labels = _title_and_labels(node)
    self.add_text(title + "\n" + "\n".join(f"{label} ____" for label in labels))
    raise nodes.SkipNode


CSS_FILE = "fill-in.css"  # in _ext/course/static, which course.theme serves


def page_assets(app: Sphinx, pagename, templatename, context, doctree) -> None:
    """The style only on pages with a box to fill in."""
    if doctree is not None and any(True for _ in doctree.findall(fill_in)):
        app.add_css_file(CSS_FILE)


def setup(app: Sphinx) -> dict:
    app.connect("html-page-context", page_assets, priority=400)
    app.add_node(fill_in, html=(visit_html, None), latex=(visit_latex, None),
                 text=(visit_text, None))
    app.add_directive("fill-in", FillInDirective)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
