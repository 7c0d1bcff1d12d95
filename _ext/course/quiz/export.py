"""Write the question banks for learning platforms: Moodle XML and GIFT.

Both files hold every question of the book, one category per lesson, with the
feedback of each option. Moodle XML: ``multichoice`` (single and multiple answer)
and ``truefalse`` questions; in a multiple-answer question the correct options share
100 % and each wrong option takes away an equal share of 100 %, using only grades
Moodle's importer accepts. GIFT: the same questions with ``~%n%`` weights; GIFT's
special characters ``~ = # { } :`` and the backslash are escaped.

Both files mark their text as HTML (Moodle XML ``format="html"``, GIFT ``[html]``) and
escape ``< > &`` in it, so a question reads the same whichever file a platform imports:
text such as "<b>" is shown as typed, never as markup. Characters XML cannot hold
(control characters, which the bank loader already refuses) are dropped.
"""

from __future__ import annotations

import html
import re
from xml.sax.saxutils import escape as xml_escape
from xml.sax.saxutils import quoteattr

from .model import correct_options

COURSE_CATEGORY = "Recurrent miscarriage open course"
MOODLE_FILE = "quiz-bank.moodle.xml"
GIFT_FILE = "quiz-bank.gift.txt"
EXPORT_DIR = "exports"

# Grades (percent) that Moodle's question import accepts without rounding.
MOODLE_GRADES = (100, 90, 83.33333, 80, 75, 70, 66.66667, 60, 50, 40, 33.33333, 30, 25,
                 20, 16.66667, 14.28571, 12.5, 11.11111, 10, 5, 0)


def share(n: int) -> float:
    """100 / n, as the nearest grade Moodle accepts."""
    if n <= 0:
        return 0.0
    return min(MOODLE_GRADES, key=lambda g: abs(g - 100 / n))


def fraction_text(value: float) -> str:
    text = f"{value:.5f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def fractions(question: dict) -> list[float]:
    """Grade in percent for each option of a question, in order."""
    options = question["options"]
    if question["type"] != "multiple":
        return [100.0 if o["correct"] else 0.0 for o in options]
    n_right = len(correct_options(question))
    n_wrong = len(options) - n_right
    right, wrong = share(n_right), -share(n_wrong)
    return [right if o["correct"] else wrong for o in options]


# Characters outside XML 1.0's Char production.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_safe(text: str) -> str:
    return NOT_XML.sub("", text)


def cdata(text: str) -> str:
    return "<![CDATA[" + xml_safe(text).replace("]]>", "]]]]><![CDATA[>") + "]]>"


def html_text(text: str) -> str:
    return "<p>" + html.escape(text, quote=False) + "</p>"


def xml_text(text: str) -> str:
    return xml_escape(xml_safe(text))


def category_path(heading: str) -> str:
    # Moodle separates category levels with "/"; a slash in a name is written "//".
    return "$course$/top/" + "/".join(p.replace("/", "//") for p in (COURSE_CATEGORY, heading))


def moodle_xml(groups: list[tuple[str, list[dict]]]) -> str:
    """groups: (category heading, banks) in book order."""
    out = ['<?xml version="1.0" encoding="UTF-8"?>', "<quiz>"]
    for heading, banks in groups:
        out += [
            '  <question type="category">',
            f"    <category><text>{xml_text(category_path(heading))}</text></category>",
            f'    <info format="html"><text>{cdata(html_text(heading))}</text></info>',
            "  </question>",
        ]
        for bank in banks:
            for q in bank["questions"]:
                out += _moodle_question(q)
    out.append("</quiz>")
    return "\n".join(out) + "\n"


def _moodle_question(q: dict) -> list[str]:
    is_tf = q["type"] == "true-false"
    lines = [
        f"  <question type={quoteattr('truefalse' if is_tf else 'multichoice')}>",
        f"    <name><text>{xml_text(q['id'])}</text></name>",
        f'    <questiontext format="html"><text>{cdata(html_text(q["prompt"]))}</text></questiontext>',
        '    <generalfeedback format="html"><text></text></generalfeedback>',
        "    <defaultgrade>1</defaultgrade>",
        "    <penalty>0</penalty>" if is_tf else "    <penalty>0.3333333</penalty>",
        "    <hidden>0</hidden>",
        f"    <idnumber>{xml_text(q['id'])}</idnumber>",
    ]
    if not is_tf:
        lines += [
            f"    <single>{'false' if q['type'] == 'multiple' else 'true'}</single>",
            "    <shuffleanswers>true</shuffleanswers>",
            "    <answernumbering>abc</answernumbering>",
        ]
    for option, fraction in zip(q["options"], fractions(q)):
        if is_tf:
            text, fmt = option["text"].lower(), "moodle_auto_format"
        else:
            text, fmt = cdata(html_text(option["text"])), "html"
        lines += [
            f'    <answer fraction="{fraction_text(fraction)}" format="{fmt}">',
            f"      <text>{text}</text>",
            f'      <feedback format="html"><text>{cdata(html_text(option["feedback"]))}</text></feedback>',
            "    </answer>",
        ]
    lines.append("  </question>")
    return lines


GIFT_SPECIAL = "\\~=#{}:"


def gift_escape(text: str) -> str:
    out = "".join("\\" + c if c in GIFT_SPECIAL else c for c in xml_safe(text))
    return out.replace("\r", "").replace("\n", "\\n")


def gift_html(text: str) -> str:
    """Text for an ``[html]`` GIFT question: HTML-escaped as in the Moodle XML, then GIFT-escaped."""
    return gift_escape(html.escape(text, quote=False))


def gift(groups: list[tuple[str, list[dict]]]) -> str:
    out = [f"// {COURSE_CATEGORY}: every quiz question, in GIFT format for import into Moodle",
           "// and other learning platforms. Written by the book build; edit the YAML banks instead.",
           ""]
    for heading, banks in groups:
        out += [f"$CATEGORY: {category_path(heading)}", ""]
        for bank in banks:
            for q in bank["questions"]:
                out += _gift_question(q) + [""]
    return "\n".join(out)


def _gift_question(q: dict) -> list[str]:
    # [html]: the question's format, which Moodle's GIFT import also uses for its
    # answers and feedback.
    head = f"::{gift_escape(q['id'])}::[html]{gift_html(q['prompt'])} {{"
    lines = [head]
    for option, fraction in zip(q["options"], fractions(q)):
        text, feedback = gift_html(option["text"]), gift_html(option["feedback"])
        if q["type"] == "multiple":
            lines.append(f"  ~%{fraction_text(fraction)}%{text} #{feedback}")
        elif option["correct"]:
            lines.append(f"  ={text} #{feedback}")
        else:
            lines.append(f"  ~{text} #{feedback}")
    lines.append("}")
    return lines
