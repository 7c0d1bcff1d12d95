"""Course settings that readers see: review dates and the addresses printed on pages and PDFs.

They live in ``_config.yml`` under ``parse: myst_substitutions``:

- ``last_reviewed`` and ``next_review``: dates, shown on the home, About and print pages;
- ``course_address``: where the online course lives (empty if it is not published);
- ``feedback_address``: where to report an error (an email address or a web page; empty if none).

A placeholder such as ``example.org`` is never printed for readers: the build stops and says
which setting to fix. When an address is empty, the pages and prints say so in plain words
(``course_address_line`` and ``feedback_line``, worked out here for the book and the scripts).
"""

from __future__ import annotations

import re

from sphinx.application import Sphinx
from sphinx.errors import ConfigError

PLACEHOLDER = re.compile(
    r"example\.(?:org|com|net)|\bexample@|your[-_ ]?(?:site|domain|email|address)|localhost|"
    r"\btodo\b|changeme|xxx|lorem", re.I)
ADDRESSES = ("course_address", "feedback_address")
REQUIRED = ("last_reviewed", "next_review")


def problems(subs: dict) -> list[str]:
    found = []
    for key in REQUIRED:
        if not str(subs.get(key, "")).strip():
            found.append(f"_config.yml: set `{key}` under parse: myst_substitutions (a date such as "
                         "\"28 November 2026\")")
    for key in ADDRESSES:
        value = str(subs.get(key, "") or "")
        if PLACEHOLDER.search(value):
            found.append(f"_config.yml: `{key}` is a placeholder ({value}); set the real address, "
                         "or leave it empty (\"\") and the pages will say there is none")
    return found


def derived(subs: dict) -> dict[str, str]:
    """The sentences that depend on whether an address is set."""
    course = str(subs.get("course_address", "") or "").strip()
    feedback = str(subs.get("feedback_address", "") or "").strip()
    if course:
        course_line = f"The free online course, with quizzes and all the sources: **{course}**"
    else:
        course_line = ("Ask the person who gave you this handout where to find the free online course, "
                       "with quizzes and all the sources.")
    if feedback:
        shown = f"<{feedback}>" if "@" not in feedback else feedback
        feedback_line = f"To report an error or tell us what you think, write to {shown}."
    else:
        feedback_line = ("This copy of the course has no address for feedback yet. If you find an "
                         "error, please tell the person or service that gave you the course.")
    return {"course_address_line": course_line, "feedback_line": feedback_line}


def configure(app: Sphinx, config) -> None:
    subs = config.myst_substitutions
    found = problems(subs)
    if found:
        raise ConfigError("\n".join(found))
    for key, value in derived(subs).items():
        subs.setdefault(key, value)


def setup(app: Sphinx) -> dict:
    app.connect("config-inited", configure)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
