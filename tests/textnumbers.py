"""Find the numbers a reader sees in the sources, and tell ledger numbers from typed ones.

Used by ``test_ledger.py`` and the slide-deck tests (``ledger_word_numbers``).  A source is scanned as text: front matter, code cells,
directive options, labels, comments and the roles that print no medical number
(``{cite}``, ``{ref}``, ``{numref}``, ``{doc}``, ``{fact}``) are removed first, so
what is left is what a reader reads.  Every remaining number must match an entry of
``ALLOWED``: non-medical numbers such as lesson numbers, minutes of a class plan or
the year in a guideline's name.
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHAPTERS = ROOT / "chapters"

NUMBER = re.compile(r"(?<![A-Za-z]-)(?<![\w.])\d+(?:[.,]\d+)*(?![\w-]*[A-Za-z]\w*-?\d)(?![A-Za-z])")

# Each pattern matches a number in its context; `\d+` is the number being checked.
ALLOWED = [
    r"\b[Ll]essons? \d+(?:(?: to |–| and |, )\d+)*",
    r"\b(?:[Ss]essions?|[Pp]art|[Ss]tep|[Qq]uestion|[Pp]lan|[Cc]hapter|[Pp]age) \d+",
    r"\b\d+ of \d+ lessons",
    r"(?:[Rr]eading time|[Aa]bout|[Tt]akes?|[Ff]or|[Ii]n|[Aa]llow|[Ss]pend)[^.\n]{0,40}?\b\d+(?:(?:–| to )\d+)? minutes?\b(?![^.\n]*\b(?:week|days?)\b)",
    r"\b\d+(?:–\d+)?[- ]minutes?\b(?![^.\n]*\b(?:week|days?)\b)",  # class timings, not exercise
    r"^\| ?\d+–\d+ ?\|",  # the minutes column of a class plan
    r"^\s*\d+\. ",  # a numbered list
    r"^#+ \d+\. ",  # a numbered heading
    r"^\*\*\d+\. ",  # a numbered step in bold
    r"\b1[89]\d0s\b",  # a decade: "the 1950s"
    r"\bNHS 111\b",  # a service's name
    r"\b[Gg]rades? \d+(?: (?:to|and) \d+)?\b",  # a school reading level
    r"(?:[Cc]all|[Pp]hone|[Hh]elpline|[Tt]ext|[Tt]el(?:ephone)?|[Ff]reephone|[Dd]ial|[Nn]umber)[^.\n]{0,40}?\+?\d[\d ()\-]{1,}\d",  # a phone number
    r"\b(?:24/7|24 hours)\b",  # opening hours
    r"\bCC BY-SA \d\.\d\b",  # a licence's name
    r"\b988 Suicide",  # a crisis line's name
    r"\b(?:19[5-9]\d|20[0-4]\d)\b",  # a year: "ESHRE 2022", "last reviewed 25 November 2026"
    r"\b\d{1,2} (?:January|February|March|April|May|June|July|August|September|October|November|December)\b",
    r"\b[Ff]igure \d+(?:\.\d+)?",
    r"\bA[3-5]\b",
    r"\b\d+ (?:people|participants|learners) (?:per|in a|in each) (?:group|pair|table)\b",
    r"\bin (?:pairs|groups) of \d+(?: or \d+| to \d+)?",
    r"\b\d+ (?:or \d+ )?(?:pages?|slides?|questions?|options?|cards?|sheets?)\b",
    r"\bone to \d+\b|\b\d+ to \d+ (?:people|participants)\b",
]
ALLOWED_RE = [re.compile(p, re.M) for p in ALLOWED]

ROLES_WITHOUT_NUMBERS = re.compile(r"\{(?:cite(?::[pt])?|ref|numref|doc|fact|download)\}`[^`]*`")
TERM_ROLE = re.compile(r"\{term\}`([^`<]*?)\s*(?:<[^`>]*>)?`")


def _blank(match: re.Match) -> str:
    """Keep line numbers: replace a match by as many newlines as it spans."""
    return "\n" * match.group(0).count("\n")


def reader_text(source: str) -> str:
    """The parts of a MyST page a reader reads, line for line (other lines left empty)."""
    text = re.sub(r"\A---\n.*?\n---\n", _blank, source, flags=re.S)  # front matter
    text = re.sub(r"^```\{code-cell\}.*?^```", _blank, text, flags=re.S | re.M)
    # A figure's alt text describes the drawing, whose numbers come from the ledger
    # (tests/test_figures.py checks the figure's numbers against it).
    text = re.sub(r"^:alt: .*$|^alt: .*$", _blank, text, flags=re.M)
    text = re.sub(r"^```\{(?:include|bibliography|quiz[\w-]*|toctree)\}.*?^```", _blank, text, flags=re.S | re.M)
    text = re.sub(r"<!--.*?-->", _blank, text, flags=re.S)
    text = re.sub(r"^\([\w-]+\)=\s*$", "", text, flags=re.M)  # labels
    text = re.sub(r"^\s*:[\w-]+:.*$", "", text, flags=re.M)  # directive options
    text = re.sub(r"^(:{3,}|`{3,})\{[\w-]+\}.*$", "", text, flags=re.M)  # directive lines
    text = ROLES_WITHOUT_NUMBERS.sub("", text)
    text = TERM_ROLE.sub(lambda m: m.group(1), text)
    text = re.sub(r"\{\{[^}]*\}\}", "", text)
    text = re.sub(r"https?://\S+|\(#[\w-]+\)|\]\([^)]*\)", "", text)
    return text


def bank_text(source: str) -> str:
    """The reader-facing values of a quiz bank (prompt, option text, feedback), line for line."""
    lines = []
    for line in source.splitlines():
        match = re.match(r"^\s*-?\s*(prompt|text|feedback|title):\s*(.*)$", line)
        lines.append(ROLES_WITHOUT_NUMBERS.sub("", match.group(2)) if match else "")
    return "\n".join(lines)


# Numbers written as words that a reader takes as a share: "two in three", "3 in 4".
WORD = r"(?:one|two|three|four|five|six|seven|eight|nine|ten)"
WORD_SHARE = re.compile(rf"\b{WORD} (?:in|out of) (?:{WORD}|\d+)\b|\b\d+ (?:in|out of) {WORD}\b", re.I)


def typed_numbers(text: str) -> list[tuple[int, str, str]]:
    """(line, number, line text) for every number not covered by ALLOWED."""
    allowed_spans = [m.span() for pattern in ALLOWED_RE for m in pattern.finditer(text)]
    found = []
    for match in [*NUMBER.finditer(text), *WORD_SHARE.finditer(text)]:
        start, end = match.span()
        if any(a <= start and end <= b for a, b in allowed_spans):
            continue
        line = text.count("\n", 0, start) + 1
        found.append((line, match.group(0), text.splitlines()[line - 1].strip()))
    return found


def sources() -> list[tuple[Path, str]]:
    """Every page, snippet and quiz bank, with the reader-facing text of each."""
    found = []
    for path in sorted(CHAPTERS.rglob("*.md")):
        found.append((path, reader_text(path.read_text(encoding="utf-8"))))
    for path in sorted((CHAPTERS / "quizzes").glob("*.yml")):
        found.append((path, bank_text(path.read_text(encoding="utf-8"))))
    return found


def figure_texts() -> list[tuple[Path, int, str]]:
    """(file, line, text) of every figure's alt text and caption in the lessons."""
    found = []
    for path in sorted(CHAPTERS.glob("*.md")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            match = re.match(r'^\s*(?:alt|caption):\s*"?(.*?)"?\s*$', line)
            if match:
                found.append((path, number, match.group(1)))
    return found


def ledger_word_numbers() -> set[str]:
    """Every number in the ledger's words, in each form the course prints them ("15 in
    100", "15.3%"…): what a slide or page may show without typing a number."""
    import figures.data as data

    found = set()
    for _, cited in data.all_cited():
        for form in ("says", "percent", "in100", "one-in", "number"):
            found |= set(re.findall(r"\d+(?:[.,]\d+)*", cited.text(form)))
    return found
