"""End to end in a tiny Sphinx project: a good bank builds (HTML, LaTeX, exports); a broken
bank, an unknown lesson section, two banks with one id or a bank no page shows stops the
build, without -W, naming file and line."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from quizlib import FIXTURES, ROOT

pytestmark = pytest.mark.slow

CONF = f"""
import sys
sys.path.insert(0, {str(ROOT / "_ext")!r})
extensions = ["myst_parser", "course.quiz"]
project = "Quiz test"
root_doc = "index"
exclude_patterns = ["_build"]
"""
INDEX = """\
# Quiz test

```{toctree}
lesson
key
```
"""
LESSON = """\
# Lesson

(sample-first)=
## First section

Text.

(sample-second)=
## Second section

```{quiz} quizzes/sample.yml
```
"""
KEY = """\
# Key

```{quiz-exports}
```

```{quiz-answer-key}
```
"""


def make_project(tmp_path: Path, bank: str | None = None) -> Path:
    src = tmp_path / "src"
    (src / "quizzes").mkdir(parents=True)
    (src / "conf.py").write_text(CONF, encoding="utf-8")
    (src / "index.md").write_text(INDEX, encoding="utf-8")
    (src / "lesson.md").write_text(LESSON, encoding="utf-8")
    (src / "key.md").write_text(KEY, encoding="utf-8")
    if bank is None:
        shutil.copy(FIXTURES / "sample.yml", src / "quizzes" / "sample.yml")
    else:
        (src / "quizzes" / "sample.yml").write_text(bank, encoding="utf-8")
    return src


def sphinx(src: Path, builder: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", builder, "-q", str(src), str(src / "_build" / builder)],
        capture_output=True, text=True, timeout=300)


def test_good_bank_builds_html_latex_and_exports(tmp_path):
    src = make_project(tmp_path)
    result = sphinx(src, "html")
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    out = src / "_build" / "html"
    soup = BeautifulSoup((out / "lesson.html").read_text(encoding="utf-8"), "html.parser")
    quiz = soup.select_one("div.quiz[data-quiz=sample]")
    assert len(quiz.select("fieldset")) == 3
    assert len(quiz.select("input[type=radio]")) == 5 and len(quiz.select("input[type=checkbox]")) == 5
    review = quiz.select_one("#q-sample-multiple .quiz-review a")
    assert review["href"] == "#sample-second" and review.get_text() == "Second section"
    assert soup.find("script", src=lambda s: s and "course-quiz.js" in s) is not None
    key = BeautifulSoup((out / "key.html").read_text(encoding="utf-8"), "html.parser")
    assert [li["data-question"] for li in key.select(".quiz-answer-key li[data-question]")] == [
        "sample-single", "sample-true-false", "sample-multiple"]
    assert key.find("script", src=lambda s: s and "course-quiz.js" in s) is None
    assert key.select_one('a[href="exports/quiz-bank.moodle.xml"]') is not None
    root = ET.parse(out / "exports" / "quiz-bank.moodle.xml").getroot()
    assert len(root.findall("question")) == 4  # a category and three questions
    assert (out / "exports" / "quiz-bank.gift.txt").is_file()

    result = sphinx(src, "latex")
    assert result.returncode == 0, result.stderr
    tex = next((src / "_build" / "latex").glob("*.tex")).read_text(encoding="utf-8")
    lesson = tex[tex.index("First section"):tex.index(r"\chapter{Key}")]
    assert len(re.findall(r"\\item\[[A-Z]\. \$\\square\$\]", lesson)) == 10
    assert "Yes, red is a colour" not in lesson and "Look again" not in lesson
    key_tex = tex[tex.index(r"\chapter{Key}"):]
    assert "Yes, red is a colour" in key_tex and r"\textbf{Answers:}" in key_tex
    assert "Look again" not in key_tex  # only the correct options' feedback


def test_broken_bank_stops_the_build_with_file_and_line(tmp_path):
    bank = (FIXTURES / "sample.yml").read_text(encoding="utf-8")
    bank = bank.replace("      - text: Neither\n", "      - text: Neither\n        correct: true\n")
    src = make_project(tmp_path, bank)
    result = sphinx(src, "html")  # no -W: the error alone must stop the build
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "quizzes/sample.yml:10: question `sample-single` is a single-choice question with " \
           "2 correct options" in output, output


def test_unknown_section_stops_the_build(tmp_path):
    bank = (FIXTURES / "sample.yml").read_text(encoding="utf-8")
    bank = bank.replace("section: sample-second", "section: sample-thirdd")
    src = make_project(tmp_path, bank)
    result = sphinx(src, "html")
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "quizzes/sample.yml:30: question `sample-multiple` links to an unknown section " \
           "`sample-thirdd`" in output, output


def test_a_second_bank_with_the_same_id_and_a_bank_no_page_shows_stop_the_build(tmp_path):
    src = make_project(tmp_path)
    sample = (src / "quizzes" / "sample.yml").read_text(encoding="utf-8")
    # Same bank id, other question ids: only the bank id clashes.
    (src / "quizzes" / "copy.yml").write_text(sample.replace("id: sample-", "id: copy-"), encoding="utf-8")
    (src / "quizzes" / "forgotten.yml").write_text(sample.replace("sample", "forgotten"), encoding="utf-8")
    (src / "key.md").write_text(KEY + "\n```{quiz} quizzes/copy.yml\n```\n", encoding="utf-8")
    result = sphinx(src, "html")
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert re.search(r"quizzes/(copy|sample)\.yml:\d+: bank id `sample` is also used by "
                     r"quizzes/(copy|sample)\.yml:\d+", output), output
    assert "quizzes/forgotten.yml:1: no page shows this quiz bank" in output, output


def test_jupyter_book_build_stops_on_a_broken_bank(tmp_path):
    """The same through Jupyter Book (no -W): the message reaches the reader of the log."""
    jb = Path(sys.executable).with_name("jupyter-book")
    assert jb.exists(), "jupyter-book is not installed next to this Python; run `make setup`"
    book = tmp_path / "book"
    (book / "quizzes").mkdir(parents=True)
    (book / "_config.yml").write_text(
        "title: Quiz test\nonly_build_toc_files: true\nexecute:\n  execute_notebooks: 'off'\n"
        f"sphinx:\n  local_extensions:\n    course.quiz: {str(ROOT / '_ext')!r}\n", encoding="utf-8")
    (book / "_toc.yml").write_text("format: jb-book\nroot: index\nchapters:\n  - file: lesson\n",
                                   encoding="utf-8")
    (book / "index.md").write_text("# Quiz test\n\nStart.\n", encoding="utf-8")
    (book / "lesson.md").write_text(LESSON, encoding="utf-8")
    bank = (FIXTURES / "sample.yml").read_text(encoding="utf-8")
    (book / "quizzes" / "sample.yml").write_text(bank.replace("    type: multiple\n", "    type: several\n"),
                                                  encoding="utf-8")
    result = subprocess.run([str(jb), "build", str(book), "--builder", "html"],
                            capture_output=True, text=True, timeout=300)
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "quizzes/sample.yml:29: question `sample-multiple` has an unknown question type " \
           "(`several`); use one of: single, multiple, true-false" in output, output
