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

Words that come from the ledger (a trial's name, an age band) go through ``words()``: the
numbers in them become ``{0}``, ``{1}`` in the catalogue (``figures/words.py`` lists these
messages). ``wrap()`` and ``one_line()`` break and join text that may be Chinese, which has
no spaces between words.
"""

from __future__ import annotations

import itertools
import os
import re
import textwrap
from functools import lru_cache
from pathlib import Path

LOCALES = Path(__file__).resolve().parent.parent / "locales"
DOMAIN = "figures"
# Debian's fonts-noto-cjk (scripts/system-deps.sh zh); a character it lacks falls back to
# the English figures' font.
CJK_FONTS = {"zh_CN": "Noto Sans CJK SC"}
# Chinese characters and the full-width punctuation and forms around them.
CJK = "\u2e80-\u2fff\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
# Punctuation that may not begin a line of Chinese text: it stays with the character before.
NO_LINE_START = "，。、；：！？）》」』”’%"
NO_LINE_END = "（《「『“‘"
_TOKEN = re.compile(f"[{re.escape(NO_LINE_END)}]*(?:[{CJK}]|[^\\s{CJK}]+)[{re.escape(NO_LINE_START)}]*")
_SPACE_BETWEEN_CJK = re.compile(f"(?<=[{CJK}])\\s+(?=[{CJK}])")
NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
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


def _lookup(context: str | None, text: str, default: str | None = None) -> str | None:
    """The finished translation of ``text``, else ``default`` (the English text if not given)."""
    default = text if default is None else default
    lang = language()
    if lang == "en":
        return default
    path = LOCALES / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
    if not path.is_file():
        return default
    return _catalogue(lang, path.stat().st_mtime).get((context, text), default)


def _(text: str) -> str:
    """The text in the current language."""
    return _lookup(None, text)


def pgettext(context: str, text: str) -> str:
    """The text in the current language, for one use (``context``) of an English word."""
    return _lookup(context, text)


def words(text: str) -> str:
    """Words of the ledger (``figures/data.py``) in the current language, its numbers unchanged.

    Names (capitals and digits: "PRISM", "ALIFE2") stay as they are.
    "25 to 29" is looked up as "{0} to {1}", so the catalogue holds no number of the ledger.
    Every such message is listed in ``figures/words.py``, where the extraction finds it.
    """
    if language() == "en" or re.fullmatch(r"[A-Z][A-Z0-9-]*", text):
        return text  # a name such as PRISM or ALIFE2 stays as it is
    numbers = NUMBER.findall(text)
    counter = itertools.count()
    template = NUMBER.sub(lambda _match: "{%d}" % next(counter), text)
    translated = _lookup(None, template, default="")
    if not translated:
        raise LookupError(f"figures: no {language()} text for the ledger's words {text!r}: add "
                          f"_({template!r}) to figures/words.py and translate it in "
                          f"locales/{language()}/LC_MESSAGES/{DOMAIN}.po")
    return translated.format(*numbers)


def number_words(cited, context: str) -> str:
    """A ledger number in words (``Cited.text()``: "15 in 100", "more than half").

    ``context`` says what is counted ("pregnancies" or "women"): Chinese counts them with
    different words.
    """
    english = cited.text()
    if language() == "en":
        return english
    match = re.fullmatch(r"(fewer than )?(\d+) in 100", english)
    if not match:
        return words(english)
    forms = {"pregnancies": (pgettext("pregnancies", "{n} in 100"),
                             pgettext("pregnancies", "fewer than {n} in 100")),
             "women": (pgettext("women", "{n} in 100"), pgettext("women", "fewer than {n} in 100"))}
    return forms[context][bool(match.group(1))].format(n=match.group(2))


# Columns of a Chinese character in a width given in letters (``wrap``): it is drawn about
# as wide as two letters, and a Chinese line fills its room to the end where an English
# line breaks earlier, at a space; 2.2 keeps the Chinese lines inside the same room.
CJK_COLUMNS = 2.2


def _columns(token: str) -> float:
    """Width of ``token`` in columns of Latin text (``CJK_COLUMNS`` for a Chinese character)."""
    return sum(CJK_COLUMNS if re.match(f"[{CJK}]", ch) else 1 for ch in token)


def pieces(text: str) -> list[tuple[str, bool]]:
    """The pieces a line may break between, each with whether a space stood before it.

    A word of Latin letters or digits is one piece; so is each Chinese character, with the
    punctuation that may not end or begin a line kept on it. Text with no Chinese splits as
    ``str.split()`` does.
    """
    found, end = [], 0
    for match in _TOKEN.finditer(text):
        found.append((match.group(), match.start() > end))
        end = match.end()
    return found


def wrap(text: str, width: int, subsequent_indent: str = "") -> list[str]:
    """Lines of at most ``width`` columns, as ``textwrap.wrap`` gives for text with no Chinese.

    Chinese text breaks between any two characters (see ``pieces``), each character counted
    ``CJK_COLUMNS`` wide.
    """
    if not re.search(f"[{CJK}]", text):
        return textwrap.wrap(text, width, subsequent_indent=subsequent_indent)
    lines, line = [], ""
    for token, spaced in pieces(text):
        trial = f"{line}{' ' if spaced and line else ''}{token}"
        indent = subsequent_indent if lines else ""
        if line and _columns(indent + trial) > width:
            lines.append(indent + line)
            line = token
        else:
            line = trial
    if line:
        lines.append((subsequent_indent if lines else "") + line)
    return lines


def fill(text: str, width: int) -> str:
    """``wrap`` joined by newlines, like ``textwrap.fill``."""
    return "\n".join(wrap(text, width))


def one_line(text: str) -> str:
    """``text`` on one line: runs of white space become one space, none between Chinese characters."""
    return " ".join(_SPACE_BETWEEN_CJK.sub("", text).split())


def rc_params() -> dict:
    """Matplotlib settings for the current language: a CJK font first where needed.

    The font is named in ``font.family`` itself, not only in the ``sans-serif`` list, so that
    text keeps it when the figure is saved after these settings are gone.
    """
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
    return {"font.family": [font, "DejaVu Sans"],
            "font.sans-serif": [font] + list(matplotlib.rcParams["font.sans-serif"])}


def _known(font: str) -> bool:
    from matplotlib import font_manager

    return any(entry.name == font for entry in font_manager.fontManager.ttflist)
