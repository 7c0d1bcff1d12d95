"""Warnings fail every build, not only the first (``_ext/course/strict.py``).

A tiny Sphinx project with the course's ``strict`` extension and a broken citation is built
twice without cleaning, the way ``make html`` rebuilds: both builds must fail and name the
page. Runs in a few seconds; it does not need the course build.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

CONF = textwrap.dedent(f"""
    import sys
    sys.path.insert(0, {str(ROOT / "_ext")!r})
    extensions = ["sphinxcontrib.bibtex", "course.strict"]
    bibtex_bibfiles = ["refs.bib"]
    nitpicky = True
""")
BIB = "@misc{real2020, title = {A real source}, author = {Doe, Jane}, year = {2020}}\n"


def build(src: Path, out: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "html", "-W", "--keep-going", "-q", str(src), str(out)],
        capture_output=True, text=True)


@pytest.fixture()
def project(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text(CONF, encoding="utf-8")
    (src / "refs.bib").write_text(BIB, encoding="utf-8")
    (src / "index.rst").write_text(
        "Home\n====\n\n.. toctree::\n\n   lesson\n   other\n\n.. bibliography::\n", encoding="utf-8")
    (src / "lesson.rst").write_text("Lesson\n======\n\nAs shown :cite:p:`real2020`.\n", encoding="utf-8")
    (src / "other.rst").write_text("Other\n=====\n\nNothing to see.\n", encoding="utf-8")
    return src, tmp_path / "out"


@pytest.mark.parametrize("fault", ["citation", "reference"])
def test_a_warning_fails_the_second_build_too(project, fault):
    src, out = project
    assert build(src, out).returncode == 0, "the clean project should build"
    broken = ":cite:p:`nosuchkey2099`" if fault == "citation" else ":ref:`no-such-label`"
    (src / "lesson.rst").write_text(f"Lesson\n======\n\nAs shown {broken}.\n", encoding="utf-8")
    first = build(src, out)
    second = build(src, out)
    assert first.returncode != 0, "the first build after the fault passed"
    assert second.returncode != 0, "the second build without changes passed: warnings are forgotten"
    assert "lesson" in second.stderr, f"the second build does not name the page:\n{second.stderr}"
    # Fixed: the next build passes again, and so does the one after it.
    (src / "lesson.rst").write_text("Lesson\n======\n\nAs shown :cite:p:`real2020`.\n", encoding="utf-8")
    assert build(src, out).returncode == 0
    assert build(src, out).returncode == 0


def test_an_untouched_page_is_not_read_again_without_a_warning(project):
    src, out = project
    assert build(src, out).returncode == 0
    again = subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "html", "-W", "--keep-going", str(src), str(out)],
        capture_output=True, text=True)
    assert again.returncode == 0
    assert "0 source files that are out of date" in again.stdout or "no targets are out of date" in again.stdout


def test_a_changed_stylesheet_reaches_the_site_although_no_page_changed(project):
    """Sphinx copies static files only when it writes a page; course.strict makes it write
    one when a file of html_static_path differs from its copy in the site."""
    src, out = project
    (src / "_static").mkdir()
    css = src / "_static" / "site.css"
    css.write_text("body { color: black; }\n", encoding="utf-8")
    (src / "conf.py").write_text(CONF + 'html_static_path = ["_static"]\n', encoding="utf-8")
    assert build(src, out).returncode == 0
    assert (out / "_static" / "site.css").read_text(encoding="utf-8") == css.read_text(encoding="utf-8")
    css.write_text("body { color: #222; }\n", encoding="utf-8")
    assert build(src, out).returncode == 0
    assert (out / "_static" / "site.css").read_text(encoding="utf-8") == "body { color: #222; }\n", (
        "the changed stylesheet did not reach the site")
    quiet = subprocess.run([sys.executable, "-m", "sphinx", "-b", "html", "-W", "--keep-going", str(src), str(out)],
                           capture_output=True, text=True)
    assert "no targets are out of date" in quiet.stdout, "a build with nothing changed still rewrote pages"
