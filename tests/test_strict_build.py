"""Bad input fails the build with a message naming the file.

Each case builds a tiny copy of the book (the real `_config.yml`, extensions and
bibliography, one small page) so it runs under the same strict settings as the book.
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


def make_book(tmp_path: Path, page: str) -> Path:
    book = tmp_path / "book"
    (book / "chapters").mkdir(parents=True)
    for name in ("_config.yml", "references.bib"):
        shutil.copy(ROOT / name, book / name)
    for folder in ("_ext", "_static"):
        shutil.copytree(ROOT / folder, book / folder, ignore=shutil.ignore_patterns("__pycache__"))
    (book / "_toc.yml").write_text(
        "format: jb-book\nroot: chapters/home\nchapters:\n  - file: chapters/bad-page\n",
        encoding="utf-8",
    )
    home = GOOD_PAGE.replace("A small", "Home") + "\n```{bibliography}\n```\n"
    (book / "chapters" / "home.md").write_text(home, encoding="utf-8")
    (book / "chapters" / "bad-page.md").write_text(page, encoding="utf-8")
    return book


def build(book: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(JB), "build", str(book), "--builder", "html", "-W", "-n", "--keep-going"],
        capture_output=True, text=True, timeout=300, env=env,
    )


def test_the_tiny_book_builds_when_nothing_is_wrong(tmp_path):
    result = build(make_book(tmp_path, GOOD_PAGE))
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]


@pytest.mark.slow
@pytest.mark.parametrize(
    "case, page, message",
    [
        ("broken cross-reference", GOOD_PAGE + "\nSee {ref}`no-such-section`.\n",
         "no-such-section"),
        ("unknown citation key", GOOD_PAGE + "\nAs shown before {cite:p}`nosuchkey2099`.\n",
         "nosuchkey2099"),
        ("unknown ledger number", GOOD_PAGE + "\nAbout {fact}`no-such-number` of women.\n",
         "no-such-number"),
        ("missing image", GOOD_PAGE + "\n```{image} no-such-picture.png\n:alt: A picture\n```\n",
         "no-such-picture.png"),
    ],
)
def test_bad_input_fails_the_build_naming_the_file(tmp_path, case, page, message):
    result = build(make_book(tmp_path, page))
    output = result.stdout + result.stderr
    assert result.returncode != 0, f"{case}: the build passed"
    assert "bad-page" in output, f"{case}: the error does not name the file\n{output[-3000:]}"
    assert message in output, f"{case}: the error does not say what is wrong\n{output[-3000:]}"


NEW_SOURCE = """
@misc{newsource2026,
  author = {{Course authors}},
  title  = {A source first cited on a rebuild},
  year   = {2026}
}
"""


@pytest.mark.slow
def test_a_source_first_cited_on_a_rebuild_reaches_the_reference_list(tmp_path):
    """The reference list is read again when another page changes, so it never goes stale."""
    book = make_book(tmp_path, GOOD_PAGE)
    assert build(book).returncode == 0
    bib = book / "references.bib"
    bib.write_text(bib.read_text(encoding="utf-8") + NEW_SOURCE, encoding="utf-8")
    page = book / "chapters" / "bad-page.md"
    page.write_text(GOOD_PAGE + "\nMost people go on to have a baby {cite:p}`newsource2026`.\n", encoding="utf-8")
    result = build(book)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    home = (book / "_build" / "html" / "chapters" / "home.html").read_text(encoding="utf-8")
    assert "A source first cited on a rebuild" in home, "the reference list did not pick up the new source"


@pytest.mark.slow
def test_a_changed_ledger_number_reaches_the_page_on_a_rebuild(tmp_path, monkeypatch):
    """Pages showing {fact} numbers depend on figures/data.py: editing it re-reads them."""
    book = make_book(tmp_path, GOOD_PAGE + "\nAbout {fact}`miscarriage-per-pregnancy` pregnancies.\n")
    figures = book / "figures"
    shutil.copytree(ROOT / "figures", figures, ignore=shutil.ignore_patterns("__pycache__"))
    env = {**os.environ, "PYTHONPATH": str(book)}
    assert build(book, env).returncode == 0
    ledger = figures / "data.py"
    ledger.write_text(ledger.read_text(encoding="utf-8").replace('says="15 in 100"', 'says="16 in 100"'),
                      encoding="utf-8")
    result = build(book, env)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    page = (book / "_build" / "html" / "chapters" / "bad-page.html").read_text(encoding="utf-8")
    assert "16 in 100" in page, "the page still shows the old ledger number"


@pytest.mark.slow
def test_a_placeholder_address_stops_the_build(tmp_path):
    book = make_book(tmp_path, GOOD_PAGE)
    config = book / "_config.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        'course_address: ""', 'course_address: "https://example.org/course/"'), encoding="utf-8")
    result = build(book)
    output = result.stdout + result.stderr
    assert result.returncode != 0, "the build passed with a placeholder address"
    assert "course_address" in output and "placeholder" in output
