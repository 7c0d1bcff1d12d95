"""Every page of the book needs a meta description (search results, link previews).

Authors write it in the page's front matter::

    ---
    myst:
      html_meta:
        description: "One or two plain sentences about this page."
    ---

A page in the table of contents without one is an error that names the file, so the
build fails (warnings are errors) instead of guessing a description from the text.
The check reports at the end of every build, incremental ones too (what each page lacks
is kept in the build environment), so a page stays an error until it is fixed.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging

logger = logging.getLogger(__name__)
ATTR = "course_missing_description"


def _missing(env) -> set:
    if not hasattr(env, ATTR):
        setattr(env, ATTR, set())
    return getattr(env, ATTR)


def _description(doctree: nodes.document) -> str:
    for node in doctree.findall(nodes.meta):
        if node.get("name") == "description":
            return (node.get("content") or "").strip()
    return ""


def record(app: Sphinx, doctree: nodes.document) -> None:
    missing = _missing(app.env)
    missing.discard(app.env.docname)
    if not _description(doctree):
        missing.add(app.env.docname)


def purge(app: Sphinx, env, docname: str) -> None:
    _missing(env).discard(docname)


def merge(app: Sphinx, env, docnames, other) -> None:
    _missing(env).update(_missing(other) & set(docnames))


def report(app: Sphinx, exception) -> None:
    if exception is not None:
        return
    env = app.env
    for docname in sorted(_missing(env)):
        if docname not in env.found_docs:
            continue
        logger.error(
            "page has no meta description: add `myst: html_meta: description: \"...\"` "
            "to its front matter",
            location=docname,
            type="course",
            subtype="meta",
        )


def setup(app: Sphinx) -> dict:
    app.connect("doctree-read", record)
    app.connect("env-purge-doc", purge)
    app.connect("env-merge-info", merge)
    app.connect("build-finished", report)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "env_version": 1}
