r"""Read a quiz bank (YAML) into plain data, checking it and keeping its line numbers.

A bank looks like this (one file per lesson, in ``chapters/quizzes/``)::

    id: causes-and-risk-factors
    title: Check your understanding
    questions:
      - id: causes-chance            # unique in the whole book, lowercase-hyphens
        type: single                 # single | multiple | true-false
        section: causes-chromosomes  # label of the section that teaches it
        prompt: Which ... ?
        options:
          - text: Option A
            correct: true
            feedback: Why this is right.
          - text: Option B
            feedback: Why this is not right.

``load_bank`` returns a dict of plain Python values (it is pickled with the build
environment). Every problem found is reported together, each as ``file:line: message``
with what to change, in a :class:`QuizError`: text that is not UTF-8, control
characters, a key written twice in one mapping, and every mistake in the questions.

Quiz text is plain text with a little Markdown that :func:`plain` removes, the same on
the web, on paper and in the exports:

- MyST roles keep their words: ``{term}`APS <Antiphospholipid syndrome>``` shows "APS".
- ``**bold**``, ``*italic*``, ``__bold__`` and ```code``` lose their marks when they
  stand at word edges, as CommonMark reads them. Marks inside a word stay as typed: the
  underscore rule of CommonMark (no emphasis inside words) is used for ``*`` too, so
  "2*3*4" and "snake__case__name" are shown as typed, not "234". A single ``_`` is
  always shown as typed.
- A backslash is shown as typed and the mark after it is never formatting:
  ``2\*3\*4`` stays ``2\*3\*4``. (CommonMark would hide the backslash; quiz text
  keeps it so that the web page, the print and the exports show the same characters.)
"""

from __future__ import annotations

import random
import re
import unicodedata
import zlib
from pathlib import Path

import yaml

from ..facts import FACT, expand, resolve

TYPES = ("single", "multiple", "true-false")
BANK_KEYS = {"id", "title", "questions"}
QUESTION_KEYS = {"id", "type", "section", "prompt", "options"}
OPTION_KEYS = {"text", "correct", "feedback"}
ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
DEFAULT_TITLE = "Check your understanding"


class QuizError(Exception):
    """One or more problems in quiz banks; ``problems`` holds (file, line, message)."""

    def __init__(self, problems: list[tuple[str, int, str]]):
        self.problems = sorted(problems, key=lambda p: (p[0], p[1]))
        super().__init__("\n".join(format_problem(*p) for p in self.problems))


def format_problem(file: str, line: int, message: str) -> str:
    return f"{file}:{line}: {message}"


def control_characters(text: str) -> list[str]:
    """Control characters in ``text`` (tabs and line breaks allowed), as ``U+0001``.

    They are invisible on the page and make the Moodle XML export unreadable."""
    return [f"U+{ord(c):04X}" for c in text
            if unicodedata.category(c) == "Cc" and c not in "\t\n\r"]


class _LineLoader(yaml.SafeLoader):
    """SafeLoader whose mappings remember their own line and the line of each key.

    It also notes (in ``problems``, as (line, message)) what YAML itself lets through: a
    key written twice in one mapping (YAML keeps the last value silently) and control
    characters written as escapes such as ``"\\x01"``."""

    def __init__(self, stream):
        super().__init__(stream)
        self.problems: list[tuple[int, str]] = []

    def construct_mapping(self, node, deep=False):
        mapping = super().construct_mapping(node, deep=deep)
        key_lines: dict = {}
        for key_node, _ in node.value:
            key, line = getattr(key_node, "value", None), key_node.start_mark.line + 1
            if key in key_lines:
                self.problems.append((line, f"the key `{key}` is written twice in this block "
                                            f"(first on line {key_lines[key]}); keep one"))
            else:
                key_lines[key] = line
        return _Mapping(mapping, node.start_mark.line + 1, key_lines)

    def construct_scalar(self, node):
        value = super().construct_scalar(node)
        found = control_characters(value) if isinstance(value, str) else []
        if found:
            self.problems.append((node.start_mark.line + 1,
                                  f"invisible control character {', '.join(sorted(set(found)))} "
                                  "in the text; delete it (retype the text if you cannot see it)"))
        return value


