"""Print-ready class materials, built from the course's own sources.

- ``run-sheet-plan-a.pdf``, ``run-sheet-plan-b.pdf``: each session of a plan on its own page,
  from ``chapters/class-plans.yml`` (the file the instructor guide shows).
- ``myth-fact-cards.pdf``: cards cut from the myths lesson (each myth, and each fact's first
  sentence), shuffled the same way every build, with an answer sheet.
- ``quiz-answer-grid.pdf``: every quiz answer letter on one page, numbered as on the worksheets.
- ``sign-in-sheet.pdf``, ``evaluation-form.pdf``, ``local-contacts-slip.pdf``,
  ``room-checklist.pdf``: forms for the room.

Figure references are printed as the book numbers them ("Fig. 1.4"), read from the built
website, so run this after the HTML build.
"""

from __future__ import annotations

import random
import re
import sys
from pathlib import Path

from bs4 import BeautifulSoup

sys.path.insert(0, str(Path(__file__).resolve().parent))
from mdlatex import ROOT, Converter, config, escape  # noqa: E402
from texbuild import base_packages, run_xelatex  # noqa: E402
import worksheets  # noqa: E402

sys.path.insert(0, str(ROOT / "_ext"))
from course.classplan import PLAN_FILE, load_plans  # noqa: E402
from course.quiz.model import letter  # noqa: E402

MYTHS = ROOT / "chapters" / "myths-and-facts.md"

PREAMBLE = "\n" + base_packages("left=15mm,right=15mm,top=15mm,bottom=22mm,footskip=9mm") + r"""\usepackage{array,tabularx,longtable}
\usepackage[most]{tcolorbox}
\usepackage{fancyhdr}
\usepackage{lastpage}
\usepackage{hyperref}
\hypersetup{colorlinks=true,linkcolor=black,urlcolor=courseteal,pdftitle={@TITLE@},
  pdfauthor={@AUTHOR@},pdfsubject={@TITLE@ (@COURSE@)},pdflang={en-GB},pdfcreator={@COURSE@}}
\setlength{\parindent}{0pt}
\setlength{\parskip}{4pt}
\raggedright
\pagestyle{fancy}
\fancyhf{}
\renewcommand{\headrulewidth}{0pt}
\fancyfoot[L]{\small\color{black!70}@COURSE@ \textbullet\ @TITLE@}
\fancyfoot[R]{\small\color{black!70}Page \thepage\ of \pageref{LastPage}}
\newcommand{\src}[1]{}
\newcommand{\tickbox}{\raisebox{-0.1ex}{\setlength{\fboxsep}{0pt}\fbox{\rule{0pt}{0.75em}\hspace{0.75em}}}}
\newcommand{\fillin}[1]{\rule{#1}{0.4pt}}
\newcommand{\sheettitle}[1]{\begin{tcolorbox}[enhanced,colback=courseteal,colframe=courseteal,arc=1pt,
  left=6pt,right=6pt,top=4pt,bottom=4pt]\color{white}{\fontsize{17}{20}\selectfont\bfseries #1\par}
  \end{tcolorbox}}
\newcommand{\sheetsection}[1]{\par\vspace{4pt}{\large\bfseries\color{courseteal}#1\par}\vspace{2pt}}
\begin{document}
"""


def document(title: str, body: str) -> str:
    course = config()["title"]
    head = PREAMBLE
    for key, value in {"@TITLE@": escape(title), "@AUTHOR@": escape(config().get("author", course)),
                       "@COURSE@": escape(course)}.items():
        head = head.replace(key, value)
    return head + body + "\n\\end{document}\n"


# ------------------------------------------------------------------ book numbers and titles
def figure_numbers(html: Path) -> dict[str, str]:
    """Figure label -> "Fig. 1.4", as the built website numbers them."""
    numbers = {}
    for page in sorted((html / "chapters").glob("*.html")):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for figure in soup.select("figure[id]"):
            number = figure.select_one(".caption-number")
            if number:
                numbers[figure["id"]] = number.get_text(strip=True)
    return numbers


class Text:
    """Class-plan text with its roles made printable: figure numbers and page titles."""

    def __init__(self, html: Path):
        self.figures = figure_numbers(html)
        self.sections = worksheets.section_titles()
        self.convert = Converter()

    def __call__(self, text: str) -> str:
        def numref(match):
            label = match.group(1)
            if label not in self.figures:
                raise ValueError(f"{PLAN_FILE}: no figure `{label}` in the built book")
            return self.figures[label]

        text = re.sub(r"\{numref\}`([\w-]+)`", numref, str(text or ""))
        text = re.sub(r"\{doc\}`([\w-]+)`", lambda m: worksheets.page_title(f"chapters/{m.group(1)}"), text)
        text = re.sub(r"\{ref\}`([\w-]+)`", lambda m: self.sections.get(m.group(1), m.group(1)), text)
        return self.convert.inline(" ".join(text.split()))


