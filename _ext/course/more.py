"""``{more}``: depth that only some readers want, folded on the web and printed in full.

    :::{more} More detail: the trials
    Text, lists and tables, in MyST.
    :::

On the web this is a native ``<details>`` element with the title as its ``<summary>``, so it
works without JavaScript and with a keyboard; the browser's print opens it (``_static``
script ``course-nav.js``). In the PDF the title becomes a run-in heading and the text is
printed as usual.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective


class more(nodes.General, nodes.Element):
    """A folded part of a page; ``title`` holds its summary text."""


class MoreDirective(SphinxDirective):
    required_arguments = 1
    final_argument_whitespace = True
    has_content = True

    def run(self):
        node = more(title=self.arguments[0])
        node["classes"] = ["more"]
        self.set_source_info(node)
        # With its source and line the title is a message of the page's catalogue, so a
        # translated edition shows it in its language.
        title = nodes.paragraph(self.arguments[0])
        title.source, title.line = self.get_source_info()
        title.extend(self.parse_inline(self.arguments[0], lineno=self.lineno)[0])
        title["classes"] = ["more-title"]
        node += title
        node.extend(self.parse_content_to_nodes())
        return [node]


def visit_html(self, node) -> None:
    self.body.append('<details class="more">')


def depart_html(self, node) -> None:
    self.body.append("</details>\n")


def visit_latex(self, node) -> None:
    self.body.append("\n\\par\\medskip\\noindent")


def depart_latex(self, node) -> None:
    self.body.append("\\par\\medskip\n")


def visit_text(self, node) -> None:
    pass


def depart_text(self, node) -> None:
    pass


def html_title(app: Sphinx, doctree, docname) -> None:
    if app.builder.format != "html":
        # In print the title is a bold run-in heading.
        for node in doctree.findall(more):
            first = node.children[0] if node.children else None
            if isinstance(first, nodes.paragraph) and "more-title" in first["classes"]:
                first.children = [nodes.strong("", "", *first.children)]
        return
    for node in doctree.findall(more):
        first = node.children[0] if node.children else None
        if isinstance(first, nodes.paragraph) and "more-title" in first["classes"]:
            raw_open = nodes.raw("", "<summary>", format="html")
            raw_close = nodes.raw("", "</summary>", format="html")
            inline = nodes.inline("", "", *first.children, classes=["more-summary"])
            node.replace(first, [raw_open, inline, raw_close])


def setup(app: Sphinx) -> dict:
    app.add_node(more, html=(visit_html, depart_html), latex=(visit_latex, depart_latex),
                 text=(visit_text, depart_text))
    app.add_directive("more", MoreDirective)
    app.connect("doctree-resolved", html_title)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