class _Mapping(dict):
    def __init__(self, data, line: int, key_lines: dict):
        super().__init__(data)
        self.line = line
        self.key_lines = key_lines

    def line_of(self, key) -> int:
        return self.key_lines.get(key, self.line)


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG,
                            _LineLoader.construct_mapping)


ROLE = re.compile(r"\{[\w:-]+\}`([^`<]*?)\s*(?:<[^`>]*>)?`")
# Emphasis only at word edges (see the module docstring): the opening mark follows no word
# character or backslash and precedes no space; the closing mark mirrors it.
EMPHASIS = re.compile(r"(?<![\w\\*])(\*\*|__|\*)(?=[^\s*_])(.+?)(?<=[^\s\\*])\1(?![\w*])")
CODE = re.compile(r"(?<!\\)`([^`]+)`")


def plain(text: str) -> str:
    """Quiz text is plain: MyST roles ({term}`APS <Antiphospholipid syndrome>`) and
    Markdown emphasis are reduced to their words; other marks are shown as typed."""
    text = ROLE.sub(lambda m: m.group(1), text)
    text = CODE.sub(lambda m: m.group(1), text)
    return EMPHASIS.sub(lambda m: m.group(2), text)


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, (dict, list)):
        return ""
    text = " ".join(str(value).split())
    try:
        text = expand(text)
    except (KeyError, ValueError):
        pass  # reported with its line by _fact_problems
    return plain(text)


def _fact_problems(text: str, problem) -> None:
    """Every {fact}`key` in the bank must name an entry of the ledger (figures/data.py)."""
    for number, line in enumerate(text.splitlines(), start=1):
        for match in FACT.finditer(line):
            try:
                resolve(match.group(1))
            except (KeyError, ValueError) as exc:
                problem(number, exc.args[0] if exc.args else str(exc))


def parse_bank(text: str, file: str) -> dict:
    """Parse and check the YAML text of a bank; ``file`` names it in messages."""
    raw_controls = [(number, control_characters(line))
                    for number, line in enumerate(text.split("\n"), start=1)]
    raw_controls = [(number, found) for number, found in raw_controls if found]
    if raw_controls:
        raise QuizError([(file, number, f"invisible control character {', '.join(sorted(set(found)))}"
                                        " in the text; delete it (retype the line if you cannot see it)")
                         for number, found in raw_controls])
    loader = _LineLoader(text)
    try:
        data = loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        raise QuizError([(file, line, f"this is not valid YAML ({exc.problem}); "
                                      "check the indentation and put text with a colon in quotes")]) from None
    except yaml.YAMLError as exc:
        raise QuizError([(file, 1, f"this is not valid YAML ({exc})")]) from None
    finally:
        loader.dispose()

    problems: list[tuple[str, int, str]] = [(file, line, message) for line, message in loader.problems]

    def problem(line: int, message: str) -> None:
        problems.append((file, line, message))

    _fact_problems(text, problem)

    if not isinstance(data, _Mapping):
        raise QuizError([(file, 1, "a quiz bank must be a mapping with `id`, `title` and "
                                   "`questions` (see the quiz bank format)")])
    for key in data:
        if key not in BANK_KEYS:
            problem(data.line_of(key), f"unknown key `{key}` in the bank; "
                                       f"use only {', '.join(sorted(BANK_KEYS))}")
    bank_id = _text(data.get("id")) or Path(file).stem
    if not ID_PATTERN.match(bank_id):
        problem(data.line_of("id"), f"bank id `{bank_id}` must be lowercase words joined by hyphens")
    bank = {
        "id": bank_id,
        "title": _text(data.get("title")) or DEFAULT_TITLE,
        "file": file,
        "line": data.line,
        "questions": [],
    }
    questions = data.get("questions")
    if not isinstance(questions, list) or not questions:
        problem(data.line_of("questions"), "the bank has no questions; add a `questions:` list")
        raise QuizError(problems)

    seen: dict[str, int] = {}
    for raw in questions:
        if not isinstance(raw, _Mapping):
            problem(data.line_of("questions"), "each question must be a mapping that starts with "
                                               "`- id:`; check the indentation")
            continue
        question = _question(raw, problem)
        qid, line = question["id"], question["line"]
        if qid:
            if qid in seen:
                problem(raw.line_of("id"), f"duplicate question id `{qid}` (first used on line "
                                           f"{seen[qid]}); give each question its own id")
            else:
                seen[qid] = raw.line_of("id")
        bank["questions"].append(question)
    if problems:
        raise QuizError(problems)
    arrange(bank)
    return bank


