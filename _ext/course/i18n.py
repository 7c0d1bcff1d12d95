"""Translated editions: catalogue progress, the strict check, and quiz texts in the reader's language.

The English pages are the source. ``make zh-catalogues`` extracts their text with Sphinx's
gettext builder (one ``.pot`` per page), adds ``quizzes.pot``, ``figures.pot``,
``facts.pot`` and ``class-plans.pot`` (this module, ``extract``), and ``sphinx-intl update`` merges them into
``locales/<lang>/LC_MESSAGES/*.po``: a changed English paragraph becomes a *fuzzy* entry,
a new one an *untranslated* entry.

In a build whose ``language`` is not English this extension:

- lists, per catalogue, the entries still untranslated or fuzzy, and the English words
  left to translate (so translators can share the work by page);
- counts, per page, the paragraphs whose English text is in no catalogue at all (the
  English changed but ``make zh-catalogues`` was not run);
- fails the build when any of these is not zero, unless ``course_translation_draft`` is
  true (then it only reports);
- gives the quiz directive its texts (title, prompt, options, feedback) from
  ``quizzes.po``; question ids, correct flags and ledger numbers (``{fact}`` roles) stay
  those of the English bank;
- gives the class plans (instructor guide, run sheets, slide decks) their texts from
  ``class-plans.po``; minutes and ids stay those of the English plans.

Run as ``python -m course.i18n report [--strict]`` (with ``_ext`` on ``sys.path``) for the
same report without a build, or ``python -m course.i18n extract <pot dir>`` for the quiz
and figure templates.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[2]
QUIZ_DIR = ROOT / "chapters" / "quizzes"
FIGURE_DIR = ROOT / "figures"
QUIZ_DOMAIN = "quizzes"
PLAN_DOMAIN = "class-plans"  # chapters/class-plans.yml: guide, run sheets and decks
FIGURE_DOMAIN = "figures"
FACT_DOMAIN = "facts"  # the ledger's words ({fact} roles), context "key:form"
FACT_SOURCES = ("chapters/**/*.md", "chapters/**/*.yml")
# Interface words of Sphinx and the theme that their own Chinese catalogues leave open; they
# go into sphinx.po with the words of the course's templates (the site's catalogue comes
# first, the theme's and Sphinx's fill in the rest).
INTERFACE_STRINGS = ("Color mode", "System Settings", "Link to this heading",
                     # course.wayfinding: the line at the top of each lesson
                     "Where you are in the course", "Recurrent miscarriage course",
                     "Lesson {number} of {total}",
                     # course.quiz: the words of the interactive quiz (HTML and script)
                     "Review:", "Check", "question {number}", "Question {number} of {total}.",
                     "{total} questions. Choose your answer, then press Check to see if it is right.",
                     "Your answers are kept only in this browser. They are never sent anywhere.",
                     "Reset my answers", "Show answers", "Correct answer:", "Not this one:",
                     "Score: {right} of {total} correct", "Choose an answer first.", "Correct",
                     "Not right yet", "Your answer: ",
                     "There is at least one more right answer. Try again.",
                     "Your answers were cleared.",
                     "Choose one answer.", "Choose all that apply.", "True or false?",
                     # course.editions and print/course.sty: the words of the PDFs
                     "From", "Reviewed", "Online:", "Sources", "Sources:", "Page {page} of {pages}",
                     "A free course for people who have lost pregnancies, their partners, and "
                     "those who teach them", "Class handout", "For the class",
                     "The full list, with links, is on the References page of the online course.",
                     # course.downloads: the lists of files to download
                     "Lesson {number}: {title}", "Answer:", "Answers:", "Why:", "Worksheets",
                     "True", "False",
                     "The files are on the website version of this page: {moodle} and {gift}.", "Answer key", " (PDF)",
                     "Run sheet: {title}",
                     # course.classplan and course.printables: the class plans
                     "{minutes} minutes", "By the end, participants can:", "Minutes",
                     "What happens", "Show", "Discussion prompts",
                     "Words to say and notes for each slot:", "Say:", "Note:", "Run sheet",
                     "Words to say and notes",
                     "the whole course as one PDF", "one lesson with its own sources",
                     "the course in short, with the warning signs, questions to ask and space "
                     "for local contacts", "every quiz question without answers",
                     "every question with its answer and the reason",
                     "the plan with timings on one side, the words to say on the other",
                     "The files without a link come with the print build (run make book; see "
                     "the README).")
MISSING = "course_i18n_missing"  # env attribute: docname -> English messages in no catalogue
WORD = re.compile(r"[A-Za-z]+(?:'[a-z]+)?")
# Markdown that did not turn into formatting in a translated paragraph.
LEFTOVER = re.compile(r"\*\*|\{[a-z:-]+\}`|`[^`]*<[\w/-]+>`")


def say(text: str) -> str:
    """Words of the course's own interface (quiz, lists, PDFs) in the edition's language,
    from its interface catalogue (``sphinx.po``; listed in ``INTERFACE_STRINGS``)."""
    from sphinx.locale import _

    return str(_(text)) if text else text


# --------------------------------------------------------------------------- catalogues
@dataclass
class Progress:
    """Entries of one catalogue: all, translated, fuzzy, untranslated, and English words left."""

    name: str
    total: int = 0
    translated: int = 0
    fuzzy: int = 0
    untranslated: int = 0
    words_left: int = 0
    open_ids: list[str] = field(default_factory=list)

    @property
    def done(self) -> bool:
        return self.fuzzy == 0 and self.untranslated == 0


def catalogue_dir(locale_dir: Path, language: str) -> Path:
    return Path(locale_dir) / language / "LC_MESSAGES"


def read_catalogue(path: Path) -> Catalog:
    with open(path, "rb") as handle:
        return read_po(handle)


def progress(path: Path, name: str) -> Progress:
    """Counts of one ``.po`` file. An entry is done when it has a translation and no fuzzy flag."""
    result = Progress(name)
    for message in read_catalogue(path):
        if not message.id:
            continue  # the header
        result.total += 1
        text = message.id if isinstance(message.id, str) else message.id[0]
        strings = message.string if isinstance(message.string, (list, tuple)) else [message.string]
        if message.fuzzy:
            result.fuzzy += 1
        elif not all(strings):
            result.untranslated += 1
        else:
            result.translated += 1
            continue
        result.words_left += len(WORD.findall(text))
        result.open_ids.append(text)
    return result


def all_progress(locale_dir: Path, language: str) -> list[Progress]:
    """One ``Progress`` per catalogue, named like the page (``chapters/home``), sorted."""
    folder = catalogue_dir(locale_dir, language)
    return [progress(path, path.relative_to(folder).with_suffix("").as_posix())
            for path in sorted(folder.rglob("*.po"))]


def good_translations(path: Path) -> dict[tuple[str | None, str], str]:
    """(context, English) -> translation, for entries translated and not fuzzy."""
    if not path.is_file():
        return {}
    return {(m.context, m.id): m.string for m in read_catalogue(path)
            if m.id and isinstance(m.id, str) and m.string and not m.fuzzy}


def report_lines(rows: list[Progress], missing: dict[str, int] | None = None) -> list[str]:
    missing = missing or {}
    names = sorted({r.name for r in rows} | set(missing))
    by_name = {r.name: r for r in rows}
    width = max([len(n) for n in names] + [9])
    lines = [f"{'catalogue':<{width}}  entries  done  fuzzy  untranslated  words left  not in catalogue"]
    for name in names:
        row = by_name.get(name, Progress(name))
        lines.append(f"{name:<{width}}  {row.total:7d}  {row.translated:4d}  {row.fuzzy:5d}  "
                     f"{row.untranslated:12d}  {row.words_left:10d}  {missing.get(name, 0):16d}")
    total = Progress("total")
    for row in rows:
        for key in ("total", "translated", "fuzzy", "untranslated", "words_left"):
            setattr(total, key, getattr(total, key) + getattr(row, key))
    lines.append(f"{'total':<{width}}  {total.total:7d}  {total.translated:4d}  {total.fuzzy:5d}  "
                 f"{total.untranslated:12d}  {total.words_left:10d}  {sum(missing.values()):16d}")
    return lines


def open_problems(rows: list[Progress], missing: dict[str, int] | None = None) -> list[str]:
    """One line per catalogue or page that is not finished, naming the file and what to do."""
    problems = [f"{row.name}.po: {row.untranslated} untranslated and {row.fuzzy} fuzzy "
                f"entries (first: {row.open_ids[0][:60]!r}); translate them and remove the "
                f"fuzzy flags" for row in rows if not row.done]
    problems += [f"{name}: {count} paragraph(s) whose English text is in no catalogue; run "
                 f"`make zh-catalogues` and translate the new entries"
                 for name, count in sorted((missing or {}).items()) if count]
    return problems


# --------------------------------------------------------------------------- quizzes and figures
def quiz_messages() -> list[tuple[str, str, str]]:
    """(question or bank id as context, English text, 'file') of every quiz bank, in order.

    The context keeps two questions that share an English phrase apart, so that each can
    be translated to fit its question. True/false option labels are interface strings and
    are not extracted: the answer checks compare them with "True" and "False".
    """
    import yaml

    found = []
    for path in sorted(QUIZ_DIR.glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        rel = path.relative_to(ROOT).as_posix()
        if data.get("title"):
            found.append((data["id"], _one_line(data["title"]), rel))
        for question in data.get("questions") or []:
            qid = question.get("id")
            found.append((qid, _one_line(question.get("prompt")), rel))
            for option in question.get("options") or []:
                if question.get("type") != "true-false":
                    found.append((qid, _one_line(option.get("text")), rel))
                found.append((qid, _one_line(option.get("feedback")), rel))
    return [m for m in found if m[1]]


def _one_line(value) -> str:
    """The text as the bank holds it before numbers are filled in: roles like {fact}`key`
    stay in the catalogue, so that the translation shows the ledger's number too."""
    return " ".join(str(value or "").split())


