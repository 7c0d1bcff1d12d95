"""The ``{course-figure}`` directive: figures follow their code, fail loudly, and read well on screens.

* Tiny-book builds (a copy of the real configuration, extensions, bibliography and
  ``figures`` package): a changed ledger number redraws the figure on a rebuild without
  cleaning; a figure function that raises, or a figure without alt text, stops the build
  with a message naming the page, the line and what to fix (one book holds every faulty
  figure, a page each).
* The built book: every figure links to its SVG with "Open figure N full size", and the
  target exists.
* Headless Chromium: on a 390 px phone the smallest figure text is at least 12 CSS px
  (measured as the review did: text size in the SVG x displayed width / SVG width); at
  1280 x 800 every figure fills the text column; on a 1024 x 768 projector at 150 % zoom
  (683 x 512 CSS px) every figure shows its projector form, whole under the page header,
  with text of at least 24 CSS px.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, article, html_soup, lesson_docnames

JB = Path(sys.executable).with_name("jupyter-book")
PAGE = """---
myst:
  html_meta:
    description: "A page of a tiny test book."
---
# A page with a figure

Some words before the figure {{cite:p}}`quenby2021`.

:::{{course-figure}} {name}
---
name: fig-test
{alt}
---
A caption for the test figure.
:::
"""
ALT = 'alt: "Bar chart of how often miscarriage and repeated miscarriage happen, with numbers."'
FIGURE_LINE = PAGE.split("\n").index(":::{{course-figure}} {name}") + 1  # 1-based line of the directive


def make_book(tmp_path: Path, name: str = "how_common", alt: str = ALT) -> Path:
    book = tmp_path / "book"
    (book / "chapters").mkdir(parents=True)
    for file in ("_config.yml", "references.bib"):
        shutil.copy(ROOT / file, book / file)
    for folder in ("_ext", "_static", "figures"):
        shutil.copytree(ROOT / folder, book / folder, ignore=shutil.ignore_patterns("__pycache__"))
    (book / "_toc.yml").write_text(
        "format: jb-book\nroot: chapters/home\nchapters:\n  - file: chapters/fig-page\n", encoding="utf-8")
    (book / "chapters" / "home.md").write_text(
        PAGE.split("# A page")[0] + "# Home\n\n```{bibliography}\n```\n", encoding="utf-8")
    (book / "chapters" / "fig-page.md").write_text(PAGE.format(name=name, alt=alt), encoding="utf-8")
    return book


def build(book: Path) -> subprocess.CompletedProcess:
    # PYTHONPATH first: the build imports this copy's `figures`, not the installed checkout's.
    env = {**os.environ, "PYTHONPATH": str(book)}
    return subprocess.run([str(JB), "build", str(book), "--builder", "html", "-W", "-n", "--keep-going"],
                          capture_output=True, text=True, timeout=600, env=env)


def output(result) -> str:
    return result.stdout[-4000:] + result.stderr[-4000:]


def change_ledger(book: Path, old: str, new: str) -> None:
    ledger = book / "figures" / "data.py"
    text = ledger.read_text(encoding="utf-8")
    assert f'    {old}, "quenby2021"' in text, "the test's ledger entry moved; update the test"
    ledger.write_text(text.replace(f'    {old}, "quenby2021"', f'    {new}, "quenby2021"'), encoding="utf-8")


@pytest.mark.slow
def test_a_changed_ledger_number_redraws_the_figure_on_every_rebuild(tmp_path):
    """One small book, rebuilt without cleaning after each change of the ledger:
    1. `make html` alone: both forms of the figure are redrawn, in place;
    2. `make book` order, the LaTeX build first, in one environment: the LaTeX build reads
       the changed page first, and the HTML build must still write it."""
    book = make_book(tmp_path)
    first = build(book)
    assert first.returncode == 0, output(first)
    images = book / "_build" / "html" / "_images"
    before = (images / "how_common.svg").read_bytes()
    before_projector = (images / "how_common-projector.svg").read_bytes()

    change_ledger(book, "15.3", "42.0")
    second = build(book)  # no clean: Sphinx must notice the change in figures/ by itself
    assert second.returncode == 0, output(second)
    after = (images / "how_common.svg").read_bytes()
    assert after != before, "the figure on the page was not redrawn after the ledger changed"
    assert (images / "how_common-projector.svg").read_bytes() != before_projector, (
        "the projector form was not redrawn after the ledger changed")
    page = (book / "_build" / "html" / "chapters" / "fig-page.html").read_text(encoding="utf-8")
    assert "_images/how_common.svg" in page
    # One file per figure name and form, replaced in place: old drawings do not pile up.
    assert sorted(p.name for p in images.iterdir()) == ["how_common-projector.svg", "how_common.svg"]

    change_ledger(book, "42.0", "43.0")
    env = {**os.environ, "PYTHONPATH": str(book)}
    latex = subprocess.run([str(JB), "build", str(book), "--builder", "latex", "-W", "-n", "--keep-going"],
                           capture_output=True, text=True, timeout=600, env=env)
    assert latex.returncode == 0, output(latex)
    third = build(book)
    assert third.returncode == 0, output(third)
    assert (images / "how_common.svg").read_bytes() != after, (
        "the website kept the old figure after the print build had redrawn it")


# The faulty figures, one page each, in one book: with --keep-going the build reports every
# fault, so one build serves every test below (each reads the lines about its own page).
FAULTY = {
    "raises": {"name": "broken_drawing"},
    "missing-alt": {"alt": ""},
    "empty-alt": {"alt": 'alt: ""'},
    "unknown-name": {"name": "no_such_figure"},
}


@pytest.fixture(scope="module")
def faulty_book(tmp_path_factory):
    book = make_book(tmp_path_factory.mktemp("faulty-figures"))
    init = book / "figures" / "__init__.py"
    init.write_text(init.read_text(encoding="utf-8") + (
        "\n\ndef broken_drawing():\n    raise ValueError('the bars do not add up')\n\n\n"
        "FIGURES['broken_drawing'] = broken_drawing\n"), encoding="utf-8")
    chapters = book / "chapters"
    (chapters / "fig-page.md").unlink()
    for page, fault in FAULTY.items():
        text = PAGE.format(name=fault.get("name", "how_common"), alt=fault.get("alt", ALT))
        (chapters / f"fig-{page}.md").write_text(text, encoding="utf-8")
    (book / "_toc.yml").write_text("format: jb-book\nroot: chapters/home\nchapters:\n"
                                   + "".join(f"  - file: chapters/fig-{page}\n" for page in FAULTY), encoding="utf-8")
    return build(book)


def about(result, page: str) -> str:
    """The lines of the build's output that name one page of the faulty book."""
    return "\n".join(line for line in (result.stdout + result.stderr).splitlines() if f"fig-{page}.md" in line)


