"""Build the student worksheets and the instructor answer key from the quiz banks.

Every ``{quiz}`` directive in the pages of ``_toc.yml`` (in reading order) names a YAML
bank in ``chapters/quizzes/``; banks no page uses yet are added at the end. Banks are read
and checked by the quiz extension's own reader (``_ext/course/quiz/model.py``). The
lessons' quiz sections in the book and lesson PDFs are the extension's LaTeX; these two
PDFs are laid out for a class instead (one lesson per page, a name line, round boxes for
one answer and square boxes for several, every option's feedback in the key):

- ``worksheets.pdf``: every question with tick boxes, no answers and no feedback;
- ``answer-key.pdf``: every question with its correct answer(s) marked, the feedback
  for each option, and the lesson section that teaches it.

    python scripts/worksheets.py OUTDIR
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))

from mdlatex import ROOT, Converter, config, escape  # noqa: E402
from texbuild import base_packages, run_xelatex  # noqa: E402

# The quiz extension's own bank reader and hints, so print and web agree on every question.
sys.path.insert(0, str(ROOT / "_ext"))
try:
    from course.quiz.model import HINTS as QUIZ_HINTS  # noqa: E402
    from course.quiz.model import QuizError, load_bank  # noqa: E402
except Exception:  # the extension is not importable: read the YAML directly
    QUIZ_HINTS, QuizError, load_bank = {}, Exception, None

CHAPTERS = ROOT / "chapters"
REFERENCES_DOC = "chapters/references"
QUIZ_DIRECTIVE = re.compile(r"^(```+|:::+)\{quiz\}\s+(\S+)", re.M)
HINTS = QUIZ_HINTS or {
    "single": "Choose one answer.",
    "multiple": "Choose all that apply.",
    "true-false": "True or false?",
}


@dataclass
class Bank:
    path: Path
    page: str  # docname of the page that shows the quiz, or "" if none yet
    heading: str  # e.g. "Lesson 1: What recurrent miscarriage is"
    data: dict

    @property
    def questions(self) -> list[dict]:
        return self.data.get("questions", [])


def toc() -> dict:
    return yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))


def toc_pages() -> list[tuple[str, bool]]:
    """(docname, is_lesson) for every page, in reading order."""
    data = toc()
    pages = [(data["root"], False)]
    for part in data.get("parts", []):
        for chapter in part.get("chapters", []):
            pages.append((chapter["file"], part.get("caption") == "Lessons"))
    return pages


def page_title(docname: str) -> str:
    text = (ROOT / f"{docname}.md").read_text(encoding="utf-8")
    match = re.search(r"^# (.+)$", text, re.M)
    return match.group(1).strip() if match else Path(docname).name


def section_titles() -> dict[str, str]:
    """Section label -> heading text, over every chapter."""
    titles = {}
    for path in CHAPTERS.glob("*.md"):
        text = path.read_text(encoding="utf-8")
        for label, title in re.findall(r"^\(([\w-]+)\)=\s*\n#+ (.+)$", text, re.M):
            titles[label] = title.strip()
        # Labels above bold paragraphs or subsections: use the next line's text.
        for label, line in re.findall(r"^\(([\w-]+)\)=\s*\n(?!#)(.+)$", text, re.M):
            titles.setdefault(label, re.sub(r"[*_`]", "", line).strip().rstrip(":"))
    return titles


def banks() -> list[Bank]:
    found: list[Bank] = []
    seen: set[Path] = set()
    lesson_number = 0
    for docname, is_lesson in toc_pages():
        lesson_number += is_lesson
        source = ROOT / f"{docname}.md"
        if not source.exists():
            continue
        for _, rel in QUIZ_DIRECTIVE.findall(source.read_text(encoding="utf-8")):
            path = (source.parent / rel).resolve()
            if path in seen or not path.exists():
                continue
            seen.add(path)
            title = page_title(docname)
            heading = f"Lesson {lesson_number}: {title}" if is_lesson else title
            found.append(Bank(path, docname, heading, _load(path)))
    lessons = [d for d, is_lesson in toc_pages() if is_lesson]
    for path in sorted((CHAPTERS / "quizzes").glob("*.yml")):
        if path.resolve() in seen:
            continue
        data = _load(path)
        doc = f"chapters/{path.stem}"
        if doc in lessons:
            heading = f"Lesson {lessons.index(doc) + 1}: {page_title(doc)}"
        else:
            heading = data.get("title") or path.stem.replace("-", " ").capitalize()
        found.append(Bank(path.resolve(), "", heading, data))
    # Keep the lessons in course order even when a page does not show its quiz yet.
    order = {f"chapters/{p.stem}": i for i, p in enumerate(CHAPTERS.glob("*.md"))}
    lesson_rank = {doc: i for i, doc in enumerate(lessons)}

    def rank(bank: Bank):
        doc = f"chapters/{bank.path.stem}"
        return (0, lesson_rank[doc]) if doc in lesson_rank else (1, order.get(doc, 999))

    return sorted(found, key=rank)


def _load(path: Path) -> dict:
    """A bank, read and checked by the quiz extension (file:line errors) when it is there."""
    if load_bank is not None:
        try:
            return load_bank(path, str(path.relative_to(ROOT)))
        except QuizError as error:
            raise ValueError(str(error)) from None
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if not isinstance(data.get("questions"), list):
        raise ValueError(f"{path}: no 'questions' list")
    return data


PREAMBLE = "\n" + base_packages("left=20mm,right=20mm,top=20mm,bottom=30mm,footskip=10mm") + r"""\usepackage[most]{tcolorbox}
\usepackage{fancyhdr}
\usepackage{lastpage}
\usepackage{hyperref}
\hypersetup{colorlinks=true,linkcolor=black,urlcolor=courseteal,pdftitle={@TITLE@},
  pdfauthor={@AUTHOR@},pdfsubject={@SUBJECT@},pdflang={en-GB},
  pdfcreator={Recurrent Miscarriage: An Open Course}}
