"""The quizzes as built: every bank on its page, accessible markup, no answers in view."""

from __future__ import annotations

import pytest
from conftest import HTML, article, html_soup, toc_docnames
from quizlib import model, quiz_pages

PAGES = quiz_pages()
IDS = [f"{d}:{b['id']}" for d, b in PAGES]


def visible_text(node) -> str:
    """Text a sighted reader sees before answering: no <details>, no hidden parts, no scripts."""
    node = node.__copy__() if hasattr(node, "__copy__") else node
    for hidden in node.select("details, script, style, [hidden], .quiz-visually-hidden"):
        hidden.decompose()
    return " ".join(node.get_text(" ").split())


def test_quiz_pages_found():
    assert len(PAGES) >= 2, "fewer than two pages show a quiz"
    assert "chapters/course-quiz" in [d for d, _ in PAGES]


@pytest.mark.parametrize("docname,bank", PAGES, ids=IDS)
def test_quiz_has_every_question_and_input(docname, bank):
    soup = html_soup(docname)
    quiz = soup.select_one(f'div.quiz[data-quiz="{bank["id"]}"]')
    assert quiz is not None, f"{docname}: quiz {bank['id']} missing"
    questions = quiz.select(".quiz-question")
    assert len(questions) == len(bank["questions"])
    assert quiz.select_one(".quiz-score[aria-live=polite]") is not None
    reset = quiz.select_one("button.quiz-reset")
    assert reset is not None and reset.get_text(strip=True) == "Reset my answers"
    for element, q in zip(questions, bank["questions"]):
        assert element["data-question"] == q["id"]
        fieldset = element.find("fieldset")
        assert fieldset is not None and fieldset.find("legend") is not None
        assert q["prompt"] in " ".join(fieldset.legend.get_text(" ").split())
        kind = "checkbox" if q["type"] == "multiple" else "radio"
        inputs = fieldset.select("input")
        assert len(inputs) == len(q["options"])
        assert {i["type"] for i in inputs} == {kind}
        assert len({i["name"] for i in inputs}) == 1
        for index, (input_, option) in enumerate(zip(inputs, q["options"])):
            label = fieldset.select_one(f'label[for="{input_["id"]}"]')
            assert label is not None
            assert label.select_one(".quiz-letter").get_text() == f"{chr(65 + index)}."
            assert label.get_text(" ", strip=True) == f"{chr(65 + index)}. {option['text']}"
        button = fieldset.select_one("button.quiz-check")
        assert button is not None and button.get("type") == "button"
        assert button.get_text(" ", strip=True).startswith("Check")
        live = fieldset.select_one(".quiz-feedback")
        assert live is not None and live.get("aria-live") == "polite"
        assert not live.get_text(strip=True), "feedback shown before answering"
        review = fieldset.select_one(".quiz-review a[href]")
        assert review is not None, f"{q['id']}: no link to the lesson section"
        assert fieldset.select_one(".quiz-review").get_text(" ", strip=True).startswith("Review:")
        href = review["href"]
        page, _, anchor = href.partition("#")
        if page:
            target = ((HTML / docname).parent / page).resolve()
            assert target.is_file(), f"{q['id']}: review link {href} is broken"
            target_doc = target.relative_to(HTML.resolve()).with_suffix("").as_posix()
        else:
            target_doc = docname
        target_soup = html_soup(target_doc)
        assert target_soup.find(id=anchor) is not None, f"{q['id']}: no anchor #{anchor}"


@pytest.mark.parametrize("docname,bank", PAGES, ids=IDS)
def test_answers_only_inside_details(docname, bank):
    soup = html_soup(docname)
    page = article(soup)
    quiz = page.select_one(f'div.quiz[data-quiz="{bank["id"]}"]')
    details = quiz.select_one("details.quiz-answers")
    assert details is not None and details.get("open") is None, "answers not in a closed <details>"
    assert details.summary.get_text(strip=True) == "Show answers"
    listed = details.select("[data-question]")
    assert [li["data-question"] for li in listed] == [q["id"] for q in bank["questions"]]
    text = visible_text(page)
    for q in bank["questions"]:
        for option in q["options"]:
            assert option["feedback"] not in text, f"{q['id']}: feedback visible outside <details>"
    assert "Correct answer" not in text


def test_quiz_assets_only_where_needed():
    quiz_docs = {d for d, _ in PAGES}
    for docname in toc_docnames():
        soup = html_soup(docname)
        scripts = [s.get("src", "") for s in soup.find_all("script")]
        has_js = any("course-quiz.js" in s for s in scripts)
        assert has_js == (docname in quiz_docs), f"{docname}: quiz script {'missing' if not has_js else 'not needed'}"
        for src in scripts:
            assert not src.startswith(("http:", "https:", "//")), f"{docname}: script from {src}"
    assert (HTML / "_static" / "course-quiz.js").exists()
    assert (HTML / "_static" / "course-quiz.css").exists()


def test_answer_key_lists_every_question_once():
    soup = html_soup("chapters/answer-key")
    key = soup.select_one(".quiz-answer-key")
    assert key is not None
    items = key.select("li[data-question]")
    ids = [li["data-question"] for li in items]
    expected = [q["id"] for _, b in PAGES for q in b["questions"]]
    assert ids == expected, "answer key does not list each question once, in reading order"
    for (_, bank) in PAGES:
        for q in bank["questions"]:
            item = key.select_one(f'li[data-question="{q["id"]}"]')
            assert q["prompt"] in " ".join(item.get_text(" ").split())
            answers = [s.get_text(strip=True) for s in item.select(".quiz-key-option")]
            assert answers == [o["text"] for o in model.correct_options(q)]
            why = item.select_one(".quiz-key-why").get_text(" ", strip=True)
            assert model.correct_options(q)[0]["feedback"] in why
            assert item.select_one(".quiz-review a[href]") is not None


def test_answer_key_links_exports():
    soup = html_soup("chapters/answer-key")
    links = {a["href"] for a in soup.select("a.reference.download")}
    assert links == {"../exports/quiz-bank.moodle.xml", "../exports/quiz-bank.gift.txt"}
    for href in links:
        assert (HTML / "chapters" / href).resolve().is_file(), href


def test_course_quiz_page():
    soup = html_soup("chapters/course-quiz")
    assert soup.find(id="course-quiz") is not None or soup.select_one("section#course-quiz")
    quiz = soup.select_one("div.quiz")
    assert quiz is not None and len(quiz.select(".quiz-question")) >= 12
