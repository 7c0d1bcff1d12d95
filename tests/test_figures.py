"""The course's diagrams: readable, honest about their sources, and present in HTML and PDF.

Two groups of tests:

* Figure tests draw every function of ``figures`` headless (Agg) and inspect
  what the renderer really draws: no two texts overlap, no text leaves the
  canvas, no text is smaller than 9 pt once printed, every text on a fill
  reaches WCAG 4.5:1, every number in ``figures.data`` names a
  ``references.bib`` key, and the source line drawn in each figure names the
  works its function declares (and every ledger number it draws cites one of them).
* Build tests read the built book (``COURSE_BUILD_DIR``): every image has real
  alt text, every figure caption cites the figure's declared sources, and the PDF pages of each
  lesson with a figure carry image or vector objects.
"""

from __future__ import annotations

import re
from contextlib import contextmanager
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import pytest  # noqa: E402
from matplotlib.backends.backend_agg import FigureCanvasAgg, RendererAgg  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.patches import Patch  # noqa: E402
from matplotlib.text import Text  # noqa: E402

import figures  # noqa: E402
from figures import data, sources, style  # noqa: E402

from conftest import ROOT, article, html_soup, lesson_docnames, pdf_reader  # noqa: E402
from figtext import clashes, label, off_canvas  # noqa: E402

FIGURE_NAMES = sorted(figures.FIGURES)


# --- Drawing helpers --------------------------------------------------------------


@contextmanager
def recording_texts():
    """Record every Text artist (titles, labels, ticks, annotations) that is really drawn."""
    drawn: dict[int, Text] = {}
    original = Text.draw

    def spy(self, renderer):
        if self.get_visible() and self.get_text().strip() and isinstance(renderer, RendererAgg):
            drawn[id(self)] = self
        return original(self, renderer)

    Text.draw = spy
    try:
        yield drawn
    finally:
        Text.draw = original


def render(fig: Figure):
    """Draw the figure; return the renderer and the texts it drew, with their pixel boxes."""
    canvas = FigureCanvasAgg(fig)
    with recording_texts() as drawn:
        canvas.draw()
    renderer = canvas.get_renderer()
    texts = [(t, t.get_window_extent(renderer)) for t in drawn.values()]
    return renderer, texts


FORMS = [(name, form) for name in FIGURE_NAMES for form in figures.FIGURES[name].forms]
FORMS_PARAMS = [pytest.param(n, f, id=f"{n}-{f}") for n, f in FORMS]


@pytest.fixture(scope="module", params=FORMS, ids=[f"{n}-{f}" for n, f in FORMS])
def drawn_figure(request):
    name, form = request.param
    fig = figures.FIGURES[name](form)
    renderer, texts = render(fig)
    return f"{name} ({form})", fig, renderer, texts


# --- Figure tests ---------------------------------------------------------------------


def test_enough_figures():
    assert len(FIGURE_NAMES) >= 8, FIGURE_NAMES


@pytest.mark.parametrize("name", FIGURE_NAMES)
def test_function_returns_a_figure(name):
    fig = figures.FIGURES[name]()
    assert isinstance(fig, Figure), f"{name}() returned {type(fig).__name__}, not a matplotlib Figure"
    assert figures.FIGURES[name].__doc__, f"{name}() has no docstring saying what it draws"


@pytest.mark.parametrize("name,form", FORMS_PARAMS)
def test_the_source_line_in_the_image_names_the_declared_sources(name, form):
    """The "Source: ..." text drawn in each form of the figure is made from the keys the function declares."""
    keys = figures.FIGURES[name].keys
    assert keys, f"{name}() declares no references.bib keys (@figure('key', ...))"
    _, texts = render(figures.FIGURES[name](form))
    drawn = " ".join(" ".join(t.get_text().split()) for t, _ in texts)
    for key in keys:
        assert sources.label(key) in drawn, f"{name} ({form}): the image does not name {sources.label(key)!r} ({key})"


@pytest.mark.parametrize("name", FIGURE_NAMES)
def test_every_figure_has_a_projector_form(name):
    """A lesson may be shown on a projector, so no figure may fall back to its narrow web form there."""
    assert "projector" in figures.FIGURES[name].forms, (
        f"{name}() has no projector form: declare it with @figure(..., projector=True) and draw one")


