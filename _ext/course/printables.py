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

from .classplan import PLAN_FILE, ClassPlanError, load_plans
from .editions import _tex as tex, course_name
from .i18n import latex_cjk
from .plaintext import EMPHASIS, Resolver, UnknownTarget
from .quiz.model import correct_options, letter

logger = logging.getLogger(__name__)

MYTHS_DOC = "chapters/myths-and-facts"
PLAN_BASE = "chapters/class-plans"  # {doc} roles in the plans are relative to chapters/
DOCUMENT_CLASS = "courseprintable"


# ------------------------------------------------------------------ the document
def document(config, title: str, body: str) -> str:
    subs = config.myst_substitutions or {}
    address = str(subs.get("course_address", "") or "").strip()
    course = course_name(config)
    return "\n".join([
        r"\documentclass{%s}" % DOCUMENT_CLASS,
        latex_cjk(config),  # Chinese edition: xeCJK and its fonts (course.i18n)
        r"\newcommand{\coursename}{%s}" % tex(course),
        r"\newcommand{\coursereviewed}{%s}" % tex(str(subs.get("last_reviewed", ""))),
        r"\newcommand{\courseaddress}{%s}" % (r"\url{%s}" % address if address else ""),
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
        says = [rf"\item[\textbf{{{s['start']}--{s['end']}}}] "
                + (rf"\emph{{Say:}} {text(s['say'], s)} " if s.get("say") else "")
                + (rf"\emph{{Note:}} {text(s['notes'], s)}" if s.get("notes") else "")
                for s in session["slots"] if s.get("say") or s.get("notes")]
        page = [masthead("Run sheet", plan["title"]),
                rf"\printablesection{{{text(session['title'], session)} ({session['minutes']} minutes)}}",
                r"{\small\renewcommand{\arraystretch}{1.25}", COLUMNS,
                r"\textbf{Minutes} & \textbf{What happens} & \textbf{Show} & "
                r"\textbf{Discussion prompts}\\ \hline",
                *rows, r"\end{tabularx}}"]
        if says:
            if len(plan["sessions"]) == 1:
                page.append(r"\clearpage")  # the plan on the front, the words on the back
            page += [r"\printablesection{Words to say and notes}",
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
    lead = _lead(node)
    return lead is not None and node[lead].astext().strip() == word


def myth_pairs(env, resolver: Resolver) -> list[tuple[str, str]]:
    """(myth, fact) of each "**Myth:**" paragraph followed by a "**Fact:**" paragraph of the
    myths lesson, as readers see them (ledger numbers, terms and links in words; no
    citation numbers)."""
    doctree = env.get_doctree(MYTHS_DOC)
    pairs = []
    for para in list(doctree.findall(nodes.paragraph)):
        siblings = para.parent.children
        after = siblings.index(para) + 1
        if not _starts(para, "Myth:") or after >= len(siblings) or not _starts(siblings[after], "Fact:"):
            continue
        words = [resolver.nodes_text(p.children[_lead(p) + 1:], MYTHS_DOC) for p in (para, siblings[after])]
        pairs.append((words[0], words[1]))
    return pairs


def cards(pairs: list[tuple[str, str]]) -> list[tuple[str, str, str]]:
    """(kind, statement, evidence) for each card: one card per myth of the lesson, showing
    either the myth or its fact (alternating), so the sort cannot be done by pairing cards."""
    found = []
    for index, (myth, fact) in enumerate(pairs):
        myth = myth.strip('"“” ')
        sentences = [s for s in re.split(r"(?<=[.!?])\s+", fact)
                     if not re.match(r"See |Many people believe|In the US survey", s)]
        first = sentences[0] if sentences else ""
        # Evidence keeps its conditions: two sentences when the first is short or conditional.
        evidence = " ".join(sentences[:2]) if len(first.split()) < 8 or re.search(
            r"progesterone", " ".join(sentences[:2]), re.I) else first
        if re.search(r"exercise", first, re.I):
            evidence = " ".join(sentences[:3])  # exercise advice always with its exceptions
        # A fact card must make sense on its own: otherwise the card shows the myth.
        standalone = (len(first.split()) >= 7 and not re.search(r"exercise|progesterone", first, re.I)
                      and not first.startswith(("Most people do", "In Europe", "Miscarriage is common")))
        if index % 2 == 0 and standalone:
            found.append(("Fact", first, " ".join(sentences[1:3]) or "This is what the evidence says."))
        else:
            found.append(("Myth", myth, evidence))
    random.Random("myth-fact-cards").shuffle(found)
    return found


def card_deck(deck: list[tuple[str, str, str]]) -> str:
    boxes = []
    for number, (_, statement, _) in enumerate(deck, 1):
        boxes.append(r"\begin{tcolorbox}[enhanced,height=50mm,valign=center,colback=white,"
                     r"colframe=courseteal,arc=2pt,boxrule=0.8pt,left=5pt,right=5pt]"
                     rf"{{\small\color{{courseteal}}\textbf{{Card {number}}}\par}}\vspace{{3pt}}"
                     rf"{{\raggedright\large {tex(statement)}\par}}\end{{tcolorbox}}")
    # Eight cards a page: two columns of four, cut along the frames.
    grid = [r"\begin{tcbraster}[raster columns=2,raster column skip=4mm,raster row skip=4mm]"
            + "\n".join(boxes[i:i + 8]) + r"\end{tcbraster}" for i in range(0, len(boxes), 8)]
    answers = [r"\begin{longtable}{|p{14mm}|p{14mm}|>{\raggedright\arraybackslash}p{140mm}|}\hline",
               r"\textbf{Card} & \textbf{Myth or fact?} & \textbf{What the evidence says}\\ \hline\endhead"]
    for number, (kind, _, why) in enumerate(deck, 1):
        answers.append(rf"{number} & \textbf{{{kind}}} & {tex(why)}\\ \hline")
    answers.append(r"\end{longtable}")
    intro = ("Cut out the cards. In small groups, people sort them into “myth” and “fact”. Then go "
             "through them together with the answer sheet. Keep it about the evidence, never about "
             "anyone's own story.\n\n")
    return (masthead("For the class", "Myth or fact? Sorting cards") + "\n" + intro
            + "\n\\clearpage\n".join(grid) + "\n\\clearpage\n"
            + masthead("For the instructor", "Myth or fact? Answer sheet") + "\n" + "\n".join(answers))


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
    out = [masthead("For the instructor", "Quiz answer grid"),
           "The letters match the worksheets and the answer key. Question numbers start again for "
           "each quiz.\n",
           r"{\small\begin{tabularx}{\linewidth}{|>{\raggedright\arraybackslash}p{58mm}|>{\raggedright\arraybackslash}X|}\hline",
           r"\textbf{Quiz} & \textbf{Answers}\\ \hline"]
    for heading, answers in answer_rows(env):
        marks = [re.sub(r"^(\d+)", r"\\textbf{\1}\\,", a) for a in answers]
        out.append(rf"{tex(heading)} & " + r" \enspace ".join(rf"\mbox{{{m}}}" for m in marks)
                   + r"\\ \hline")
    out.append(r"\end{tabularx}}")
    return "\n".join(out)


# ------------------------------------------------------------------ forms
def sign_in_sheet() -> str:
    rows = "\n".join(r" & & \\[7mm] \hline" for _ in range(15))
    return (masthead("For the room", "Sign-in sheet") + "\n"
            "Date: \\rule{40mm}{0.4pt}\\hfill Class: \\rule{80mm}{0.4pt}\n\n"
            "Please write your first name. Your contact details are optional: give them only if you "
            "would like the class handout sent to you. This sheet is kept private, only until the "
            "handout is sent, and then destroyed.\n\n"
            r"\renewcommand{\arraystretch}{1.2}\begin{tabularx}{\linewidth}{|p{55mm}|X|p{35mm}|}\hline"
            r"\textbf{First name} & \textbf{Email or phone (optional)} & \textbf{Send the handout?}\\ \hline"
            + "\n" + rows + r"\end{tabularx}")


def evaluation_form() -> str:
    scale = r"\quad ".join(rf"\coursetickbox\ {n}" for n in range(1, 6))
    questions = [
        "How useful was this class for you? (1 = not at all, 5 = very)",
        "Did you feel safe and respected in the room? (1 = not at all, 5 = fully)",
        "Was the information clear? (1 = not at all, 5 = very)",
    ]
    open_questions = ["What helped you most?", "What should we change?",
                      "Is there a topic you missed?", "Anything else you would like to tell us?"]
    body = [masthead("For the room", "Class evaluation (anonymous)"),
            "Please do not write your name. Your answers help us improve the class. Thank you.\n"]
    for q in questions:
        body.append(rf"\printablesection{{{tex(q)}}}" + "\n" + scale + "\n")
    for q in open_questions:
        body.append(rf"\printablesection{{{tex(q)}}}" + "\n" + r"\vspace{26mm}" + "\n")
    body.append(r"\printablesection{Would you recommend this class to a friend?}" "\n"
                r"\coursetickbox\ Yes\quad \coursetickbox\ Maybe\quad \coursetickbox\ No" "\n")
    return "\n".join(body)


def contacts_slip() -> str:
    lines = ["My early pregnancy unit", "Phone and opening hours", "My midwife or family doctor",
             "Phone", "Maternity unit (later in pregnancy)", "Phone", "Emergency number where I live",
             "A pregnancy-loss support organisation", "A crisis line"]
    slip = (r"\begin{tcolorbox}[enhanced,colback=coursetealbg,colframe=courseteal,arc=1pt,left=6pt,right=6pt]"
            r"{\large\bfseries\color{courseteal}My contacts\par}\vspace{2pt}"
            + "".join(rf"\coursefillin{{{tex(line)}: }}\vspace{{1pt}}" for line in lines)
            + r"\medskip{\small If you bleed heavily, have severe pain, feel faint or have thoughts of "
              r"harming yourself, call your emergency number now.\par}\end{tcolorbox}")
    return (masthead("For the room", "Local contacts slip") + "\n"
            "Fill in the local numbers before the class, then cut out one slip for each person.\n\n"
            + "\n\\vspace{4mm}\n".join([slip] * 2))


ROOM_CHECKLIST = {
    "A week before": ["Read the lessons and the class plan; try the quizzes",
                      "Book a room with a quiet space nearby, step-free access and seats near the door",
                      "Brief the second facilitator on their role (see the instructor guide)",
                      "Fill in the local contacts slip: early pregnancy unit, maternity unit, support "
                      "organisation, crisis line"],
    "Printing": ["Class handout: one per person", "Local contacts slip: one per person",
                 "Myth or fact cards: one set per group, cut out; answer sheet for you",
                 "Sign-in sheet and evaluation forms", "Worksheets to take home (optional)",
                 "Run sheet and quiz answer grid for you"],
    "In the room": ["Projector and screen tested with the figures you will show",
                    "Ground rules written where everyone can see them", "Tissues and water",
                    "Clock you can see; phone on silent", "Know the way to the nearest emergency "
                    "department and how to call for help"],
    "After the class": ["Stay 20 minutes for anyone who wants to talk",
                        "Debrief with the second facilitator",
                        "Send the handout to those who asked, then destroy the sign-in sheet"],
}


def room_checklist() -> str:
    body = [masthead("For the instructor", "Room and equipment checklist")]
    for heading, items in ROOM_CHECKLIST.items():
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
    for plan in load_plans(Path(env.srcdir) / PLAN_FILE):
        out.append((f"run-sheet-{plan['id']}", f"Run sheet: {plan['title']}", run_sheet(plan, text)))
    out += [
        ("myth-fact-cards", "Myth or fact cards", card_deck(cards(myth_pairs(env, resolver)))),
        ("quiz-answer-grid", "Quiz answer grid", answer_grid(env)),
        ("sign-in-sheet", "Sign-in sheet", sign_in_sheet()),
        ("evaluation-form", "Class evaluation", evaluation_form()),
        ("local-contacts-slip", "Local contacts slip", contacts_slip()),
        ("room-checklist", "Room and equipment checklist", room_checklist()),
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