def quiz_template() -> Catalog:
    catalog = Catalog(project="Recurrent Miscarriage: An Open Course", fuzzy=False)
    for context, text, rel in quiz_messages():
        catalog.add(text, context=context, locations=[])
    return catalog


def figure_template() -> Catalog:
    """Every ``_("…")`` string of the figures package (see figures/i18n.py)."""
    from babel.messages.extract import extract_from_dir

    catalog = Catalog(project="Recurrent Miscarriage: An Open Course", fuzzy=False)
    for _file, _line, message, _comments, context in extract_from_dir(
            str(FIGURE_DIR), method_map=[("**.py", "python")],
            keywords={"_": None, "pgettext": ((1, "c"), 2)}):
        catalog.add(message, context=context, locations=[])
    return catalog


def fact_messages() -> list[tuple[str, str]]:
    """(``key:form``, English words) of every ``{fact}`` the course shows, sorted."""
    from .facts import FACT, ledger_module

    facts = ledger_module().facts()
    used = set()
    for pattern in FACT_SOURCES:
        for path in ROOT.glob(pattern):
            for content in FACT.findall(path.read_text(encoding="utf-8")):
                key, _, form = content.strip().partition(":")
                if key in facts:  # an unknown key is the build's error to report
                    used.add((f"{key}:{form or 'says'}", facts[key].text(form or "says")))
    return sorted(used)


