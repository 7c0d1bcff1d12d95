"""The quiz extension is the only quiz renderer for print: what its checker accepts, its LaTeX
prints (markup-like text as typed, an option that starts with "[", a prompt longer than a
page), compiled with xelatex and read back with pdftotext.

No course build is needed: the questions are rendered by ``course.quiz.latex`` with Sphinx's
own LaTeX escaping and compiled in a small document with the packages the PDFs use.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from sphinx.util import texescape

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "_ext"))

from course.quiz import latex  # noqa: E402
from course.quiz.model import parse_bank  # noqa: E402

BANK = """
id: print-faults
title: Check your understanding
questions:
  - id: print-markup
    type: single
    section: nowhere
    prompt: "Is <img src=x> shown as typed, with 2*3*4 and snake__case__name and a \\\\ backslash?"
    options:
      - text: "[Not sure] an option that starts with a bracket"
        correct: true
        feedback: It keeps its box.
      - text: "{curly} $dollar$ 100% & #hash ~tilde ^caret_"
        feedback: Specials print as typed.
  - id: print-long
    type: true-false
    section: nowhere
    prompt: "LONGPROMPT"
    options:
      - text: "True"
        correct: true
        feedback: Yes.
      - text: "False"
        feedback: No.
"""

PREAMBLE = r"""\documentclass[11pt]{article}
\usepackage{fontspec}\setmainfont{FreeSans}
\usepackage{amssymb,enumitem,needspace,hyperref}
\tracinglostchars=3
\begin{document}
"""


def translator():
    texescape.init()
    env = SimpleNamespace(domaindata={"std": {"labels": {}}})
    return SimpleNamespace(encode=lambda text: texescape.escape(text, "xelatex"),
                           builder=SimpleNamespace(env=env),
                           hyperlink=lambda id_: "{\\hyperref[" + id_ + "]{")


@pytest.fixture(scope="module")
def printed(tmp_path_factory):
    long_prompt = " ".join(f"Sentence {n} of a very long prompt that goes on and on." for n in range(1, 140))
    bank = parse_bank(BANK.replace("LONGPROMPT", long_prompt), "print-faults.yml")
    body = "\n".join(latex._questions(translator(), bank))
    folder = tmp_path_factory.mktemp("quizprint")
    (folder / "q.tex").write_text(PREAMBLE + body + "\n\\end{document}\n", encoding="utf-8")
    result = subprocess.run(["xelatex", "-interaction=nonstopmode", "-halt-on-error", "q.tex"],
                            cwd=folder, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-2000:]
    pages = subprocess.run(["pdftotext", "-layout", str(folder / "q.pdf"), "-"],
                           capture_output=True, text=True, check=True).stdout.split("\f")
    return [p for p in pages if p.strip()]


def test_markup_like_text_prints_as_typed(printed):
    text = " ".join(" ".join(printed).split())
    for piece in ("<img src=x>", "2*3*4", "snake__case__name", "{curly} $dollar$ 100% & #hash"):
        assert piece in text, f"{piece!r} is not printed as typed"


def test_an_option_starting_with_a_bracket_keeps_its_letter_and_box(printed):
    text = " ".join(printed)
    line = next(l for l in text.splitlines() if "[Not sure]" in l)
    # "B. □ [Not sure] …": its own letter and tick box, then the text with its bracket.
    assert re.match(r"\s*[A-F]\. \S \[Not sure\] an option", line), \
        f"the bracket was read as the list label: {line!r}"


def test_a_prompt_longer_than_a_page_breaks_and_keeps_its_options(printed):
    assert len(printed) >= 2, "a prompt of several pages printed on one page (cut off)"
    last = " ".join(printed[-1].split())
    assert "Sentence 139" in " ".join(" ".join(printed).split())
    assert "A." in last and "True" in last and "B." in last and "False" in last, \
        "the options after a long prompt are missing"
