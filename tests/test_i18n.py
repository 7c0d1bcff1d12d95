"""The Simplified Chinese edition: configuration in step, catalogues complete, pages linked.

Reads ``_config.yml``/``_config-zh.yml``, the catalogues in ``locales/zh_CN/LC_MESSAGES``
and the built edition (``make zh``: ``_build/html/zh`` and ``_build/zh/_build/latex``).
While ``course_translation_draft`` is true only the translated pages must be complete;
when it is false every catalogue must be.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "_ext"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from conftest import lesson_docnames  # noqa: E402
from course import i18n  # noqa: E402
from textmetrics_zh import THRESHOLDS, measure, problems  # noqa: E402

LOCALES = ROOT / "locales"
ZH_HTML = ROOT / "_build" / "html" / "zh"
EN_HTML = ROOT / "_build" / "html"
ZH_LATEX = ROOT / "_build" / "zh" / "_build" / "latex"
BIN = Path(sys.executable).parent
# The keys of _config-zh.yml that may differ from _config.yml (dotted paths).
ZH_ONLY_KEYS = {
    "title",
    "author",
    "parse.myst_substitutions.last_reviewed",
    "parse.myst_substitutions.next_review",
    "sphinx.config.language",
    "sphinx.config.locale_dirs",
    "sphinx.config.html_search_language",
    "sphinx.config.course_translation_draft",
    "sphinx.config.latex_elements.fontpkg",
}
# Pages translated so far: complete and without fuzzy entries even in a draft.
TRANSLATED = ["chapters/home"]


def flatten(data, prefix="") -> dict:
    if isinstance(data, dict):
        out = {}
        for key, value in data.items():
            out.update(flatten(value, f"{prefix}{key}."))
        return out
    return {prefix[:-1]: data}


def zh_config() -> dict:
    return yaml.safe_load((ROOT / "_config-zh.yml").read_text(encoding="utf-8"))


def test_configs_differ_only_where_they_must():
    en = flatten(yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8")))
    zh = flatten(zh_config())
    differ = {k for k in en.keys() | zh.keys() if en.get(k) != zh.get(k)}
    assert differ <= ZH_ONLY_KEYS, (
        f"_config-zh.yml and _config.yml differ in {sorted(differ - ZH_ONLY_KEYS)}: "
        f"copy the change to both files (or list the key in ZH_ONLY_KEYS if it must differ)")
    assert zh["sphinx.config.language"] == "zh_CN"
    assert "Noto Serif CJK SC" in zh["sphinx.config.latex_elements.fontpkg"]
    assert zh["sphinx.config.gettext_compact"] is False


def test_catalogue_completeness():
    """Report progress; fail on any open entry unless the edition is a draft, and even in a
    draft on the pages already translated."""
    rows = i18n.all_progress(LOCALES, "zh_CN")
    names = {r.name for r in rows}
    from conftest import toc_docnames

    assert {"quizzes", "figures", "sphinx"} <= names, sorted(names)
    assert not set(toc_docnames()) - names, (
        f"pages without a catalogue: {sorted(set(toc_docnames()) - names)}; run `make zh-catalogues`")
    print("\n" + "\n".join(i18n.report_lines(rows)))
    draft = zh_config()["sphinx"]["config"].get("course_translation_draft", False)
    print(f"course_translation_draft: {draft}")
    open_rows = [r for r in rows if not r.done]
    if not draft:
        assert not open_rows, i18n.open_problems(rows)
    by_name = {r.name: r for r in rows}
    for name in TRANSLATED:
        row = by_name[name]
        assert row.total > 0 and row.done, i18n.open_problems([row])


def test_progress_counts_fuzzy_and_untranslated(tmp_path):
    po = tmp_path / "page.po"
    po.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=utf-8\\n"\n\n'
                  'msgid "One two"\nmsgstr "一二"\n\n'
                  '#, fuzzy\nmsgid "Three four five"\nmsgstr "三四"\n\n'
                  'msgid "Six"\nmsgstr ""\n', encoding="utf-8")
    row = i18n.progress(po, "page")
    assert (row.total, row.translated, row.fuzzy, row.untranslated, row.words_left) == (3, 1, 1, 1, 4)
    assert i18n.open_problems([row])


@pytest.mark.slow
def test_changed_english_sentence_reopens_its_entry(tmp_path):
    """Edit one sentence of the home page in a copy, extract and update the catalogues as
    `make zh-catalogues` does: the entry is no longer done and the strict check fails.
    The copy's table of contents holds the home page alone: its catalogue is the one read."""
    copy = tmp_path / "book"
    shutil.copytree(ROOT, copy, ignore=shutil.ignore_patterns(
        "_build", ".venv", ".git", "__pycache__", ".pytest_cache", "*.mo"))
    config = yaml.safe_load((copy / "_config.yml").read_text(encoding="utf-8"))
    config["execute"]["execute_notebooks"] = "off"  # the text is all that is extracted
    config["only_build_toc_files"] = True
    (copy / "_config.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    (copy / "_toc.yml").write_text("format: jb-book\nroot: chapters/home\n", encoding="utf-8")
    home = copy / "chapters" / "home.md"
    old = "Losing a pregnancy is hard."
    assert old in home.read_text(encoding="utf-8")
    home.write_text(home.read_text(encoding="utf-8").replace(old, "Losing a pregnancy is very hard."),
                    encoding="utf-8")
    pot = copy / "_build" / "i18n" / "_build" / "gettext"
    subprocess.run([str(BIN / "jupyter-book"), "build", str(copy), "--builder", "custom",
                    "--custom-builder", "gettext", "--path-output", str(copy / "_build" / "i18n")],
                   check=True, capture_output=True)
    subprocess.run([str(BIN / "sphinx-intl"), "update", "-p", str(pot), "-l", "zh_CN",
                    "-d", str(copy / "locales"), "-w", "88"], check=True, capture_output=True)
    rows = {r.name: r for r in i18n.all_progress(copy / "locales", "zh_CN")}
    home_row = rows["chapters/home"]
    assert home_row.fuzzy + home_row.untranslated == 1, i18n.report_lines([home_row])
    assert any("Losing a pregnancy is very hard." in t for t in home_row.open_ids)
    strict = subprocess.run([sys.executable, "-c", (
        "import sys; from pathlib import Path; from course import i18n; "
        "rows=[r for r in i18n.all_progress(Path(sys.argv[1]), 'zh_CN') if r.name=='chapters/home']; "
        "sys.exit(1 if i18n.open_problems(rows) else 0)"), str(copy / "locales")],
        env={"PYTHONPATH": str(ROOT / "_ext")}, capture_output=True)
    assert strict.returncode == 1


def test_quiz_catalogue_keeps_ids_and_roles():
    """Every quiz text is in quizzes.po under its question id; numbers stay ledger roles."""
    messages = i18n.quiz_messages()
    po = i18n.good_translations(LOCALES / "zh_CN" / "LC_MESSAGES" / "quizzes.po")
    catalogue = i18n.read_catalogue(LOCALES / "zh_CN" / "LC_MESSAGES" / "quizzes.po")
    ids = {(m.context, m.id) for m in catalogue if m.id}
    stale = [(c, t) for c, t, _ in messages if (c, t) not in ids]
    assert not stale, f"quizzes.po lacks {stale[:3]}: run `make zh-catalogues`"
    for (context, text), string in po.items():
        assert re.findall(r"\{fact\}`[^`]+`", text) == re.findall(r"\{fact\}`[^`]+`", string), context


def zh_page(name: str) -> BeautifulSoup:
    path = ZH_HTML / f"{name}.html"
    assert path.exists(), f"{path} was not built; run `make zh`"
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_zh_home_page_language_and_switcher():
    soup = zh_page("chapters/home")
    assert soup.html["lang"] == "zh-Hans"
    assert "复发性流产" in soup.select_one("main").get_text()
    # No site address is configured: no <link rel="alternate"> (it needs full addresses).
    assert not soup.select('link[rel="alternate"][hreflang]')
    switch = soup.select_one("nav.course-languages a[hreflang='en']")
    assert switch is not None and switch["href"] == "../../chapters/home.html"
    target = (ZH_HTML / "chapters" / switch["href"]).resolve()
    assert target == (EN_HTML / "chapters" / "home.html").resolve()
    assert not switch.find_parent("nav").select("[style], script")


def test_alternate_links_are_full_addresses_of_both_editions():
    from course.languages import alternates

    tags = alternates("https://example.org/course/", "chapters/home.html")
    soup = BeautifulSoup(tags, "html.parser")
    assert {l["hreflang"]: l["href"] for l in soup.select("link[rel=alternate]")} == {
        "en": "https://example.org/course/chapters/home.html",
        "zh-Hans": "https://example.org/course/zh/chapters/home.html"}
    assert alternates("", "chapters/home.html") == ""


def test_en_home_page_links_to_zh():
    path = EN_HTML / "chapters" / "home.html"
    assert path.exists(), f"{path} was not built; run `make html`"
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    assert soup.html["lang"] == "en"
    switch = soup.select_one("nav.course-languages a[hreflang='zh-Hans']")
    assert switch is not None and switch["href"] == "../zh/chapters/home.html"
    assert (EN_HTML / "chapters" / switch["href"]).resolve() == (ZH_HTML / "chapters" / "home.html").resolve()


def test_zh_edition_has_the_same_pages():
    en = {p.relative_to(EN_HTML).as_posix() for p in (EN_HTML / "chapters").glob("*.html")}
    zh = {p.relative_to(ZH_HTML).as_posix() for p in (ZH_HTML / "chapters").glob("*.html")}
    assert zh and en == zh


def test_zh_search_index_has_jieba_words():
    """Chinese has no spaces: without jieba the index would hold whole sentences."""
    text = (ZH_HTML / "searchindex.js").read_text(encoding="utf-8")
    index = json.loads(text[text.index("(") + 1:text.rindex(")")])
    terms = index["terms"]
    home = index["docnames"].index("chapters/home")
    for word in ("流产", "复发性", "宫外孕", "孤独"):
        # A word of the page's title is indexed under "titleterms" only.
        pages = []
        for found in (terms.get(word), index["titleterms"].get(word)):
            pages += found if isinstance(found, list) else [found]
        assert home in pages, f"{word} is not a search word of the Chinese home page"
    assert not [t for t in terms if len(t) > 12 and re.search("[\u4e00-\u9fff]", t)]


@pytest.mark.parametrize("page", ["chapters/home", *lesson_docnames()])
def test_zh_page_is_plain_chinese(page):
    """The home page and every lesson are at least as plain as the cited calibration texts."""
    soup = zh_page(page)
    main = soup.select_one("article") or soup.select_one("main")
    for unwanted in main.select("nav, script, style, .bibtex-citation, a.headerlink"):
        unwanted.decompose()
    text = "\n".join(p.get_text(" ", strip=True) for p in main.select("p, li"))
    result = measure(text, explained={"复发性流产", "流产", "宫外孕", "异位妊娠", "助产士"})
    print(page, result, THRESHOLDS)
    assert not problems(result), f"{page}: {problems(result)}"


def test_plain_chinese_measure_tells_easy_from_hard():
    easy = "失去一次怀孕已经很难。请和医生商量。您可以随时休息。"
    hard = ("抗磷脂综合征患者妊娠期间应用低分子肝素联合小剂量阿司匹林进行抗凝治疗以改善"
            "胎盘微循环灌注并降低血栓前状态相关不良妊娠结局发生风险的循证医学证据仍需进一步评估。")
    assert measure(easy)["mean_sentence"] < measure(hard)["mean_sentence"]
    assert measure(easy)["common_share"] > measure(hard)["common_share"]
    assert not problems(measure(easy)) and problems(measure(hard))


def test_zh_pdf_has_chinese_text_and_no_missing_glyphs():
    pdf = ZH_LATEX / "recurrent-miscarriage-course.pdf"
    log = ZH_LATEX / "recurrent-miscarriage-course.log"
    assert pdf.exists(), f"{pdf} was not built; run `make zh`"
    assert "Missing character" not in log.read_text(encoding="utf-8", errors="replace")
    text = subprocess.run(["pdftotext", "-l", "3", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    assert "复发性流产" in text


def test_quiz_texts_come_from_the_catalogue(tmp_path):
    """A translated bank keeps ids, types, sections, correct flags and ledger numbers."""
    from types import SimpleNamespace

    from course.facts import expand
    from course.quiz.model import load_bank

    bank = load_bank(ROOT / "chapters" / "quizzes" / "causes-and-risk-factors.yml")
    qid, english = next((context, text) for context, text, _file in i18n.quiz_messages()
                        if text == "The father being over {fact}`father-age`")
    question = next(q for q in bank["questions"] if q["id"] == qid)
    folder = tmp_path / "locales" / "zh_CN" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "quizzes.po").write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=utf-8\\n"\n\n'
        f'msgctxt "{question["id"]}"\nmsgid "{english}"\n'
        'msgstr "父亲年龄超过{fact}`father-age`"\n', encoding="utf-8")
    seen = []
    env = SimpleNamespace(config=SimpleNamespace(language="zh_CN", locale_dirs=["locales"]),
                          srcdir=str(tmp_path), note_dependency=seen.append)
    translated = i18n.translate_bank(env, bank)
    assert seen and seen[0].endswith("quizzes.po")
    pairs = [(q["id"], q["type"], q.get("section"), [o["correct"] for o in q["options"]])
             for q in translated["questions"]]
    assert pairs == [(q["id"], q["type"], q.get("section"), [o["correct"] for o in q["options"]])
                     for q in bank["questions"]]
    texts = [o["text"] for q in translated["questions"] if q["id"] == question["id"]
             for o in q["options"]]
    assert "父亲年龄超过" + expand("{fact}`father-age`") in texts
    assert translated["questions"][0]["prompt"] == bank["questions"][0]["prompt"]  # not translated


def _facts_of(soup: BeautifulSoup) -> list[str]:
    return sorted(c for span in soup.select("span.fact") for c in span["class"] if c.startswith("fact-"))


def _citations_of(soup: BeautifulSoup) -> list[str]:
    return sorted(a.get("href", "").split("#")[-1] for a in soup.select(".bibtex-citation a, a.bibtex-citation")
                  ) or sorted(s.get_text() for s in soup.select(".bibtex-citation"))


def _answers_of(soup: BeautifulSoup) -> list[tuple]:
    return [(q.get("data-question"), q.get("data-type"),
             tuple(o.get("data-correct") for o in q.select("[data-correct]")))
            for q in soup.select("[data-question][data-type]")]


@pytest.mark.parametrize("page", ["chapters/home", "chapters/causes-and-risk-factors",
                                  "chapters/course-quiz", "chapters/numbers-and-sources"])
def test_editions_have_the_same_citations_numbers_and_answers(page):
    """Parity: a translated page cites the same sources, shows the same ledger numbers,
    and its quizzes have the same question ids and correct answers as the English page."""
    en = BeautifulSoup((EN_HTML / f"{page}.html").read_text(encoding="utf-8"), "html.parser")
    zh = zh_page(page)
    en_main, zh_main = en.select_one("main"), zh.select_one("main")
    assert _citations_of(en_main) == _citations_of(zh_main)
    assert _facts_of(en_main) == _facts_of(zh_main)
    assert _answers_of(en_main) == _answers_of(zh_main)


def test_translated_pages_show_no_markup():
    """Markdown that did not render (** after Chinese punctuation, broken roles) shows as
    text; the build warns about it too (course.i18n.LEFTOVER)."""
    for name in TRANSLATED:
        text = zh_page(name).select_one("main").get_text()
        assert not i18n.LEFTOVER.search(text), i18n.LEFTOVER.search(text).group(0)
    assert i18n.LEFTOVER.search("**失去过怀孕的人。**您") and not i18n.LEFTOVER.search("失去过怀孕的人。您")


@pytest.mark.browser
def test_the_switcher_goes_to_the_english_twin(browser, server):
    """The Chinese home page's switcher, tapped on a phone, opens its English twin (both
    pages, with the switcher, get axe-core in test_browser_quality.py)."""
    from browser import MOBILE

    page = browser.new_page(viewport=MOBILE)
    try:
        page.goto(server.url("zh/chapters/home.html"))
        page.click("nav.course-languages a")
        page.wait_for_url(server.url("chapters/home.html"))
        assert page.url == server.url("chapters/home.html")
    finally:
        page.close()


@pytest.mark.parametrize("draft", [True, False])
def test_build_check_fails_unless_draft(tmp_path, draft):
    """The check the Chinese build runs after reading: open entries or English text in no
    catalogue stop a strict build; a draft build only reports them."""
    from types import SimpleNamespace

    from sphinx.errors import ExtensionError

    shutil.copytree(LOCALES, tmp_path / "locales")
    config = SimpleNamespace(language="zh_CN", locale_dirs=["locales"],
                             course_translation_draft=draft)
    app = SimpleNamespace(config=config, srcdir=str(tmp_path))
    env = SimpleNamespace(**{i18n.MISSING: {"chapters/home": ["A sentence no catalogue has."]}})
    if draft:
        i18n.check(app, env)
    else:
        with pytest.raises(ExtensionError, match="chapters/home: 1 paragraph"):
            i18n.check(app, env)


def test_figure_labels_follow_the_language(tmp_path, monkeypatch):
    """figures/i18n.py: the drawing code's _() returns the finished translation of the
    current language, English otherwise, and Chinese figures get a CJK font."""
    sys.path.insert(0, str(ROOT))
    from figures import i18n as figure_i18n

    folder = tmp_path / "zh_CN" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "figures.po").write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=utf-8\\n"\n\n'
        'msgid "Early loss"\nmsgstr "早期流产"\n\n'
        '#, fuzzy\nmsgid "Later loss"\nmsgstr "晚期流产"\n', encoding="utf-8")
    monkeypatch.setattr(figure_i18n, "LOCALES", tmp_path)
    try:
        figure_i18n.set_language("zh_CN")
        assert figure_i18n._("Early loss") == "早期流产"
        assert figure_i18n._("Later loss") == "Later loss"  # fuzzy: not used
        assert figure_i18n.rc_params()["font.sans-serif"][0] == "Noto Sans CJK SC"
        figure_i18n.set_language("en")
        assert figure_i18n._("Early loss") == "Early loss" and figure_i18n.rc_params() == {}
    finally:
        figure_i18n.set_language(None)


def test_zh_translations_script_needs_no_eval():
    """Sphinx's translations.js builds the plural rule with `new Function`; the site's
    Content-Security-Policy forbids it, so course.languages writes it as plain code."""
    script = (ZH_HTML / "_static" / "translations.js").read_text(encoding="utf-8")
    assert "new Function" not in script and "addTranslations(" not in script
    assert "Documentation.PLURAL_EXPR = function" in script and "\\u641c\\u7d22" in script