def test_figure_source_labels_come_from_the_bibliography(tmp_path):
    bib = tmp_path / "refs.bib"
    bib.write_text("@article{one2020, author = {Doe, Jane}, title = {T}, year = {2020}}\n"
                   "@article{two2021, author = {Doe, Jane and Roe, Rich}, title = {T}, year = {2021}}\n"
                   "@article{many2022, author = {Doe, Jane and Roe, Rich and Poe, Ed}, title = {T}, year = {2022}}\n"
                   "@misc{body2023, author = {{A Body}}, title = {T}, year = {2023}}\n", encoding="utf-8")
    assert sources.label("one2020", bib) == "Doe 2020"
    assert sources.label("two2021", bib) == "Doe and Roe 2021"
    assert sources.label("many2022", bib) == "Doe et al. 2022"
    with pytest.raises(KeyError, match="SHORT_NAMES"):
        sources.label("body2023", bib)
    with pytest.raises(KeyError, match="not in refs.bib"):
        sources.label("missing2024", bib)


def test_every_figure_key_is_in_references_bib():
    keys = bib_keys()
    missing = [f"{name}: {key}" for name, fn in figures.FIGURES.items() for key in fn.keys if key not in keys]
    assert not missing, "figure sources not in references.bib: " + "; ".join(missing)


@pytest.mark.parametrize("name,form", FORMS_PARAMS)
def test_figure_keys_cover_the_ledger_numbers_it_draws(name, form, monkeypatch):
    """Every ledger number a figure (in each form) reads cites a work the figure names in its source line."""
    read = set()
    original = data.Cited.__getattribute__

    def spy(self, attr):
        if attr == "value":
            read.add(original(self, "source"))
        return original(self, attr)

    monkeypatch.setattr(data.Cited, "__getattribute__", spy)
    figures.FIGURES[name](form)
    monkeypatch.undo()
    unnamed = read - set(figures.FIGURES[name].keys)
    assert not unnamed, f"{name}({form!r}) draws numbers from {sorted(unnamed)} but does not declare them as sources"


def test_figures_draw_text(drawn_figure):
    name, _, _, texts = drawn_figure
    assert len(texts) >= 3, f"{name}: only {len(texts)} texts drawn; figures need direct labels"


def test_no_two_texts_overlap(drawn_figure):
    name, _, _, texts = drawn_figure
    found = clashes(texts)
    assert not found, f"{name}: " + "; ".join(found)


def test_no_text_outside_the_canvas(drawn_figure):
    name, fig, _, texts = drawn_figure
    width, height = fig.bbox.width, fig.bbox.height
    outside = [
        f"{label(t)} at x {box.x0:.0f}..{box.x1:.0f}, y {box.y0:.0f}..{box.y1:.0f} (canvas {width:.0f} x {height:.0f})"
        for t, box in off_canvas(fig, texts)
    ]
    assert not outside, f"{name}: text leaves the canvas: " + "; ".join(outside)


def test_text_is_at_least_9_pt_when_printed(drawn_figure):
    name, fig, _, texts = drawn_figure
    if "projector" in name:
        return  # the projector form is not printed; its own test asks for slide-sized type
    # Wider figures are scaled down to the PDF's text block; narrower ones print at natural size.
    scale = min(1.0, style.PRINT_TEXT_WIDTH / fig.get_figwidth())
    small = [f"{label(t)} {t.get_fontsize() * scale:.1f} pt" for t, _ in texts
             if t.get_fontsize() * scale < style.MIN_PRINTED_PT]
    assert not small, f"{name}: text under {style.MIN_PRINTED_PT} pt in print: " + "; ".join(small)


def _background_patches(fig: Figure) -> list[Patch]:
    skip = {id(fig.patch)} | {id(ax.patch) for ax in fig.axes}
    return [p for p in fig.findobj(Patch) if p.get_visible() and id(p) not in skip and p.get_fill()]


def _background_at(fig, patches, point, text) -> tuple:
    """The colour under a point: the highest patch below the text that contains it, else white."""
    box = text.get_bbox_patch()
    if box is not None and box.get_fill():
        return style.blend_on_white(box.get_facecolor())
    under = [p for p in patches if p.get_zorder() <= text.get_zorder() and p.contains_point(point)]
    if not under:
        return style.blend_on_white(fig.get_facecolor())
    top = max(under, key=lambda p: p.get_zorder())
    return style.blend_on_white(top.get_facecolor())


