"""Warnings fail every build, not only the first.

With ``-W`` a warning fails the build, but Sphinx reads and writes only the pages that
changed: run the build again without touching anything and the page with the broken
citation is not looked at, no warning is given, and the build "succeeds". This module
remembers every page that gave a warning and reads it again on the next build, so the
same warning is given again until the page is fixed.

It also writes every page of the website again when the search index cannot be reused
(see ``search_index_is_stale``), so that an incremental build never warns about it, and
writes every page that another builder read again since the page was last written
(``read_by_another_build``): the print and web builds share one environment, so after
``make pdf`` has re-read a page whose figure changed, ``make html`` must write that page
(and copy its new figure) although its Markdown did not change; and reads the first page
again when a static file (a stylesheet or script of ``html_static_path``) differs from its
copy in the site, because Sphinx copies static files only when some page is written
(``static_files_changed``).
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx

# Kept beside the doctrees, not in the environment: Sphinx saves the environment before it
# writes the pages, and many warnings (unresolved references) come while writing.
WARNED_FILE = "course-warned-pages.json"


def _file(app: Sphinx) -> Path:
    return Path(app.doctreedir) / WARNED_FILE


def _warned(env) -> set:
    if not hasattr(env.app, "course_warned"):
        env.app.course_warned = set()
    return env.app.course_warned


class PageOfWarning(logging.Handler):
    """Records the page of each warning Sphinx logs."""

    def __init__(self, app: Sphinx):
        super().__init__(level=logging.WARNING)
        self.app = app

    def docname(self, location) -> str | None:
        env = self.app.env
        if isinstance(location, tuple):
            location = location[0]
        if isinstance(location, nodes.Node):
            location = location.get("source") or getattr(location, "source", None)
        if not location:
            return None
        location = str(location)
        if location in env.all_docs or location in env.found_docs:
            return location
        path = location.split(":", 1)[0] if not Path(location).exists() else location
        # A path like "/book/chapters/x.md:12" or "chapters/x.md".
        for candidate in (path, location.rsplit(":", 1)[0]):
            try:
                doc = env.path2doc(candidate)
            except Exception:  # noqa: BLE001 - a location that is not a source file
                doc = None
            if doc:
                return doc
        return None

    def emit(self, record: logging.LogRecord) -> None:
        if self.app.env is None:
            return
        doc = self.docname(getattr(record, "location", None))
        if doc is None:
            doc = getattr(self.app.env, "docname", None) if self.app.env.temp_data else None
        if doc:
            _warned(self.app.env).add(doc)


def listen(app: Sphinx) -> None:
    handler = PageOfWarning(app)
    logging.getLogger("sphinx").addHandler(handler)

    def finish(app: Sphinx, exception) -> None:
        logging.getLogger("sphinx").removeHandler(handler)
        path = _file(app)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(sorted(_warned(app.env))), encoding="utf-8")

    app.connect("build-finished", finish)


def outdated(app: Sphinx, env, added, changed, removed) -> list[str]:
    """Pages that gave a warning last time are read (and warn) again."""
    try:
        before = set(json.loads(_file(app).read_text(encoding="utf-8")))
    except (OSError, ValueError):
        before = set()
    return sorted(d for d in before if d in env.found_docs and d not in changed)


def search_index_is_stale(app: Sphinx, env, added, changed, removed) -> list[str]:
    """Write every page when the site's search index cannot be reused.

    The HTML and LaTeX builds share one environment. After a LaTeX build with changed
    extension code, an HTML build would write only some pages and find a search index from
    older code, which Sphinx refuses with a warning ("the index will be incomplete").
    """
    builder = app.builder
    if builder.format != "html" or not getattr(builder, "search", False):
        return []
    path = Path(app.outdir) / builder.searchindex_filename
    try:
        from sphinx.search import js_index

        with open(path, encoding="utf-8") as stream:
            frozen = js_index.load(stream)
        fresh = isinstance(frozen, dict) and frozen.get("envversion") == env.version
    except (OSError, ValueError):
        fresh = False
    return [] if fresh else sorted(env.found_docs - set(changed) - set(added))


def static_files_changed(app: Sphinx, env, added, changed, removed) -> list[str]:
    """The root page, when a file of ``html_static_path`` is not yet in the site as it is
    now: with no page to write, Sphinx would not copy it."""
    builder = app.builder
    if builder.format != "html" or env.config.root_doc not in env.found_docs or added or changed:
        return []
    out = Path(app.outdir) / "_static"
    for folder in app.config.html_static_path:
        source = Path(app.confdir) / folder
        for path in source.rglob("*") if source.is_dir() else []:
            if not path.is_file() or path.name.endswith("_t") or "__pycache__" in path.parts:
                continue  # templates are rendered under another name
            copy = out / path.relative_to(source)
            if not copy.is_file() or copy.read_bytes() != path.read_bytes():
                return [env.config.root_doc]
    return []


def read_by_another_build(app: Sphinx, env) -> list[str]:
    """Pages whose doctree is newer than their written page. Sphinx's HTML builder compares
    only the Markdown's date with the page's; a page read again by the LaTeX build (a figure
    or the ledger changed) would otherwise keep its old text and figure on the website."""
    builder = app.builder
    outfile = getattr(builder, "get_outfilename", None)
    if outfile is None or builder.format != "html":
        return []
    stale = []
    for docname in sorted(env.found_docs):
        doctree = Path(app.doctreedir) / f"{docname}.doctree"
        written = Path(outfile(docname))
        try:
            if doctree.stat().st_mtime > written.stat().st_mtime:
                stale.append(docname)
        except OSError:
            continue  # not read or not written yet: Sphinx handles both itself
    return stale


def setup(app: Sphinx) -> dict:
    app.connect("builder-inited", listen)
    app.connect("env-get-outdated", outdated)
    app.connect("env-get-outdated", search_index_is_stale)
    app.connect("env-get-outdated", static_files_changed)
    app.connect("env-updated", read_by_another_build)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
