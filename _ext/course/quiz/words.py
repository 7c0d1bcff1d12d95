"""The quiz's own words (buttons, hints, labels) in the edition's language.

They come from the interface catalogue of a translated edition (``sphinx.po``, see
``course.i18n.INTERFACE_STRINGS``); in English they are the words as written.
"""

from __future__ import annotations

import re

from ..i18n import say
from .model import hint

__all__ = ["say", "shown_hint", "option_text"]


def shown_hint(question: dict) -> str:
    """How to answer, in the edition's language, unless the (translated) prompt says it."""
    words = say(hint(question))
    core = re.sub(r"[\W_]+", "", words)
    if core and core in re.sub(r"[\W_]+", "", question["prompt"]):
        return ""
    return words


def option_text(option: dict) -> str:
    """An option as shown: "True" and "False" in the edition's language (the bank and its
    checks keep the English words)."""
    text = option["text"]
    return say(text) if text in ("True", "False") else text