def test_text_on_fills_meets_wcag_contrast(drawn_figure):
    name, fig, _, texts = drawn_figure
    patches = _background_patches(fig)
    failures = []
    for t, box in texts:
        colour = style.blend_on_white(t.get_color())
        inset = 1.0
        points = [((box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2), (box.x0 + inset, box.y0 + inset),
                  (box.x1 - inset, box.y0 + inset), (box.x0 + inset, box.y1 - inset), (box.x1 - inset, box.y1 - inset)]
        for point in points:
            background = _background_at(fig, patches, point, t)
            ratio = style.contrast_ratio(colour, background)
            if ratio < style.MIN_CONTRAST:
                failures.append(f"{label(t)} {ratio:.2f}:1 on {matplotlib.colors.to_hex(background)}")
                break
    assert not failures, f"{name}: text below {style.MIN_CONTRAST}:1: " + "; ".join(failures)


def test_contrast_helper_matches_wcag():
    assert style.contrast_ratio("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert style.contrast_ratio("#FFFFFF", "#FFFFFF") == pytest.approx(1.0)
    # WCAG's own example: #767676 on white is the lightest grey that passes 4.5:1.
    assert style.contrast_ratio("#767676", "#FFFFFF") == pytest.approx(4.54, abs=0.01)


@pytest.mark.parametrize("name", [n for n, f in FORMS if f == "projector"])
def test_projector_form_is_wide_with_slide_sized_type(name):
    """On 683 x 512 CSS px (1024 x 768 at 150 %) the form is about 635 px wide: 25 pt shows at 24.5 px."""
    from figures import projector

    fig = figures.FIGURES[name]("projector")
    width, height = fig.get_size_inches()
    assert (width, height) == (projector.WIDTH, projector.HEIGHT), f"{name}: {width} x {height} in"
    assert height / width <= (512 - 56) / 635, f"{name}: too tall for a projector under the page header"
    _, texts = render(fig)
    small = [f"{label(t)} {t.get_fontsize():g} pt" for t, _ in texts if t.get_fontsize() < projector.TYPE]
    assert not small, f"{name}: projector text under {projector.TYPE} pt: " + "; ".join(small)


# --- Data: every number has a source ---------------------------------------------------


def bib_keys() -> set[str]:
    text = (ROOT / "references.bib").read_text(encoding="utf-8")
    return set(re.findall(r"^@\w+\{([^,\s]+),", text, flags=re.M))


def test_data_module_has_numbers():
    assert len(data.all_cited()) >= 30


def test_every_number_cites_a_key_in_references_bib():
    keys = bib_keys()
    missing = [f"{path} -> {cited.source!r}" for path, cited in data.all_cited() if cited.source not in keys]
    assert not missing, "citation keys not in references.bib: " + "; ".join(missing)


def test_no_bare_numbers_in_the_data_module():
    """Module-level numbers must be wrapped in Cited (counts inside a trial Arm sit next to their Cited)."""

    def bare(obj, path):
        if isinstance(obj, bool):
            return []
        if isinstance(obj, (int, float)):
            return [path]
        if isinstance(obj, dict):
            return [p for k, v in obj.items() for p in bare(v, f"{path}[{k!r}]")]
        if isinstance(obj, (list, tuple)):
            return [p for i, v in enumerate(obj) for p in bare(v, f"{path}[{i}]")]
        return []

    found = [p for name, value in vars(data).items() if name.isupper() for p in bare(value, name)]
    assert not found, "numbers without a citation: " + ", ".join(found)


def test_confidence_intervals_contain_their_estimates():
    for path, cited in data.all_cited():
        if cited.low is not None or cited.high is not None:
            assert cited.low is not None and cited.high is not None, path
            assert cited.low <= cited.value <= cited.high, path


# --- The built book -----------------------------------------------------------------------

IMAGE_FILE = re.compile(r"\.(svg|png|jpe?g|gif|pdf|webp)$", re.I)


FIGURE_BLOCK = ":::{course-figure}"


def lessons_with_figures() -> list[str]:
    return [d for d in lesson_docnames() if FIGURE_BLOCK in (ROOT / f"{d}.md").read_text(encoding="utf-8")]


def figure_cells(docname: str) -> int:
    return (ROOT / f"{docname}.md").read_text(encoding="utf-8").count(FIGURE_BLOCK)


def test_some_lessons_show_figures():
    assert lessons_with_figures(), "no lesson shows a {course-figure}"


@pytest.mark.parametrize("docname", lesson_docnames())
def test_images_have_real_alt_text(built_html, docname):
    for img in article(html_soup(docname)).find_all("img"):
        alt = (img.get("alt") or "").strip()
        src = img.get("src", "")
        assert alt, f"{docname}: <img src={src!r}> has no alt text"
        assert not IMAGE_FILE.search(alt) and alt != Path(src).name, f"{docname}: alt text is a file name: {alt!r}"
        assert len(alt.split()) >= 8, f"{docname}: alt text too short to state the finding: {alt!r}"


@pytest.mark.parametrize("docname", lessons_with_figures())
def test_lesson_figures_are_svg_with_a_sourced_caption(built_html, docname):
    page = article(html_soup(docname))
    found = [f for f in page.find_all("figure") if f.find("img")]
    assert len(found) >= figure_cells(docname), (
        f"{docname}: {figure_cells(docname)} figure blocks but {len(found)} figures with an image in the HTML")
    for fig in found:
        img = fig.find("img")
        assert img["src"].endswith(".svg"), f"{docname}: figure image is {img['src']}, expected SVG on the web"
        caption = fig.find("figcaption")
        assert caption is not None, f"{docname}: figure {fig.get('id')} has no caption"
        text = caption.get_text(" ", strip=True)
        assert re.search(r"\bSources?\b", text), f"{docname}: caption does not name a source: {text!r}"
        assert re.search(r"\b(19|20)\d\d\b", text), f"{docname}: caption names no dated source: {text!r}"
        function = figures.FIGURES[Path(img["src"]).stem]
        for key in function.keys:
            assert sources.label(key) in text, f"{docname}: caption does not name {sources.label(key)!r}: {text!r}"
        assert caption.select("a[href*='references']"), f"{docname}: caption source is not a citation: {text!r}"


def _lesson_title(docname: str) -> str:
    for line in (ROOT / f"{docname}.md").read_text(encoding="utf-8").splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    raise AssertionError(f"{docname} has no H1")


def _chapter_pages(reader, title: str) -> tuple[int, int]:
    """First and last page (0-based) of the chapter whose outline entry ends with ``title``."""

    def find(items, following_page):
        # ``items`` is one outline level: entries, each optionally followed by a list of its children.
        entries = [i for i in items if not isinstance(i, list)]
        for n, entry in enumerate(entries):
            next_page = reader.get_destination_page_number(entries[n + 1]) if n + 1 < len(entries) else following_page
            if entry.title.strip().endswith(title):
                return reader.get_destination_page_number(entry), next_page
        for n, item in enumerate(items):
            if isinstance(item, list):
                parent = items[n - 1]
                siblings = [i for i in items if not isinstance(i, list)]
                k = siblings.index(parent)
                parent_next = (reader.get_destination_page_number(siblings[k + 1])
                               if k + 1 < len(siblings) else following_page)
                found = find(item, parent_next)
                if found:
                    return found
        return None

    found = find(reader.outline, len(reader.pages))
    assert found is not None, f"PDF outline has no entry for {title!r}"
    first, next_start = found
    return first, max(first, next_start - 1)


def _has_graphics(page) -> bool:
    resources = page.get("/Resources")
    resources = resources.get_object() if resources is not None else {}
    xobjects = resources.get("/XObject")
    return bool(xobjects and len(xobjects.get_object()) > 0)


@pytest.mark.parametrize("docname", lessons_with_figures())
def test_pdf_pages_of_each_lesson_with_figures_carry_graphics(built_pdf, docname):
    reader = pdf_reader()
    first, last = _chapter_pages(reader, _lesson_title(docname))
    pages = [reader.pages[i] for i in range(first, last + 1)]
    with_graphics = sum(_has_graphics(p) for p in pages)
    assert with_graphics >= 1, f"{docname}: PDF pages {first + 1}-{last + 1} have no image or vector objects"
