"""Source lines of the figures, made from ``references.bib`` keys.

A figure declares the keys of the works it draws on once (see ``style.figure``);
the line printed in the image ("Source: Magnus et al. 2019") and the source sentence
of the web and PDF caption are both made here, so they cannot disagree.

A work is named by its first author's surname ("Erlebacher 2013", "Moffett and Colucci
2014", "Magnus et al. 2019"), or by its short name in ``SHORT_NAMES`` when readers know
it by that name: guidelines written by a body, and trials.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pybtex.database import parse_file

from .i18n import _, pgettext, wrap

BIB = Path(__file__).resolve().parents[1] / "references.bib"

# Works known by a short name rather than by an author (guidelines and named trials).
SHORT_NAMES = {
    "eshre2022": "ESHRE 2022",
    "rcog2023": "RCOG 2023",
    "asrm2012": "ASRM 2012",
    "asrm2013": "ASRM 2013",
    "chinese2022": "Chinese consensus 2022",
    "nice2023ng126": "NICE NG126",
    "coomarasamy2019prism": "PRISM 2019",
    "coomarasamy2015promise": "PROMISE 2015",
    "dhillonsmith2019tablet": "TABLET 2019",
    "quenby2023alife2": "ALIFE2 2023",
    "rikken2021trust": "TRUST 2021",
}


@lru_cache(maxsize=4)
def _entries(bib: Path):
    return parse_file(str(bib), bib_format="bibtex").entries


def _plain(text: str) -> str:
    return text.replace("{", "").replace("}", "")


def label(key: str, bib: Path = BIB) -> str:
    """How a figure names the work ``key``: its short name, or surname(s) and year."""
    if key in SHORT_NAMES:
        return SHORT_NAMES[key]
    entries = _entries(bib)
    if key not in entries:
        raise KeyError(f"figure source {key!r} is not in {bib.name}; add the work there or fix the key")
    entry = entries[key]
    people = entry.persons.get("author", [])
    year = entry.fields.get("year", "")
    # A body as author is written in braces ({NHS}): pybtex reads it as a surname with no first name.
    first = people[0] if people else None
    is_body = bool(first and first.last_names and not first.first_names and first.last_names[0].startswith("{"))
    if first is None or not first.last_names or is_body:
        raise KeyError(f"{bib.name}: {key!r} has no personal first author; add a short name for it "
                       "to SHORT_NAMES in figures/sources.py")
    surnames = [_plain(" ".join(p.last_names)) for p in people]
    if len(people) == 1:
        who = surnames[0]
    elif len(people) == 2 and "others" not in surnames:
        who = f"{surnames[0]} and {surnames[1]}"
    else:
        who = f"{surnames[0]} et al."
    return f"{who} {year}".strip()


def heading(keys) -> str:
    return "Source" if len(keys) == 1 else "Sources"


def drawn_label(key: str) -> str:
    """``label(key)`` in the reader's language: names stay, a name made of words is translated."""
    name = label(key)
    if key == "chinese2022":
        name = name.replace("Chinese consensus", _("Chinese consensus"))
    return name


def in_image(keys, extra: str = "", width: int | None = 48) -> str:
    """The source line drawn in the figure, in the reader's language, wrapped to ``width``
    columns (``i18n.wrap``), or on one line if ``width`` is None."""
    title = _("Source") if len(keys) == 1 else _("Sources")
    works = pgettext("between listed works", ", ").join(drawn_label(k) for k in keys)
    text = _("{heading}: {works}").format(heading=title, works=works)
    if extra:
        text = _("{sources}; {extra}").format(sources=text, extra=extra)
    return text if width is None else "\n".join(wrap(text, width))


def in_caption(keys) -> str:
    """The caption's source sentence in MyST, with a real citation so the reference list keeps the works."""
    names = [label(k) for k in keys]
    listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    return f"{heading(keys)}: {listed} {{cite:p}}`{','.join(keys)}`."
