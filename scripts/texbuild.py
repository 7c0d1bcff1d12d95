"""Run xelatex (through latexmk) on a generated LaTeX source and return the PDF path."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path


def base_packages(margins: str) -> str:
    """The opening shared by the class print editions: A4 with ``margins``, FreeSans, British
    English, the course colours and compact lists."""
    return (r"""\documentclass[11pt]{article}
\usepackage{fontspec}
\setmainfont{FreeSans}[Ligatures=TeX]
\usepackage[a4paper,""" + margins + r"""]{geometry}
\usepackage{polyglossia}
\setdefaultlanguage[variant=british]{english}
\usepackage{xcolor}
\definecolor{courseteal}{HTML}{1B6F6A}
\definecolor{coursetealbg}{HTML}{EEF7F6}
\usepackage{enumitem}
\setlist{topsep=2pt,itemsep=2pt}
""")


def run_xelatex(latex: str, outdir: Path, name: str) -> Path:
    """Write ``outdir/tex/<name>.tex``, compile it, copy the PDF to ``outdir/<name>.pdf``."""
    workdir = Path(outdir) / "tex"
    workdir.mkdir(parents=True, exist_ok=True)
    tex = workdir / f"{name}.tex"
    tex.write_text(latex, encoding="utf-8")
    command = ["latexmk", "-xelatex", "-interaction=nonstopmode", "-halt-on-error", "-quiet",
               f"{name}.tex"]
    result = subprocess.run(command, cwd=workdir, capture_output=True, text=True)
    pdf = workdir / f"{name}.pdf"
    if result.returncode != 0 or not pdf.exists():
        log = (workdir / f"{name}.log")
        tail = log.read_text(errors="replace")[-3000:] if log.exists() else result.stdout[-3000:]
        raise RuntimeError(f"xelatex failed on {tex}:\n{tail}")
    target = Path(outdir) / f"{name}.pdf"
    shutil.copyfile(pdf, target)
    return target
