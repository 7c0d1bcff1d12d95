"""One cited ledger for every medical number, and the clinical-safety rules of the text.

- Every ledger entry (``figures/data.py``) names its source, the place in the source,
  and what the number is a share or count of.
- No page, snippet or quiz bank types a medical number: numbers come from the ledger
  through the ``{fact}`` role (see ``textnumbers.py`` for the allow-list of other numbers).
- Figure alt text and captions only repeat numbers the ledger holds.
- The built pages show each fact as the ledger words it.
- The urgent-help box has its three tiers and lives in one file.
- Progesterone is never offered as a treatment without the scan condition, and exercise
  advice never without its exceptions.
"""

from __future__ import annotations

import re

import pytest

from conftest import ROOT, article, html_soup, toc_docnames
from textnumbers import figure_texts, ledger_word_numbers, sources, typed_numbers

import figures.data as data

SNIPPET = ROOT / "chapters" / "_snippets" / "urgent-help.md"
KEY = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def bib_keys() -> set[str]:
    text = (ROOT / "references.bib").read_text(encoding="utf-8")
    return set(re.findall(r"^@\w+\{([^,\s]+),", text, flags=re.M))


# --- The ledger itself ---------------------------------------------------------------------


def test_every_entry_has_a_source_a_place_and_a_denominator():
    keys = bib_keys()
    problems = []
    for path, cited in data.all_cited():
        if cited.source not in keys:
            problems.append(f"{path}: source {cited.source!r} is not in references.bib")
        if len(cited.where.strip()) < 8:
            problems.append(f"{path}: `where` must say where in the source the number is printed")
        if len(cited.of.strip()) < 8:
            problems.append(f"{path}: `of` must say what the number is a share or count of")
        if cited.key and not KEY.match(cited.key):
            problems.append(f"{path}: key {cited.key!r} must be lowercase words joined by hyphens")
    assert not problems, "\n".join(problems)


def test_fact_keys_are_unique():
    data.facts()  # raises on a key used twice


def test_words_agree_with_the_value():
    """'15 in 100' for 15.3, '3 in 4' for 75: the words a reader sees match the number."""
    problems = []
    for key, cited in data.facts().items():
        shown = cited.text()
        if cited.unit != "percent":
            continue
        for a, b in re.findall(r"\b(\d+) in (\d+)\b", shown):
            if abs(int(a) / int(b) * 100 - cited.value) > 2.5:
                problems.append(f"{key}: '{shown}' does not match {cited.value}%")
        if "half" in shown and not 40 <= cited.value <= 60:
            problems.append(f"{key}: '{shown}' does not match {cited.value}%")
    assert not problems, "\n".join(problems)


def test_ledger_is_used_widely():
    used = set()
    for path, _ in sources():
        used |= set(re.findall(r"\{fact\}`([\w-]+)", path.read_text(encoding="utf-8")))
    assert len(used) >= 60, f"only {len(used)} ledger entries are shown in the text"
    unknown = used - set(data.facts())
    assert not unknown, f"unknown fact keys: {sorted(unknown)}"


# --- Numbers in the text ------------------------------------------------------------------


def test_no_typed_medical_numbers():
    problems = [f"{path.relative_to(ROOT)}:{line}: '{number}' in: {context}"
                for path, text in sources() for line, number, context in typed_numbers(text)]
    assert not problems, ("numbers typed into the text; use {fact}`key` from figures/data.py "
                          "(or extend the allow-list in tests/textnumbers.py for a non-medical number):\n"
                          + "\n".join(problems))


def ledger_numbers() -> set[str]:
    found = ledger_word_numbers()
    for _, cited in data.all_cited():
        found.add(f"{cited.value:g}")
        for bound in (cited.low, cited.high):
            if bound is not None:
                found |= {f"{bound:g}", f"{bound:.2f}"}
    for trial in data.TRIALS:
        for arm in (trial.treated, trial.untreated):
            found |= {str(arm.events), str(arm.total)}
    return found


def test_figure_alt_text_and_captions_repeat_only_ledger_numbers():
    known = ledger_numbers()
    problems = []
    for path, line, text in figure_texts():
        text = re.sub(r"\b(?:19|20)\d\d\b", "", text)  # years in source names
        for number in re.findall(r"(?<![\w.])\d+(?:[.,]\d+)*(?![\w])", text):
            if number not in known:
                problems.append(f"{path.relative_to(ROOT)}:{line}: {number!r} is not in the ledger: {text}")
    assert not problems, "\n".join(problems)


