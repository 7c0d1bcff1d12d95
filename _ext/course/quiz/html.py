"""HTML for quizzes and the answer key.

Each question is a native ``<fieldset>`` with a ``<legend>``, radio buttons (single,
true-false) or checkboxes (multiple), each with a ``<label>``. The Check button, the
score and the reset button start ``hidden``: ``course-quiz.js`` shows them. Feedback
appears in the question's ``aria-live`` region only after Check. Correct answers and
the feedback of every option sit in a collapsed ``<details class="quiz-answers">`` per
quiz (the path without JavaScript); the script reads them from there.
"""

from __future__ import annotations

import json
import posixpath
from html import escape

from docutils import nodes

from . import export
from .book import grouped, section_target
from .model import correct_options, letter
from .words import option_text, say, shown_hint

CHECK = '<span class="quiz-icon" aria-hidden="true">\u2713</span>'
CROSS = '<span class="quiz-icon" aria-hidden="true">\u2717</span>'


_t = say  # a word of the quiz's interface in the edition's language


# The words the quiz script writes, in the edition's language (read from data-strings).
SCRIPT_WORDS = ("Score: {right} of {total} correct", "Choose an answer first.", "Correct",
                "Not right yet", "Your answer: ",
                "There is at least one more right answer. Try again.",
                "Your answers were cleared.")


def _e(text: str) -> str:
    return escape(text, quote=True)


def _section_link(translator, label: str) -> str:
    builder = translator.builder
    target = section_target(builder.env, label)
    if not target:
        return _e(label)
    docname, anchor, title = target
    uri = builder.get_relative_uri(builder.current_docname, docname)
    if anchor:
        uri += "#" + anchor
    text = title or label
    if docname != builder.current_docname and docname in builder.env.titles:
        # Lessons share section titles ("Immune treatments"): name the page too (WCAG 2.4.4).
        text = f"{text} ({builder.env.titles[docname].astext()})"
    return f'<a class="reference internal" href="{_e(uri)}">{_e(text)}</a>'


def _review(translator, question: dict) -> str:
    return f'<p class="quiz-review">{_e(_t("Review:"))} {_section_link(translator, question["section"])}</p>'


def quiz_html(translator, bank: dict) -> str:
    questions = bank["questions"]
    total = len(questions)
    words = json.dumps({w: _t(w) for w in SCRIPT_WORDS}, ensure_ascii=False)
    out = [f'<div class="quiz" id="quiz-{_e(bank["id"])}" data-quiz="{_e(bank["id"])}" '
           f'data-total="{total}" data-strings="{_e(words)}">']
    intro = _t("{total} questions. Choose your answer, then press Check to see if it is right.")
    out.append(f'<p class="quiz-intro" hidden="">{_e(intro.format(total=total))} '
               f'<span class="quiz-privacy">{_e(_t("Your answers are kept only in this browser. They are never sent anywhere."))}'
               "</span></p>")
    for number, q in enumerate(questions, 1):
        qid = _e(q["id"])
        kind = "checkbox" if q["type"] == "multiple" else "radio"
        out.append(f'<div class="quiz-question" id="q-{qid}" data-question="{qid}" '
                   f'data-type="{_e(q["type"])}">')
        out.append("<fieldset>")
        how = shown_hint(q)
        label = _t("Question {number} of {total}.").format(number=number, total=total)
        out.append(f'<legend><span class="quiz-number">{_e(label)}</span> '
                   f'<span class="quiz-prompt">{_e(q["prompt"])}</span>'
                   + (f' <span class="quiz-hint">{_e(how)}</span>' if how else "") + "</legend>")
        out.append('<div class="quiz-options">')
        for index, option in enumerate(q["options"]):
            input_id = f"q-{qid}-{index}"
            out.append(f'<div class="quiz-option"><input type="{kind}" id="{input_id}" '
                       f'name="q-{qid}" value="{index}" />'
                       f'<label for="{input_id}"><span class="quiz-letter">{letter(index)}.</span> '
                       f'{_e(option_text(option))}</label></div>')
        out.append("</div>")
        which = _t("question {number}").format(number=number)
        out.append(f'<button type="button" class="quiz-check" hidden="">{_e(_t("Check"))}'
                   f'<span class="quiz-visually-hidden"> {_e(which)}</span></button>')
        out.append('<div class="quiz-feedback" aria-live="polite"></div>')
        out.append(_review(translator, q))
        out.append("</fieldset></div>")
    out.append('<div class="quiz-footer" hidden="">'
               f'<p class="quiz-score" aria-live="polite"></p>'
               f'<button type="button" class="quiz-reset">{_e(_t("Reset my answers"))}</button></div>')
    out.append(answers_html(bank))
    out.append("</div>")
    return "\n".join(out)