@pytest.mark.slow
def test_a_figure_function_that_raises_fails_naming_page_line_and_function(faulty_book):
    text = about(faulty_book, "raises")
    assert faulty_book.returncode != 0, "the build passed although a figure function raised"
    assert f"fig-raises.md:{FIGURE_LINE}" in text, f"the error does not name the page and line\n{output(faulty_book)}"
    assert "figures.broken_drawing()" in text, f"the error does not name the function\n{text}"
    assert "the bars do not add up" in text, f"the error does not give the exception's message\n{text}"


@pytest.mark.slow
@pytest.mark.parametrize("page", ["missing-alt", "empty-alt"], ids=["missing", "empty"])
def test_a_figure_without_alt_text_fails_naming_file_and_line(faulty_book, page):
    text = about(faulty_book, page)
    assert faulty_book.returncode != 0, "the build passed without alt text"
    assert f"fig-{page}.md:{FIGURE_LINE}" in text, f"the error does not name the file and line\n{output(faulty_book)}"
    assert ":alt:" in text, f"the error does not say what to add\n{text}"


@pytest.mark.slow
def test_an_unknown_figure_name_fails_listing_the_known_ones(faulty_book):
    text = about(faulty_book, "unknown-name")
    assert faulty_book.returncode != 0
    assert "no_such_figure" in text and "how_common" in text, output(faulty_book)


# --- The built book ------------------------------------------------------------------------

def figure_pages() -> list[str]:
    return [d for d in lesson_docnames()
            if ":::{course-figure}" in (ROOT / f"{d}.md").read_text(encoding="utf-8")]


