"""The course manifest, and the ``{course-downloads}`` lists that link to the print files.

``_build/course-manifest.json`` is written by every build (HTML or LaTeX) from what Sphinx
knows: the pages in reading order with their titles and parts, the lessons and their numbers,
the quiz banks, figure numbers, section labels, the print editions and every other download
(slide decks, class printables, the teaching pack). Tests and ``scripts/`` read it instead of
working the same facts out again.

``{course-downloads} reader`` (or ``instructor``) lists the downloads for that audience. A
file that exists in ``_build/pdf`` (``make book`` puts it there) becomes a Sphinx download
link, so Sphinx checks it and copies it into the site; a file that does not exist yet (an
HTML-only build) is named with "comes with the print build" instead of a dead link. When
the set of files changes, the pages with such a list are read again.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from . import editions
from .editions import say
from .plaintext import figure_format, figure_numbers
from .classplan import edition_plans

MANIFEST = "course-manifest.json"
PRINT_DIR = "pdf"  # under the build folder, next to html/ and latex/
SEEN = "course_downloads_seen"  # env attribute: docname -> files that existed when read
AUDIENCES = ("reader", "instructor")

# Class materials made after the Sphinx build (scripts/decks.py) or by the printables
# extension: file, label, what it is.
PRINTABLES = [
    ("quiz-answer-grid.pdf", "Quiz answer grid",
     "the answers to every quiz on one page, for going through answers in class"),
    ("myth-fact-cards.pdf", "Myth-and-fact cards",
     "cards to cut out for the myth-or-fact activity, with an answer sheet"),
    ("sign-in-sheet.pdf", "Sign-in sheet", "to record who came to each session"),
    ("evaluation-form.pdf", "Evaluation form", "a short form without names, to hand out before the close"),
    ("local-contacts-slip.pdf", "Local-contacts slip",
     "space for the early pregnancy unit, maternity triage, local support and a crisis line; "
     "fill it in before you print copies"),
    ("room-checklist.pdf", "Room and equipment checklist",
     "the room, the quiet space, the projector and what to bring"),
]
# The order of the instructor's list: what a class needs first.
INSTRUCTOR_ORDER = ["pack", "deck", "handout", "sheet", "printable", "book", "lesson"]
PACK = "teaching-pack-{language}.zip"


def pack_name(language: str | None) -> str:
    """``teaching-pack-en.zip``, ``teaching-pack-zh.zip``: one pack per language."""
    return PACK.format(language=(language or "en").split("_")[0])


def build_root(app: Sphinx) -> Path:
    """The build folder (``_build``): the parent of ``html/`` and ``latex/``."""
    return Path(app.outdir).parent


def decks(env) -> list[dict]:
    """One slide deck per session of the class plans, named in the edition's language."""
    out = []
    for plan in edition_plans(env, required=False):
        sessions = plan.get("sessions") or [plan]
        short = re.split(r"[:：]", plan["title"])[0]  # "Plan A", "方案A"
        for number, session in enumerate(sessions, start=1):
            ident = session.get("id", plan["id"])
            # Link texts must differ from deck to deck: "Plan B session 2 slides".
            name = short if len(sessions) == 1 else say("{plan} session {number}").format(
                plan=short, number=number)
            out.append({"id": ident, "title": session.get("title", plan["title"]), "name": name,
                        "files": [f"deck-{ident}.pptx", f"deck-{ident}.pdf", f"deck-{ident}-notes.pdf"]})
    return out


