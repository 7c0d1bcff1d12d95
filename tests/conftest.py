"""Shared fixtures: where the built book is, its pages in toc order, and the PDF.

Tests read what a reader gets: `_build/html` (BeautifulSoup) and the PDF (pypdf).
Set COURSE_BUILD_DIR to test a build made elsewhere (``jupyter-book build --path-output``).

Every test that needs a build gets the ``build`` marker here, so ``pytest -m "not build"``
(``make check``) runs only the tests that read the sources: a test needs a build when it
uses a path under the build folder (``HTML``, ``PDF``…), directly or through any helper or
fixture defined in ``tests/``, when it drives a browser, or when it builds a small book of
its own (``slow``).
"""

from __future__ import annotations

import inspect
import os
import types
from functools import lru_cache
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from pypdf import PdfReader

ROOT = Path(__file__).resolve().parents[1]
BUILD = Path(os.environ.get("COURSE_BUILD_DIR", ROOT / "_build")).resolve()
HTML = BUILD / "html"
PDF = BUILD / "latex" / "recurrent-miscarriage-course.pdf"


def toc_docnames() -> list[str]:
    """Every page of `_toc.yml` in reading order, root first (e.g. 'chapters/home')."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    names = [toc["root"]]

    def walk(entries):
        for entry in entries or []:
            if "file" in entry:
                names.append(entry["file"])
            walk(entry.get("sections"))
            walk(entry.get("chapters"))

    for part in toc.get("parts", []):
        walk(part.get("chapters"))
    walk(toc.get("chapters"))
    return names


def lesson_docnames() -> list[str]:
    """The numbered lessons (the part captioned 'Lessons')."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    for part in toc.get("parts", []):
        if part.get("caption") == "Lessons":
            return [c["file"] for c in part["chapters"]]
    raise AssertionError("_toc.yml has no part captioned 'Lessons'")


@lru_cache(maxsize=None)
def html_soup(docname: str) -> BeautifulSoup:
    path = HTML / f"{docname}.html"
    assert path.exists(), f"{path} was not built; run `make book` first"
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def article(soup: BeautifulSoup):
    """The page's own content, without navigation, header or footer."""
    node = soup.select_one("article.bd-article") or soup.select_one("main")
    assert node is not None, "page has no <article class='bd-article'>"
    return node


@lru_cache(maxsize=1)
def pdf_reader() -> PdfReader:
    assert PDF.exists(), f"{PDF} was not built; run `make book` first"
    return PdfReader(str(PDF))


@lru_cache(maxsize=1)
def pdf_page_texts() -> tuple[str, ...]:
    return tuple((page.extract_text() or "") for page in pdf_reader().pages)


@lru_cache(maxsize=1)
def pdf_chapters() -> dict[str, tuple[int, int]]:
    """Top-level bookmark title -> (first page, page after the last), 0-based."""
    reader = pdf_reader()
    starts = [(item.title, reader.get_destination_page_number(item))
              for item in reader.outline if not isinstance(item, list)]
    ends = [start for _, start in starts[1:]] + [len(reader.pages)]
    return {title: (start, max(end, start + 1)) for (title, start), end in zip(starts, ends)}


def pdf_text() -> str:
    return "\n".join(pdf_page_texts())


@pytest.fixture(scope="session")
def built_html() -> Path:
    assert (HTML / "index.html").exists(), "no HTML build; run `make book` first"
    return HTML


@pytest.fixture(scope="session")
def built_pdf() -> PdfReader:
    return pdf_reader()


@pytest.fixture(scope="session")
def server(built_html):
    """The built site over HTTP on 127.0.0.1 (tests/browser.py)."""
    from browser import LocalServer

    with LocalServer(built_html) as srv:
        yield srv


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the whole run of a test process: starting one per test
    module costs seconds, and Playwright's sync API allows one running instance per thread,
    so every test that drives a browser uses this one (tests/browser.py)."""
    from playwright.sync_api import sync_playwright

    from browser import CHROMIUM, launch_chromium

    assert Path(CHROMIUM).exists(), f"{CHROMIUM} is missing: run scripts/system-deps.sh test"
    with sync_playwright() as p:
        chromium = launch_chromium(p)
        yield chromium
        chromium.close()


# --------------------------------------------------------------------------- the build marker
TESTS = Path(__file__).resolve().parent


def _is_build_path(value) -> bool:
    if isinstance(value, (list, tuple, set, frozenset)):
        return any(_is_build_path(v) for v in value)
    return isinstance(value, Path) and (value == BUILD or BUILD in value.parents)


# A helper that runs one of these (`python -m sphinx`, `jupyter-book build`) builds a book.
BUILDERS = {"sphinx", "jupyter-book"}


def _code_parts(code: types.CodeType):
    """Names and string constants of a function, its lambdas, comprehensions and inner functions."""
    yield from code.co_names
    for const in code.co_consts:
        if isinstance(const, types.CodeType):
            yield from _code_parts(const)
        elif isinstance(const, str):
            yield const


def _reads_build(func, seen: set) -> bool:
    """Does ``func``, or a function of tests/ it calls by name, use a path under BUILD or
    run a builder?"""
    func = inspect.unwrap(func)
    code = getattr(func, "__code__", None)
    if code is None or func in seen or not code.co_filename.startswith(str(TESTS)):
        return False
    seen.add(func)
    for name in set(_code_parts(code)):
        if name in BUILDERS:
            return True
        # A name imported inside the function (`from conftest import BUILD`) is not global.
        value = func.__globals__.get(name, globals().get(name))
        if _is_build_path(value):
            return True
        if callable(value) and _reads_build(value, seen):
            return True
    return False


def _needs_build(item) -> bool:
    if item.get_closest_marker("browser") or item.get_closest_marker("slow"):
        return True
    params = getattr(getattr(item, "callspec", None), "params", {})
    if any(_is_build_path(v) for v in params.values()):
        return True
    seen: set = set()
    if _reads_build(getattr(item, "function", None), seen):
        return True
    for defs in getattr(item, "_fixtureinfo").name2fixturedefs.values():
        if any(_reads_build(d.func, seen) for d in defs):
            return True
    return False


def pytest_collection_modifyitems(config, items):
    for item in items:
        if _needs_build(item):
            item.add_marker(pytest.mark.build)


# --------------------------------------------------------------------------- reports
# Lines a test module measured for the reader of the test log (the browser pass's per-page
# summary). Tests run in several worker processes (pytest-xdist, pytest.ini): a worker hands
# its reports to the main process, which prints them all after the test results.
REPORTS = pytest.StashKey[list]()


def add_report(config, title: str, lines: list[str]) -> None:
    """Print ``title`` and ``lines`` after the test results of this run."""
    config.stash.setdefault(REPORTS, []).append([title, list(lines)])


def pytest_sessionfinish(session):
    workeroutput = getattr(session.config, "workeroutput", None)
    if workeroutput is not None:  # an xdist worker: send the reports to the main process
        workeroutput["course_reports"] = session.config.stash.get(REPORTS, [])


def pytest_testnodedown(node, error):  # xdist, in the main process: a worker has finished
    for title, lines in getattr(node, "workeroutput", {}).get("course_reports", []):
        add_report(node.config, title, lines)


def pytest_terminal_summary(terminalreporter, config):
    for title, lines in config.stash.get(REPORTS, []):
        terminalreporter.write_sep("-", title.split(" (")[0].rstrip(":"))
        terminalreporter.write_line(title)
        for line in lines:
            terminalreporter.write_line("  " + line)
