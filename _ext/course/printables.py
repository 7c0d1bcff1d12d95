"""The class printables, written as LaTeX by the same Sphinx build as the print editions.

When the LaTeX builder has finished, one ``.tex`` per printable is written next to the
editions in its output folder, so the ``make all-pdf`` that compiles the editions compiles
these too. They use ``courseprintable.cls`` and the look every PDF shares (``coursebase.sty``).

- ``run-sheet-<plan>.tex``: each session of a plan on its own page, from
  ``chapters/class-plans.yml`` (the file the instructor guide shows);
- ``myth-fact-cards.tex``: one card per myth of the myths lesson, showing the myth or its
  fact, shuffled the same way every build, with an answer sheet;
- ``quiz-answer-grid.tex``: every quiz answer letter on one page, numbered as on the worksheets;
- ``sign-in-sheet.tex``, ``evaluation-form.tex``, ``local-contacts-slip.tex``,
  ``room-checklist.tex``: forms for the room.

Everything comes from what Sphinx read: the plans through ``course.classplan``, the quiz
banks through ``course.quiz``, the cards from the lesson's doctree, and references
(figure numbers, page and section titles, ledger numbers) through ``course.plaintext``.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging

from .classplan import PLAN_FILE, ClassPlanError, edition_plans
from .editions import _tex as tex, course_name, page_furniture
from .i18n import latex_cjk, say
from .plaintext import EMPHASIS, Resolver, UnknownTarget
from .quiz.model import correct_options, letter

logger = logging.getLogger(__name__)

MYTHS_DOC = "chapters/myths-and-facts"
PLAN_BASE = "chapters/class-plans"  # {doc} roles in the plans are relative to chapters/
DOCUMENT_CLASS = "courseprintable"


# ------------------------------------------------------------------ the document
def document(config, title: str, body: str) -> str:
    course = course_name(config)
    return "\n".join([
        r"\documentclass{%s}" % DOCUMENT_CLASS,
        latex_cjk(config),  # Chinese edition: xeCJK and its fonts (course.i18n)
        page_furniture(config),  # course name, date, address and the footer's words
        r"\renewcommand{\coursefooterlabel}{%s}" % tex(title),
        r"\hypersetup{pdftitle={%s},pdfauthor={%s},pdfsubject={%s (%s)},pdfcreator={%s}}"
        % (tex(title), tex(str(config.author or course)), tex(title), tex(course), tex(course)),
        r"\begin{document}",
        body,
        r"\end{document}",
        "",
    ])


def masthead(kicker: str, title: str) -> str:
    return r"\coursemasthead{%s}{%s}" % (tex(kicker), tex(title))


class Printer:
    """Text from the class plans as LaTeX: references resolved, then escaped; ``**bold**``
    and ``*emphasis*`` kept. ``where`` (a plan, session or slot) names the line of a bad
    reference."""

    def __init__(self, resolver: Resolver):
        self.resolver = resolver

    def __call__(self, text, where=None) -> str:
        try:
            words = self.resolver.text(text, PLAN_BASE, markup=True)
        except UnknownTarget as exc:
            line = getattr(where, "line", "")
            raise ClassPlanError(f"{PLAN_FILE}:{line}: {exc}; fix the reference in "
                                 f"“{' '.join(str(text).split())[:60]}”") from None
        return EMPHASIS.sub(lambda m: r"\textbf{%s}" % m.group(1) if m.group(1)
                            else r"\emph{%s}" % m.group(2), tex(words))


# ------------------------------------------------------------------ run sheets
COLUMNS = (r"\begin{tabularx}{\linewidth}{|>{\raggedright\arraybackslash}p{12mm}"
           r"|>{\raggedright\arraybackslash}X|>{\raggedright\arraybackslash}p{38mm}"
           r"|>{\raggedright\arraybackslash}p{50mm}|}\hline")


def run_sheet(plan: dict, text: Printer) -> str:
    pages = []
    for session in plan["sessions"]:
        rows = []
        for slot in session["slots"]:
            prompts = " ".join(f"“{text(p, slot)}”" for p in slot.get("prompts") or [])
            rows.append(rf"\textbf{{{slot['start']}--{slot['end']}}} & {text(slot['do'], slot)} & "
                        rf"{text(slot.get('show'), slot)} & {prompts}\\ \hline")
        said, noted = tex(say("Say:")), tex(say("Note:"))
        says = [rf"\item[\textbf{{{s['start']}--{s['end']}}}] "
                + (rf"\emph{{{said}}} {text(s['say'], s)} " if s.get("say") else "")
                + (rf"\emph{{{noted}}} {text(s['notes'], s)}" if s.get("notes") else "")
                for s in session["slots"] if s.get("say") or s.get("notes")]
        minutes = say("{minutes} minutes").format(minutes=session["minutes"])
        head = " & ".join(rf"\textbf{{{tex(w)}}}" for w in (
            say("Minutes"), say("What happens"), say("Show"), say("Discussion prompts")))
        page = [masthead(say("Run sheet"), plan["title"]),
                rf"\printablesection{{{text(session['title'], session)} ({tex(minutes)})}}",
                r"{\small\renewcommand{\arraystretch}{1.25}", COLUMNS,
                head + r"\\ \hline",
                *rows, r"\end{tabularx}}"]
        if says:
            if len(plan["sessions"]) == 1:
                page.append(r"\clearpage")  # the plan on the front, the words on the back
            words = tex(say("Words to say and notes"))
            page += [rf"\printablesection{{{words}}}",
                     r"{\footnotesize\begin{description}[itemsep=1pt,leftmargin=12mm,style=nextline]",
                     *says, r"\end{description}}"]
        pages.append("\n".join(page))
    return "\n\\clearpage\n".join(pages)


# ------------------------------------------------------------------ myth and fact cards
def _lead(node: nodes.Node) -> int | None:
    """Index of a paragraph's leading bold words ("**Myth:**"); MyST may put an empty text
    node before them."""
    if not isinstance(node, nodes.paragraph):
        return None
    for index, child in enumerate(node.children):
        if isinstance(child, nodes.Text) and not child.strip():
            continue
        return index if isinstance(child, nodes.strong) else None
    return None


def _starts(node: nodes.Node, word: str) -> bool:
    """The paragraph starts with bold ``word`` ("**Myth:**", "**误区**："), colon aside."""
    lead = _lead(node)
    return lead is not None and node[lead].astext().strip().rstrip(":：") == word


def myth_pairs(env, resolver: Resolver) -> list[tuple[str, str]]:
    """(myth, fact) of each "**Myth:**" paragraph followed by a "**Fact:**" paragraph of the
    myths lesson, in the edition's language and as readers see them (ledger numbers, terms
    and links in words; no citation numbers)."""
    doctree = env.get_doctree(MYTHS_DOC)
    myth, fact = say("Myth"), say("Fact")
    pairs = []
    for para in list(doctree.findall(nodes.paragraph)):
        siblings = para.parent.children
        after = siblings.index(para) + 1
        if not _starts(para, myth) or after >= len(siblings) or not _starts(siblings[after], fact):
            continue
        words = [resolver.nodes_text(p.children[_lead(p) + 1:], MYTHS_DOC).lstrip(":： ")
                 for p in (para, siblings[after])]
        pairs.append((words[0], words[1]))
    return pairs


# The English source decides which side each card shows, so every edition has the same cards.
SOURCE_PAIR = re.compile(r"^\*\*Myth:\*\*\s*(.+?)\n\s*\n\*\*Fact:\*\*\s*(.+?)(?:\n\s*\n|\Z)", re.S | re.M)
ROLE_WORDS = re.compile(r"\s*\{cite(?::\w+)?\}`[^`]*`|\{[\w:-]+\}`([^`<]*?)\s*(?:<[^>]*>)?`")
SENTENCE_END = re.compile(r"(?<=[.!?])\s+|(?<=[。！？])")
ASIDE = re.compile(r"^(See |Many people believe|In the US survey|参见|请参见|另见|见)")


def source_pairs(srcdir) -> list[tuple[str, str]]:
    """(myth, fact) of the English lesson's source, roles reduced to their words."""
    text = (Path(srcdir) / f"{MYTHS_DOC}.md").read_text(encoding="utf-8")
    words = lambda t: " ".join(ROLE_WORDS.sub(lambda m: m.group(1) or "", t).split())  # noqa: E731
    return [(words(m), words(f)) for m, f in SOURCE_PAIR.findall(text)]