\urlstyle{same}
\setlength{\parindent}{0pt}
\setlength{\parskip}{4pt}
\raggedright
\hyphenpenalty=10000
\exhyphenpenalty=10000
\pagestyle{fancy}
\fancyhf{}
\renewcommand{\headrulewidth}{0pt}
\fancyfoot[L]{\small\color{black!70}@COURSE@ \textbullet\ @SHORT@}
\fancyfoot[R]{\small\color{black!70}Page \thepage\ of \pageref{LastPage}}
\newcommand{\src}[1]{}
\newcommand{\tickbox}{\raisebox{-0.1ex}{\setlength{\fboxsep}{0pt}\fbox{\rule{0pt}{0.75em}\hspace{0.75em}}}}
\newcommand{\tickcircle}{\raisebox{-0.05ex}{\Large$\circ$}}
\newfontfamily\symbolfont{DejaVu Sans}
\newcommand{\correctmark}{\textcolor{courseteal}{\symbolfont\char"2713}}
\newcommand{\banksection}[1]{\clearpage{\LARGE\bfseries\color{courseteal}#1\par}\vspace{6pt}}
\begin{document}
\begin{tcolorbox}[enhanced,colback=courseteal,colframe=courseteal,arc=1pt,left=8pt,right=8pt,
  top=6pt,bottom=6pt]
\color{white}{\fontsize{20}{24}\selectfont\bfseries @H1@\par}
\vspace{2pt}{\normalsize @COURSE@\par}
\end{tcolorbox}
"""


def _question_block(number: int, question: dict, convert: Converter, key: bool,
                    sections: dict[str, str]) -> str:
    qtype = question.get("type", "single")
    box = r"\tickbox" if qtype == "multiple" else r"\tickcircle"
    prompt = str(question["prompt"])
    hint = HINTS.get(qtype, "")
    if hint.rstrip("?.").lower() in prompt.lower():
        hint = ""  # the prompt already says it
    lines = [r"\par\begin{minipage}{\linewidth}\raggedright",
             rf"\textbf{{{number}.\ {convert.inline(prompt)}}}\par"]
    if hint:
        lines.append(rf"{{\small\itshape {escape(hint)}}}\par")
    lines.append(r"\vspace{-2pt}")
    if key:
        lines.append(r"\begin{enumerate}[label=\Alph*.,leftmargin=2.2em,itemsep=3pt]")
        for option in question["options"]:
            text = convert.inline(str(option["text"]))
            feedback = convert.inline(str(option.get("feedback", "")))
            if option.get("correct"):
                lines.append(rf"\item \textbf{{{text}}}\quad\mbox{{\correctmark\ \textbf{{(correct)}}}}\\")
            else:
                lines.append(rf"\item {text}\\")
            lines.append(rf"{{\small\color{{black!75}}{feedback}}}")
        lines.append(r"\end{enumerate}")
        correct = [chr(65 + i) for i, o in enumerate(question["options"]) if o.get("correct")]
        answer = ", ".join(correct)
        where = sections.get(question.get("section", ""), "")
        extra = rf"\quad Taught in: \emph{{{escape(where)}}}" if where else ""
        lines.append(rf"{{\small\textbf{{Answer: {answer}}}{extra}}}")
    else:
        # Letters match the answer key ("Answer: B"), the book and the web page.
        lines.append(rf"\begin{{enumerate}}[label={{\Alph*.\ {box}}},leftmargin=3.2em,itemsep=3pt]")
        for option in question["options"]:
            lines.append(rf"\item {convert.inline(str(option['text']))}")
        lines.append(r"\end{enumerate}")
    lines.append(r"\end{minipage}\par\vspace{10pt}")
    return "\n".join(lines) + "\n"


def document(key: bool) -> tuple[str, str]:
    cfg = config()
    subs = cfg["parse"]["myst_substitutions"]
    course = cfg["title"]
    convert = Converter()
    sections = section_titles()
    all_banks = banks()
    total = sum(len(b.questions) for b in all_banks)
    if key:
        h1 = "Answer key"
        title = "Answer key for the worksheets"
        short = "Answer key (for instructors)"
        intro = (
            "This key goes with the student worksheets. For every question, the correct "
            r"answers are marked \correctmark\ \textbf{(correct)} and printed in bold. "
            "Under each answer is the feedback that readers see online, so you can explain "
            "why an answer is right or not. The section that teaches each question is named "
            "at the end.\n\n"
            "Go through the answers kindly. Some people in the room may have lost a "
            "pregnancy, so talk about the questions, not about anyone's own story."
        )
    else:
        h1 = "Worksheets: check your understanding"
        title = h1
        short = "Worksheets"
        intro = (
            r"Name: \rule{70mm}{0.4pt}\hfill Date: \rule{40mm}{0.4pt}" "\n\n"
            r"Each lesson ends with these questions. Where you see a circle (\tickcircle), "
            r"choose one answer. Where you see a square (\tickbox), choose all that apply. "
            "There are no trick questions. You can check your answers in the online course"
            + (f" ({escape(subs['course_address'])})" if subs.get("course_address") else "")
            + " or with your instructor.\n\n"
            "You do not have to share your answers or your own story with anyone."
        )
    parts = []
    for bank in all_banks:
        parts.append(rf"\banksection{{{escape(bank.heading)}}}" + "\n")
        for number, question in enumerate(bank.questions, 1):
            parts.append(_question_block(number, question, convert, key, sections))
    values = {
        "@TITLE@": title, "@AUTHOR@": cfg.get("author", course),
        "@SUBJECT@": f"{short}: {total} questions from {course}",
        "@COURSE@": escape(course), "@SHORT@": short, "@H1@": escape(h1),
    }
    head = PREAMBLE
    for k, v in values.items():
        head = head.replace(k, v)
    contents = r"\par\vspace{4pt}\textbf{Contents}\begin{itemize}[itemsep=0pt]" + "".join(
        rf"\item {escape(b.heading)} ({len(b.questions)} questions)" for b in all_banks
    ) + r"\end{itemize}"
    # The first bank follows the introduction on page 1 instead of a page of its own.
    body = "".join(parts).replace(r"\banksection{", r"\firstbanksection{", 1)
    first = (r"\newcommand{\firstbanksection}[1]{\vspace{10pt}{\LARGE\bfseries\color{courseteal}#1\par}"
             r"\vspace{6pt}}")
    latex = head + first + "\n" + intro + "\n" + contents + "\n" + body + r"\end{document}" + "\n"
    return latex, title


def build(outdir: Path) -> list[Path]:
    outputs = []
    for key, name in ((False, "worksheets"), (True, "answer-key")):
        latex, _ = document(key)
        outputs.append(run_xelatex(latex, Path(outdir), name))
    return outputs


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("outdir", type=Path)
    args = parser.parse_args(argv)
    for path in build(args.outdir):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