# ------------------------------------------------------------------ run sheets
def run_sheet(plan: dict, text: Text) -> str:
    pages = []
    for session in plan["sessions"]:
        rows = []
        for slot in session["slots"]:
            prompts = " ".join(f"``{text(p)}''" for p in slot.get("prompts") or [])
            rows.append(rf"\textbf{{{slot['start']}--{slot['end']}}} & {text(slot['do'])} & "
                        rf"{text(slot.get('show'))} & {prompts}\\ \hline")
        says = [rf"\item[\textbf{{{s['start']}--{s['end']}}}] "
                + (rf"\emph{{Say:}} {text(s['say'])} " if s.get("say") else "")
                + (rf"\emph{{Note:}} {text(s['notes'])}" if s.get("notes") else "")
                for s in session["slots"] if s.get("say") or s.get("notes")]
        page = [rf"\sheettitle{{{escape(plan['title'])}}}",
                rf"\sheetsection{{{escape(session['title'])} ({session['minutes']} minutes)}}",
                r"{\small\renewcommand{\arraystretch}{1.25}",
                r"\begin{tabularx}{\linewidth}{|>{\raggedright\arraybackslash}p{12mm}|>{\raggedright\arraybackslash}X|"
                r">{\raggedright\arraybackslash}p{38mm}|>{\raggedright\arraybackslash}p{50mm}|}\hline",
                r"\textbf{Minutes} & \textbf{What happens} & \textbf{Show} & \textbf{Discussion prompts}\\ \hline",
                *rows, r"\end{tabularx}}"]
        if says:
            if len(plan["sessions"]) == 1:
                page.append(r"\clearpage")  # the plan on the front, the words on the back
            page += [r"\sheetsection{Words to say and notes}",
                     r"{\footnotesize\begin{description}[itemsep=1pt,leftmargin=12mm,style=nextline]",
                     *says, r"\end{description}}"]
        pages.append("\n".join(page))
    return "\n\\clearpage\n".join(pages)


# ------------------------------------------------------------------ myth and fact cards
def _plain(text: str) -> str:
    text = re.sub(r"\s*\{cite:[pt]\}`[^`]*`", "", text)
    return " ".join(text.split()).strip()