def fact_template() -> Catalog:
    catalog = Catalog(project="Recurrent Miscarriage: An Open Course", fuzzy=False)
    for context, text in fact_messages():
        catalog.add(text, context=context, locations=[])
    return catalog


def load_fact_translations(app, config) -> None:
    """A translated edition shows the ledger's words from ``facts.po`` (numbers unchanged)."""
    from . import facts

    language = config.language or "en"
    facts.TRANSLATED.clear()
    facts.TRANSLATED_FROM.clear()
    if language == "en" or not config.locale_dirs:
        return
    path = catalogue_dir(Path(app.srcdir) / config.locale_dirs[0], language) / f"{FACT_DOMAIN}.po"
    if path.is_file():
        facts.TRANSLATED.update(good_translations(path))
        facts.TRANSLATED_FROM.append(str(path))


SAYING_CODE = (Path(__file__).parent, ROOT / "scripts")  # the extension, and the decks


def said_in_code() -> tuple[str, ...]:
    """Every ``say("…")`` with a literal text in the course's extension and scripts (the
    slide decks), in file order."""
    from babel.messages.extract import extract_from_dir

    return tuple(message for folder in SAYING_CODE
                 for _file, _line, message, _comments, _context in extract_from_dir(
                     str(folder), method_map=[("**.py", "python")], keywords={"say": None})
                 if isinstance(message, str))