@pytest.mark.parametrize("docname", figure_pages())
def test_every_figure_opens_full_size(built_html, docname):
    figures = [f for f in article(html_soup(docname)).find_all("figure") if f.find("img")]
    assert figures, f"{docname}: no figures"
    for fig in figures:
        number = fig.select_one(".caption-number").get_text(strip=True)  # "Fig. 1.2"
        link = fig.select_one("a.course-figure-open")
        assert link is not None, f"{docname}: figure {fig.get('id')} has no 'Open full size' link"
        assert link.get_text(" ", strip=True) == f"Open figure {number.split()[-1]} full size", (
            f"{docname}: link text {link.get_text()!r} does not say which figure")
        target = (built_html / docname).parent / link["href"]
        assert target.resolve().is_file(), f"{docname}: {link['href']} is not in the build"
        assert link["href"] == fig.find("img")["src"], f"{docname}: the link opens another image than shown"


# --- In the browser -------------------------------------------------------------------------

MEASURE = """async () => {
  const out = [];
  for (const img of document.querySelectorAll('article.bd-article figure.course-figure img')) {
    const svg = await (await fetch(img.currentSrc || img.src)).text();
    const viewBoxWidth = Number(svg.match(/viewBox="([^"]+)"/)[1].split(/\\s+/)[2]);
    // Text drawn as paths: each run of glyphs is scaled by font size / 100 (SVG units).
    const sizes = [...svg.matchAll(/scale\\(([0-9.]+) -[0-9.]+\\)/g)].map(m => parseFloat(m[1]) * 100);
    const shown = img.getBoundingClientRect().width;
    const column = img.closest('figure').parentElement;
    const style = getComputedStyle(column);
    const columnWidth = column.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    const header = document.querySelector('.bd-header-article');
    const box = img.getBoundingClientRect();
    out.push({src: img.getAttribute('src'), current: (img.currentSrc || img.src).split('/').pop(),
              count: sizes.length, shown, height: box.height, columnWidth,
              below: window.innerHeight - (header ? header.getBoundingClientRect().height : 0),
              smallest: Math.min(...sizes) * shown / viewBoxWidth});
  }
  return out;
}"""


@pytest.fixture(scope="module")
def screens(browser):
    """One tab per screen (size and pixel density), loading page after page: a new tab for
    each page would start a new renderer process each time."""
    tabs = {}

    def tab(viewport: dict, scale: float):
        key = (viewport["width"], viewport["height"], scale)
        if key not in tabs:
            tabs[key] = browser.new_context(viewport=viewport, device_scale_factor=scale).new_page()
        return tabs[key]

    yield tab
    for page in tabs.values():
        page.context.close()


def measure(screens, server, docname, viewport, scale=2):
    page = screens(viewport, scale)
    page.goto(server.url(f"{docname}.html"))
    found = page.evaluate(MEASURE)
    assert found, f"{docname}: no figures on the page"
    for f in found:
        assert f["count"] > 0, f"{docname}: {f['src']} has no text to measure"
    return found


@pytest.mark.browser
@pytest.mark.parametrize("docname", figure_pages())
def test_figure_text_is_at_least_12_px_on_a_phone(screens, server, docname):
    for f in measure(screens, server, docname, {"width": 390, "height": 844}):
        assert f["smallest"] >= 12, (
            f"{docname}: {f['src']} smallest text {f['smallest']:.1f} CSS px at 390 px")


@pytest.mark.browser
@pytest.mark.parametrize("docname", figure_pages())
def test_figures_fill_the_column_on_a_desktop(screens, server, docname):
    for f in measure(screens, server, docname, {"width": 1280, "height": 800}):
        assert f["shown"] >= f["columnWidth"] - 1, (
            f"{docname}: {f['src']} is {f['shown']:.0f} px wide in a {f['columnWidth']:.0f} px column")


def test_every_figure_has_a_projector_form():
    import figures

    missing = sorted(n for n, fn in figures.FIGURES.items() if "projector" not in fn.forms)
    assert not missing, f"figures without a projector form: {missing}"


@pytest.mark.browser
@pytest.mark.parametrize("docname", figure_pages())
def test_projector_form_fits_a_projector_at_150_percent(screens, server, docname):
    # 1024 x 768 at 150 % zoom: 683 x 512 CSS px, 1.5 device px per CSS px.  Every figure must
    # show its projector form there: whole under the page header, with slide-sized text.
    for f in measure(screens, server, docname, {"width": 683, "height": 512}, scale=1.5):
        assert f["current"].endswith("-projector.svg"), f"{docname}: shows {f['current']}, not the projector form"
        assert f["height"] <= f["below"], (
            f"{docname}: {f['current']} is {f['height']:.0f} px tall; {f['below']:.0f} px fit under the header")
        assert f["smallest"] >= 24, f"{docname}: {f['current']} smallest text {f['smallest']:.1f} CSS px"
