"""The figures in the Chinese edition: drawn labels in Chinese, in a font that has the characters.

Each figure is drawn in each form with ``set_language("zh_CN")``, as the Chinese build draws
it, and the texts matplotlib really draws are read back:

* no drawn text has Latin letters other than names (guidelines, trials, authors, ``HLA-G``…:
  ``NAMES``), so every text with words has Chinese characters;
* drawing logs no missing glyph and no missing font, and every Chinese text is drawn in the
  CJK font even when the figure is saved after its settings are gone;
* the Chinese labels fit: no two texts overlap, none leaves the canvas;
* ``figures.po`` translates every message the figures use, with nothing fuzzy, the same
  ``{fields}`` as the English and no number the English does not have;
* the English figures hold no Chinese character.
"""

from __future__ import annotations

import logging
import re
import sys
import warnings

import matplotlib

matplotlib.use("Agg")

import pytest  # noqa: E402
from babel.messages.pofile import read_po  # noqa: E402
from matplotlib.backends.backend_agg import FigureCanvasAgg, RendererAgg  # noqa: E402
from matplotlib.font_manager import findfont  # noqa: E402
from matplotlib.text import Text  # noqa: E402

import figures  # noqa: E402
from figures import data, i18n, sources  # noqa: E402

from conftest import ROOT  # noqa: E402
from figtext import clashes, label, off_canvas  # noqa: E402

CATALOGUE = ROOT / "locales" / "zh_CN" / "LC_MESSAGES" / "figures.po"
CJK = re.compile(f"[{i18n.CJK}]")
FORMS = [(name, form) for name in sorted(figures.FIGURES) for form in figures.FIGURES[name].forms]
# Words that stay as they are in a Chinese figure: names of guidelines, trials and their
# authors (the source line), and the marker HLA-G. Anything else in Latin letters is English
# left untranslated.
NAMES = {"ESHRE", "RCOG", "ASRM", "NICE", "NG126", "HLA-G", "TSH", "TPO", "NK", "T", "IVF", "et al."}
NAMES |= {trial.name for trial in data.TRIALS if re.fullmatch(r"[A-Z][A-Z0-9-]*", trial.name)}
NAMES |= {sources.label(key) for fn in figures.FIGURES.values() for key in fn.keys if key != "chinese2022"}


def drawn_texts(fig) -> list[tuple[Text, object]]:
    """Draw ``fig`` as the build saves it (after the figure function returned) and return the
    texts matplotlib really drew, with their pixel boxes."""
    drawn = {}
    original = Text.draw

    def spy(self, renderer):
        if self.get_visible() and self.get_text().strip() and isinstance(renderer, RendererAgg):
            drawn[id(self)] = self
        return original(self, renderer)

    canvas = FigureCanvasAgg(fig)
    Text.draw = spy
    try:
        canvas.draw()
    finally:
        Text.draw = original
    renderer = canvas.get_renderer()
    return [(t, t.get_window_extent(renderer)) for t in drawn.values()]


def draw(name: str, form: str, language: str, caplog):
    """One figure drawn in ``language``: the figure, its drawn texts, and every warning matplotlib gave."""
    i18n.set_language(language)
    caplog.clear()
    try:
        with warnings.catch_warnings(record=True) as caught, caplog.at_level(logging.WARNING, logger="matplotlib"):
            warnings.simplefilter("always")
            fig = figures.FIGURES[name](form)
            texts = drawn_texts(fig)
    finally:
        i18n.set_language(None)
    problems = [str(w.message) for w in caught] + [r.getMessage() for r in caplog.records]
    return fig, texts, problems


def untranslated(text: str) -> str:
    """The Latin letters of ``text`` that are not part of a name in ``NAMES`` ("" if none)."""
    text = " ".join(text.split())  # a name may be broken over two lines
    for name in sorted(NAMES, key=len, reverse=True):
        text = re.sub(rf"(?<![A-Za-z]){re.escape(name)}(?![A-Za-z])", " ", text)
    return " ".join(re.findall(r"[A-Za-z]+", text))


# --- The Chinese figures --------------------------------------------------------------------


@pytest.mark.parametrize("name,form", FORMS, ids=[f"{n}-{f}" for n, f in FORMS])
def test_chinese_figure_speaks_chinese_in_a_cjk_font(name, form, caplog):
    _fig, texts, problems = draw(name, form, "zh_CN", caplog)
    english = [f"{label(t)} ({untranslated(t.get_text())!r})" for t, _ in texts if untranslated(t.get_text())]
    assert not english, (f"{name} ({form}) in Chinese still draws English: " + "; ".join(english)
                         + " — wrap the text in _() and translate it in " + CATALOGUE.relative_to(ROOT).as_posix())
    glyphs = [p for p in problems if "missing from" in p or "findfont" in p or "Glyph" in p]
    assert not glyphs, f"{name} ({form}) in Chinese: " + "; ".join(sorted(set(glyphs))[:5])
    wrong_font = sorted({f"{label(t)}: {findfont(t.get_fontproperties())}" for t, _ in texts
                         if CJK.search(t.get_text()) and "CJK" not in findfont(t.get_fontproperties())})
    assert not wrong_font, f"{name} ({form}): Chinese text drawn without the CJK font: " + "; ".join(wrong_font)