def downloads(env) -> list[dict]:
    """Every download of the course, in the order the lists show them."""
    items: list[dict] = []
    for e in editions.editions(env):
        kind = e["kind"]
        audience = ["reader", "instructor"]
        if e["docname"] == editions.ANSWER_KEY_DOC:
            audience = ["instructor"]
        description = {
            "book": "the whole course as one PDF",
            "lesson": "one lesson with its own sources",
            "handout": "the course in short, with the warning signs, questions to ask and "
                       "space for local contacts",
        }.get(kind, "every quiz question without answers" if e["docname"] == editions.WORKSHEETS_DOC
              else "every question with its answer and the reason")
        items.append({"file": e["file"], "label": e["title"], "description": say(description),
                      "group": kind, "audience": audience, "made_by": "latex"})
    for plan in edition_plans(env, required=False):
        label = say("Run sheet: {title}").format(title=plan["title"])
        items.append({"file": f"run-sheet-{plan['id']}.pdf",
                      "label": label,
                      "description": say("the plan with timings on one side, the words to say "
                                         "on the other"),
                      "group": "printable", "audience": ["instructor"], "made_by": "latex"})
    for file, label, description in PRINTABLES:
        items.append({"file": file, "label": say(label), "description": say(description),
                      "group": "printable", "audience": ["instructor"], "made_by": "latex"})
    for deck in decks(env):
        pptx, pdf, notes = deck["files"]
        name = deck["name"]
        items.append({"file": pptx, "label": say("{name} slides").format(name=name),
                      "description": say("{title}; editable in PowerPoint, Keynote, LibreOffice or "
                                         "WPS").format(title=deck["title"]),
                      "group": "deck", "audience": ["instructor"], "made_by": "decks",
                      "pdf": pdf, "notes": notes,
                      "pdf_label": say("{name} slides as PDF").format(name=name),
                      "notes_label": say("{name} notes pages").format(name=name)})
    items.append({"file": pack_name(env.config.language), "label": say("Teaching pack"),
                  "description": say("for instructors: one download with the slides, handout, "
                                     "worksheets, answer key and quiz files"),
                  "group": "pack", "audience": ["reader", "instructor"], "made_by": "decks"})
    return items


def files_of(item: dict) -> list[str]:
    return [item["file"]] + [item[k] for k in ("pdf", "notes") if k in item]


# --------------------------------------------------------------------------- manifest
def manifest(env) -> dict:
    labels = env.domaindata["std"]["labels"]
    figures = figure_numbers(env)
    from .quiz.book import book_banks, toc_order

    lessons = editions.lesson_docnames(env)
    pages = []
    for caption, numbered, docs in [("", False, [env.config.root_doc])] + editions.site_parts(env):
        for doc in docs:
            pages.append({"docname": doc, "title": editions.title(env, doc), "part": caption,
                          "lesson": lessons.index(doc) + 1 if doc in lessons else None})
    return {
        "course": editions.course_name(env.config),
        "language": env.config.language or "en",
        "figure_format": figure_format(env.config),
        "reviewed": env.config.myst_substitutions.get("last_reviewed", ""),
        "order": toc_order(env),
        "pages": pages,
        "lessons": [{"number": n, "docname": d, "title": editions.title(env, d),
                     "pdf": editions.lesson_pdf(n, d)} for n, d in enumerate(lessons, start=1)],
        "quiz_banks": [{"id": b["id"], "docname": b["docname"], "file": b.get("file", ""),
                        "questions": len(b["questions"])} for b in book_banks(env)],
        "figures": figures,
        "labels": {label: {"docname": d, "anchor": a, "title": t} for label, (d, a, t) in labels.items()},
        "editions": editions.editions(env),
        "downloads": downloads(env),
        "print_dir": PRINT_DIR,
    }


def write_manifest(app: Sphinx, exception) -> None:
    if exception is not None:
        return
    path = build_root(app) / MANIFEST
    text = json.dumps(manifest(app.env), indent=1, ensure_ascii=False, default=str)
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


# --------------------------------------------------------------------------- the lists
def _seen(env) -> dict:
    if not hasattr(env, SEEN):
        setattr(env, SEEN, {})
    return getattr(env, SEEN)


def available(app: Sphinx) -> set[str]:
    folder = build_root(app) / PRINT_DIR
    return {p.name for p in folder.iterdir()} if folder.is_dir() else set()