def interface_strings() -> tuple[str, ...]:
    """The interface words of the course: those listed above (templates, scripts, texts
    passed to ``say`` as variables), every literal ``say("…")`` of the extension, and the
    printables' names from course.downloads."""
    from .downloads import PRINTABLES

    words = INTERFACE_STRINGS + said_in_code() + tuple(w for row in PRINTABLES for w in row[1:])
    return tuple(dict.fromkeys(words))


def write_templates(pot_dir: Path) -> list[Path]:
    pot_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, catalog in ((QUIZ_DOMAIN, quiz_template()), (FIGURE_DOMAIN, figure_template()),
                          (FACT_DOMAIN, fact_template()), (PLAN_DOMAIN, plan_template())):
        path = pot_dir / f"{name}.pot"
        with open(path, "wb") as handle:
            # No dates or line numbers: a template changes only when a text changes.
            write_po(handle, catalog, omit_header=False, sort_output=False, no_location=True,
                     width=88)
        text = re.sub(r'"POT-Creation-Date: [^"]*"\n', "", path.read_text(encoding="utf-8"))
        path.write_text(text, encoding="utf-8")
        written.append(path)
    sphinx_pot = pot_dir / "sphinx.pot"
    if sphinx_pot.is_file():
        catalog = read_catalogue(sphinx_pot)
        for text in interface_strings():
            if text not in catalog:
                catalog.add(text, locations=[])
        with open(sphinx_pot, "wb") as handle:
            write_po(handle, catalog, sort_output=False, no_location=True, width=88)
        written.append(sphinx_pot)
    return written


def quiz_missing(locale_dir: Path, language: str) -> int:
    """Quiz texts of the current banks that ``quizzes.po`` does not have (the banks changed
    since ``make zh-catalogues``); entries present but open are counted from the file."""
    path = catalogue_dir(locale_dir, language) / f"{QUIZ_DOMAIN}.po"
    known = {(m.context, m.id) for m in read_catalogue(path) if m.id} if path.is_file() else set()
    return len({(c, t) for c, t, _ in quiz_messages()} - known)


def translate_bank(env, bank: dict) -> dict:
    """The bank with its texts from ``quizzes.po`` when the build is not in English.

    Only text changes: ids, types, sections, correct flags and the order stay. A text with
    no finished translation stays English (counted by the check below).
    """
    language = env.config.language or "en"
    if language == "en" or not env.config.locale_dirs:
        return bank
    path = catalogue_dir(Path(env.srcdir) / env.config.locale_dirs[0], language) / f"{QUIZ_DOMAIN}.po"
    env.note_dependency(str(path))
    return translate_bank_from(bank, path)


def translate_bank_from(bank: dict, path: Path) -> dict:
    """``translate_bank`` with the catalogue named (for scripts that run outside Sphinx;
    ledger words come from ``course.facts.TRANSLATED`` as loaded by the caller)."""
    from .facts import expand
    from .quiz.model import plain

    def shown(text):  # as the quiz model shows a text: {fact} numbers filled in, no markup
        return plain(expand(_one_line(text)))

    good = {(ctx, shown(text)): shown(string)
            for (ctx, text), string in good_translations(path).items()}

    def tr(context, text):
        return good.get((context, text), text)

    bank = dict(bank)
    bank["title"] = tr(bank["id"], bank["title"])
    questions = []
    for question in bank["questions"]:
        question = dict(question)
        qid = question["id"]
        question["prompt"] = tr(qid, question["prompt"])
        options = []
        for option in question["options"]:
            option = dict(option)
            if question["type"] != "true-false":
                option["text"] = tr(qid, option["text"])
            option["feedback"] = tr(qid, option["feedback"])
            options.append(option)
        question["options"] = options
        questions.append(question)
    bank["questions"] = questions
    return bank


# --------------------------------------------------------------------------- class plans
PLAN_FIELDS = ("do", "slide_title", "show", "say", "notes")


def _plan_texts(plans: list[dict]):
    """(context, mapping, key) of every text of the class plans, in file order; a list's
    items are yielded with their index as the key. The context names the session and the
    slot's minutes ("plan-a-class 10–20"), so a translator sees where a text is used."""
    for plan in plans:
        yield plan["id"], plan, "title"
        for session in plan.get("sessions") or []:
            sid = session["id"]
            yield sid, session, "title"
            for index in range(len(session.get("objectives") or [])):
                yield sid, session["objectives"], index
            for slot in session.get("slots") or []:
                where = f"{sid} {slot['start']}–{slot['end']}"
                for key in PLAN_FIELDS:
                    if slot.get(key):
                        yield where, slot, key
                for index in range(len(slot.get("prompts") or [])):
                    yield where, slot["prompts"], index


