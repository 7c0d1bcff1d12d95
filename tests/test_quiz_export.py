"""Moodle XML and GIFT exports: escaping and fractions (unit), and the built files."""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET

import pytest
from conftest import HTML
from quizlib import FIXTURES, book_banks, export, model, parse_gift, shown

SAMPLE = model.load_bank(FIXTURES / "sample.yml")
GROUPS = [("Lesson 1: Signs / symbols & more", [SAMPLE])]


def questions_of(root):
    return [q for q in root.findall("question") if q.get("type") != "category"]


def test_moodle_xml_sample():
    text = export.moodle_xml(GROUPS)
    root = ET.fromstring(text.encode("utf-8"))
    assert root.tag == "quiz"
    categories = root.findall("question[@type='category']")
    assert len(categories) == 1
    assert categories[0].findtext("category/text") == (
        "$course$/top/Recurrent miscarriage open course/Lesson 1: Signs // symbols & more")
    questions = questions_of(root)
    assert [q.get("type") for q in questions] == ["multichoice", "truefalse", "multichoice"]
    single, true_false, multiple = questions
    assert single.findtext("name/text") == "sample-single"
    assert single.find("questiontext").get("format") == "html"
    assert single.findtext("questiontext/text") == "<p>Which sign: ~, =, # or {braces}?</p>"
    assert single.findtext("single") == "true"
    answers = single.findall("answer")
    # The options come in the order learners see (the model arranges them).
    assert sorted(a.get("fraction") for a in answers) == ["0", "0", "100"]
    # HTML in the text is escaped inside CDATA; "]]>" survives.
    assert "<p>Not quite &lt;b&gt;bold&lt;/b&gt; &amp; more ]]&gt; here.</p>" in [
        a.findtext("feedback/text") for a in answers]
    assert "<![CDATA[" in text
    tf = true_false.findall("answer")
    assert [(a.findtext("text"), a.get("fraction")) for a in tf] == [("true", "100"), ("false", "0")]
    assert tf[1].findtext("feedback/text") == "<p>Look again at the numbers.</p>"
    assert multiple.findtext("single") == "false"
    fractions = sorted(float(a.get("fraction")) for a in multiple.findall("answer"))
    assert fractions == [-50.0, -50.0, 33.33333, 33.33333, 33.33333]
    assert math.isclose(sum(f for f in fractions if f > 0), 100, abs_tol=0.001)


def test_gift_sample_round_trips():
    text = export.gift(GROUPS)
    parsed = parse_gift(text)
    assert [q["id"] for q in parsed] == [q["id"] for q in SAMPLE["questions"]]
    for got, q in zip(parsed, SAMPLE["questions"]):
        assert got["category"] == export.category_path(GROUPS[0][0])
        assert got["format"] == "html"
        assert shown(got["prompt"], "html") == q["prompt"]
        assert [shown(o["text"], "html") for o in got["options"]] == [o["text"] for o in q["options"]]
        assert [shown(o["feedback"], "html") for o in got["options"]] == [
            o["feedback"] for o in q["options"]]
        assert [o["fraction"] for o in got["options"]] == pytest.approx(export.fractions(q))
    # Every special character is escaped in the file itself.
    line = next(ln for ln in text.splitlines() if ln.startswith("::sample-single::"))
    assert line == r"::sample-single::[html]Which sign\: \~, \=, \# or \{braces\}? {"
    assert r"back\\slash and a colon \: need" in text


def _moodle_shown(element) -> dict:
    """Question id -> the texts a platform shows after importing the Moodle XML."""
    texts = {}
    for q in questions_of(element):
        answers = q.findall("answer")
        texts[q.findtext("name/text")] = {
            "prompt": shown(q.findtext("questiontext/text"), q.find("questiontext").get("format")),
            "options": [shown(a.findtext("text"), "html" if a.get("format") == "html" else "plain")
                        for a in answers],
            "feedback": [shown(a.findtext("feedback/text"), "html") for a in answers],
        }
    return texts


def _gift_shown(parsed: list[dict]) -> dict:
    return {q["id"]: {"prompt": shown(q["prompt"], q["format"]),
                      "options": [shown(o["text"], q["format"]) for o in q["options"]],
                      "feedback": [shown(o["feedback"], q["format"]) for o in q["options"]]}
            for q in parsed}