def _sentences(text: str) -> list[str]:
    return [t.strip() for t in SENTENCE_END.split(text) if t.strip() and not ASIDE.match(t.strip())]


def card_plan(english: list[tuple[str, str]]) -> list[tuple[int, str, int]]:
    """(myth number, "Myth" or "Fact", sentences of evidence) for each card, shuffled: one
    card per myth, showing the myth or its fact (alternating), so that the sort cannot be
    done by pairing cards. Chosen from the English text."""
    plan = []
    for index, (_, fact) in enumerate(english):
        sentences = _sentences(fact)
        first = sentences[0] if sentences else ""
        # Evidence keeps its conditions: two sentences when the first is short or conditional.
        count = 2 if len(first.split()) < 8 or re.search(r"progesterone", " ".join(sentences[:2]), re.I) else 1
        if re.search(r"exercise", first, re.I):
            count = 3  # exercise advice always with its exceptions
        # A fact card must make sense on its own: otherwise the card shows the myth.
        standalone = (len(first.split()) >= 7 and not re.search(r"exercise|progesterone", first, re.I)
                      and not first.startswith(("Most people do", "In Europe", "Miscarriage is common")))
        plan.append((index, "Fact" if index % 2 == 0 and standalone else "Myth", count))
    random.Random("myth-fact-cards").shuffle(plan)
    return plan


