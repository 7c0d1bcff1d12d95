"""Plain-text output (``-b text``): questions without answers; the key with answers."""

from __future__ import annotations

from docutils import nodes

from .book import grouped
from .model import correct_options
from .words import shown_hint


def visit_quiz(self, node) -> None:
    lines = []
    for number, q in enumerate(node["bank"]["questions"], 1):
        how = shown_hint(q)
        lines.append(f"{number}. {q['prompt']}" + (f" ({how})" if how else ""))
        lines += [f"   [ ] {o['text']}" for o in q["options"]]
        lines.append("")
    self.add_text("\n".join(lines))
    raise nodes.SkipNode


def visit_exports(self, node) -> None:
    self.add_text("Files: exports/quiz-bank.moodle.xml and exports/quiz-bank.gift.txt")
    raise nodes.SkipNode


def visit_answer_key(self, node) -> None:
    lines = []
    for heading, banks in grouped(self.builder.env):
        lines += [heading, ""]
        number = 0
        for bank in banks:
            for q in bank["questions"]:
                number += 1
                right = correct_options(q)
                lines.append(f"{number}. {q['prompt']}")
                lines.append("   Answer: " + "; ".join(o["text"] for o in right))
                lines.append("   Why: " + " ".join(o["feedback"] for o in right))
                lines.append("")
    self.add_text("\n".join(lines))
    raise nodes.SkipNode


def visit_worksheets(self, node) -> None:
    lines = []
    for heading, banks in grouped(self.builder.env):
        lines += [heading, ""]
        for bank in banks:
            for number, q in enumerate(bank["questions"], 1):
                lines.append(f"{number}. {q['prompt']}")
                lines += [f"   [ ] {o['text']}" for o in q["options"]]
                lines.append("")
    self.add_text("\n".join(lines))
    raise nodes.SkipNode
