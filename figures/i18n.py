"""Figure text in the reader's language: wrap every label, title and alt text in ``_()``.

    from .i18n import _, rc_params
    ax.set_title(_("Chance of a birth after losses"))
    with plt.rc_context(rc_params()):
        ...

The English text is the message id. ``make zh-catalogues`` collects every ``_("…")`` of
this package into ``locales/zh_CN/LC_MESSAGES/figures.po`` (``pgettext(context, text)``
keeps two uses of one English word apart). At drawing time ``_()`` returns the finished
translation of the current language, or the English text while there is none (the
Chinese build then reports it as not translated). Numbers are not text: take them from
``figures.data`` (the ledger) as the English figure does.

The language is ``set_language("zh_CN")`` (for code that draws inside the Sphinx build),
else the ``COURSE_LANGUAGE`` environment variable (set by ``make zh`` for notebook
kernels), else English. ``rc_params()`` puts a CJK font first for Chinese, so that
matplotlib draws the characters instead of empty boxes.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

LOCALES = Path(__file__).resolve().parent.parent / "locales"
DOMAIN = "figures"
# Debian's fonts-noto-cjk (scripts/system-deps.sh zh); Latin letters fall back to the
# English figures' font.
CJK_FONTS = {"zh_CN": "Noto Sans CJK SC"}
_language: str | None = None


def set_language(language: str | None) -> None:
    global _language
    _language = language


def language() -> str:
    return _language or os.environ.get("COURSE_LANGUAGE") or "en"


@lru_cache(maxsize=None)
def _catalogue(language: str, mtime: float) -> dict:
    from babel.messages.pofile import read_po

    path = LOCALES / language / "LC_MESSAGES" / f"{DOMAIN}.po"
    with open(path, "rb") as handle:
        return {(m.context, m.id): m.string for m in read_po(handle)
                if m.id and m.string and not m.fuzzy}


def _lookup(context: str | None, text: str) -> str:
    lang = language()
    if lang == "en":
        return text
    path = LOCALES / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
    if not path.is_file():
        return text
    return _catalogue(lang, path.stat().st_mtime).get((context, text), text)


def _(text: str) -> str:
    """The text in the current language."""
    return _lookup(None, text)


def pgettext(context: str, text: str) -> str:
    """The text in the current language, for one use (``context``) of an English word."""
    return _lookup(context, text)


def rc_params() -> dict:
    """Matplotlib settings for the current language: a CJK font first where needed."""
    font = CJK_FONTS.get(language())
    if not font:
        return {}
    import matplotlib
    from matplotlib import font_manager

    if not _known(font):
        # Matplotlib keeps a list of fonts from its first run; fonts installed since then
        # (fonts-noto-cjk) are found only after the list is made again.
        font_manager.fontManager = font_manager._load_fontmanager(try_read_cache=False)
        if not _known(font):
            raise RuntimeError(f"figures in {language()} need the font {font!r}, which is not "
                               f"installed: run `scripts/system-deps.sh zh`")
    return {"font.family": "sans-serif",
            "font.sans-serif": [font] + list(matplotlib.rcParams["font.sans-serif"])}


def _known(font: str) -> bool:
    from matplotlib import font_manager

    return any(entry.name == font for entry in font_manager.fontManager.ttflist)