def cards(pairs: list[tuple[str, str]], plan: list[tuple[int, str, int]],
          english: bool = True) -> list[tuple[str, str, str]]:
    """(kind, statement, evidence) for each card of ``plan``, in the words of ``pairs``.
    English evidence is shortened as planned; a translation keeps the whole fact (its
    sentences do not match the English one for one)."""
    found = []
    for index, kind, count in plan:
        myth, fact = pairs[index]
        sentences = _sentences(fact)
        if kind == "Fact":
            rest = sentences[1:3] if english else sentences[1:]
            found.append((kind, sentences[0], " ".join(rest) or say("This is what the evidence says.")))
        else:
            evidence = sentences[:count] if english else sentences
            found.append((kind, myth.strip('"“” '), " ".join(evidence)))
    return found


def card_deck(deck: list[tuple[str, str, str]]) -> str:
    boxes = []
    for number, (_, statement, _) in enumerate(deck, 1):
        card = tex(say("Card {number}").format(number=number))
        boxes.append(r"\begin{tcolorbox}[enhanced,height=50mm,valign=center,colback=white,"
                     r"colframe=courseteal,arc=2pt,boxrule=0.8pt,left=5pt,right=5pt]"
                     rf"{{\small\color{{courseteal}}\textbf{{{card}}}\par}}\vspace{{3pt}}"
                     rf"{{\raggedright\large {tex(statement)}\par}}\end{{tcolorbox}}")
    # Eight cards a page: two columns of four, cut along the frames.
    grid = [r"\begin{tcbraster}[raster columns=2,raster column skip=4mm,raster row skip=4mm]"
            + "\n".join(boxes[i:i + 8]) + r"\end{tcbraster}" for i in range(0, len(boxes), 8)]
    head = " & ".join(rf"\textbf{{{tex(w)}}}" for w in (say("Card"), say("Myth or fact?"), say("What the evidence says")))
    answers = [r"\begin{longtable}{|p{14mm}|p{16mm}|>{\raggedright\arraybackslash}p{138mm}|}\hline",
               head + r"\\ \hline\endhead"]
    kinds = {"Myth": tex(say("Myth")), "Fact": tex(say("Fact"))}
    for number, (kind, _, why) in enumerate(deck, 1):
        answers.append(rf"{number} & \textbf{{{kinds[kind]}}} & {tex(why)}\\ \hline")
    answers.append(r"\end{longtable}")
    intro = say("Cut out the cards. In small groups, people sort them into “myth” and “fact”. "
                "Then go through them together with the answer sheet. Keep it about the "
                "evidence, never about anyone's own story.")
    return (masthead(say("For the class"), say("Myth or fact? Sorting cards")) + "\n" + tex(intro) + "\n\n"
            + "\n\\clearpage\n".join(grid) + "\n\\clearpage\n"
            + masthead(say("For the instructor"), say("Myth or fact? Answer sheet")) + "\n"
            + "\n".join(answers))


def myth_cards(env, resolver: Resolver) -> str:
    """The cards of the edition: sides chosen from the English source, words from the
    lesson as this edition shows it."""
    english = source_pairs(env.srcdir)
    pairs = myth_pairs(env, resolver)
    if not english or len(pairs) != len(english):
        raise ClassPlanError(
            f"{MYTHS_DOC}.md: found {len(english)} “**Myth:**” paragraphs each followed by a "
            f"“**Fact:**” paragraph in the source, but {len(pairs)} in the "
            f"{env.config.language or 'en'} edition; keep each myth and its fact as two "
            f"paragraphs that start with those bold words (translated as in sphinx.po)")
    return card_deck(cards(pairs, card_plan(english), english=(env.config.language or "en") == "en"))


