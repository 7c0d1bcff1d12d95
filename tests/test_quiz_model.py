"""The quiz bank parser and validator: good banks load, each mistake gives file:line and a fix."""

from __future__ import annotations

import re

import pytest
from quizlib import FIXTURES, ROOT, book_banks, model, quiz_pages

from course.quiz.book import unused_bank_files

GOOD = """\
id: sample
title: Check your understanding
questions:
  - id: sample-single
    type: single
    section: sample-one
    prompt: Which one?
    options:
      - text: Right
        correct: true
        feedback: Yes.
      - text: Wrong
        feedback: No.
  - id: sample-tf
    type: true-false
    section: sample-one
    prompt: "True or false: yes."
    options:
      - text: "True"
        correct: true
        feedback: Yes.
      - text: "False"
        feedback: No.
  - id: sample-multi
    type: multiple
    section: sample-two
    prompt: Which ones? Choose all that apply.
    options:
      - text: A
        correct: true
        feedback: Yes.
      - text: B
        correct: true
        feedback: Yes.
      - text: C
        feedback: No.
"""


def problems(text: str) -> list[tuple[int, str]]:
    with pytest.raises(model.QuizError) as info:
        model.parse_bank(text, "quizzes/sample.yml")
    assert all(p[0] == "quizzes/sample.yml" for p in info.value.problems)
    # The message names the file and line like a compiler does.
    for file, line, message in info.value.problems:
        assert f"quizzes/sample.yml:{line}: {message}" in str(info.value)
    return [(line, message) for _, line, message in info.value.problems]


def edit(old: str, new: str, count: int = 1) -> str:
    assert old in GOOD
    return GOOD.replace(old, new, count)


def test_good_bank_loads_with_lines():
    bank = model.parse_bank(GOOD, "quizzes/sample.yml")
    assert bank["id"] == "sample"
    assert [q["id"] for q in bank["questions"]] == ["sample-single", "sample-tf", "sample-multi"]
    assert [q["line"] for q in bank["questions"]] == [4, 14, 24]
    # Options come back in the order learners see; each keeps its own line.
    right = next(o for o in bank["questions"][0]["options"] if o["correct"])
    assert right == {"text": "Right", "correct": True, "feedback": "Yes.", "line": 9}
    assert bank["questions"][1]["options"][0]["text"] == "True"  # quoted, not a boolean


def test_no_correct_option():
    found = problems(edit("        correct: true\n        feedback: Yes.\n      - text: Wrong",
                  "        feedback: Yes.\n      - text: Wrong"))
    assert found == [(8, "question `sample-single` has no correct option; "
                 "mark the right answer with `correct: true`")]


def test_single_with_two_correct():
    found = problems(edit("      - text: Wrong\n        feedback: No.",
                  "      - text: Wrong\n        correct: true\n        feedback: No."))
    assert len(found) == 1
    line, message = found[0]
    assert line == 8
    assert "single-choice question with 2 correct options" in message
    assert "type: multiple" in message


def test_true_false_with_two_correct():
    found = problems(edit('      - text: "False"\n        feedback: No.',
                  '      - text: "False"\n        correct: true\n        feedback: No.'))
    assert found == [(18, "question `sample-tf` is a true-false question with 2 correct "
                  "options; mark only one with `correct: true`")]


def test_true_false_needs_true_and_false():
    found = problems(edit('      - text: "False"', "      - text: Maybe"))
    assert found[0][0] == 18 and 'exactly two options, `"True"` and `"False"`' in found[0][1]


def test_option_without_feedback():
    found = problems(edit("        feedback: No.\n", "", 1))
    assert found == [(12, "the option `Wrong` of question `sample-single` has no feedback; "
                  "add `feedback:` with one or two kind sentences")]


def test_duplicate_question_id_in_a_bank():
    found = problems(edit("  - id: sample-tf", "  - id: sample-single"))
    assert found == [(14, "duplicate question id `sample-single` (first used on line 4); "
                  "give each question its own id")]


def test_empty_prompt():
    found = problems(edit("    prompt: Which one?", '    prompt: ""'))
    assert found == [(7, "question `sample-single` has an empty prompt; write the question in `prompt:`")]


