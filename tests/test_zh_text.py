"""The Chinese pages say everything in Chinese: no English sentence left in the main text.

Catches text that never reaches a catalogue (a directive that builds its own nodes without
their source, a heading that Sphinx cannot translate) and so stays English in the Chinese
edition without failing the completeness check. The list of sources keeps its English
titles (they name the publications), and a few proper names stay as they are.
"""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from conftest import BUILD, toc_docnames

ZH_HTML = BUILD / "html" / "zh"
# The titles of sources are cited as published.
SKIPPED = {"chapters/references"}
# Proper names, and the English beside a Chinese term where the page shows both on purpose.
KEPT = re.compile(
    r"\b(?:et al|[A-Z][a-z]+ and [A-Z][a-z]+)\b"
    r"|Jockey Club Perinatal Bereavement Care|The Miscarriage Association of Ireland"
    r"|The Pink Elephants Support Network"
    r"|The Chinese expert consensus on recurrent miscarriage"  # the "name in English" column
    r"|（[^（）]*）")  # a glossary term's English, in brackets: 子宫自然杀伤细胞（uterine natural killer cells）
ENGLISH = re.compile(r"[A-Za-z][A-Za-z’'-]+(?:[ ,:][A-Za-z][A-Za-z’'-]+){3,}")


@pytest.mark.parametrize("docname", [d for d in toc_docnames() if d not in SKIPPED])
def test_no_english_sentence_on_a_chinese_page(docname):
    path = ZH_HTML / f"{docname}.html"
    assert path.exists(), f"{path} was not built; run `make book`"
    main = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").find("main")
    left = sorted(set(ENGLISH.findall(KEPT.sub(" ", main.get_text(" ", strip=True)))))
    assert not left, f"{docname}: English left on the Chinese page: {left[:5]}"


def test_the_check_finds_english():
    assert ENGLISH.findall("更多细节：More detail: why natural killer cell counts mislead")
    assert not ENGLISH.findall(KEPT.sub(" ", "子宫自然杀伤细胞（uterine natural killer cells）；Quenby et al. 2021"))


def test_a_shared_snippet_reads_the_same_on_every_chinese_page():
    """The urgent-help box, the disclaimer and the medicine note are one text included in
    several pages; each page has its own catalogue, so a translator could word them
    differently (one handout once lacked the 120 of the home page's box). Each of their
    paragraphs must have one translation in every catalogue."""
    from collections import defaultdict

    from conftest import ROOT
    from quizlib import model  # noqa: F401  (puts _ext on the path)
    from course.i18n import good_translations

    def squash(text):
        return " ".join(text.split())

    snippets = {path.stem: squash(path.read_text(encoding="utf-8"))
                for path in (ROOT / "chapters" / "_snippets").glob("*.md")}
    seen = defaultdict(dict)
    for path in sorted((ROOT / "locales" / "zh_CN" / "LC_MESSAGES" / "chapters").glob("*.po")):
        for (_, english), chinese in good_translations(path).items():
            if any(squash(english) in text for text in snippets.values()):
                seen[english][path.name] = chinese
    assert len(seen) >= 20, "the snippets' paragraphs were not found in the catalogues"
    differ = {english[:50]: sorted(by_page) for english, by_page in seen.items()
              if len(set(by_page.values())) > 1}
    assert not differ, f"one snippet paragraph, several translations: {differ}"
    urgent = [chinese for english, by_page in seen.items() for chinese in by_page.values()
              if english.startswith("**1. Call your emergency number")]
    assert urgent and all("120" in text for text in urgent), "the urgent box does not give 120 on every page"


@pytest.mark.parametrize("docname", ["chapters/home", "chapters/immune-balance"])
def test_sidebar_part_captions_are_chinese(docname):
    """The sidebar's part captions come from _toc.yml through the root page's catalogue."""
    soup = BeautifulSoup((ZH_HTML / f"{docname}.html").read_text(encoding="utf-8"), "html.parser")
    captions = [c.get_text(strip=True) for c in soup.select(".bd-sidebar-primary .caption")]
    assert len(captions) == 4, captions
    assert all(re.search(r"[\u4e00-\u9fff]", c) for c in captions), f"captions not in Chinese: {captions}"


def test_search_field_speaks_chinese():
    soup = BeautifulSoup((ZH_HTML / "search.html").read_text(encoding="utf-8"), "html.parser")
    fields = soup.select("input[name=q]")
    assert fields and all(re.search(r"[\u4e00-\u9fff]", f.get("placeholder", "") + f.get("aria-label", ""))
                          for f in fields), [f.get("placeholder") for f in fields]