# ------------------------------------------------------------------ quiz answer grid
def answer_rows(env) -> list[tuple[str, list[str]]]:
    """(heading, ["1A", "2C", …]) for each quiz bank, headed and numbered as on the
    worksheets (numbers start again for each bank)."""
    from .quiz import grouped  # late import: the quiz package imports this package's modules

    rows = []
    for heading, banks in grouped(env):
        for bank in banks:
            rows.append((heading, [str(number) + ",".join(letter(q["options"].index(o))
                                                          for o in correct_options(q))
                                   for number, q in enumerate(bank["questions"], 1)]))
    return rows


def answer_grid(env) -> str:
    head = " & ".join(rf"\textbf{{{tex(w)}}}" for w in (say("Quiz"), say("Answers")))
    out = [masthead(say("For the instructor"), say("Quiz answer grid")),
           tex(say("The letters match the worksheets and the answer key. Question numbers start "
                   "again for each quiz.")) + "\n",
           r"{\small\begin{tabularx}{\linewidth}{|>{\raggedright\arraybackslash}p{58mm}|>{\raggedright\arraybackslash}X|}\hline",
           head + r"\\ \hline"]
    for heading, answers in answer_rows(env):
        marks = [re.sub(r"^(\d+)", r"\\textbf{\1}\\,", a) for a in answers]
        out.append(rf"{tex(heading)} & " + r" \enspace ".join(rf"\mbox{{{m}}}" for m in marks)
                   + r"\\ \hline")
    out.append(r"\end{tabularx}}")
    return "\n".join(out)


# ------------------------------------------------------------------ forms
def _line(label: str, width: str) -> str:
    return rf"{tex(label)} \rule{{{width}}}{{0.4pt}}"


def sign_in_sheet() -> str:
    rows = "\n".join(r" & & \\[7mm] \hline" for _ in range(15))
    head = " & ".join(rf"\textbf{{{tex(w)}}}" for w in (
        say("First name"), say("Email or phone (optional)"), say("Send the handout?")))
    return (masthead(say("For the room"), say("Sign-in sheet")) + "\n"
            + _line(say("Date:"), "40mm") + r"\hfill " + _line(say("Class:"), "80mm") + "\n\n"
            + tex(say("Please write your first name. Your contact details are optional: give "
                      "them only if you would like the class handout sent to you. This sheet is "
                      "kept private, only until the handout is sent, and then destroyed.")) + "\n\n"
            r"\renewcommand{\arraystretch}{1.2}\begin{tabularx}{\linewidth}{|p{55mm}|X|p{35mm}|}\hline"
            + head + r"\\ \hline" + "\n" + rows + r"\end{tabularx}")


def evaluation_form() -> str:
    scale = r"\quad ".join(rf"\coursetickbox\ {n}" for n in range(1, 6))
    questions = [
        say("How useful was this class for you? (1 = not at all, 5 = very)"),
        say("Did you feel safe and respected in the room? (1 = not at all, 5 = fully)"),
        say("Was the information clear? (1 = not at all, 5 = very)"),
    ]
    open_questions = [say("What helped you most?"), say("What should we change?"),
                      say("Is there a topic you missed?"), say("Anything else you would like to tell us?")]
    body = [masthead(say("For the room"), say("Class evaluation (anonymous)")),
            tex(say("Please do not write your name. Your answers help us improve the class. "
                    "Thank you.")) + "\n"]
    for q in questions:
        body.append(rf"\printablesection{{{tex(q)}}}" + "\n" + scale + "\n")
    for q in open_questions:
        body.append(rf"\printablesection{{{tex(q)}}}" + "\n" + r"\vspace{26mm}" + "\n")
    recommend = tex(say("Would you recommend this class to a friend?"))
    body.append(rf"\printablesection{{{recommend}}}" "\n"
                + r"\quad ".join(rf"\coursetickbox\ {tex(w)}" for w in (say("Yes"), say("Maybe"), say("No"))) + "\n")
    return "\n".join(body)


