"""LaTeX for quizzes and the answer key.

In a lesson: numbered questions, each option with an empty box to tick, the section to
review, and no answers or feedback. The answer key: every question with its correct
option(s) and a short explanation, grouped by lesson in reading order.
"""

from __future__ import annotations

from docutils import nodes

from . import export
from .book import grouped, section_target
from .model import correct_options, letter
from .words import option_text, say, shown_hint

BOX = r"$\square$"


def _review(self, label: str) -> str:
    target = section_target(self.builder.env, label)
    if not target:
        return ""
    docname, anchor, title = target
    link = self.hyperlink(f"{docname}:{anchor}") + r"\sphinxcrossref{" + self.encode(title) + "}}}"
    return r"\par\vspace{1pt}{\small " + self.encode(say("Review:")) + " " + link + "}"


def _keep_together(question: dict) -> str:
    """Ask for room for a whole question (prompt, options, review line) before it starts.
    Unlike a minipage, a question longer than a page still breaks instead of running off."""
    lines = 3 + len(question["options"]) + len(question["prompt"]) // 80
    return r"\Needspace{" + str(min(lines, 14)) + r"\baselineskip}"


def _questions(self, bank: dict) -> list[str]:
    # Compact lists: each option on its own line, without the gaps of running text.
    out = [r"\begin{enumerate}[itemsep=4pt,parsep=0pt,topsep=2pt]"]
    for q in bank["questions"]:
        how = shown_hint(q)
        out.append(_keep_together(q) + r"\item " + self.encode(q["prompt"])
                   + (r" \emph{" + self.encode(how) + "}" if how else ""))
        # {} after the label: an option that starts with "[" is text, not an optional argument.
        out.append(r"\begin{itemize}[nosep,leftmargin=2.4em]")
        for index, option in enumerate(q["options"]):
            out.append(r"\item[" + letter(index) + ". " + BOX + "]{}" + self.encode(option_text(option)))
        out.append(r"\end{itemize}")
        out.append(_review(self, q["section"]))
        out.append(r"\par\smallskip")
    out.append(r"\end{enumerate}")
    return out


def visit_quiz(self, node) -> None:
    out = [r"\par\medskip", *_questions(self, node["bank"]), r"\par\medskip"]
    self.body.append("\n" + "\n".join(out) + "\n")
    raise nodes.SkipNode


def visit_worksheets(self, node) -> None:
    """Every bank, grouped by lesson; lessons follow on without a page break."""
    out = []
    for heading, banks in grouped(self.builder.env):
        out.append(r"\Needspace{8\baselineskip}\subsection*{" + self.encode(heading) + "}")
        for bank in banks:
            out.extend(_questions(self, bank))
    self.body.append("\n" + "\n".join(out) + "\n")
    raise nodes.SkipNode


def visit_exports(self, node) -> None:
    words = say("The files are on the website version of this page: {moodle} and {gift}.")
    moodle = r"\sphinxcode{" + self.encode(export.MOODLE_FILE) + "}"
    gift = r"\sphinxcode{" + self.encode(export.GIFT_FILE) + "}"
    self.body.append("\n\\par\\noindent " + self.encode(words).replace(r"\{moodle\}", moodle)
                     .replace(r"\{gift\}", gift) + "\\par\n")
    raise nodes.SkipNode


def visit_answer_key(self, node) -> None:
    out = []
    for heading, banks in grouped(self.builder.env):
        out.append(r"\subsection*{" + self.encode(heading) + "}")
        out.append(r"\begin{enumerate}")
        for bank in banks:
            for q in bank["questions"]:
                right = correct_options(q)
                lettered = [(letter(q["options"].index(o)), o) for o in right]
                label = say("Answer:") if len(right) == 1 else say("Answers:")
                out.append(_keep_together(q) + r"\item " + self.encode(q["prompt"]))
                if len(right) == 1:
                    out.append(r"\par\textbf{" + self.encode(label) + "} " + lettered[0][0] + ". "
                               + self.encode(option_text(right[0])))
                else:
                    out.append(r"\par\textbf{" + self.encode(label) + r"}\begin{itemize}"
                               + "".join(r"\item[" + mark + ".]{}" + self.encode(option_text(o))
                                         for mark, o in lettered)
                               + r"\end{itemize}")
                out.append(r"\par\textbf{" + self.encode(say("Why:")) + "} " + " ".join(self.encode(o["feedback"]) for o in right))
                out.append(_review(self, q["section"]))
                out.append(r"\par\smallskip")
        out.append(r"\end{enumerate}")
    self.body.append("\n" + "\n".join(out) + "\n")
    raise nodes.SkipNode
