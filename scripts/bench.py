"""Benchmark the book build (`make bench`) or the test step (`--tests`).

Prints cold HTML build time, no-change rebuild time, one-chapter-edited rebuild time,
PDF build time, print-editions time and the size of the HTML output, then the page-weight report when
scripts/page_weight.py is present. Works on a copy of the sources in a temporary
folder, so the project's own `_build` and files are never touched. Numbers are
reported, not enforced: machines here are noisy.

With ``--tests`` it times the test step instead, on the book already built (``make book``):
the whole suite as ``make test`` runs it, or the pytest arguments given after ``--``. It
prints the wall-clock time, the CPU time of pytest and everything it started (builds),
the whole machine's busy and idle processor time (browsers included), and pytest's slowest
tests. The tests run one process per processor (pytest.ini):

    .venv/bin/python scripts/bench.py --tests
    .venv/bin/python scripts/bench.py --tests --durations 10 -- tests/test_csp.py
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import resource
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


def machine_cpu() -> tuple[float, float] | None:
    """Busy and idle processor seconds of the whole machine so far (Linux /proc/stat), or None.
    Chromium's processes are started by Playwright's driver and are not all counted as
    pytest's children: the machine's own count includes them."""
    try:
        fields = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    except (OSError, ValueError):
        return None
    tick = os.sysconf("SC_CLK_TCK")
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)
    return (sum(fields[:8]) - idle) / tick, idle / tick


def time_tests(pytest_args: list[str], durations: int) -> int:
    """Run pytest on the project's own build; print wall and CPU time. Returns pytest's code."""
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
               f"--durations={durations}", *pytest_args]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    machine_before = machine_cpu()
    start = time.perf_counter()
    code = subprocess.run(command, cwd=ROOT).returncode
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    machine_after = machine_cpu()
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    print("\nTest benchmark")
    print(f"  {'command':<34} {' '.join(command[2:])}")
    print(f"  {'processors':<34} {os.cpu_count():7d}")
    print(f"  {'wall clock':<34} {wall:7.1f} s")
    print(f"  {'CPU (pytest and its children)':<34} {cpu:7.1f} s")
    if machine_before and machine_after:
        busy, idle = (a - b for a, b in zip(machine_after, machine_before))
        print(f"  {'CPU of the whole machine':<34} {busy:7.1f} s busy, {idle:.1f} s idle")
    print(f"  {'pytest exit code':<34} {code:7d}")
    return code


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-pdf", action="store_true", help="skip the PDF build")
    parser.add_argument("--tests", action="store_true",
                        help="time the test step on the existing build instead of benchmarking the build")
    parser.add_argument("--durations", type=int, default=30, help="slowest tests to list (with --tests)")
    parser.add_argument("pytest_args", nargs="*", help="after --: what pytest runs (with --tests; default: all)")
    args = parser.parse_args(argv)
    if args.tests:
        return time_tests(args.pytest_args, args.durations)
    if args.pytest_args:
        parser.error("pytest arguments need --tests")

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