def test_gift_and_moodle_xml_show_the_same_text():
    """Markup-like text ("<b>", "&", "<") reads the same whichever file a platform imports."""
    moodle = _moodle_shown(ET.fromstring(export.moodle_xml(GROUPS).encode("utf-8")))
    gift = _gift_shown(parse_gift(export.gift(GROUPS)))
    for q in SAMPLE["questions"]:
        if q["type"] == "true-false":  # Moodle XML stores these answers as "true"/"false"
            moodle[q["id"]]["options"] = [o.title() for o in moodle[q["id"]]["options"]]
        assert gift[q["id"]] == moodle[q["id"]], q["id"]
        assert gift[q["id"]] == {"prompt": q["prompt"], "options": [o["text"] for o in q["options"]],
                                 "feedback": [o["feedback"] for o in q["options"]]}


def test_exports_drop_characters_xml_cannot_hold():
    """The loader refuses control characters; the exports stay well-formed even so."""
    bank = model.load_bank(FIXTURES / "sample.yml")
    bank["questions"][0]["prompt"] = "Which \x01sign\x0b?"
    bank["questions"][0]["options"][0]["feedback"] = "Yes\x1f."
    root = ET.fromstring(export.moodle_xml([("Lesson \x02one", [bank])]).encode("utf-8"))
    assert questions_of(root)[0].findtext("questiontext/text") == "<p>Which sign?</p>"
    assert "\x01" not in export.gift([("Lesson one", [bank])])


def test_moodle_grades_are_importable():
    for n in range(1, 9):
        assert export.share(n) in export.MOODLE_GRADES
    assert export.fraction_text(33.33333) == "33.33333"
    assert export.fraction_text(-50.0) == "-50"


# --------------------------------------------------------------------------- built files
@pytest.fixture(scope="module")
def built_xml():
    path = HTML / export.EXPORT_DIR / export.MOODLE_FILE
    assert path.is_file(), f"{path} was not written by the build"
    return ET.parse(path).getroot()


@pytest.fixture(scope="module")
def built_gift():
    path = HTML / export.EXPORT_DIR / export.GIFT_FILE
    assert path.is_file(), f"{path} was not written by the build"
    return parse_gift(path.read_text(encoding="utf-8"))


def _bank_questions() -> dict[str, dict]:
    return {q["id"]: q for b in book_banks() for q in b["questions"]}


def test_built_moodle_xml(built_xml):
    expected = _bank_questions()
    questions = questions_of(built_xml)
    ids = [q.findtext("name/text") for q in questions]
    assert sorted(ids) == sorted(expected), "Moodle XML does not hold each question once"
    assert len(built_xml.findall("question[@type='category']")) >= 2
    for element in questions:
        q = expected[element.findtext("name/text")]
        assert element.get("type") == ("truefalse" if q["type"] == "true-false" else "multichoice")
        answers = element.findall("answer")
        assert len(answers) == len(q["options"])
        fractions = [float(a.get("fraction")) for a in answers]
        for option, fraction, answer in zip(q["options"], fractions, answers):
            assert (fraction > 0) == option["correct"], q["id"]
            assert answer.findtext("feedback/text"), f"{q['id']}: answer without feedback"
        assert math.isclose(sum(f for f in fractions if f > 0), 100, abs_tol=0.001), q["id"]
        # Moodle's <single>: false for "all that apply", true for one answer, absent for true/false.
        assert element.findtext("single") == {"multiple": "false", "single": "true"}.get(q["type"]), q["id"]


def test_built_gift(built_gift):
    expected = _bank_questions()
    assert sorted(q["id"] for q in built_gift) == sorted(expected)
    for got in built_gift:
        q = expected[got["id"]]
        fmt = got["format"]
        assert shown(got["prompt"], fmt) == q["prompt"]
        assert [shown(o["text"], fmt) for o in got["options"]] == [o["text"] for o in q["options"]]
        assert [shown(o["feedback"], fmt) for o in got["options"]] == [
            o["feedback"] for o in q["options"]]
        assert [o["fraction"] > 0 for o in got["options"]] == [o["correct"] for o in q["options"]]