def arrange(bank: dict) -> None:
    """Put each question's options in the order learners see, the same on every output.

    Authors write the right answer first; learners must not be able to guess from the
    position. Single-choice answers move round the positions question by question (from an
    offset taken from the bank id), so every position is used; "choose all that apply"
    options are shuffled with the question id as seed; true/false keep "True", "False".
    The order depends only on the bank's text, so the web page, the worksheet, the answer
    key and the exports agree.
    """
    offset = zlib.crc32(bank["id"].encode("utf-8"))
    singles = 0
    for q in bank["questions"]:
        options = q["options"]
        if q["type"] == "single" and options:
            right = [o for o in options if o["correct"]]
            others = [o for o in options if not o["correct"]]
            target = (offset + singles) % len(options)
            singles += 1
            q["options"] = others[:target] + right + others[target:]
        elif q["type"] == "multiple":
            shuffled = list(options)
            random.Random(q["id"]).shuffle(shuffled)
            q["options"] = shuffled


def answer_positions(banks: list[dict]) -> dict:
    """How guessable the book's quizzes are: correct positions of single-choice questions,
    the share of "all that apply" questions whose right options all come first, and the
    share of true/false questions whose answer is "True"."""
    singles: dict[int, int] = {}
    prefix = multiples = true = true_false = 0
    for bank in banks:
        for q in bank["questions"]:
            flags = [o["correct"] for o in q["options"]]
            if q["type"] == "single":
                position = flags.index(True)
                singles[position] = singles.get(position, 0) + 1
            elif q["type"] == "multiple":
                multiples += 1
                prefix += flags == sorted(flags, reverse=True)
            elif q["type"] == "true-false":
                true_false += 1
                true += any(o["correct"] and o["text"] == "True" for o in q["options"])
    return {
        "single": singles,
        "multiple_prefix_share": prefix / multiples if multiples else 0.0,
        "true_share": true / true_false if true_false else 0.5,
        "multiples": multiples,
        "true_false": true_false,
    }


# Limits for the whole book: beyond these a learner could pass without reading.
MAX_POSITION_SHARE = 0.5
MAX_PREFIX_SHARE = 0.5
TRUE_SHARE = (0.35, 0.65)


