"""Build every PDF of the course into one folder, and copy them into the website.

    python scripts/pdfs.py                      # uses ./_build
    python scripts/pdfs.py --build-dir /tmp/me/_build

Output, in ``<build>/pdf/`` and again in ``<build>/html/pdf/`` (so the website's links
work offline):

- ``recurrent-miscarriage-course.pdf``: the whole book (``make pdf``; built here if missing)
- ``lesson-<n>-<slug>.pdf``: one PDF per lesson, from the same sources and extensions
- ``class-handout.pdf``: the two-page class handout (``scripts/handout.py``)
- ``worksheets.pdf`` and ``answer-key.pdf``: the quizzes without and with answers
  (``scripts/worksheets.py``)
- run sheets, myth-and-fact cards, the quiz answer grid and the forms for a class
  (``scripts/printables.py``)
- one slide deck per class session (``.pptx`` and its PDF) and ``teaching-pack-en.zip``
  (``scripts/decks.py``)

The per-lesson PDFs come from one Sphinx LaTeX build with a ``latex_documents`` entry per
lesson (Jupyter Book's ``--individualpages`` would also build every other page, and writes
into the book's own ``_build/latex``). Each lesson is set as a short article: the lesson
title at the top, no contents page, its own list of references at the end.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))

import decks  # noqa: E402
import handout  # noqa: E402
import printables  # noqa: E402
import worksheets  # noqa: E402
from mdlatex import ROOT, config  # noqa: E402

BOOK_PDF = "recurrent-miscarriage-course.pdf"
# The jupyter-book next to this Python (the project's .venv when run by `make pdfs`).
JB = [str(Path(sys.executable).parent / "jupyter-book")]
# Jupyter Book 1.0.4 crashes (a KeyError in its message box) when latex_documents has more
# than one entry, although it means to leave such a list alone. Run its CLI with that
# function made to do what it intends.
JB_MULTIDOC = [sys.executable, "-c", (
    "import sys, jupyter_book.sphinx as s; "
    "orig = s.update_latex_documents; "
    "s.update_latex_documents = lambda docs, over: docs if len(docs) > 1 else orig(docs, over); "
    "from jupyter_book.cli.main import main; sys.argv[0] = 'jupyter-book'; main()"
)]
JBFLAGS = ["-W", "-n", "--keep-going"]

LESSON_TITLE_PAGE = r"""
\begin{flushleft}
{\sffamily\small\color{black!65}@COURSE@ \textbullet\ @N@{} of @TOTAL@\par}
\vspace{1mm}\rule{\linewidth}{0.4pt}\par
\end{flushleft}
"""
LESSON_PREAMBLE = r"""
\setcounter{secnumdepth}{-1}
% A lesson is one chapter: it starts under the banner, not on a page of its own.
\makeatletter
\patchcmd{\chapter}{\if@openright\cleardoublepage\else\clearpage\fi}{\par}{}{}
\makeatother
\usepackage{fancyhdr}
\fancypagestyle{normal}{\fancyhf{}\renewcommand{\headrulewidth}{0pt}
  \fancyfoot[L]{\small\color{black!65}@COURSE@@ADDRESS@}
  \fancyfoot[R]{\small\color{black!65}\thepage}}
\fancypagestyle{plain}{\fancyhf{}\renewcommand{\headrulewidth}{0pt}
  \fancyfoot[L]{\small\color{black!65}@COURSE@@ADDRESS@}
  \fancyfoot[R]{\small\color{black!65}\thepage}}
