"""Build the two-page class handout from chapters/handout/handout.md.

The handout is MyST Markdown like every other page: it includes the book's own
``_snippets/urgent-help.md`` box (one source of truth for the warning signs) and cites
``references.bib``. This script turns it into a two-column LaTeX leaflet and runs xelatex.

Page size: A4, with margins chosen so that everything printed (text and footer) sits in a
210 x 250 mm box, which also fits US Letter (216 x 279 mm) printed at actual size.
Body text is 10 pt, sources 9 pt.

    python scripts/handout.py OUTDIR      -> OUTDIR/class-handout.pdf
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from mdlatex import ROOT, Converter, config, escape  # noqa: E402
from texbuild import run_xelatex  # noqa: E402

SOURCE = ROOT / "chapters" / "handout" / "handout.md"
NAME = "class-handout"

PREAMBLE = r"""
\documentclass[10pt]{article}
\usepackage{fontspec}
\setmainfont{FreeSans}[Ligatures=TeX]
\usepackage[paperwidth=210mm,paperheight=297mm,left=13mm,right=13mm,top=20mm,bottom=34mm,
            footskip=7mm,headheight=0pt,headsep=0pt]{geometry}
\usepackage{polyglossia}
\setdefaultlanguage[variant=british]{english}
\usepackage{xcolor}
\definecolor{courseteal}{HTML}{1B6F6A}
\definecolor{coursetealbg}{HTML}{EEF7F6}
\definecolor{coursered}{HTML}{A4161A}
\definecolor{courseredbg}{HTML}{FDF0F0}
\usepackage{multicol}
\setlength{\columnsep}{6mm}
\setlength{\columnseprule}{0pt}
\usepackage{enumitem}
\setlist{nosep,leftmargin=1.1em,topsep=1pt,itemsep=1.5pt}
\setlist[itemize]{label=\textcolor{courseteal}{\textbullet}}
\usepackage[most]{tcolorbox}
\usepackage{needspace}
\usepackage{fancyhdr}
\usepackage{lastpage}
\usepackage{hyperref}
\hypersetup{colorlinks=true,linkcolor=black,urlcolor=courseteal,pdftitle={@TITLE@},
  pdfauthor={@AUTHOR@},pdfsubject={@SUBJECT@},pdfkeywords={recurrent miscarriage, pregnancy loss,
  class handout},pdflang={en-GB},pdfcreator={Recurrent Miscarriage: An Open Course}}
\urlstyle{same}
\setlength{\parindent}{0pt}
\setlength{\parskip}{3pt}
\linespread{1.04}
\interlinepenalty=10000
\clubpenalty=10000
\widowpenalty=10000
\raggedright
\pagestyle{fancy}
\fancyhf{}
\renewcommand{\headrulewidth}{0pt}
\fancyfoot[L]{\small\color{black!70}@COURSE@ \textbullet\ Class handout@ADDRESS@}
\fancyfoot[R]{\small\color{black!70}Page \thepage\ of \pageref{LastPage}}
\newcommand{\src}[1]{\textsuperscript{\color{black!70}#1}}
\newcommand{\tickbox}{\raisebox{-0.1ex}{\setlength{\fboxsep}{0pt}\fbox{\rule{0pt}{0.65em}\hspace{0.65em}}}}
\newcommand{\handouttitle}[1]{}
\newcommand{\handoutsection}[1]{\par\Needspace{4\baselineskip}\vspace{5pt}%
  {\large\bfseries\color{courseteal}#1\par}\vspace{1pt}}
\newcommand{\handoutsubsection}[1]{\par\vspace{2pt}{\bfseries #1\par}}
\newtcolorbox{urgent-help}[1]{enhanced,unbreakable,colback=courseredbg,colframe=coursered,
  boxrule=0.6pt,leftrule=3pt,arc=1pt,left=4pt,right=4pt,top=3pt,bottom=3pt,
  before upper={\setlength{\parskip}{3pt}\raggedright},fonttitle=\bfseries\large,coltitle=white,colbacktitle=coursered,title={#1}}
\newtcolorbox{disclaimer}[1]{enhanced,unbreakable,colback=coursetealbg,colframe=courseteal,
  boxrule=0.6pt,arc=1pt,left=4pt,right=4pt,top=3pt,bottom=3pt,fonttitle=\bfseries,title={#1},
  before upper={\setlength{\parskip}{3pt}\raggedright}}
\newtcolorbox{note}[1]{enhanced,unbreakable,colback=coursetealbg,colframe=courseteal,
  boxrule=0.6pt,arc=1pt,left=4pt,right=4pt,top=3pt,bottom=3pt,fonttitle=\bfseries,title={#1}}
\begin{document}
"""

BANNER = r"""
\begin{tcolorbox}[enhanced,colback=courseteal,colframe=courseteal,arc=1pt,left=6pt,right=6pt,
  top=5pt,bottom=5pt]
\color{white}{\fontsize{19}{22}\selectfont\bfseries @H1@\par}
\vspace{2pt}{\normalsize Class handout from \emph{@COURSE@}\hfill Reviewed @REVIEWED@\par}
\end{tcolorbox}
\vspace{2pt}
"""


def tick_lists(latex: str) -> str:
    """A list whose every item starts with a tick box becomes a checklist."""

    def fix(match):
        body = match.group(1)
        items = [part for part in body.split(r"\item ")[1:]]
        if items and all(item.startswith(r"\tickbox{}") for item in items):
            body = body.replace(r"\item \tickbox{} ", r"\item ").replace(r"\item \tickbox{}", r"\item ")
            return r"\begin{itemize}[label=\tickbox,leftmargin=1.4em]" + body + r"\end{itemize}"
        return match.group(0)

    return re.sub(r"\\begin\{itemize\}(.*?)\\end\{itemize\}", fix, latex, flags=re.S)


def handout_latex() -> tuple[str, str]:
    """(LaTeX source, title) of the handout."""
    cfg = config()
    subs = cfg["parse"]["myst_substitutions"]
    source = SOURCE.read_text(encoding="utf-8")
    h1 = re.search(r"^# (.+)$", source, re.M).group(1).strip()
    converter = Converter()
    body = tick_lists(converter.file(SOURCE))
    sources = converter.sources.latex_items()
    course = cfg["title"]
    values = {
        "@TITLE@": f"{h1} (class handout)",
        "@AUTHOR@": cfg.get("author", course),
        "@SUBJECT@": f"Two-page class handout from {course}",
        "@COURSE@": escape(course),
        # An address only when one is set: never a placeholder.
        "@ADDRESS@": (r" \textbullet\ \url{" + subs["course_address"] + "}") if subs.get("course_address") else "",
        "@H1@": escape(h1),
        "@REVIEWED@": escape(subs["last_reviewed"]),
    }
    head = PREAMBLE + BANNER
    for key, value in values.items():
        head = head.replace(key, value)
    refs = ("\\handoutsection{Sources}\n{\\small\\begin{enumerate}[leftmargin=1.6em,itemsep=0.5pt]\n"
            + "".join(f"\\item {item}\n" for item in sources) + "\\end{enumerate}\\par}\n")
    latex = (head + "\\begin{multicols}{2}\\raggedcolumns\n" + body + refs
             + "\\end{multicols}\n\\end{document}\n")
    return latex, values["@TITLE@"]


def build(outdir: Path) -> Path:
    latex, _ = handout_latex()
    return run_xelatex(latex, Path(outdir), NAME)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("outdir", type=Path)
    args = parser.parse_args(argv)
    print(build(args.outdir))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
