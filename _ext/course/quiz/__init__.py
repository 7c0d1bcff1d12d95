"""Quizzes that answer back online, print with tick boxes, and export to learning platforms.

Four directives:

- ``{quiz} quizzes/<slug>.yml`` (path relative to the page) shows a quiz bank: on the web
  as native fieldsets with radio buttons or checkboxes, a Check button, feedback in a live
  region, a score and progress kept in the reader's browser; in the PDF as numbered
  questions with boxes to tick and no answers.
- ``{quiz-answer-key}`` lists every bank of the book in reading order with the correct
  option(s), a short explanation and a link to the lesson section; on the web it also
  links to the Moodle XML and GIFT files the build writes to ``exports/``.
- ``{quiz-worksheets}`` lists every bank without answers, grouped by lesson (the worksheets).
- ``{quiz-exports}`` links to those two files (on the web) or names them (in print).

A malformed bank stops the build with ``file:line`` and what to change (see ``model``);
unknown lesson sections, bank or question ids used twice in the book and bank files no
page shows are found once every page has been read.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.errors import ExtensionError
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from ..facts import ledger_file
from ..i18n import translate_bank
from . import export, html, latex, text
from .book import banks_of, book_banks, grouped, keys_of, section_target, unused_bank_files  # noqa: F401
from .model import QuizError, check_book, format_problem, load_bank

logger = logging.getLogger(__name__)
STATIC = Path(__file__).resolve().parent / "static"
JS_FILE = "course-quiz.js"
CSS_FILE = "course-quiz.css"


class QuizBuildError(ExtensionError):
    category = "Quiz error"


class quiz(nodes.General, nodes.Element):
    """A quiz bank on a page; ``bank`` holds the checked data."""


class quiz_answer_key(nodes.General, nodes.Element):
    """Placeholder filled at write time with every bank of the book."""


class QuizDirective(SphinxDirective):
    """```{quiz} quizzes/<slug>.yml```"""

    required_arguments = 1
    has_content = False

    def run(self):
        rel, path = self.env.relfn2path(self.arguments[0], self.env.docname)
        self.env.note_dependency(rel)
        # Quiz text may show ledger numbers ({fact}`key`): a changed number re-reads the page.
        self.env.note_dependency(str(ledger_file()))
        try:
            bank = load_bank(Path(path), file=rel)
        except QuizError as exc:
            raise QuizBuildError(
                f"{exc.problems[0][0]} has {len(exc.problems)} problem(s) "
                f"(used on page {self.env.docname}):\n" + str(exc)) from None
        bank = translate_bank(self.env, bank)  # the catalogue's texts in a translated edition
        bank["docname"] = self.env.docname
        banks_of(self.env).setdefault(self.env.docname, []).append(bank)
        node = quiz(bank=bank)
        node["ids"] = [f"quiz-{bank['id']}"]
        self.set_source_info(node)
        return [node]


class quiz_worksheets(nodes.General, nodes.Element):
    """Placeholder filled at write time with every bank of the book, without answers."""


class QuizWorksheetsDirective(SphinxDirective):
    """```{quiz-worksheets}```"""

    has_content = False

    def run(self):
        keys_of(self.env).add(self.env.docname)  # shows every bank: re-read when any changes
        node = quiz_worksheets()
        self.set_source_info(node)
        return [node]


class quiz_exports(nodes.General, nodes.Element):
    """Links to the Moodle XML and GIFT files (web); their names (print)."""


class QuizExportsDirective(SphinxDirective):
    """```{quiz-exports}```"""

    has_content = False

    def run(self):
        node = quiz_exports()
        self.set_source_info(node)
        return [node]


class QuizAnswerKeyDirective(SphinxDirective):
    """```{quiz-answer-key}```"""

    has_content = False

    def run(self):
        keys_of(self.env).add(self.env.docname)
        node = quiz_answer_key()
        self.set_source_info(node)
        return [node]


# --------------------------------------------------------------------------- environment
def purge(app: Sphinx, env, docname: str) -> None:
    banks_of(env).pop(docname, None)
    keys_of(env).discard(docname)


def merge(app: Sphinx, env, docnames, other) -> None:
    for docname in docnames:
        if docname in banks_of(other):
            banks_of(env)[docname] = banks_of(other)[docname]
        if docname in keys_of(other):
            keys_of(env).add(docname)


def outdated(app: Sphinx, env, added, changed, removed):
    """The answer key shows every bank: read it again whenever any page changed."""
    if added or changed or removed:
        return sorted(d for d in keys_of(env) if d not in changed and d in env.found_docs)
    return []


def check(app: Sphinx, env) -> None:
    labels = env.domaindata["std"]["labels"]
    banks = book_banks(env)
    problems = check_book(banks, labels)
    problems += unused_bank_files(Path(app.srcdir), {bank["file"] for bank in banks})
    if problems:
        raise QuizBuildError(
            f"{len(problems)} problem(s) in the quiz banks:\n"
            + "\n".join(format_problem(*p) for p in problems))


# --------------------------------------------------------------------------- assets
def add_static(app: Sphinx) -> None:
    if app.builder.format == "html":
        paths = list(app.config.html_static_path or [])
        if str(STATIC) not in paths:
            paths.append(str(STATIC))
        app.config.html_static_path = paths


def page_assets(app: Sphinx, pagename, templatename, context, doctree) -> None:
    """The quiz script and style only on pages that show a quiz or the answer key."""
    if doctree is None or app.builder.format != "html":
        return
    has_quiz = any(True for _ in doctree.findall(quiz))
    has_key = any(True for _ in doctree.findall(lambda n: isinstance(n, (quiz_answer_key, quiz_exports, quiz_worksheets))))
    if has_quiz or has_key:
        app.add_css_file(CSS_FILE)
    if has_quiz:
        app.add_js_file(JS_FILE, loading_method="defer")


def write_exports(app: Sphinx, exception) -> None:
    """The site's ``exports/`` folder; a LaTeX build writes them beside its output
    (``_build/exports``) for the teaching pack."""
    if exception is not None or app.builder.format not in ("html", "latex"):
        return
    groups = grouped(app.env)
    if not groups:
        return
    base = Path(app.outdir) if app.builder.format == "html" else Path(app.outdir).parent
    folder = base / export.EXPORT_DIR
    folder.mkdir(parents=True, exist_ok=True)
    (folder / export.MOODLE_FILE).write_text(export.moodle_xml(groups), encoding="utf-8")
    (folder / export.GIFT_FILE).write_text(export.gift(groups), encoding="utf-8")
    n = sum(len(b["questions"]) for _, banks in groups for b in banks)
    logger.info(f"quiz: wrote {n} questions to {export.EXPORT_DIR}/{export.MOODLE_FILE} "
                f"and {export.EXPORT_DIR}/{export.GIFT_FILE}")


def code_version() -> int:
    """A number that changes with this extension's code, so that a change in how quizzes
    are rendered rebuilds every page (Sphinx starts a fresh environment)."""
    digest = hashlib.sha256()
    here = Path(__file__).resolve().parent
    for path in sorted(here.glob("*.py")) + sorted(STATIC.glob("*")):
        digest.update(path.name.encode() + path.read_bytes())
    return int(digest.hexdigest()[:8], 16)


def _skip(self, node):
    raise nodes.SkipNode


def setup(app: Sphinx) -> dict:
    # Each node has a visitor of the same name in every writer module.
    for node, visitor in (
        (quiz, "visit_quiz"),
        (quiz_answer_key, "visit_answer_key"),
        (quiz_exports, "visit_exports"),
        (quiz_worksheets, "visit_worksheets"),
    ):
        app.add_node(
            node,
            html=(getattr(html, visitor), None),
            latex=(getattr(latex, visitor), None),
            text=(getattr(text, visitor), None),
            man=(_skip, None),
            texinfo=(_skip, None),
        )
    app.add_directive("quiz", QuizDirective)
    app.add_directive("quiz-exports", QuizExportsDirective)
    app.add_directive("quiz-answer-key", QuizAnswerKeyDirective)
    app.add_directive("quiz-worksheets", QuizWorksheetsDirective)
    app.connect("builder-inited", add_static)
    app.connect("env-purge-doc", purge)
    app.connect("env-merge-info", merge)
    app.connect("env-get-outdated", outdated)
    app.connect("env-check-consistency", check)
    # Before other page-context handlers that may replace the asset lists.
    app.connect("html-page-context", page_assets, priority=400)
    app.connect("build-finished", write_exports)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "env_version": code_version()}
