"""Run xelatex (through latexmk) on a generated LaTeX source and return the PDF path."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path


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