def _question(raw: _Mapping, problem) -> dict:
    line = raw.line
    qid = _text(raw.get("id"))
    name = f"question `{qid}`" if qid else "a question"
    for key in raw:
        if key not in QUESTION_KEYS:
            problem(raw.line_of(key), f"unknown key `{key}` in {name}; "
                                      f"use only {', '.join(sorted(QUESTION_KEYS))}")
    if not qid:
        problem(line, "a question has no `id`; add `id: <lesson>-<short-name>`")
    elif not ID_PATTERN.match(qid):
        problem(raw.line_of("id"), f"question id `{qid}` must be lowercase words joined by "
                                   "hyphens, e.g. `causes-chance`")
    qtype = _text(raw.get("type"))
    if qtype not in TYPES:
        shown = f"`{qtype}`" if qtype else "missing"
        problem(raw.line_of("type"), f"{name} has an unknown question type ({shown}); "
                                     f"use one of: {', '.join(TYPES)}")
    prompt = _text(raw.get("prompt"))
    if not prompt:
        problem(raw.line_of("prompt"), f"{name} has an empty prompt; write the question in `prompt:`")
    section = _text(raw.get("section"))
    if not section:
        problem(raw.line_of("section"), f"{name} has no `section`; add the label of the lesson "
                                        "section that teaches it, e.g. `section: causes-unexplained`")
    options = []
    raw_options = raw.get("options")
    if not isinstance(raw_options, list) or not raw_options:
        problem(raw.line_of("options"), f"{name} has no options; add an `options:` list")
        raw_options = []
    texts: dict[str, int] = {}
    for raw_option in raw_options:
        if not isinstance(raw_option, _Mapping):
            problem(raw.line_of("options"), f"an option of {name} must be a mapping with "
                                            "`text`, `feedback` and maybe `correct: true`")
            continue
        oline = raw_option.line
        for key in raw_option:
            if key not in OPTION_KEYS:
                problem(raw_option.line_of(key), f"unknown key `{key}` in an option of {name}; "
                                                 f"use only {', '.join(sorted(OPTION_KEYS))}")
        text = _text(raw_option.get("text"))
        if not text:
            problem(oline, f"an option of {name} has no text; add `text:`")
        elif text in texts:
            problem(oline, f"{name} has the option `{text}` twice (also on line {texts[text]})")
        else:
            texts[text] = oline
        correct = raw_option.get("correct", False)
        if not isinstance(correct, bool):
            problem(raw_option.line_of("correct"), f"`correct:` in {name} must be `true` or "
                                                   "`false` (or left out)")
            correct = False
        feedback = _text(raw_option.get("feedback"))
        if not feedback:
            problem(oline, f"the option `{text}` of {name} has no feedback; add `feedback:` "
                           "with one or two kind sentences")
        options.append({"text": text, "correct": correct, "feedback": feedback, "line": oline})

    n_correct = sum(o["correct"] for o in options)
    where = raw.line_of("options")
    if options and n_correct == 0:
        problem(where, f"{name} has no correct option; mark the right answer with `correct: true`")
    if qtype == "single" and n_correct > 1:
        problem(where, f"{name} is a single-choice question with {n_correct} correct options; "
                       "mark only one with `correct: true`, or use `type: multiple`")
    if qtype == "single" and len(options) < 2:
        problem(where, f"{name} needs at least two options")
    if qtype == "true-false":
        if n_correct > 1:
            problem(where, f"{name} is a true-false question with {n_correct} correct options; "
                           "mark only one with `correct: true`")
        if sorted(o["text"] for o in options) != ["False", "True"]:
            problem(where, f"{name} is a true-false question: give exactly two options, "
                           "`\"True\"` and `\"False\"`")
    if qtype == "multiple" and options and n_correct == 1:
        problem(where, f"{name} is a multiple-choice question with only one correct option; "
                       "mark two or more with `correct: true`, or use `type: single`")
    return {
        "id": qid,
        "type": qtype,
        "section": section.lower(),
        "prompt": prompt,
        "options": options,
        "line": line,
        "section_line": raw.line_of("section"),
    }


def load_bank(path: Path, file: str | None = None) -> dict:
    """Read and check a bank file; messages name it as ``file`` (default: the path)."""
    name = file or str(path)
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise QuizError([(name, 1, f"cannot read the quiz bank ({exc.strerror}); "
                                   "check the path in the quiz directive")]) from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        raise QuizError([(name, line, f"byte 0x{data[exc.start]:02x} is not UTF-8 text; "
                                      "save the file as UTF-8 in your editor")]) from None
    return parse_bank(text.replace("\r\n", "\n"), name)