def contacts_slip() -> str:
    lines = [say("My early pregnancy unit"), say("Phone and opening hours"),
             say("My midwife or family doctor"), say("Phone"),
             say("Maternity unit (later in pregnancy)"), say("Phone"),
             say("Emergency number where I live"), say("A pregnancy-loss support organisation"),
             say("A crisis line")]
    colon = say(": ")
    mine = tex(say("My contacts"))
    urgent = tex(say("If you bleed heavily, have severe pain, feel faint or have thoughts of harming "
                     "yourself, call your emergency number now."))
    slip = (r"\begin{tcolorbox}[enhanced,colback=coursetealbg,colframe=courseteal,arc=1pt,left=6pt,right=6pt]"
            rf"{{\large\bfseries\color{{courseteal}}{mine}\par}}\vspace{{2pt}}"
            + "".join(rf"\coursefillin{{{tex(line + colon)}}}\vspace{{1pt}}" for line in lines)
            + rf"\medskip{{\small {urgent}\par}}\end{{tcolorbox}}")
    return (masthead(say("For the room"), say("Local contacts slip")) + "\n"
            + tex(say("Fill in the local numbers before the class, then cut out one slip for each person."))
            + "\n\n" + "\n\\vspace{4mm}\n".join([slip] * 2))


def room_items() -> dict[str, list[str]]:
    """The room checklist: heading -> things to do, in the edition's language."""
    return {
        say("A week before"): [
            say("Read the lessons and the class plan; try the quizzes"),
            say("Book a room with a quiet space nearby, step-free access and seats near the door"),
            say("Brief the second facilitator on their role (see the instructor guide)"),
            say("Fill in the local contacts slip: early pregnancy unit, maternity unit, support "
                "organisation, crisis line")],
        say("Printing"): [
            say("Class handout: one per person"), say("Local contacts slip: one per person"),
            say("Myth or fact cards: one set per group, cut out; answer sheet for you"),
            say("Sign-in sheet and evaluation forms"), say("Worksheets to take home (optional)"),
            say("Run sheet and quiz answer grid for you")],
        say("In the room"): [
            say("Projector and screen tested with the figures you will show"),
            say("Ground rules written where everyone can see them"), say("Tissues and water"),
            say("Clock you can see; phone on silent"),
            say("Know the way to the nearest emergency department and how to call for help")],
        say("After the class"): [
            say("Stay 20 minutes for anyone who wants to talk"),
            say("Debrief with the second facilitator"),
            say("Send the handout to those who asked, then destroy the sign-in sheet")],
    }


def room_checklist() -> str:
    body = [masthead(say("For the instructor"), say("Room and equipment checklist"))]
    for heading, items in room_items().items():
        body.append(rf"\printablesection{{{tex(heading)}}}")
        body.append(r"\begin{itemize}[label=\coursetickbox,leftmargin=1.6em]"
                    + "".join(rf"\item {tex(item)}" for item in items) + r"\end{itemize}")
    return "\n".join(body)


# ------------------------------------------------------------------ writing
def printables(app: Sphinx) -> list[tuple[str, str, str]]:
    """(file stem, title, LaTeX body) of every printable."""
    env = app.env
    resolver = Resolver.from_env(env)
    text = Printer(resolver)
    out = []
    # A book without class plans or a myths lesson (a test book) has no run sheets or cards.
    for plan in edition_plans(env, required=False):
        out.append((f"run-sheet-{plan['id']}", say("Run sheet: {title}").format(title=plan["title"]),
                    run_sheet(plan, text)))
    if MYTHS_DOC in env.found_docs:
        out.append(("myth-fact-cards", say("Myth or fact cards"), myth_cards(env, resolver)))
    out += [
        ("quiz-answer-grid", say("Quiz answer grid"), answer_grid(env)),
        ("sign-in-sheet", say("Sign-in sheet"), sign_in_sheet()),
        ("evaluation-form", say("Class evaluation"), evaluation_form()),
        ("local-contacts-slip", say("Local contacts slip"), contacts_slip()),
        ("room-checklist", say("Room and equipment checklist"), room_checklist()),
    ]
    return out


def write(app: Sphinx, exception) -> None:
    """One ``.tex`` per printable in the LaTeX output folder, compiled by ``make all-pdf``."""
    if exception is not None or app.builder.name != "latex":
        return
    outdir = Path(app.outdir)
    made = []
    for stem, title, body in printables(app):
        path = outdir / f"{stem}.tex"
        made.append(path.name)
        text = document(app.config, title, body)
        # Unchanged files keep their date, so latexmk does not compile them again.
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
    logger.info("class printables: " + ", ".join(made))


def setup(app: Sphinx) -> dict:
    app.connect("build-finished", write)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