def answers_html(bank: dict) -> str:
    """The collapsed answers of one quiz: every option, marked, with its feedback."""
    out = [f'<details class="quiz-answers"><summary>{_e(_t("Show answers"))}</summary>',
           '<ol class="quiz-answer-list">']
    for q in bank["questions"]:
        out.append(f'<li data-question="{_e(q["id"])}"><p class="quiz-answer-prompt">'
                   f'{_e(q["prompt"])}</p><ul>')
        for index, option in enumerate(q["options"]):
            mark = (f"{CHECK} {_e(_t('Correct answer:'))}" if option["correct"]
                    else f"{CROSS} {_e(_t('Not this one:'))}")
            out.append(f'<li data-option="{index}" data-correct="{str(option["correct"]).lower()}">'
                       f'<span class="quiz-answer-mark">{mark}</span> '
                       f'<span class="quiz-answer-text">{_e(option_text(option))}</span>'
                       f'{"" if option["text"][-1:] in ".?!" else "."} '
                       f'<span class="quiz-answer-feedback">{_e(option["feedback"])}</span></li>')
        out.append("</ul></li>")
    out.append("</ol></details>")
    return "\n".join(out)


def visit_quiz(self, node) -> None:
    self.body.append(quiz_html(self, node["bank"]))
    raise nodes.SkipNode


def _export_links(translator) -> str:
    here = posixpath.dirname(translator.builder.current_docname)
    links = []
    for name, label in ((export.MOODLE_FILE, "Moodle XML"), (export.GIFT_FILE, "GIFT")):
        href = posixpath.relpath(f"{export.EXPORT_DIR}/{name}", here or ".")
        links.append(f'<a class="reference download" href="{_e(href)}" download="">'
                     f"{label} <span class=\"quiz-file\">({_e(name)})</span></a>")
    sentence = _e(say("Download every question for a learning platform: {moodle} and {gift}."))
    return ('<p class="quiz-exports">'
            + sentence.replace("{moodle}", links[0]).replace("{gift}", links[1]) + "</p>")


def visit_exports(self, node) -> None:
    self.body.append(_export_links(self))
    raise nodes.SkipNode


def visit_answer_key(self, node) -> None:
    env = self.builder.env
    out = ['<div class="quiz-answer-key">']
    for heading, banks in grouped(env):
        docname = banks[0]["docname"]
        uri = self.builder.get_relative_uri(self.builder.current_docname, docname)
        bank_id = banks[0]["id"]
        out.append(f'<section class="quiz-key-bank" id="key-{_e(bank_id)}">')
        out.append(f'<h3><a class="reference internal" href="{_e(uri)}#quiz-{_e(bank_id)}">'
                   f"{_e(heading)}</a></h3>")
        for bank in banks:
            out.append('<ol class="quiz-key-questions">')
            for q in bank["questions"]:
                right = correct_options(q)
                lettered = [(letter(q["options"].index(o)), o) for o in right]
                label = _t("Answer:") if len(right) == 1 else _t("Answers:")
                out.append(f'<li id="answer-{_e(q["id"])}" data-question="{_e(q["id"])}">')
                out.append(f'<p class="quiz-key-prompt">{_e(q["prompt"])}</p>')
                if len(right) == 1:
                    out.append(f'<p class="quiz-key-answer"><strong>{_e(label)}</strong> '
                               f'<span class="quiz-key-letter">{lettered[0][0]}.</span> '
                               f'<span class="quiz-key-option">{_e(option_text(right[0]))}</span></p>')
                else:
                    out.append(f'<p class="quiz-key-answer"><strong>{_e(label)}</strong></p><ul>'
                               + "".join(f'<li><span class="quiz-key-letter">{mark}.</span> '
                                         f'<span class="quiz-key-option">{_e(option_text(o))}</span></li>'
                                         for mark, o in lettered) + "</ul>")
                out.append(f'<p class="quiz-key-why"><strong>{_e(_t("Why:"))}</strong> '
                           + " ".join(_e(o["feedback"]) for o in right) + "</p>")
                out.append(_review(self, q))
                out.append("</li>")
            out.append("</ol>")
        out.append("</section>")
    out.append("</div>")
    self.body.append("\n".join(out))
    raise nodes.SkipNode


def visit_worksheets(self, node) -> None:
    """Every question without answers, grouped by lesson: the web copy of the worksheets."""
    out = ['<div class="quiz-worksheets">']
    for heading, banks in grouped(self.builder.env):
        docname = banks[0]["docname"]
        uri = self.builder.get_relative_uri(self.builder.current_docname, docname)
        out.append(f'<section class="quiz-sheet" id="sheet-{_e(banks[0]["id"])}">')
        out.append(f'<h2><a class="reference internal" href="{_e(uri)}#quiz-{_e(banks[0]["id"])}">'
                   f"{_e(heading)}</a></h2>")
        for bank in banks:
            out.append('<ol class="quiz-sheet-questions">')
            for q in bank["questions"]:
                how = shown_hint(q)
                out.append(f'<li><p>{_e(q["prompt"])}' + (f" <em>{_e(how)}</em>" if how else "")
                           + '</p><ul class="quiz-sheet-options">')
                out += [f'<li><span class="quiz-key-letter">{letter(i)}.</span> {_e(option_text(o))}</li>'
                        for i, o in enumerate(q["options"])]
                out.append("</ul>" + _review(self, q) + "</li>")
            out.append("</ol>")
        out.append("</section>")
    out.append("</div>")
    self.body.append("\n".join(out))
    raise nodes.SkipNode
