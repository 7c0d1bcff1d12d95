"""The ``{course-figure}`` directive: a figure of the ``figures`` package, drawn during the build.

::

    :::{course-figure} risk_by_age
    :name: fig-risk-by-age
    :alt: Bar chart of the chance of miscarriage by the mother's age: ...
    The chance of miscarriage is lowest in the late twenties.
    :::

The function ``figures.FIGURES[name]`` is drawn in-process (matplotlib, Agg) and written
once as SVG (web) and once as PDF (LaTeX book) to ``<doctrees>/course-figures/<name>.*``;
the page gets a normal figure node whose image URI ends in ``.*``, so each builder picks
its format.  A figure function with a projector form (``figures/projector.py``) also gets
``<name>-projector.svg``, which the web page shows on short landscape screens (a ``<picture>``
source).  The caption is the directive's body followed by a source sentence with a real
citation, made from the keys the figure function declares.  On the web the caption ends
with an "Open figure N full size" link to the SVG.

Every page with a figure depends on every file of ``figures/``, on ``references.bib`` and on
``_static/figures.css``, so a change there re-reads and redraws it.  A missing alt text, an
unknown name or an exception in a figure function is an error naming the page, the line and
the function.  Each figure name has one SVG and one PDF, replaced in place when it changes.
"""

from __future__ import annotations

import importlib
import os
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # no display: draw to files only

from docutils import nodes  # noqa: E402
from docutils.parsers.rst import directives  # noqa: E402
from sphinx.application import Sphinx  # noqa: E402
from sphinx.util.docutils import SphinxDirective  # noqa: E402

OUT = "course-figures"  # folder under the doctree directory; one SVG and one PDF per figure
CSS = "figures.css"


def figures_package():
    """The ``figures`` package (each build is a new process, so it is read fresh)."""
    return importlib.import_module("figures")


def figures_files() -> list[Path]:
    folder = Path(figures_package().__file__).resolve().parent
    return sorted(folder.glob("*.py"))


class open_full_size(nodes.Inline, nodes.Element):
    """The "Open figure N full size" link; only the HTML writer shows it."""

    def astext(self) -> str:  # keep it out of the figure's title in references
        return ""


class CourseFigure(SphinxDirective):
    required_arguments = 1
    has_content = True
    option_spec = {"name": directives.unchanged_required, "alt": directives.unchanged}

    def where(self) -> str:
        return f"{self.env.doc2path(self.env.docname, False)}:{self.lineno}"

    def run(self):
        name = self.arguments[0]
        alt = " ".join(self.options.get("alt", "").split())
        if not alt:
            raise self.error(f"{self.where()}: course-figure {name!r} needs an :alt: text that states what "
                             "the figure shows (its finding, with the numbers)")
        if not self.content:
            raise self.error(f"{self.where()}: course-figure {name!r} needs a caption as its body")
        package = figures_package()
        function = package.FIGURES.get(name)
        if function is None:
            raise self.error(f"{self.where()}: unknown figure {name!r}; figures.FIGURES has: "
                             + ", ".join(sorted(package.FIGURES)))
        for path in figures_files():
            self.env.note_dependency(str(path))
        self.env.note_dependency(str(Path(self.env.srcdir) / "references.bib"))
        language = self.env.config.language or "en"
        if language != "en" and self.env.config.locale_dirs:
            # A translated edition draws its labels from figures.po: a new translation redraws.
            self.env.note_dependency(str(Path(self.env.srcdir) / self.env.config.locale_dirs[0]
                                         / language / "LC_MESSAGES" / "figures.po"))
        # Sphinx copies static files only when some page is rebuilt: a change in the figures'
        # stylesheet rebuilds the pages that show figures, so it reaches the site.
        self.env.note_dependency(str(Path(self.env.srcdir) / "_static" / CSS))

        stem = Path(self.env.app.doctreedir) / OUT / name
        try:
            draw(function, stem)
            projector = "projector" in getattr(function, "forms", ())
            if projector:
                draw(function, stem.with_name(f"{name}-projector"), form="projector")
        except Exception as exc:  # any failure in the drawing code is the author's to fix
            raise self.error(f"{self.where()}: figure function figures.{name}() failed: "
                             f"{type(exc).__name__}: {exc}") from exc

        from figures.sources import in_caption

        # A path from the source folder ("/..."), so Sphinx collects both candidates of "<name>.*".
        uri = "/" + Path(os.path.relpath(stem, self.env.srcdir)).as_posix() + ".*"
        image = nodes.image(uri=uri, alt=alt, classes=["course-figure-image"])
        # What translation catalogues see of the image: the figure's name, not a build path.
        image["original_uri"] = f"figures/{name}"
        if projector:
            # Web only: a wide form with slide-sized type for short landscape screens (projectors).
            image["projector"] = Path(os.path.relpath(stem.with_name(f"{name}-projector.svg"),
                                                      self.env.srcdir)).as_posix()
        figure = nodes.figure("", image, classes=["course-figure"])
        self.set_source_info(figure)
        caption_text = " ".join(" ".join(self.content).split()) + " " + in_caption(function.keys)
        parsed = self.parse_text_to_nodes(caption_text, offset=self.content_offset)
        if len(parsed) != 1 or not isinstance(parsed[0], nodes.paragraph):
            raise self.error(f"{self.where()}: the caption of course-figure {name!r} must be one paragraph")
        caption = nodes.caption(caption_text, "", *parsed[0].children)
        caption.source, caption.line = figure.source, self.lineno
        caption += open_full_size("", figure_name=name)
        figure += caption
        if "name" in self.options:
            self.add_name(figure)
        return [figure]