def test_built_pages_show_ledger_words():
    facts = data.facts()
    seen = 0
    for docname in toc_docnames():
        for span in article(html_soup(docname)).select("span.fact"):
            key = next(c[5:] for c in span["class"] if c.startswith("fact-"))
            seen += 1
            assert key in facts, f"{docname}: unknown fact {key}"
            shown = span.get_text()
            assert shown in {facts[key].text(f) for f in ("says", "percent", "in100", "one-in", "number")}, (
                f"{docname}: fact {key} shows {shown!r}; rebuild, the ledger says {facts[key].text()!r}")
    assert seen >= 80


# --- Urgent help -----------------------------------------------------------------------------

TIERS = {
    "emergency": ["emergency number", "heavy bleeding", "severe pain", "shoulder", "faint",
                  "fever", "suicide", "harming yourself"],
    "same day": ["same day", "any bleeding", "early pregnancy unit", "refer yourself", "midwife"],
    "later in pregnancy": ["12 weeks", "fluid", "tightenings", "moves less", "maternity unit"],
}


@pytest.mark.parametrize("tier", sorted(TIERS))
def test_urgent_help_has_three_tiers(tier):
    shown = " ".join(SNIPPET.read_text(encoding="utf-8").split())
    expanded = re.sub(r"\{fact\}`([^`]*)`", lambda m: data.facts()[m.group(1).split(":")[0]].text(), shown).lower()
    missing = [w for w in TIERS[tier] if w not in expanded]
    assert not missing, f"the urgent-help box lacks, in its '{tier}' tier: {missing}"


def test_urgent_help_wording_lives_in_one_file():
    """Sentences of the box are not copied elsewhere: pages include the snippet or link to it."""
    lines = [l.strip("-* ").strip() for l in SNIPPET.read_text(encoding="utf-8").splitlines()]
    phrases = [l[:60] for l in lines if len(l) > 45 and not l.startswith((":", "("))]
    assert len(phrases) >= 5
    copies = []
    for path in sorted((ROOT / "chapters").rglob("*.md")):
        if path == SNIPPET:
            continue
        text = path.read_text(encoding="utf-8")
        copies += [f"{path.relative_to(ROOT)}: {p!r}" for p in phrases if p in text]
    assert not copies, "urgent-help wording copied instead of included:\n" + "\n".join(copies)


def test_urgent_help_box_is_on_the_home_page_and_lesson_4():
    for docname in ("chapters/home", "chapters/prevention-and-care"):
        box = article(html_soup(docname)).select_one(".urgent-help")
        assert box is not None, f"{docname} has no urgent-help box"
        text = box.get_text(" ").lower()
        assert "same day" in text and "emergency" in text and "maternity unit" in text


# --- Progesterone and exercise ---------------------------------------------------------------

TREATMENT_WORDS = re.compile(r"\b(offer|prescri|treat|help|take|start|give|given|use|gain|benefit|advise|recommend)", re.I)


def units() -> list[tuple[str, str]]:
    """(where, text) for every paragraph or list item of the pages and every quiz question."""
    found = []
    for path in sorted((ROOT / "chapters").rglob("*.md")):
        text = re.sub(r"```\{code-cell\}.*?```", "", path.read_text(encoding="utf-8"), flags=re.S)
        for i, block in enumerate(re.split(r"\n\s*\n|\n(?=\s*[-*] )|\n(?=\|)", text)):
            found.append((f"{path.relative_to(ROOT)} block {i}", " ".join(block.split())))
    for path in sorted((ROOT / "chapters" / "quizzes").glob("*.yml")):
        text = path.read_text(encoding="utf-8")
        for i, question in enumerate(re.split(r"\n  - id: ", text)[1:]):
            qid = question.split()[0]
            for j, option in enumerate(re.split(r"\n      - text: ", question)):
                found.append((f"{path.relative_to(ROOT)} {qid} option {j}", " ".join(option.split())))
    return found


def test_progesterone_is_never_offered_without_the_scan_condition():
    problems = [where + ": " + text[:160] for where, text in units()
                if "progesterone" in text.lower() and TREATMENT_WORDS.search(text)
                and "scan" not in text.lower()]
    assert not problems, ("progesterone as a treatment, without 'a scan has shown the pregnancy "
                          "is in the womb' in the same paragraph:\n" + "\n".join(problems))