"""


def lessons() -> list[tuple[int, str, str, str]]:
    """(number, docname, slug, title) of every lesson, in course order."""
    out = []
    for number, (doc, _) in enumerate(
        [p for p in worksheets.toc_pages() if p[1]], start=1
    ):
        out.append((number, doc, Path(doc).name, worksheets.page_title(doc)))
    return out


def lesson_pdf_name(number: int, slug: str) -> str:
    return f"lesson-{number}-{slug}.pdf"


def run(command: list[str], **kwargs) -> None:
    print("+", " ".join(command), flush=True)
    subprocess.run(command, check=True, cwd=ROOT, **kwargs)


def build_book(build: Path) -> Path:
    """The whole-book PDF from ``make pdf``; built here only when it is missing."""
    pdf = build / "latex" / BOOK_PDF
    if not pdf.exists():
        run(JB + ["build", ".", "--builder", "pdflatex", *JBFLAGS,
                  "--path-output", str(build.parent)])
    return pdf


def lesson_config(work: Path) -> Path:
    """A copy of _config.yml whose LaTeX output is one short document per lesson."""
    cfg = config()
    subs = cfg["parse"]["myst_substitutions"]
    course = cfg["title"]
    all_lessons = lessons()
    # The copy lives elsewhere: paths that Jupyter Book reads relative to it become absolute.
    local = cfg.setdefault("sphinx", {}).get("local_extensions") or {}
    for name, path in local.items():
        local[name] = str((ROOT / path).resolve())
    sphinx = cfg["sphinx"].setdefault("config", {})
    sphinx["latex_documents"] = [
        [doc, lesson_pdf_name(n, slug).replace(".pdf", ".tex"), f"Lesson {n}: {title}",
         cfg.get("author", ""),
         "manual", False]
        for n, doc, slug, title in all_lessons
    ]
    # Citations point into the References page: print it at the end of every lesson.
    sphinx["latex_appendices"] = [worksheets.REFERENCES_DOC]
    elements = dict(sphinx.get("latex_elements") or {})
    address = subs.get("course_address") or ""
    values = {"@COURSE@": course, "@ADDRESS@": (r" \textbullet\ " + address) if address else "",
              "@TOTAL@": str(len(all_lessons))}
    preamble = LESSON_PREAMBLE
    for key, value in values.items():
        preamble = preamble.replace(key, value)
    elements["preamble"] = elements.get("preamble", "") + preamble
    # The lesson's own heading (kept by course.latex) is the title; no contents page.
    elements["maketitle"] = r"\lessonbanner"
    elements["tableofcontents"] = ""
    elements["printindex"] = ""
    # Plain chapter headings: the lesson title, then the References appendix.
    elements["fncychap"] = ""
    banner = LESSON_TITLE_PAGE
    for key, value in values.items():
        banner = banner.replace(key, value)
    # The document title is "Lesson <n>: <title>"; the banner shows the part before the colon.
    elements["preamble"] += (
        r"\makeatletter\def\lessonpart#1:#2\relax{#1}"
        r"\newcommand{\lessonbanner}{\hypersetup{pdftitle={\@title},pdfauthor={\@author}}"
        + banner.replace("@N@", r"\expandafter\lessonpart\@title\relax") + r"}\makeatother" + "\n"
    )
    elements["extraclassoptions"] = "openany,oneside"
    sphinx["latex_elements"] = elements
    path = work / "_config.yml"
    work.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(cfg, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def lesson_sources_only(tex: str) -> str:
    """Keep only the lesson's own sources at its end.

    ``latex_appendices`` adds the whole References page to every lesson; its bibliography
    lists every source of the course. Drop the page's introduction and keep the entries the
    lesson cites, with their course-wide numbers, so the numbers in the text still match.
    Runs on the .tex that Sphinx wrote (an earlier run's output is left as it is).
    """
    start = tex.find("\\appendix")
    begin = tex.find("\\begin{sphinxthebibliography}", start)
    end = tex.find("\\end{sphinxthebibliography}", begin)
    if start < 0 or begin < 0 or end < 0:
        return tex
    body = tex[:start]
    cited = set(re.findall(r"\\hyperlink\{cite\.([^}]+)\}", body))
    head, *items = tex[begin:end].split("\\bibitem")
    kept = [item for item in items
            if (m := re.match(r"\[[^\]]*\]\{([^}]+)\}", item)) and m.group(1) in cited]
    anchor = "\\phantomsection\\label{\\detokenize{%s::doc}}\n" % worksheets.REFERENCES_DOC
    # Each entry is a single paragraph. When several documents share the References page in
    # one build, Sphinx repeats an entry's paragraph once per document: keep the first.
    kept = [item.strip().split("\n\n")[0] + "\n" for item in kept]
    bibliography = head + "".join("\\bibitem" + item for item in kept)
    return body + anchor + bibliography + tex[end:]


DOC_XREF = re.compile(r"\\DUrole\{xref,std,std-(doc|ref)\}\{([^{}]*(?:\{\}[^{}]*)*)\}")


def stand_alone(tex: str, number: int) -> str:
    """A lesson PDF that reads on its own: figures numbered as in the book ("Fig. 7.1"),
    and links to other pages of the course printed as their titles, not as file names."""
    if "\\renewcommand{\\thefigure}" not in tex:
        tex = tex.replace("\\begin{document}",
                          "\\begin{document}\n\\renewcommand{\\thefigure}{%d.\\arabic{figure}}" % number, 1)

    sections = worksheets.section_titles()

    def title(match):
        kind, slug = match.group(1), match.group(2).replace("\\sphinxhyphen{}", "-")
        if kind == "ref":
            name = sections.get(slug)
        else:
            try:
                name = worksheets.page_title(f"chapters/{slug}")
            except OSError:
                name = None
        if not name:
            return match.group(0)
        return "\\emph{" + name.replace("&", "\\&") + "} (in the course)"

    return DOC_XREF.sub(title, tex)


def build_lessons(build: Path) -> list[Path]:
    work = build / "print-lessons"
    config_path = lesson_config(work)
    run(JB_MULTIDOC + ["build", ".", "--builder", "latex", *JBFLAGS, "--config", str(config_path),
              "--path-output", str(work)])
    latex_dir = work / "_build" / "latex"
    names = [lesson_pdf_name(n, slug) for n, _, slug, _ in lessons()]

    numbers = {lesson_pdf_name(n, slug): n for n, _, slug, _ in lessons()}

    def compile_one(name: str) -> Path:
        tex = name.replace(".pdf", ".tex")
        source = latex_dir / tex
        text = lesson_sources_only(source.read_text(encoding="utf-8"))
        source.write_text(stand_alone(text, numbers[name]), encoding="utf-8")
        result = subprocess.run(
            ["latexmk", "-pdfxe", "-dvi-", "-ps-", "-interaction=nonstopmode",
             "-halt-on-error", tex],
            cwd=latex_dir, capture_output=True, text=True)
        pdf = latex_dir / name
        if result.returncode != 0 or not pdf.exists():
            log = latex_dir / tex.replace(".tex", ".log")
            tail = log.read_text(errors="replace")[-2500:] if log.exists() else result.stdout[-2500:]
            raise RuntimeError(f"xelatex failed on {latex_dir / tex}:\n{tail}")
        return pdf

    jobs = max(1, min(2, os.cpu_count() or 1))
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        return list(pool.map(compile_one, names))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build-dir", type=Path,
                        default=Path(os.environ.get("COURSE_BUILD_DIR", ROOT / "_build")))
    parser.add_argument("--only", default="book,lessons,handout,worksheets,printables,decks",
                        help="comma-separated: book, lessons, handout, worksheets, printables, decks")
    args = parser.parse_args(argv)
    build = args.build_dir.resolve()
    wanted = {part.strip() for part in args.only.split(",") if part.strip()}
    out = build / "pdf"
    out.mkdir(parents=True, exist_ok=True)

    made: list[Path] = []
    if "handout" in wanted:
        made.append(handout.build(out))
    if "worksheets" in wanted:
        made.extend(worksheets.build(out))
    if "printables" in wanted:
        made.extend(printables.build(out, build / "html"))
    if "decks" in wanted:
        slides = decks.build(out, build / "html")
        made.extend(slides)
        if "printables" in wanted and "handout" in wanted and "worksheets" in wanted:
            made.append(decks.teaching_pack(out, slides, build / "html" / "exports"))
    if "book" in wanted:
        book = build_book(build)
        shutil.copyfile(book, out / BOOK_PDF)
        made.append(out / BOOK_PDF)
    if "lessons" in wanted:
        for pdf in build_lessons(build):
            shutil.copyfile(pdf, out / pdf.name)
            made.append(out / pdf.name)

    html = build / "html"
    if html.is_dir():
        target = html / "pdf"
        target.mkdir(exist_ok=True)
        for pdf in made:
            shutil.copyfile(pdf, target / pdf.name)
    print("\nPDFs in", out)
    for pdf in made:
        print("  ", pdf.name)
    if html.is_dir():
        print("copied to", html / "pdf")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
