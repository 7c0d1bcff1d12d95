"""The ``{fact}`` role: medical numbers in the text come from the ledger, ``figures/data.py``.

``{fact}`miscarriage-per-pregnancy``` prints the entry's words ("15 in 100");
``{fact}`miscarriage-per-pregnancy:percent``` prints "15.3%" (forms: ``says``,
``percent``, ``in100``, ``one-in``, ``number``).  On the web the number is a
``<span class="fact fact-KEY">``, so tests can tell a ledger number from a typed one.

An unknown key or form is an error that names the page and line, so the strict
build stops.  Every page that uses a fact depends on the ledger file, so editing
a number rebuilds the pages that show it.
"""

from __future__ import annotations

import importlib
import re
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective, SphinxRole

FACT = re.compile(r"\{fact\}`([^`]*)`")
# The ledger's words in the reader's language, for a translated edition:
# ("key:form", English words) -> translated words. Set by course.i18n from facts.po; empty
# in English. The number itself is the ledger's, whatever the language.
TRANSLATED: dict[tuple[str, str], str] = {}
TRANSLATED_FROM: list[str] = []  # the catalogue they come from (a page depends on it)


def ledger_module():
    """The ``figures.data`` module (each build is a new process, so it is read fresh)."""
    return importlib.import_module("figures.data")


def ledger_file() -> Path:
    return Path(ledger_module().__file__).resolve()


def resolve(content: str) -> str:
    """The words for ``key`` or ``key:form``; raises KeyError or ValueError with what to fix."""
    key, _, form = content.strip().partition(":")
    facts = ledger_module().facts()
    if key not in facts:
        close = [k for k in facts if k.split("-")[0] == key.split("-")[0]][:5]
        hint = f" (did you mean {', '.join(close)}?)" if close else ""
        raise KeyError(f"unknown fact `{key}`{hint}; add it to figures/data.py with its source, "
                       "or fix the key")
    english = facts[key].text(form or "says")
    return TRANSLATED.get((f"{key}:{form or 'says'}", english), english)


def expand(text: str) -> str:
    """Replace every ``{fact}`key``` in plain text (quiz banks, print sources) by its words."""
    return FACT.sub(lambda m: resolve(m.group(1)), text)


class FactRole(SphinxRole):
    def run(self):
        try:
            shown = resolve(self.text)
        except (KeyError, ValueError) as exc:
            message = exc.args[0] if exc.args else str(exc)
            msg = self.inliner.reporter.error(message, line=self.lineno)
            prb = self.inliner.problematic(self.rawtext, self.rawtext, msg)
            return [prb], [msg]
        self.env.note_dependency(str(ledger_file()))
        for path in TRANSLATED_FROM:
            self.env.note_dependency(path)
        key = self.text.strip().partition(":")[0]
        return [nodes.inline(self.rawtext, shown, classes=["fact", f"fact-{key}"])], []


class FactLedgerDirective(SphinxDirective):
    """```{fact-ledger}```: the whole ledger as a table, one row per number readers see."""

    has_content = False

    def run(self):
        self.env.note_dependency(str(ledger_file()))
        rows = ["| The number | What it is a share or count of | Where the source prints it | Source |",
                "|---|---|---|---|"]
        for key, cited in ledger_module().facts().items():
            cells = [cited.text(), cited.of, cited.where]
            cells = [c.replace("|", "/").replace("*", "\\*") for c in cells]
            rows.append(f"| {cells[0]} | {cells[1]} | {cells[2]} | {{cite:p}}`{cited.source}` |")
        return self.parse_text_to_nodes("\n".join(rows))


def setup(app: Sphinx) -> dict:
    app.add_role("fact", FactRole())
    app.add_directive("fact-ledger", FactLedgerDirective)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
