"""The course manifest (``<build>/course-manifest.json``) for tests: page and section titles,
lesson numbers, figure numbers and the quiz banks in reading order, as the Sphinx build saw
them. Every build writes it (``course.downloads``)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from conftest import BUILD, ROOT
from quizlib import model

PATH = BUILD / "course-manifest.json"


@lru_cache(maxsize=None)
def manifest() -> dict:
    assert PATH.exists(), f"{PATH} was not written; build the book first (make book)"
    return json.loads(PATH.read_text(encoding="utf-8"))


def page_title(docname: str) -> str:
    return next(p["title"] for p in manifest()["pages"] if p["docname"] == docname)


def section_titles() -> dict[str, str]:
    """Section label -> its title (labels of figures and pages have none)."""
    return {label: v["title"] for label, v in manifest()["labels"].items() if v["title"]}


@dataclass
class Bank:
    path: Path
    docname: str
    heading: str  # "Lesson 1: What recurrent miscarriage is", as on the worksheets
    data: dict

    @property
    def questions(self) -> list[dict]:
        return self.data["questions"]


def banks() -> list[Bank]:
    """Every quiz bank of the book in reading order, read with the quiz model."""
    lessons = {p["docname"]: p["lesson"] for p in manifest()["pages"]}
    found = []
    for bank in manifest()["quiz_banks"]:
        doc = bank["docname"]
        number = lessons.get(doc)
        heading = f"Lesson {number}: {page_title(doc)}" if number else page_title(doc)
        path = ROOT / bank["file"]
        found.append(Bank(path, doc, heading, model.load_bank(path, bank["file"])))
    return found