def plan_messages(plans: list[dict] | None = None) -> list[tuple[str, str]]:
    """(context, English text) of every text of ``chapters/class-plans.yml``."""
    if plans is None:
        from .classplan import PLAN_FILE, load_plans

        plans = load_plans(ROOT / PLAN_FILE)
    return [(ctx, _one_line(holder[key])) for ctx, holder, key in _plan_texts(plans)
            if _one_line(holder[key])]


def interface_missing(locale_dir: Path, language: str) -> int:
    """Interface words of the code (``say("…")``) that ``sphinx.po`` does not have yet."""
    path = catalogue_dir(locale_dir, language) / "sphinx.po"
    known = {m.id for m in read_catalogue(path) if m.id} if path.is_file() else set()
    return len(set(interface_strings()) - known)


def plan_template() -> Catalog:
    catalog = Catalog(project="Recurrent Miscarriage: An Open Course", fuzzy=False)
    for context, text in plan_messages():
        catalog.add(text, context=context, locations=[])
    return catalog


def plan_missing(locale_dir: Path, language: str) -> int:
    """Texts of the current class plans that ``class-plans.po`` does not have."""
    path = plan_catalogue(locale_dir, language)
    known = {(m.context, m.id) for m in read_catalogue(path) if m.id} if path.is_file() else set()
    return len(set(plan_messages()) - known)


def translate_plans(plans: list[dict], locale_dir: Path, language: str) -> list[dict]:
    """The plans with their texts from ``class-plans.po`` when ``language`` is not English.

    Minutes, ids and the order stay; roles ({doc}, {numref}, {fact}) stay in the
    translation and are resolved where the text is shown. A text with no finished
    translation stays English (the build's check counts it).
    """
    import copy

    if (language or "en") == "en":
        return plans
    good = good_translations(plan_catalogue(locale_dir, language))
    plans = copy.deepcopy(plans)
    for context, holder, key in _plan_texts(plans):
        holder[key] = good.get((context, _one_line(holder[key])), holder[key])
    return plans


def plan_catalogue(locale_dir: Path, language: str) -> Path:
    return catalogue_dir(locale_dir, language) / f"{PLAN_DOMAIN}.po"


def latex_cjk(config) -> str:
    """LaTeX lines for documents written outside Sphinx's template (class printables):
    xeCJK and the CJK fonts of ``latex_elements.fontpkg`` when the edition is Chinese,
    nothing otherwise. Sphinx's own documents load xeCJK themselves."""
    if not str(config.language or "").startswith("zh"):
        return ""
    fontpkg = (config.latex_elements or {}).get("fontpkg", "")
    return "\n".join([r"\usepackage{xeCJK}"] + [line for line in fontpkg.splitlines()
                                                 if "CJK" in line and not line.lstrip().startswith("%")])


# --------------------------------------------------------------------------- the build
def _missing(env) -> dict:
    if not hasattr(env, MISSING):
        setattr(env, MISSING, {})
    return getattr(env, MISSING)


def _translating(app) -> bool:
    return (app.config.language or "en") != "en" and bool(app.config.locale_dirs)


def find_missing(app, doctree) -> None:
    """After Sphinx translated a page: the English paragraphs whose text no catalogue has.

    Sphinx leaves them English without a word; a paragraph copied unchanged on purpose
    (a reference, a number) is in the catalogue and so not counted.
    """
    if not _translating(app):
        return
    from sphinx.util.i18n import docname_to_domain
    from sphinx.util.nodes import extract_messages

    domain = docname_to_domain(app.env.docname, app.config.gettext_compact)
    path = catalogue_dir(Path(app.srcdir) / app.config.locale_dirs[0], app.config.language) / f"{domain}.po"
    app.env.note_dependency(str(path))
    # Entries present but untranslated or fuzzy are counted from the .po file itself.
    known = {m.id for m in read_catalogue(path) if m.id} if path.is_file() else set()
    missing = sorted({msg for node, msg in extract_messages(doctree)
                      if not node.get("translated") and msg not in known})
    _missing(app.env)[app.env.docname] = missing
    from sphinx.util import logging

    for node in doctree.findall(lambda n: bool(n.get("translated")) if hasattr(n, "get") else False):
        if LEFTOVER.search(node.astext()):
            logging.getLogger(__name__).warning(
                f"{path.name}: markup left as text in the translation of "
                f"{node.astext()[:40]!r}: Markdown does not close ** or * after Chinese "
                f"punctuation followed by a character; put 。，：” outside the stars "
                f"(**加粗**。) and keep roles whole", location=node)