def check_book(banks: list[dict], labels: set[str] | dict) -> list[tuple[str, int, str]]:
    """Checks across the whole book: bank and question ids unique, every `section` a
    known label."""
    problems = []
    seen: dict[str, tuple[str, int]] = {}
    files: dict[str, str] = {}
    bank_ids: dict[str, tuple[str, int]] = {}
    for bank in banks:
        if bank["file"] in files:
            problems.append((bank["file"], bank["line"],
                             f"this bank is shown on two pages ({files[bank['file']]} and "
                             f"{bank.get('docname', '?')}); show each bank on one page only"))
            continue
        files[bank["file"]] = bank.get("docname", "?")
        if bank["id"] in bank_ids:
            # Same id: same HTML anchor and the same saved progress in the reader's browser.
            first = bank_ids[bank["id"]]
            problems.append((bank["file"], bank["line"],
                             f"bank id `{bank['id']}` is also used by {first[0]}:{first[1]}; "
                             "give each bank its own `id`"))
        else:
            bank_ids[bank["id"]] = (bank["file"], bank["line"])
        for q in bank["questions"]:
            if q["id"] in seen and seen[q["id"]][0] != bank["file"]:
                first = seen[q["id"]]
                problems.append((bank["file"], q["line"],
                                 f"duplicate question id `{q['id']}` (also in {first[0]}:{first[1]}); "
                                 "question ids must be unique in the whole book"))
            else:
                seen.setdefault(q["id"], (bank["file"], q["line"]))
            if q["section"] not in labels:
                problems.append((bank["file"], q["section_line"],
                                 f"question `{q['id']}` links to an unknown section "
                                 f"`{q['section']}`; use the label written as `({q['section']})=` "
                                 "above a heading in the lesson, or add that label"))
    problems += guessability_problems(banks)
    return problems


def guessability_problems(banks: list[dict]) -> list[tuple[str, int, str]]:
    """Book-wide answer patterns a learner could spot; each problem names the first bank."""
    if not banks:
        return []
    stats = answer_positions(banks)
    where = (banks[0]["file"], banks[0]["line"])
    problems = []
    singles = stats["single"]
    total = sum(singles.values())
    if total >= 4:
        position, count = max(singles.items(), key=lambda kv: kv[1])
        if count / total > MAX_POSITION_SHARE:
            problems.append((*where, f"{count} of {total} single-choice answers are option "
                                     f"{chr(65 + position)}; spread the right answers over the positions"))
    if stats["multiples"] >= 4 and stats["multiple_prefix_share"] > MAX_PREFIX_SHARE:
        problems.append((*where, "in most 'choose all that apply' questions the right options come "
                                 "first; mix them with the wrong ones"))
    low, high = TRUE_SHARE
    if stats["true_false"] >= 6 and not low <= stats["true_share"] <= high:
        problems.append((*where, f"{stats['true_share']:.0%} of true/false answers are \"True\"; "
                                 f"keep it between {low:.0%} and {high:.0%} by writing some "
                                 "statements the other way round"))
    return problems


def letter(index: int) -> str:
    """A, B, C… for the option at ``index``, as printed on the worksheet and in the key."""
    return chr(65 + index)


def correct_options(question: dict) -> list[dict]:
    return [o for o in question["options"] if o["correct"]]


HINTS = {
    "single": "Choose one answer.",
    "multiple": "Choose all that apply.",
    "true-false": "True or false?",
}


def hint(question: dict) -> str:
    """How to answer ("Choose one answer."), unless the prompt already says it."""
    prompt = question["prompt"].lower()
    if question["type"] == "multiple" and "choose all that apply" in prompt:
        return ""
    if question["type"] == "true-false" and "true or false" in prompt:
        return ""
    return HINTS.get(question["type"], "")
