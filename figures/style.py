"""One look for every diagram of the course.

Design rules (checked by ``tests/test_figures.py``):

* Colours come from the Okabe–Ito palette, which stays distinguishable for
  the common kinds of colour-vision deficiency.  Colour is never the only
  cue: every bar, zone or box also carries a direct text label, and paired
  series differ in hatching or marker shape as well.
* Figures are designed at ``WIDTH`` inches, which prints at its natural size
  in the PDF (narrower than the text block).  On the web a figure fills the
  text column (``_static/figures.css``).  The smallest text is ``SMALL`` points:
  at or above 9 pt in print, and at least 12 CSS px on a 390 px wide phone.
* Text that sits on a coloured fill must reach a WCAG contrast of at least
  4.5:1 against that fill (``contrast_ratio``).  The light ``TINT`` fills are
  made for dark text on top.
"""

from __future__ import annotations

import matplotlib
from matplotlib.colors import to_rgb
from matplotlib.figure import Figure

from .i18n import rc_params

# Okabe & Ito (2008) colour-blind-safe palette.
OKABE_ITO = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky": "#56B4E9",
    "green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
}

# Roles used in the figures.
INK = "#1A1A1A"  # main text
MUTED = "#4D4D4D"  # secondary text; 8.4:1 on white
GRID = "#BFBFBF"
WHITE = "#FFFFFF"
TREATED = OKABE_ITO["blue"]  # 5.0:1 with white text
UNTREATED = OKABE_ITO["orange"]
EMPHASIS = OKABE_ITO["vermillion"]
CALM = OKABE_ITO["green"]

# Light tints of the palette for boxes and zones with dark text on top.
TINT = {
    "blue": "#CCE3F0",
    "orange": "#FBE7BF",
    "green": "#CCECE3",
    "vermillion": "#F7DFCC",
    "purple": "#F5E4EE",
    "sky": "#DDF0FB",
    "yellow": "#FBF8CF",
    "grey": "#EBEBEB",
}

# Geometry and type (points).  WIDTH is the printed width in inches.
WIDTH = 4.6
PRINT_TEXT_WIDTH = 6.3  # the PDF's text block; wider figures are scaled down
BASE = 12.0
SMALL = 11.0
TITLE = 13.0
MIN_PRINTED_PT = 9.0
MIN_CONTRAST = 4.5
SOURCE_WRAP = 50  # characters a line of the source note, so it stays inside the figure

RC = {
    "font.family": "DejaVu Sans",
    "font.size": BASE,
    "axes.titlesize": TITLE,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "axes.labelsize": SMALL,
    "axes.labelcolor": INK,
    "axes.edgecolor": MUTED,
    "axes.linewidth": 0.8,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "xtick.labelsize": SMALL,
    "ytick.labelsize": SMALL,
    "xtick.color": MUTED,
    "ytick.color": MUTED,
    "text.color": INK,
    "legend.fontsize": SMALL,
    "legend.frameon": False,
    "hatch.linewidth": 1.2,
    "svg.fonttype": "path",  # identical lettering in every browser
    "pdf.fonttype": 42,  # embed TrueType fonts in the PDF
    "figure.dpi": 100,
    "savefig.dpi": 200,
    "savefig.facecolor": WHITE,
}


def new_figure(height: float, width: float = WIDTH) -> Figure:
    """A blank Figure in the house style.

    Uses ``matplotlib.figure.Figure`` directly, not pyplot, so a notebook shows
    only the figure a function returns (no second copy from the inline backend).
    """
    fig = Figure(figsize=(width, height), facecolor=WHITE)
    return fig


FORMS = ("web", "projector")
_state = {"keys": (), "form": "web"}


def projecting() -> bool:
    """True while a figure draws its projector form (``figures/projector.py``)."""
    return _state["form"] == "projector"


