"""Settings readers see: review dates from one place, and never a placeholder address."""

from __future__ import annotations

import sys

import pytest
import yaml

from conftest import ROOT, article, html_soup

sys.path.insert(0, str(ROOT / "_ext"))
from course.settings import derived, problems  # noqa: E402

SUBS = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))["parse"]["myst_substitutions"]


@pytest.mark.parametrize("value", ["https://example.org/course/", "feedback@example.com",
                                   "https://your-site.invalid", "TODO"])
def test_a_placeholder_address_is_refused(value):
    for key in ("course_address", "feedback_address"):
        found = problems({**SUBS, key: value})
        assert any(key in message and "placeholder" in message for message in found), (key, value)


def test_the_configured_settings_are_accepted():
    assert problems(SUBS) == []


def test_empty_addresses_are_said_plainly():
    lines = derived({**SUBS, "course_address": "", "feedback_address": ""})
    assert "http" not in lines["course_address_line"] and "@" not in lines["feedback_line"]
    lines = derived({**SUBS, "course_address": "https://course.test/", "feedback_address": "a@b.test"})
    assert "https://course.test/" in lines["course_address_line"] and "a@b.test" in lines["feedback_line"]


def test_about_page_shows_both_review_dates_and_the_feedback_line():
    text = " ".join(article(html_soup("chapters/about")).get_text(" ").split())
    assert SUBS["last_reviewed"] in text and SUBS["next_review"] in text
    assert derived(SUBS)["feedback_line"] in text


def test_licence_files_exist():
    code = (ROOT / "LICENSE").read_text(encoding="utf-8")
    content = (ROOT / "LICENSE-CONTENT.md").read_text(encoding="utf-8")
    assert "MIT License" in code and "Permission is hereby granted" in code
    assert "CC BY-SA 4.0" in content and "creativecommons.org/licenses/by-sa/4.0" in content