def draw(function, stem: Path, form: str = "web") -> None:
    """Write ``stem.svg`` and ``stem.pdf`` (projector form: SVG only), each replaced only if it changed."""
    from matplotlib.figure import Figure

    from figures.style import save

    stem.parent.mkdir(parents=True, exist_ok=True)
    fig = function() if form == "web" else function(form=form)
    if not isinstance(fig, Figure):
        raise TypeError(f"returned {type(fig).__name__}, not a matplotlib Figure")
    for fmt in ("svg", "pdf") if form == "web" else ("svg",):
        target = stem.with_suffix(f".{fmt}")
        tmp = stem.with_suffix(f".{fmt}.tmp")
        save(fig, tmp, fmt)
        if target.exists() and target.read_bytes() == tmp.read_bytes():
            tmp.unlink()  # unchanged: keep the old file and its date
        else:
            os.replace(tmp, target)


def visit_open_full_size_html(self, node: open_full_size) -> None:
    figure = node.parent.parent
    ids = figure.get("ids", [])
    number = self.builder.fignumbers.get("figure", {}).get(ids[0]) if ids else None
    which = f"figure {'.'.join(map(str, number))}" if number else "this figure"
    href = f"{self.builder.imgpath}/{node['figure_name']}.svg"
    self.body.append(f' <a class="course-figure-open" href="{href}">Open {which} full size</a>')
    raise nodes.SkipNode


class picture(nodes.General, nodes.Element):
    """``<picture>`` around a figure's image: the projector form on short landscape screens."""


# A landscape screen at most 600 CSS px tall: a projector at 150 % zoom, a phone on its side.
PROJECTOR_MEDIA = "(orientation: landscape) and (max-height: 600px)"


def visit_picture_html(self, node: picture) -> None:
    src = f"{self.builder.imgpath}/{node['projector_name']}"
    self.body.append(f'<picture><source media="{PROJECTOR_MEDIA}" srcset="{src}" />')


def depart_picture_html(self, node: picture) -> None:
    self.body.append("</picture>")


def use_projector_forms(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """On the web, offer each figure's projector form next to its image and copy it with the images."""
    if app.builder.format != "html":
        return
    for image in list(doctree.findall(nodes.image)):
        relpath = image.get("projector")
        if not relpath:
            continue
        name = Path(relpath).name
        app.builder.images[relpath] = name  # copied to _images/ with the page's other images
        wrapper = picture("", projector_name=name)
        image.replace_self(wrapper)
        wrapper += image


def skip(self, node) -> None:
    raise nodes.SkipNode


def robust_latex_captions(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """A citation in a LaTeX ``\\caption`` must be protected: drop its ``\\DUrole`` wrapper and
    ``\\protect`` its ``\\hyperlink`` (sphinxcontrib-bibtex writes it as raw LaTeX)."""
    if app.builder.format != "latex":
        return
    for figure in doctree.findall(nodes.figure):
        if "course-figure" not in figure["classes"]:
            continue
        for caption in figure.findall(nodes.caption):
            for node in caption.findall(nodes.inline):
                node["classes"] = [c for c in node["classes"] if c != "bibtex-citation"]
            for node in caption.findall(nodes.Special):
                if node.rawsource.startswith("\\hyperlink"):
                    node.rawsource = "\\protect" + node.rawsource


def add_stylesheet(app: Sphinx, config) -> None:
    """Link ``_static/figures.css`` unless Jupyter Book already links every ``_static/*.css``."""
    listed = [c[0] if isinstance(c, (tuple, list)) else c for c in config.html_css_files]
    if CSS not in listed:
        app.add_css_file(CSS)


def setup(app: Sphinx) -> dict:
    app.add_node(open_full_size, html=(visit_open_full_size_html, None), latex=(skip, None),
                 text=(skip, None), man=(skip, None), texinfo=(skip, None))
    app.add_node(picture, html=(visit_picture_html, depart_picture_html))
    app.add_directive("course-figure", CourseFigure)
    app.connect("config-inited", add_stylesheet)
    app.connect("doctree-resolved", robust_latex_captions)
    app.connect("doctree-resolved", use_projector_forms)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