def test_unknown_type():
    found = problems(edit("    type: single", "    type: essay"))
    assert found == [(5, "question `sample-single` has an unknown question type (`essay`); "
                 "use one of: single, multiple, true-false")]


def test_multiple_with_one_correct():
    found = problems(edit("      - text: B\n        correct: true\n", "      - text: B\n"))
    assert found[0][0] == 28 and "only one correct option" in found[0][1]


def test_unknown_key_is_a_typo():
    found = problems(edit("        feedback: No.\n", "        feedbak: No.\n"))
    lines = [line for line, _ in found]
    assert 13 in lines and any("unknown key `feedbak`" in m for _, m in found)


def test_several_mistakes_reported_together():
    text = edit("    type: single", "    type: essay")
    text = text.replace('    prompt: "True or false: yes."', "    prompt:")
    found = problems(text)
    assert [line for line, _ in found] == [5, 17]


def test_invalid_yaml_gives_line():
    found = problems(GOOD.replace("    prompt: Which one?", "    prompt: Which one?\n   bad: [unclosed"))
    assert found[0][0] in (8, 9) and "not valid YAML" in found[0][1]


def test_book_wide_checks_duplicate_ids_and_unknown_sections():
    a = model.parse_bank(GOOD, "quizzes/a.yml")
    b = model.parse_bank(GOOD.replace("id: sample\n", "id: other\n"), "quizzes/b.yml")
    labels = {"sample-one": ("x", "sample-one", "One")}
    found = model.check_book([a, b], labels)
    messages = [f"{f}:{line}: {m}" for f, line, m in found]
    assert "quizzes/b.yml:4: duplicate question id `sample-single` (also in quizzes/a.yml:4); " \
           "question ids must be unique in the whole book" in messages
    unknown = [m for m in messages if "unknown section `sample-two`" in m]
    assert unknown and unknown[0].startswith("quizzes/a.yml:26:")
    assert "`(sample-two)=`" in unknown[0]


def test_fixture_banks_load():
    banks = [model.load_bank(p) for p in sorted(FIXTURES.glob("*.yml"))]
    assert banks and all(b["questions"] for b in banks)


def test_book_banks_follow_the_writing_rules():
    """Every bank of the book loads, and meets the course standard: >= 6 questions, ids unique."""
    banks = book_banks()
    assert banks, "no quiz banks in chapters/quizzes"
    ids = [q["id"] for b in banks for q in b["questions"]]
    assert len(ids) == len(set(ids)), "a question id is used twice"
    for bank in banks:
        assert len(bank["questions"]) >= 6, f"{bank['file']}: fewer than 6 questions"
    multiples = [q for b in banks for q in b["questions"] if q["type"] == "multiple"]
    assert multiples, "no 'choose all that apply' question in the book"
    for q in multiples:
        assert "choose all that apply" in q["prompt"].lower(), q["id"]


def test_markup_is_reduced_to_plain_words():
    assert model.plain("Is {term}`APS <Antiphospholipid syndrome>` **really** *common*?") == \
        "Is APS really common?"
    assert model.plain("A {term}`karyotype` test uses `blood`.") == "A karyotype test uses blood."
    assert model.plain("2 * 3 = 6") == "2 * 3 = 6"
    bank = model.parse_bank(GOOD.replace("prompt: Which one?", "prompt: Which **one**?\n      Really?"),
                            "quizzes/sample.yml")
    assert bank["questions"][0]["prompt"] == "Which one? Really?"


def test_ledger_numbers_are_expanded_in_quiz_text():
    bank = model.parse_bank(edit("        feedback: Yes.\n      - text: Wrong",
                                 "        feedback: About {fact}`miscarriage-per-pregnancy` known pregnancies.\n"
                                 "      - text: Wrong"), "quizzes/sample.yml")
    right = next(o for o in bank["questions"][0]["options"] if o["correct"])
    assert right["feedback"] == "About 15 in 100 known pregnancies."


def test_unknown_fact_key_names_the_line():
    found = problems(edit("    prompt: Which one?", "    prompt: Is it {fact}`no-such-number`?"))
    assert found and found[0][0] == 7
    assert "no-such-number" in found[0][1] and "figures/data.py" in found[0][1]