class CourseDownloadsDirective(SphinxDirective):
    """```{course-downloads} reader``` or ``instructor``."""

    required_arguments = 1

    def run(self):
        audience = self.arguments[0]
        if audience not in AUDIENCES:
            raise self.error(f"{self.env.doc2path(self.env.docname)}:{self.lineno}: unknown "
                             f"audience {audience!r}; use one of {', '.join(AUDIENCES)}")
        there = available(self.env.app)
        _seen(self.env)[self.env.docname] = sorted(there)
        folder = build_root(self.env.app) / PRINT_DIR
        here = Path(self.env.doc2path(self.env.docname)).parent
        items = [i for i in downloads(self.env) if audience in i["audience"]]
        if audience == "instructor":
            items.sort(key=lambda i: INSTRUCTOR_ORDER.index(i["group"]))
        listing = nodes.bullet_list(classes=["course-downloads"])
        missing = False
        for item in items:
            para = nodes.paragraph()
            links = [(item["file"], item["label"])]
            if "pdf" in item:
                links += [(item["pdf"], item["pdf_label"]), (item["notes"], item["notes_label"])]
            for index, (file, label) in enumerate(links):
                if index:
                    para += nodes.Text(", " if index < len(links) - 1 else " and ")
                # Page titles are known only once every page is read: the text is set
                # again when the page is written (name_downloads).
                text = nodes.inline(label, label, classes=["course-download-label"],
                                    course_file=file)
                if file in there:
                    target = os.path.relpath(folder / file, here)
                    ref = addnodes.download_reference("", "", refdoc=self.env.docname,
                                                      reftarget=target, refexplicit=True,
                                                      refwarn=True)
                    ref += text
                    para += ref
                else:
                    missing = True
                    para += text
            para += nodes.Text(f": {item['description']}.")
            listing += nodes.list_item("", para)
        out = [listing]
        if missing:
            note = nodes.paragraph(classes=["course-downloads-missing"])
            note += nodes.Text(say("The files without a link come with the print build "
                                   "(run make book; see the README)."))
            out.append(note)
        for node in out:
            # Written in the edition's language already: not for the page's catalogue.
            # Only blocks: Sphinx unwraps any inline that carries the flag.
            for element in node.findall(nodes.TextElement):
                if not isinstance(element, nodes.Inline):
                    element["translatable"] = False
        return out


def labels(env) -> dict[str, str]:
    """The link text of every download file. "(PDF)" says what the link opens, and keeps it
    apart from links to the same lesson's web page."""
    out = {}
    for item in downloads(env):
        out[item["file"]] = item["label"] + (say(" (PDF)") if item["file"].endswith(".pdf") else
                                             say(" (zip)") if item["file"].endswith(".zip") else "")
        if "pdf" in item:
            out[item["pdf"]] = item["pdf_label"]
            out[item["notes"]] = item["notes_label"]
    return out


def name_downloads(app: Sphinx, doctree, docname: str) -> None:
    """Write the link texts with the page titles, now that every page has been read."""
    names = None
    for node in doctree.findall(nodes.inline):
        if "course-download-label" in node.get("classes", []):
            names = names or labels(app.env)
            label = names.get(node.get("course_file"), node.astext())
            node.children = [nodes.Text(label)]


def outdated(app: Sphinx, env, added, changed, removed):
    """Read a page with a downloads list again when the files on disk have changed."""
    there = sorted(available(app))
    return [doc for doc, seen in _seen(env).items()
            if seen != there and doc in env.found_docs and doc not in changed]


def purge(app: Sphinx, env, docname: str) -> None:
    _seen(env).pop(docname, None)


def merge(app: Sphinx, env, docnames, other) -> None:
    for doc in docnames:
        if doc in _seen(other):
            _seen(env)[doc] = _seen(other)[doc]


def setup(app: Sphinx) -> dict:
    app.add_directive("course-downloads", CourseDownloadsDirective)
    app.connect("env-get-outdated", outdated)
    app.connect("env-purge-doc", purge)
    app.connect("env-merge-info", merge)
    app.connect("doctree-resolved", name_downloads)
    app.connect("build-finished", write_manifest)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