def translate_toc_captions(app, doctree) -> None:
    """The part captions of the sidebar ("Lessons") from the root page's catalogue.

    sphinx-external-toc inserts the toctrees after Sphinx has translated the page, so their
    captions would stay English; the gettext builder does extract them into that catalogue.
    """
    if not _translating(app):
        return
    from sphinx import addnodes
    from sphinx.util.i18n import docname_to_domain

    toctrees = [node for node in doctree.findall(addnodes.toctree) if node.get("caption")]
    if not toctrees:
        return
    domain = docname_to_domain(app.env.docname, app.config.gettext_compact)
    path = catalogue_dir(Path(app.srcdir) / app.config.locale_dirs[0], app.config.language) / f"{domain}.po"
    good = good_translations(path)
    for node in toctrees:
        caption = good.get((None, node["caption"]))
        if caption:
            node["caption"] = node["rawcaption"] = caption


def purge(app, env, docname) -> None:
    _missing(env).pop(docname, None)


def merge(app, env, docnames, other) -> None:
    for docname in docnames:
        if docname in _missing(other):
            _missing(env)[docname] = _missing(other)[docname]


def check(app, env) -> None:
    """Report progress per catalogue; fail unless the edition is marked as a draft."""
    if not _translating(app):
        return
    from sphinx.errors import ExtensionError
    from sphinx.util import logging

    logger = logging.getLogger(__name__)
    locale_dir = Path(app.srcdir) / app.config.locale_dirs[0]
    rows = all_progress(locale_dir, app.config.language)
    missing = {name: len(msgs) for name, msgs in _missing(env).items() if msgs}
    for domain, gap in ((QUIZ_DOMAIN, quiz_missing(locale_dir, app.config.language)),
                        (PLAN_DOMAIN, plan_missing(locale_dir, app.config.language)),
                        ("sphinx", interface_missing(locale_dir, app.config.language))):
        if gap:
            missing[domain] = gap
    logger.info(f"translation ({app.config.language}):\n" + "\n".join(report_lines(rows, missing)))
    problems = open_problems(rows, missing)
    if not rows:
        problems.append(f"no catalogues in {catalogue_dir(locale_dir, app.config.language)}; "
                        f"run `make zh-catalogues`")
    if problems and not app.config.course_translation_draft:
        raise ExtensionError(
            f"the {app.config.language} translation is not complete "
            f"(set course_translation_draft: true to build a draft):\n" + "\n".join(problems))


def setup(app) -> dict:
    app.add_config_value("course_translation_draft", False, "env", [bool])
    app.connect("config-inited", load_fact_translations)
    app.connect("doctree-read", translate_toc_captions, priority=400)  # before the toctree collector
    app.connect("doctree-read", find_missing)
    app.connect("env-purge-doc", purge)
    app.connect("env-merge-info", merge)
    app.connect("env-updated", check)
    return {"parallel_read_safe": True, "parallel_write_safe": True}


# --------------------------------------------------------------------------- command line
def main(argv: list[str]) -> int:
    if len(argv) >= 2 and argv[0] == "extract":
        for path in write_templates(Path(argv[1])):
            print(f"wrote {path}")
        return 0
    if argv and argv[0] == "report":
        language = "zh_CN"
        rows = all_progress(ROOT / "locales", language)
        missing = {QUIZ_DOMAIN: quiz_missing(ROOT / "locales", language),
                   PLAN_DOMAIN: plan_missing(ROOT / "locales", language),
                   "sphinx": interface_missing(ROOT / "locales", language)}
        print("\n".join(report_lines(rows, missing)))
        problems = open_problems(rows, missing)
        if "--strict" in argv and problems:
            print("\n".join(problems), file=sys.stderr)
            return 1
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
