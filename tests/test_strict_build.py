"""Bad input fails the build with a message naming the file and line.

Each build is a tiny copy of the book (the real `_config.yml`, extensions and
bibliography, a few small pages) so it runs under the same strict settings as the book.
Builds are few: one book holds every fault of a page (with ``--keep-going`` each is
reported), one book is built twice to check rebuilds, and a placeholder address stops
the build before any page is read.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

JB = Path(sys.executable).with_name("jupyter-book")

FRONT_MATTER = """---
myst:
  html_meta:
    description: "A page of a tiny test book."
"""
BODY = """# A small page

Recurrent miscarriage is common {cite:p}`eshre2022`.
"""
GOOD_PAGE = FRONT_MATTER + "---\n" + BODY


def make_book(tmp_path: Path, pages: dict[str, str]) -> Path:
    """A tiny book: the home page (with the reference list) and ``pages`` (name -> text)."""
    book = tmp_path / "book"
    (book / "chapters").mkdir(parents=True)
    for name in ("_config.yml", "references.bib"):
        shutil.copy(ROOT / name, book / name)
    for folder in ("_ext", "_static"):
        shutil.copytree(ROOT / folder, book / folder, ignore=shutil.ignore_patterns("__pycache__"))
    toc = "".join(f"  - file: chapters/{name}\n" for name in pages)
    (book / "_toc.yml").write_text(f"format: jb-book\nroot: chapters/home\nchapters:\n{toc}",
                                   encoding="utf-8")
    home = GOOD_PAGE.replace("A small", "Home") + "\n```{bibliography}\n```\n"
    (book / "chapters" / "home.md").write_text(home, encoding="utf-8")
    for name, text in pages.items():
        (book / "chapters" / f"{name}.md").write_text(text, encoding="utf-8")
    return book


def build(book: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(JB), "build", str(book), "--builder", "html", "-W", "-n", "--keep-going"],
        capture_output=True, text=True, timeout=300, env=env,
    )


def line_of(text: str, needle: str) -> int:
    return text[:text.index(needle)].count("\n") + 1


# Each faulty page: its text, what the error must say besides the page's file name, and
# the markup whose line the error must give.
FAULTS = {
    "broken-xref": (GOOD_PAGE + "\nSee {ref}`no-such-section`.\n", "no-such-section", "{ref}"),
    "unknown-cite": (GOOD_PAGE + "\nAs shown before {cite:p}`nosuchkey2099`.\n", "nosuchkey2099",
                     "{cite:p}`nosuch"),
    "unknown-fact": (GOOD_PAGE + "\nAbout {fact}`no-such-number` of women.\n", "no-such-number",
                     "{fact}`no"),
    "missing-image": (GOOD_PAGE + "\n```{image} no-such-picture.png\n:alt: A picture\n```\n",
                      "no-such-picture.png", None),
    "markdown-image-no-alt": (GOOD_PAGE + "\nText.\n\n![](../_static/favicon.svg)\n", "no alt text", "![]"),
    "image-directive-no-alt": (GOOD_PAGE + "\nText.\n\n```{image} ../_static/favicon.svg\n```\n",
                               "no alt text", "```{image}"),
}


@pytest.fixture(scope="module")
def faulty_build(tmp_path_factory):
    book = make_book(tmp_path_factory.mktemp("faults"), {name: f[0] for name, f in FAULTS.items()})
    result = build(book)
    return result.returncode, result.stdout + result.stderr


@pytest.mark.slow
@pytest.mark.parametrize("name", FAULTS)
def test_bad_input_fails_the_build_naming_the_file(faulty_build, name):
    returncode, output = faulty_build
    page, message, markup = FAULTS[name]
    assert returncode != 0, "the build passed"
    lines = [ln for ln in output.splitlines() if f"chapters/{name}.md" in ln and message in ln]
    assert lines, f"{name}: no error naming the file and saying what is wrong\n{output[-3000:]}"
    if markup:
        where = f"chapters/{name}.md:{line_of(page, markup)}"
        assert any(where in ln for ln in lines), f"{name}: the error does not give {where}:\n" + "\n".join(lines)


NEW_SOURCE = """
@misc{newsource2026,
  author = {{Course authors}},
  title  = {A source first cited on a rebuild},
  year   = {2026}
}
"""


@pytest.mark.slow
def test_a_good_book_builds_and_its_rebuilds_pick_up_sources_and_ledger_numbers(tmp_path):
    """Nothing wrong: the build passes. Then, on a rebuild, a source first cited reaches the
    reference list, and a changed ledger number reaches the page that shows it (pages with
    {fact} numbers depend on figures/data.py)."""
    book = make_book(tmp_path, {"good": GOOD_PAGE + "\nAbout {fact}`miscarriage-per-pregnancy` pregnancies.\n"})
    figures = book / "figures"
    shutil.copytree(ROOT / "figures", figures, ignore=shutil.ignore_patterns("__pycache__"))
    env = {**os.environ, "PYTHONPATH": str(book)}
    result = build(book, env)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]

    bib = book / "references.bib"
    bib.write_text(bib.read_text(encoding="utf-8") + NEW_SOURCE, encoding="utf-8")
    page = book / "chapters" / "good.md"
    page.write_text(page.read_text(encoding="utf-8")
                    + "\nMost people go on to have a baby {cite:p}`newsource2026`.\n", encoding="utf-8")
    ledger = figures / "data.py"
    text = ledger.read_text(encoding="utf-8")
    assert 'says="15 in 100"' in text, "the ledger entry this test edits has changed"
    ledger.write_text(text.replace('says="15 in 100"', 'says="16 in 100"'), encoding="utf-8")
    result = build(book, env)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    html = book / "_build" / "html" / "chapters"
    assert "A source first cited on a rebuild" in (html / "home.html").read_text(encoding="utf-8"), (
        "the reference list did not pick up the new source")
    assert "16 in 100" in (html / "good.html").read_text(encoding="utf-8"), (
        "the page still shows the old ledger number")


@pytest.mark.slow
def test_a_placeholder_address_stops_the_build(tmp_path):
    book = make_book(tmp_path, {"good": GOOD_PAGE})
    config = book / "_config.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        'course_address: ""', 'course_address: "https://example.org/course/"'), encoding="utf-8")
    result = build(book)
    output = result.stdout + result.stderr
    assert result.returncode != 0, "the build passed with a placeholder address"
    assert "course_address" in output and "placeholder" in output