def cards() -> list[tuple[str, str, str]]:
    """(kind, statement, evidence) for each card: one card per myth of the lesson, showing
    either the myth or its fact (alternating), so the sort cannot be done by pairing cards."""
    source = MYTHS.read_text(encoding="utf-8")
    found = []
    pairs = re.findall(r"\*\*Myth:\*\*\s*(.+?)\n\n\*\*Fact:\*\*\s*(.+?)(?:\n\n|\Z)", source, re.S)
    for index, (myth, fact) in enumerate(pairs):
        myth = _plain(myth).strip('"“” ')
        sentences = [s for s in re.split(r"(?<=[.!?])\s+", _plain(fact))
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


def card_deck(convert: Converter) -> str:
    deck = cards()
    boxes = []
    for number, (_, statement, _) in enumerate(deck, 1):
        boxes.append(r"\begin{tcolorbox}[enhanced,height=54mm,valign=center,colback=white,colframe=courseteal,"
                     r"arc=2pt,boxrule=0.8pt,left=5pt,right=5pt]"
                     rf"{{\small\color{{courseteal}}\textbf{{Card {number}}}\par}}\vspace{{3pt}}"
                     rf"{{\raggedright\large {convert.inline(statement)}\par}}\end{{tcolorbox}}")
    # Eight cards a page: two columns of four, cut along the frames.
    grid = [r"\begin{tcbraster}[raster columns=2,raster column skip=4mm,raster row skip=4mm]"
            + "\n".join(boxes[i:i + 8]) + r"\end{tcbraster}" for i in range(0, len(boxes), 8)]
    answers = [r"\begin{longtable}{|p{14mm}|p{14mm}|p{140mm}|}\hline",
               r"\textbf{Card} & \textbf{Myth or fact?} & \textbf{What the evidence says}\\ \hline\endhead"]
    for number, (kind, statement, why) in enumerate(deck, 1):
        answers.append(rf"{number} & \textbf{{{kind}}} & {convert.inline(why)}\\ \hline")
    answers.append(r"\end{longtable}")
    intro = (r"\sheettitle{Myth or fact? Sorting cards}" "\n"
             "Cut out the cards. In small groups, people sort them into ``myth'' and ``fact''. Then go "
             "through them together with the answer sheet. Keep it about the evidence, never about "
             "anyone's own story.\n\n")
    return (intro + "\n\\clearpage\n".join(grid) + "\n\\clearpage\n"
            + r"\sheettitle{Myth or fact? Answer sheet}" + "\n" + "\n".join(answers))


# ------------------------------------------------------------------ quiz answer grid
def answer_grid() -> str:
    out = [r"\sheettitle{Quiz answer grid}",
           "The letters match the worksheets and the answer key. Question numbers start again for "
           "each quiz.\n",
           r"{\small\begin{tabularx}{\linewidth}{|p{58mm}|X|}\hline",
           r"\textbf{Quiz} & \textbf{Answers}\\ \hline"]
    for bank in worksheets.banks():
        answers = []
        for number, q in enumerate(bank.questions, 1):
            right = ",".join(letter(i) for i, o in enumerate(q["options"]) if o["correct"])
            answers.append(rf"\mbox{{\textbf{{{number}}}\,{right}}}")
        out.append(rf"{escape(bank.heading)} & " + r" \enspace ".join(answers) + r"\\ \hline")
    out.append(r"\end{tabularx}}")
    return "\n".join(out)


# ------------------------------------------------------------------ forms
def sign_in_sheet() -> str:
    rows = "\n".join(r" & & \\[7mm] \hline" for _ in range(15))
    return (r"\sheettitle{Sign-in sheet}" "\n"
            "Date: \\fillin{40mm}\\hfill Class: \\fillin{80mm}\n\n"
            "Please write your first name. Your contact details are optional: give them only if you "
            "would like the class handout sent to you. This sheet is kept private, only until the "
            "handout is sent, and then destroyed.\n\n"
            r"\renewcommand{\arraystretch}{1.2}\begin{tabularx}{\linewidth}{|p{55mm}|X|p{35mm}|}\hline"
            r"\textbf{First name} & \textbf{Email or phone (optional)} & \textbf{Send the handout?}\\ \hline"
            + "\n" + rows + r"\end{tabularx}")


def evaluation_form() -> str:
    scale = r"\quad ".join(rf"\tickbox\ {n}" for n in range(1, 6))
    questions = [
        "How useful was this class for you? (1 = not at all, 5 = very)",
        "Did you feel safe and respected in the room? (1 = not at all, 5 = fully)",
        "Was the information clear? (1 = not at all, 5 = very)",
    ]
    open_questions = ["What helped you most?", "What should we change?",
                      "Is there a topic you missed?", "Anything else you would like to tell us?"]
    body = [r"\sheettitle{Class evaluation (anonymous)}",
            "Please do not write your name. Your answers help us improve the class. Thank you.\n"]
    for q in questions:
        body.append(rf"\sheetsection{{{escape(q)}}}" + "\n" + scale + "\n")
    for q in open_questions:
        body.append(rf"\sheetsection{{{escape(q)}}}" + "\n" + r"\vspace{26mm}" + "\n")
    body.append(r"\sheetsection{Would you recommend this class to a friend?}" "\n"
                r"\tickbox\ Yes\quad \tickbox\ Maybe\quad \tickbox\ No" "\n")
    return "\n".join(body)


def contacts_slip() -> str:
    lines = ["My early pregnancy unit", "Phone and opening hours", "My midwife or family doctor",
             "Phone", "Maternity unit (later in pregnancy)", "Phone", "Emergency number where I live",
             "A pregnancy-loss support organisation", "A crisis line"]
    slip = (r"\begin{tcolorbox}[enhanced,colback=coursetealbg,colframe=courseteal,arc=1pt,left=6pt,right=6pt]"
            r"{\large\bfseries\color{courseteal}My contacts\par}\vspace{2pt}"
            + "".join(rf"{escape(line)}: \hrulefill\par\vspace{{3pt}}" for line in lines)
            + r"{\small If you bleed heavily, have severe pain, feel faint or have thoughts of harming "
              r"yourself, call your emergency number now.\par}\end{tcolorbox}")
    return (r"\sheettitle{Local contacts slip}" "\n"
            "Fill in the local numbers before the class, then cut out one slip for each person.\n\n"
            + "\n\\vspace{4mm}\n".join([slip] * 2))


def room_checklist() -> str:
    groups = {
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
    body = [r"\sheettitle{Room and equipment checklist}"]
    for heading, items in groups.items():
        body.append(rf"\sheetsection{{{escape(heading)}}}")
        body.append(r"\begin{itemize}[label=\tickbox,leftmargin=1.6em]"
                    + "".join(rf"\item {escape(item)}" for item in items) + r"\end{itemize}")
    return "\n".join(body)


# ------------------------------------------------------------------ build
def build(outdir: Path, html: Path) -> list[Path]:
    outdir = Path(outdir)
    text = Text(html)
    made = []
    for plan in load_plans(ROOT / PLAN_FILE):
        name = f"run-sheet-{plan['id']}"
        made.append(run_xelatex(document(f"Run sheet: {plan['title']}", run_sheet(plan, text)), outdir, name))
    convert = Converter()
    for name, title, body in [
        ("myth-fact-cards", "Myth or fact cards", card_deck(convert)),
        ("quiz-answer-grid", "Quiz answer grid", answer_grid()),
        ("sign-in-sheet", "Sign-in sheet", sign_in_sheet()),
        ("evaluation-form", "Class evaluation", evaluation_form()),
        ("local-contacts-slip", "Local contacts slip", contacts_slip()),
        ("room-checklist", "Room and equipment checklist", room_checklist()),
    ]:
        made.append(run_xelatex(document(title, body), outdir, name))
    return made


if __name__ == "__main__":
    for path in build(ROOT / "_build" / "pdf", ROOT / "_build" / "html"):
        print(path)