def figure(*keys: str, projector: bool = False):
    """Declare a figure function and the ``references.bib`` keys of the works it draws on.

    The wrapped function draws in the house rcParams (with a CJK font for Chinese:
    ``i18n.rc_params``); its source line comes from ``keys``
    (``add_source``, ``rows_figure``), and so does the caption's source sentence
    (``_ext/course/figure.py``), so both always name the same works.  With ``projector=True``
    it also takes ``form="projector"``: a wide form with slide-sized type.
    """
    import functools

    def decorate(fn):
        @functools.wraps(fn)
        def wrapper(form: str = "web") -> Figure:
            if form not in wrapper.forms:
                raise ValueError(f"{fn.__name__}() has no {form!r} form")
            before = dict(_state)
            _state.update(keys=keys, form=form)
            try:
                with matplotlib.rc_context({**RC, **rc_params()}):
                    return fn()
            finally:
                _state.update(before)

        wrapper.keys = tuple(keys)
        wrapper.forms = FORMS if projector else ("web",)
        return wrapper

    return decorate


def source_line(extra: str = "") -> str:
    """The "Source: ..." line of the figure being drawn, made from its declared keys.

    Wrapped for the web form; on one line for the projector form, which wraps it by its
    measured width.
    """
    from .sources import in_image

    keys = _state["keys"]
    if not keys:
        raise RuntimeError("a figure's source line needs its keys: decorate it with @figure('key', ...)")
    return in_image(keys, extra, width=SOURCE_WRAP if not projecting() else None)


def save(fig: Figure, path, fmt: str) -> None:
    """Write ``fig`` as SVG or PDF with no date or random ids, so unchanged figures give unchanged files."""
    metadata = {"Date": None} if fmt == "svg" else {"CreationDate": None}
    with matplotlib.rc_context({"svg.hashsalt": "course-figure"}):
        fig.savefig(path, format=fmt, metadata=metadata)


# --- WCAG 2.x contrast -------------------------------------------------------