@pytest.mark.parametrize("name,form", FORMS, ids=[f"{n}-{f}" for n, f in FORMS])
def test_chinese_labels_fit(name, form, caplog):
    """As tests/test_figures.py asks of the English figures: no overlap, nothing off the canvas."""
    fig, texts, _problems = draw(name, form, "zh_CN", caplog)
    found = clashes(texts)
    assert not found, f"{name} ({form}) in Chinese: " + "; ".join(found)
    width, height = fig.bbox.width, fig.bbox.height
    outside = [f"{label(t)} at x {box.x0:.0f}..{box.x1:.0f}, y {box.y0:.0f}..{box.y1:.0f}"
               for t, box in off_canvas(fig, texts)]
    assert not outside, f"{name} ({form}) in Chinese: text leaves the {width:.0f} x {height:.0f} canvas: " + "; ".join(
        outside)


@pytest.mark.parametrize("name,form", FORMS, ids=[f"{n}-{f}" for n, f in FORMS])
def test_english_figure_has_no_chinese(name, form, caplog):
    _fig, texts, _problems = draw(name, form, "en", caplog)
    chinese = [label(t) for t, _ in texts if CJK.search(t.get_text())]
    assert not chinese, f"{name} ({form}) in English draws Chinese: " + "; ".join(chinese)


# --- The catalogue ------------------------------------------------------------------------


def catalogue():
    with open(CATALOGUE, "rb") as handle:
        return read_po(handle)


def test_catalogue_has_every_message_translated():
    sys.path.insert(0, str(ROOT / "_ext"))
    from course.i18n import figure_template

    entries = {(m.context, m.id): m for m in catalogue() if m.id}
    wanted = [(m.context, m.id) for m in figure_template() if m.id]
    assert len(wanted) > 100, f"only {len(wanted)} messages extracted from figures/: is _() still used?"
    missing = [repr(key[1]) for key in wanted if key not in entries]
    assert not missing, (f"{len(missing)} messages of the figures are not in {CATALOGUE.name} (run the "
                         "extraction and sphinx-intl update): " + ", ".join(missing[:5]))
    open_ = [repr(m.id) for m in entries.values() if not m.string or m.fuzzy]
    assert not open_, f"{CATALOGUE.name}: {len(open_)} untranslated or fuzzy: " + ", ".join(open_[:5])
    obsolete = [repr(key[1]) for key in entries if key not in set(wanted)]
    assert not obsolete, f"{CATALOGUE.name} holds messages no figure uses: " + ", ".join(obsolete[:5])


def test_translations_keep_the_fields_and_type_no_number():
    """A translation has the same {fields} as its English (else drawing fails or drops a number),
    and no number the English does not have (numbers come from the ledger)."""
    field = re.compile(r"{\w*}")
    wrong = []
    for m in catalogue():
        if not m.id or not m.string:
            continue
        if sorted(field.findall(m.id)) != sorted(field.findall(m.string)):
            wrong.append(f"{m.id!r}: fields {field.findall(m.string)} for {field.findall(m.id)}")
        typed = set(re.findall(r"\d+", field.sub("", m.string))) - set(re.findall(r"\d+", field.sub("", m.id)))
        if typed:
            wrong.append(f"{m.id!r}: number(s) {sorted(typed)} typed in the translation")
    assert not wrong, f"{CATALOGUE.name}: " + "; ".join(wrong)


# --- The helpers --------------------------------------------------------------------------


def test_wrap_breaks_english_as_textwrap_and_chinese_inside_the_width():
    import textwrap

    english = "If you bleed after a past loss, your team may prescribe progesterone once a scan shows it"
    assert i18n.wrap(english, 30) == textwrap.wrap(english, 30)
    chinese = "如果您以前流产过、这次又出血，在超声显示怀孕位于子宫内之后，医护团队可能会给您开孕酮（PRISM 试验）。"
    lines = i18n.wrap(chinese, 20)
    assert len(lines) > 2 and "".join(lines).replace(" ", "") == chinese.replace(" ", ""), lines
    assert all(sum(i18n.CJK_COLUMNS if CJK.match(c) else 1 for c in line) <= 20 for line in lines), lines
    assert not [line for line in lines if line[0] in i18n.NO_LINE_START], lines
    assert i18n.one_line("来源：ESHRE 2022、中国专家\n共识 2022") == "来源：ESHRE 2022、中国专家共识 2022"


def test_ledger_words_missing_from_the_catalogue_are_an_error():
    i18n.set_language("zh_CN")
    try:
        assert i18n.words("25 to 29") == "25到29岁"  # numbers from the text, words from the catalogue
        assert i18n.words("ALIFE2") == "ALIFE2"  # a name stays
        with pytest.raises(LookupError, match=r"figures/words\.py.*figures\.po"):
            i18n.words("A belief nobody listed")
    finally:
        i18n.set_language(None)
