"""Checks on every page as it is read: each one is a warning, so a strict build fails.

- Every image has alt text (``![words](x.png)``, ``:alt:`` on ``{image}``/``{figure}``,
  ``alt`` in a figure cell's metadata). A reader who cannot see the picture otherwise
  gets nothing, or only the file name.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging

logger = logging.getLogger(__name__)


def images_without_alt(app: Sphinx, doctree: nodes.document) -> None:
    for image in doctree.findall(nodes.image):
        if not str(image.get("alt", "")).strip():
            logger.warning(
                f"image {image.get('uri', '')!r} has no alt text; describe what it shows "
                "(Markdown `![words](file)`, or `:alt:` on an image or figure)",
                location=image, type="course", subtype="alt")


def setup(app: Sphinx) -> dict:
    app.connect("doctree-read", images_without_alt)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