def test_progesterone_is_never_self_started():
    problems = [where + ": " + text[:160] for where, text in units()
                if re.search(r"\bshould I (start|take|use)\b[^.?]*progesterone", text, re.I)]
    assert not problems, "\n".join(problems)


EXERCISE = re.compile(r"\b(exercis\w*|physical activity|being active|stay active)\b", re.I)
EXCEPTIONS = ("stitch", "cervi", "bleeding", "team", "doctor or midwife", "unless")


def test_exercise_advice_carries_its_exceptions():
    problems = []
    for where, text in units():
        lower = text.lower()
        advice = EXERCISE.search(text) and re.search(r"\b(safe|healthy|minutes|moderate|regular)\b", lower)
        if advice and sum(e in lower for e in EXCEPTIONS) < 2:
            problems.append(f"{where}: {text[:160]}")
    assert not problems, ("exercise advice without its exceptions (a cervical stitch or a cervix "
                          "that opens early, bleeding, your team's advice):\n" + "\n".join(problems))


def test_no_ledger_name_is_assigned_twice():
    """A second `NAME = Cited(...)` silently replaces the first: each name once."""
    import ast

    tree = ast.parse((ROOT / "figures" / "data.py").read_text(encoding="utf-8"))
    names = [t.id for node in tree.body if isinstance(node, ast.Assign)
             for t in node.targets if isinstance(t, ast.Name)]
    repeated = sorted({n for n in names if names.count(n) > 1})
    assert not repeated, f"figures/data.py assigns these names more than once: {repeated}"


def test_one_number_one_entry():
    """The same number from the same place of the same source is one entry, not two."""
    seen: dict[tuple, str] = {}
    repeated = []
    for key, cited in data.facts().items():
        ident = (cited.source, cited.value, cited.unit, cited.where)
        if ident in seen:
            repeated.append(f"{key} repeats {seen[ident]}")
        seen.setdefault(ident, key)
    assert not repeated, "\n".join(repeated)


# --- Medicines --------------------------------------------------------------------------------

NOT_HELPING = re.compile(
    r"(treatment|medicine|aspirin|heparin|progesterone|levothyroxine|IVIG|steroid|intralipid|surgery|"
    r"bed rest|G-CSF)[^.]{0,120}?(did not help|no benefit|not recommended|do not help|not been shown to help|"
    r"no clear benefit|not advised|do not prevent|did not raise|no gain)", re.I | re.S)
MEDICINE_LINE = "Do not change any medicine because of"


def test_medicine_line_wherever_a_treatment_is_said_not_to_help():
    """Nobody should stop progesterone, heparin or levothyroxine because a page says a treatment failed."""
    pages = [docname for docname in toc_docnames()
             if NOT_HELPING.search(article(html_soup(docname)).get_text(" "))]
    assert len(pages) >= 5
    missing = [d for d in pages if MEDICINE_LINE not in " ".join(article(html_soup(d)).get_text(" ").split())]
    assert not missing, f"pages that say a treatment does not help, without the medicine line: {missing}"


def test_medicine_line_on_the_handout():
    from pypdf import PdfReader

    from conftest import BUILD

    text = "".join("".join(p.extract_text() or "" for p in PdfReader(str(BUILD / "pdf" / "class-handout.pdf")).pages).split())
    assert MEDICINE_LINE.replace(" ", "") in text


def test_figure_alt_text_numbers_come_from_the_ledger():
    """A figure's alt text is read aloud in place of the drawing: its numbers must be the
    ledger's (the drawing's source), not typed anew."""
    import re as _re

    known = set()
    for _, cited in data.all_cited():
        for form in ("says", "percent", "in100", "one-in", "number"):
            try:
                known.update(_re.findall(r"\d+(?:[.,]\d+)*", cited.text(form)))
            except (ValueError, KeyError):
                continue
        for value in (cited.value, cited.low, cited.high):
            if value is not None:
                known.update(_re.findall(r"\d+(?:[.,]\d+)*", str(value)))
    # Counts and labels that are part of what a chart is, not medical numbers.
    structural = {"100", "1", "2", "3"}
    problems = []
    for path in sorted((ROOT / "chapters").glob("*.md")):
        for line_no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not _re.match(r"\s*:?alt:", line):
                continue
            for number in _re.findall(r"\d+(?:[.,]\d+)*", line):
                if number not in known and number not in structural:
                    problems.append(f"{path.name}:{line_no}: {number}")
    assert not problems, "alt-text numbers not in figures/data.py:\n" + "\n".join(problems)
