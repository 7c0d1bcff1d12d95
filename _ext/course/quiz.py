"""Placeholder quiz directive: accepts ``{quiz} path.yml`` and renders nothing yet."""

from docutils import nodes
from sphinx.util.docutils import SphinxDirective


class QuizDirective(SphinxDirective):
    required_arguments = 1

    def run(self):
        return []


def setup(app):
    app.add_directive("quiz", QuizDirective)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
