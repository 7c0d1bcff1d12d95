"""Benchmark the book build: `make bench`.

Prints cold HTML build time, no-change rebuild time, one-chapter-edited rebuild time,
PDF build time, print-editions time and the size of the HTML output, then the page-weight report when
scripts/page_weight.py is present. Works on a copy of the sources in a temporary
folder, so the project's own `_build` and files are never touched. Numbers are
reported, not enforced: machines here are noisy.
"""

from __future__ import annotations

import argparse
import importlib.util
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
JB = Path(sys.executable).with_name("jupyter-book")
COPY_IGNORE = shutil.ignore_patterns("_build", ".venv", ".git", "__pycache__", ".pytest_cache", "node_modules")
EDITED_CHAPTER = "chapters/causes-and-risk-factors.md"


def build(book: Path, builder: str) -> float:
    start = time.perf_counter()
    result = subprocess.run(
        [str(JB), "build", str(book), "--builder", builder, "-W", "-n", "--keep-going"],
        capture_output=True, text=True,
    )
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.stderr.write(result.stdout[-4000:] + result.stderr[-4000:])
        raise SystemExit(f"{builder} build failed")
    return elapsed


def print_editions(build_dir: Path) -> float:
    """Per-lesson PDFs, handout, worksheets and answer key from an existing build."""
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "pdfs.py"), "--build-dir", str(build_dir)],
        capture_output=True, text=True,
    )
    if result.returncode != 0:
        sys.stderr.write(result.stdout[-4000:] + result.stderr[-4000:])
        raise SystemExit("print editions failed")
    return time.perf_counter() - start


def folder_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-pdf", action="store_true", help="skip the PDF build")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="course-bench-") as tmp:
        book = Path(tmp) / "book"
        shutil.copytree(ROOT, book, ignore=COPY_IGNORE)
        rows = [("cold HTML build", build(book, "html"))]
        rows.append(("no-change HTML rebuild", build(book, "html")))
        chapter = book / EDITED_CHAPTER
        chapter.write_text(chapter.read_text(encoding="utf-8") + "\nOne more sentence.\n", encoding="utf-8")
        rows.append(("one-chapter-edited HTML rebuild", build(book, "html")))
        if not args.no_pdf:
            rows.append(("PDF build (xelatex)", build(book, "pdflatex")))
            rows.append(("print editions (scripts/pdfs.py)", print_editions(book / "_build")))
        html = book / "_build" / "html"
        size = folder_size(html)
        pages = len([p for p in html.rglob("*.html") if "_static" not in p.parts])

        print("\nBuild benchmark")
        for label, seconds in rows:
            print(f"  {label:<34} {seconds:7.1f} s")
        print(f"  {'size of _build/html':<34} {size / 1_000_000:7.2f} MB ({pages} pages)")
        pdf = book / "_build" / "latex" / "recurrent-miscarriage-course.pdf"
        if pdf.exists():
            print(f"  {'book PDF size':<34} {pdf.stat().st_size / 1_000_000:7.2f} MB")

        weight = ROOT / "scripts" / "page_weight.py"
        if weight.exists():
            spec = importlib.util.spec_from_file_location("page_weight", weight)
            module = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(module)
            print("\nPage weight")
            module.main([str(html)])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