def _channel(c: float) -> float:
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def relative_luminance(colour) -> float:
    r, g, b = (_channel(c) for c in to_rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(foreground, background) -> float:
    """WCAG contrast ratio between two colours (1.0 to 21.0)."""
    la, lb = relative_luminance(foreground), relative_luminance(background)
    hi, lo = max(la, lb), min(la, lb)
    return (hi + 0.05) / (lo + 0.05)


def blend_on_white(rgba) -> tuple[float, float, float]:
    """Composite a possibly transparent colour over white."""
    r, g, b, *rest = matplotlib.colors.to_rgba(rgba)
    a = rest[0] if rest else 1.0
    return (r * a + (1 - a), g * a + (1 - a), b * a + (1 - a))


def text_colour_on(fill) -> str:
    """The darker or the white text colour, whichever contrasts more with ``fill``."""
    return INK if contrast_ratio(INK, fill) >= contrast_ratio(WHITE, fill) else WHITE


# --- Small layout helpers ------------------------------------------------------


def add_title(fig: Figure, text: str, y: float = 0.975) -> None:
    """A short bold title in the top-left corner (helps when a slide reuses the figure)."""
    fig.text(0.02, y, text, ha="left", va="top", fontsize=TITLE, fontweight="bold", color=INK)


def add_source(fig: Figure, extra: str = "", y: float = 0.015) -> None:
    """The source note in the bottom-left corner, made from the figure's keys (plus ``extra``)."""
    fig.text(0.02, y, source_line(extra), ha="left", va="bottom", fontsize=SMALL, color=MUTED,
             linespacing=1.2)


def percent_label(value: float) -> str:
    """'9.8%' or '72%': keep the precision the source printed."""
    return f"{value:g}%"


# --- Top-down layout for labelled bar charts --------------------------------------
#
# Bar charts in the course put each label on its own line above its bar, so long
# plain-language labels never collide with bars on a narrow phone screen.  The
# y axis of such a chart is measured in inches, which makes every line of text
# exactly as tall as it is printed, whatever the number of rows.

LINE = SMALL * 1.32 / 72  # height of one line of SMALL text, inches
BAR = 0.21  # bar thickness, inches
GAP = 0.07  # space between two bars of a pair, inches


class Rows:
    """Collect text lines and bars top-down, then draw them into an axes."""

    def __init__(self):
        self.items: list[tuple] = []

    def text(self, s: str, *, bold=False, colour=INK, italic=False) -> "Rows":
        lines = s.count("\n") + 1
        self.items.append(("text", s, bold, colour, italic, lines * LINE))
        return self

    def bar(self, value: float, label: str, colour, hatch: str = "", bold_label=False) -> "Rows":
        self.items.append(("bar", value, label, colour, hatch, bold_label, BAR + GAP))
        return self

    def space(self, inches: float) -> "Rows":
        self.items.append(("space", inches))
        return self

    @property
    def height(self) -> float:
        return sum(item[-1] for item in self.items)

    def draw(self, ax, xmax: float, label_pad: float) -> None:
        """Draw into ``ax``; its y axis runs from 0 (bottom) to ``self.height`` inches (top)."""
        ax.set_ylim(0, self.height)
        ax.set_xlim(0, xmax)
        y = self.height
        for item in self.items:
            kind, height = item[0], item[-1]
            if kind == "text":
                _, s, bold, colour, italic, _ = item
                ax.text(0, y - 0.01, s, ha="left", va="top", fontsize=SMALL, linespacing=1.2, color=colour,
                        fontweight="bold" if bold else "normal", style="italic" if italic else "normal")
            elif kind == "bar":
                _, value, label, colour, hatch, bold_label, _ = item
                centre = y - BAR / 2
                ax.barh(centre, value, height=BAR, color=colour, edgecolor=INK, linewidth=0.8, hatch=hatch)
                if label:
                    ax.text(value + label_pad, centre, label, ha="left", va="center", fontsize=SMALL,
                            fontweight="bold" if bold_label else "normal")
            y -= height
        ax.set_yticks([])
        ax.spines["left"].set_visible(False)


def rows_figure(title: str, rows: Rows, xmax: float, ticks, tick_labels, source_extra: str = "",
                xlabel: str = "", note: str = "", label_pad: float | None = None) -> Figure:
    """A figure sized to its rows: title, rows, x axis, optional note, source line (from the keys)."""
    source = source_line(source_extra)
    if projecting():
        from .projector import rows_slide

        return rows_slide(title, rows, xmax, ticks, tick_labels, source, xlabel=xlabel, note=note)
    title_h = 0.55
    axis_h = 0.35 + (LINE * (xlabel.count("\n") + 1) + 0.05 if xlabel else 0)
    note_h = LINE * (note.count("\n") + 1) + 0.05 if note else 0
    source_h = LINE * (source.count("\n") + 1) + 0.12
    height = title_h + rows.height + axis_h + note_h + source_h
    fig = new_figure(height)
    add_title(fig, title, y=1 - 0.12 / height)
    left, right = 0.2, 0.3
    ax = fig.add_axes((left / WIDTH, (axis_h + note_h + source_h) / height,
                       (WIDTH - left - right) / WIDTH, rows.height / height))
    rows.draw(ax, xmax, label_pad if label_pad is not None else xmax / 100)
    ax.set_xticks(ticks)
    ax.set_xticklabels(tick_labels)
    ax.spines["bottom"].set_bounds(ticks[0], ticks[-1])
    if xlabel:
        ax.set_xlabel(xlabel, fontsize=SMALL)
    if note:
        fig.text(0.02, (source_h + 0.02) / height, note, ha="left", va="bottom", fontsize=SMALL, fontweight="bold",
                 linespacing=1.2)
    fig.text(0.02, 0.06 / height, source, ha="left", va="bottom", fontsize=SMALL, color=MUTED, linespacing=1.2)
    return fig


PERCENT_TICKS = {
    50: ([0, 10, 20, 30, 40, 50], ["0%", "10%", "20%", "30%", "40%", "50%"]),
    100: ([0, 25, 50, 75, 100], ["0%", "25%", "50%", "75%", "100%"]),
}