def test_stars_and_underscores_that_are_not_formatting_are_kept():
    """Marks inside words and escaped marks are shown as typed (see the model docstring)."""
    assert model.plain("2*3*4 and 2 * 3") == "2*3*4 and 2 * 3"
    assert model.plain("snake__case__name and x**2**") == "snake__case__name and x**2**"
    assert model.plain(r"2\*3\*4 and \*not emphasis\*") == r"2\*3\*4 and \*not emphasis\*"
    assert model.plain(r"a back\slash") == r"a back\slash"
    assert model.plain("(*really*) __strong__, `code`") == "(really) strong, code"
    bank = model.parse_bank(GOOD.replace("prompt: Which one?", r"prompt: Is 2*3*4 = 24, a\b?"),
                            "quizzes/sample.yml")
    assert bank["questions"][0]["prompt"] == r"Is 2*3*4 = 24, a\b?"


def test_a_bank_that_is_not_utf8_names_the_line_of_the_bad_byte(tmp_path):
    path = tmp_path / "latin.yml"
    path.write_bytes(GOOD.replace("prompt: Which one?", "prompt: Caf\u00e9?").encode("latin-1"))
    with pytest.raises(model.QuizError) as info:
        model.load_bank(path, file="quizzes/latin.yml")
    assert info.value.problems == [("quizzes/latin.yml", 7, "byte 0xe9 is not UTF-8 text; "
                                    "save the file as UTF-8 in your editor")]


def test_control_characters_are_refused_with_their_line():
    escaped = problems(edit("    prompt: Which one?", '    prompt: "Which \\x01one?"'))
    assert escaped == [(7, "invisible control character U+0001 in the text; delete it "
                           "(retype the text if you cannot see it)")]
    raw = problems(edit("      - text: Wrong", "      - text: Wr\x02ong"))
    assert [line for line, _ in raw] == [12] and "U+0002" in raw[0][1]
    # Tabs inside quoted text are whitespace, not control characters to refuse.
    model.parse_bank(edit("    prompt: Which one?", '    prompt: "Which\\tone?"'), "quizzes/sample.yml")


def test_a_key_written_twice_is_an_error_with_its_line():
    found = problems(edit("    prompt: Which one?", "    prompt: Which one?\n    prompt: Which two?"))
    assert found == [(8, "the key `prompt` is written twice in this block (first on line 7); keep one")]


def test_two_banks_with_the_same_id_name_both_files():
    a = model.parse_bank(GOOD, "quizzes/a.yml")
    b = model.parse_bank(GOOD.replace("sample-", "other-"), "quizzes/b.yml")
    labels = {"sample-one", "sample-two", "other-one", "other-two"}
    found = [f"{f}:{line}: {m}" for f, line, m in model.check_book([a, b], labels)]
    assert found == ["quizzes/b.yml:1: bank id `sample` is also used by quizzes/a.yml:1; "
                     "give each bank its own `id`"]


# --------------------------------------------------------------------------- the book's sources
LABEL = re.compile(r"^\(([\w-]+)\)=\s*$", re.M)


def source_labels() -> set[str]:
    return {label for page in (ROOT / "chapters").rglob("*.md")
            for label in LABEL.findall(page.read_text(encoding="utf-8"))}


def test_the_book_banks_pass_the_book_wide_checks():
    """What the build checks once every page is read, from the sources alone: every bank
    shown by one page, bank and question ids unique, every `section` a label."""
    banks = []
    for docname, bank in quiz_pages():
        bank["docname"] = docname
        banks.append(bank)
    problems = model.check_book(banks, source_labels())
    problems += unused_bank_files(ROOT, {b["file"] for b in banks})
    assert not problems, "\n".join(model.format_problem(*p) for p in problems)


def test_a_bank_no_page_shows_is_named(tmp_path):
    (tmp_path / "quizzes").mkdir()
    for name in ("shown.yml", "forgotten.yml"):
        (tmp_path / "quizzes" / name).write_text(GOOD, encoding="utf-8")
    found = unused_bank_files(tmp_path, {"quizzes/shown.yml"})
    assert [(f, line) for f, line, _ in found] == [("quizzes/forgotten.yml", 1)]
    assert "no page shows this quiz bank" in found[0][2]
