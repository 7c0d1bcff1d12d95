"""Every PDF comes from one Sphinx LaTeX build: no other LaTeX writer or TeX run in the project.

Reads the sources only (no build needed).
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# LaTeX source written by hand, or a TeX engine run as a command.
TEX_WRITING = re.compile(r"\\\\?documentclass|\\\\?begin\{document\}|[\"'](?:latexmk|xelatex|lualatex)[\"']")


def test_scripts_hold_no_latex_writer():
    offenders = [p.name for p in (ROOT / "scripts").glob("*.py") if TEX_WRITING.search(p.read_text(encoding="utf-8"))]
    assert not offenders, f"scripts that write or run LaTeX themselves: {offenders}"


def test_the_old_print_pipelines_are_gone():
    for name in ("mdlatex.py", "worksheets.py", "texbuild.py", "handout.py", "printables.py"):
        assert not (ROOT / "scripts" / name).exists(), f"scripts/{name} is back"


def test_one_make_step_builds_every_pdf():
    """`make pdf` is one Jupyter Book pdflatex build; nothing else in the Makefile runs TeX."""
    recipes = [line for line in (ROOT / "Makefile").read_text(encoding="utf-8").splitlines()
               if line.startswith("\t")]
    runs = [line for line in recipes if re.search(r"--builder (pdflatex|latex)\b", line)]
    # One pdflatex build per edition: English ($(JB)) and Chinese ($(ZHJB), _config-zh.yml).
    assert sorted(r.split()[0] for r in runs) == ["$(JB)", "$(ZHJB)"], f"LaTeX builds in the Makefile: {runs}"
    assert all("pdflatex" in r for r in runs), runs
    engines = [line for line in recipes if re.search(r"\b(latexmk|xelatex)\b", line)]
    assert not engines, f"the Makefile runs TeX itself: {engines}"


def test_the_extension_declares_every_print_edition_from_the_toc():
    source = (ROOT / "_ext" / "course" / "editions.py").read_text(encoding="utf-8")
    assert "latex_documents" in source and "env-updated" in source
    assert "jupyter_book" not in source, "the print editions must not patch Jupyter Book"
