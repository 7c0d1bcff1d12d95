"""Checks on every page as it is read: each one is a warning, so a strict build fails.

- Every image has alt text (``![words](x.png)``, ``:alt:`` on ``{image}``/``{figure}``,
  ``alt`` in a figure cell's metadata). A reader who cannot see the picture otherwise
  gets nothing, or only the file name. The message gives the image's file and line (the
  ``image`` directive is the standard one, made to note its line for this).
"""

from __future__ import annotations

from docutils import nodes
from docutils.parsers.rst.directives.images import Image
from sphinx.application import Sphinx
from sphinx.util import logging

logger = logging.getLogger(__name__)
LINE = "course-line"  # the directive's line, kept on the node until the check has run


class ImageWithLine(Image):
    """The standard ``image`` directive that notes its line on the node: the parser leaves
    the node's own line empty, and a message would point at the section heading."""

    def run(self):
        result = super().run()
        for node in result:
            for image in node.findall(nodes.image):
                image[LINE] = self.lineno
        return result


def _location(app: Sphinx, image: nodes.image):
    """(docname, line) of an image: its directive's line, else the nearest line above it."""
    line = image.attributes.get(LINE)
    node = image
    while not line and node is not None:
        line, node = node.line, node.parent
    return (app.env.docname, line or None)


def images_without_alt(app: Sphinx, doctree: nodes.document) -> None:
    for image in doctree.findall(nodes.image):
        if not str(image.get("alt", "")).strip():
            logger.warning(
                f"image {image.get('uri', '')!r} has no alt text; describe what it shows "
                "(Markdown `![words](file)`, or `:alt:` on an image or figure)",
                location=_location(app, image), type="course", subtype="alt")
        image.attributes.pop(LINE, None)


def setup(app: Sphinx) -> dict:
    app.add_directive("image", ImageWithLine, override=True)
    app.connect("doctree-read", images_without_alt)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
