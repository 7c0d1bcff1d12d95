"""Helpers for the quiz tests: import the extension, read the banks and the pages that
show them, parse GIFT."""

from __future__ import annotations

import html
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT / "_ext") not in sys.path:
    sys.path.insert(0, str(ROOT / "_ext"))

from conftest import toc_docnames  # noqa: E402
from course.quiz import export, model  # noqa: E402

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "quizzes"
BANK_DIR = ROOT / "chapters" / "quizzes"


QUIZ_DIRECTIVE = re.compile(r"^(```+|:::+)\{quiz\}\s+(\S+)", re.M)


def quiz_pages() -> list[tuple[str, dict]]:
    """(docname, bank) for every {quiz} directive in the toc pages, in reading order."""
    found = []
    for docname in toc_docnames():
        source = ROOT / f"{docname}.md"
        if not source.exists():
            continue
        for _, rel in QUIZ_DIRECTIVE.findall(source.read_text(encoding="utf-8")):
            path = (source.parent / rel).resolve()
            found.append((docname, model.load_bank(path, str(path.relative_to(ROOT)))))
    return found


def book_banks() -> list[dict]:
    """Every bank in chapters/quizzes (checked), sorted by file name."""
    return [model.load_bank(p, file=str(p.relative_to(ROOT))) for p in sorted(BANK_DIR.glob("*.yml"))]


# --------------------------------------------------------------------------- GIFT
def _split_unescaped(text: str, stop: str) -> tuple[str, str]:
    """(text before the first unescaped `stop`, rest after it)."""
    i = 0
    while i < len(text):
        if text[i] == "\\":
            i += 2
            continue
        if text.startswith(stop, i):
            return text[:i], text[i + len(stop):]
        i += 1
    raise ValueError(f"no unescaped {stop!r} in {text!r}")


def gift_unescape(text: str) -> str:
    out, i = [], 0
    while i < len(text):
        if text[i] == "\\" and i + 1 < len(text):
            nxt = text[i + 1]
            out.append("\n" if nxt == "n" else nxt)
            i += 2
        else:
            out.append(text[i])
            i += 1
    return "".join(out)


def _tokens(body: str) -> list[tuple[str, str]]:
    """Answer block -> [(marker, text)] where marker is '=' or '~'; split on unescaped markers."""
    parts, current, marker, i = [], [], None, 0
    while i < len(body):
        c = body[i]
        if c == "\\":
            current.append(body[i:i + 2])
            i += 2
            continue
        if c in "=~":
            if marker is not None:
                parts.append((marker, "".join(current)))
            marker, current = c, []
        else:
            current.append(c)
        i += 1
    if marker is not None:
        parts.append((marker, "".join(current)))
    return parts


GIFT_FORMAT = re.compile(r"^\[(html|moodle|plain|markdown)\]")
TAG = re.compile(r"<[^>]*>")


def shown(text: str, fmt: str) -> str:
    """What a platform shows for text in a Moodle text format: HTML and Moodle's default
    ("moodle", what GIFT means without a format) read tags and entities; plain does not."""
    if fmt in ("html", "moodle"):
        text = html.unescape(TAG.sub(" ", text))
    return " ".join(text.split())


def parse_gift(text: str) -> list[dict]:
    """A small GIFT reader for multiple-choice questions with weights and feedback.

    Returns [{category, id, format, prompt, options: [{text, fraction, feedback}]}]; the
    question's format (``[html]`` before the prompt, else "moodle") applies to its
    answers and feedback too, as in Moodle's GIFT import."""
    questions, category = [], ""
    blocks, block = [], []
    for line in text.splitlines():
        if line.startswith("//"):
            continue
        if not line.strip():
            if block:
                blocks.append("\n".join(block))
                block = []
            continue
        block.append(line)
    if block:
        blocks.append("\n".join(block))
    for chunk in blocks:
        if chunk.startswith("$CATEGORY:"):
            category = chunk[len("$CATEGORY:"):].strip()
            continue
        assert chunk.startswith("::"), chunk
        title, rest = _split_unescaped(chunk[2:], "::")
        prompt, rest = _split_unescaped(rest, "{")
        fmt = GIFT_FORMAT.match(prompt)
        if fmt:
            prompt = prompt[fmt.end():]
        body, tail = _split_unescaped(rest, "}")
        assert not tail.strip(), f"text after the answers: {tail!r}"
        options = []
        for marker, raw in _tokens(body):
            raw = raw.strip()
            weight = 100.0 if marker == "=" else 0.0
            if raw.startswith("%"):
                pct, raw = raw[1:].split("%", 1)
                weight = float(pct)
            try:
                answer, feedback = _split_unescaped(raw, "#")
            except ValueError:
                answer, feedback = raw, ""
            options.append({"text": gift_unescape(answer.strip()), "fraction": weight,
                            "feedback": gift_unescape(feedback.strip())})
        questions.append({"category": category, "id": gift_unescape(title),
                          "format": fmt.group(1) if fmt else "moodle",
                          "prompt": gift_unescape(prompt.strip()), "options": options})
    return questions
