"""Slide decks for each class session, built from the course's own sources.

One editable ``.pptx`` (16:9, python-pptx) and one PDF (LibreOffice Impress, headless, from
that ``.pptx``) per session of ``chapters/class-plans.yml``. A deck is first built as a
plain slide model (a list of dicts), then drawn; the model comes from:

- the session's objectives, time slots, short slide titles, words to say and prompts
  (the class plans); every slide's notes give its minutes and words to say or a note;
- the "In short" messages of the lessons a slot shows, with numbers from the ledger;
- the figures a slot shows, drawn by the ``figures`` package (in its projector form where
  it has one) as large as the slide allows, with the lesson's alt text; the caption goes
  to the notes;
- quiz questions of the lessons the session covers, in the learners' order and letters;
- the urgent-help snippet, as its three tiers in three separate boxes, and the handout's
  "Where to find support".

Page and section titles, lesson numbers and figure numbers come from the course manifest
(``_build/course-manifest.json``) that the Sphinx build writes, so decks are made after it.
``python scripts/decks.py OUTDIR`` writes ``deck-<session>.pptx``, ``.pdf`` (to project) and
``-notes.pdf`` (notes pages to print); ``teaching_pack`` zips them with the print editions.

Every edition has its decks. The model is always built from the English sources, so that
the choices (which slides, which bullets, which quiz questions) are the same in every
language; a translated edition then takes each text from its catalogues (``Edition``): the
pages' ``.po`` files for lesson text, ``class-plans.po``, ``quizzes.po``, ``facts.po`` and,
for the deck's own words (``say("…")``, collected by ``make zh-catalogues``), ``sphinx.po``.
A text without a finished translation stops the build, naming it.
"""

from __future__ import annotations

import json
import math
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import yaml
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.util import Emu, Inches, Pt

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "_ext"))
sys.path.insert(0, str(ROOT))
from course import facts as ledger_words  # noqa: E402
from course.classplan import PLAN_FILE, SLIDE_TITLE_MAX, load_plans  # noqa: E402
from course.downloads import MANIFEST, pack_name  # noqa: E402
from course.i18n import (FACT_DOMAIN, QUIZ_DOMAIN, catalogue_dir, good_translations,  # noqa: E402
                         translate_bank_from, translate_plans)
from course.plaintext import Resolver  # noqa: E402
from course.quiz.model import letter, load_bank  # noqa: E402

WIDTH, HEIGHT = Emu(12192000), Emu(6858000)  # 13.33 x 7.5 inches, exactly 16:9
MARGIN = Inches(0.6)
INSET = Inches(0.2)  # a text box's inner margins, left and right together
TITLE_PT, BODY_PT, MIN_PT = 40, 28, 24
TEAL = RGBColor(0x1B, 0x6F, 0x6A)
TINT = RGBColor(0xEE, 0xF7, 0xF6)
INK = RGBColor(0x1A, 0x1A, 0x1A)
RED = RGBColor(0xA5, 0x1D, 0x2D)
AMBER = RGBColor(0x8A, 0x4B, 0x00)  # border of the "same day" box; dark text sits on its tint
AMBER_TINT = RGBColor(0xFF, 0xF3, 0xE0)
WHITE = RGBColor(0xFF, 0xFF, 0xFF)
FONT = "FreeSans"
CJK_FONT = "Noto Sans CJK SC"  # Debian's fonts-noto-cjk, as in the Chinese PDFs and figures
HAN = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]")
QUESTIONS_PER_DECK = 3
MAX_BULLETS = 5
MIN_NOTE_WORDS = 12  # a note this short gets the next source of words to say
TIMING = re.compile(r"^\S*\d+–\d+\S*\s*")


# ------------------------------------------------------------------ the edition's language
class MissingTranslation(RuntimeError):
    pass


class Edition:
    """The language of a set of decks and its catalogues. English is the source: every
    lookup returns its text unchanged."""

    def __init__(self, language: str = "en", locale_dir: Path = ROOT / "locales"):
        self.language = language or "en"
        self.locale_dir = Path(locale_dir)
        self.folder = catalogue_dir(self.locale_dir, self.language)
        self.pages: dict[str, str] = {}  # any page's translation of a text
        self.by_page: dict[str, dict[str, str]] = {}  # docname -> that page's translations
        self.words: dict[str, str] = {}
        ledger_words.TRANSLATED.clear()
        if self.english:
            return
        for path in sorted((self.folder / "chapters").glob("*.po")):
            own = self.by_page.setdefault(f"chapters/{path.stem}", {})
            for (_, english), translated in good_translations(path).items():
                own[_squash(english)] = translated
                self.pages.setdefault(_squash(english), translated)
        self.words = {english: translated for (_, english), translated
                      in good_translations(self.folder / "sphinx.po").items()}
        ledger_words.TRANSLATED.update(good_translations(self.folder / f"{FACT_DOMAIN}.po"))

    @property
    def english(self) -> bool:
        return self.language == "en"

    @property
    def font(self) -> str:
        return FONT if self.english else CJK_FONT

    def page(self, text: str, doc: str | None = None, continued: bool = False) -> str:
        """A paragraph or list item of page ``doc``, as its catalogue translates it (a
        text the page shares with others, such as the urgent-help box, in that page's
        words; else any page's). With ``continued`` the page may have added words after
        it (a figure's caption ends with its generated "Source:" line): the one entry that
        starts with the text is taken."""
        if self.english:
            return text
        key = _squash(text)
        for entries in (self.by_page.get(doc or "", {}), self.pages):
            if key in entries:
                return entries[key]
            found = [english for english in entries if english.startswith(key + " ")] if continued else []
            if len(found) == 1:
                return entries[found[0]]
        raise MissingTranslation(f"{self.folder}/chapters/*.po: no finished translation of "
                                 f"“{key[:70]}”; run `make zh-catalogues` and translate it")

    def say(self, text: str) -> str:
        """The deck's own words, from the interface catalogue."""
        if self.english:
            return text
        try:
            return self.words[text]
        except KeyError:
            raise MissingTranslation(f"{self.folder}/sphinx.po: no finished translation of "
                                     f"“{text[:70]}”; run `make zh-catalogues` and translate it") from None

    def plans(self, plans: list[dict]) -> list[dict]:
        return translate_plans(plans, self.locale_dir, self.language)

    def bank(self, bank: dict) -> dict:
        if self.english:
            return bank
        return translate_bank_from(bank, self.folder / f"{QUIZ_DOMAIN}.po")


EDITION = Edition()


def say(text: str) -> str:
    """The deck's own words in the current edition's language (``EDITION``)."""
    return EDITION.say(text)


def _squash(text: str) -> str:
    return " ".join(str(text).split())


def _minutes(start, end) -> str:
    return say("{start}–{end} min.").format(start=start, end=end)


# ------------------------------------------------------------------ the built course
def load_manifest(path: Path) -> dict:
    """``_build/course-manifest.json``, written by every Sphinx build (``course.downloads``)."""
    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(f"{path}: no course manifest; build the book first (make book)")
    return json.loads(path.read_text(encoding="utf-8"))


def course_config() -> dict:
    return yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))


# ------------------------------------------------------------------ sources
def lesson_figures() -> dict[str, tuple[str, str, str, str]]:
    """Figure label -> (lesson docname, figures function, alt text, caption), from the
    lessons' ``{course-figure}`` blocks."""
    found = {}
    for path in sorted((ROOT / "chapters").glob("*.md")):
        text = path.read_text(encoding="utf-8")
        for func, body in re.findall(r"^:::+\{course-figure\}\s*(\w+)\n(.*?)^:::", text, re.S | re.M):
            options, caption = _directive_options(body)
            if str(options.get("name", "")).startswith("fig-"):
                found[options["name"]] = (f"chapters/{path.stem}", func, str(options.get("alt", "")), caption)
    return found


def _directive_options(body: str) -> tuple[dict, str]:
    """A MyST directive's options (a ``---`` YAML block or ``:key: value`` lines) and its text."""
    if body.startswith("---\n"):
        head, _, rest = body[4:].partition("\n---\n")
        return yaml.safe_load(head) or {}, rest.strip()
    lines = body.splitlines()
    options = dict(re.match(r":(\w+):\s*(.*)", line).groups() for line in lines if re.match(r":\w+:", line))
    return {k: v.strip().strip('"') for k, v in options.items()}, "\n".join(
        line for line in lines if not re.match(r":\w+:", line)).strip()


def in_short(docname: str) -> list[str]:
    text = (ROOT / f"{docname}.md").read_text(encoding="utf-8")
    box = re.search(r":::\{admonition\} In short\n:class: in-short\n(.*?)\n:::", text, re.S)
    return [EDITION.page(b, docname) for b in re.findall(r"^- (.+)$", box.group(1), re.M)] if box else []


SENTENCE = re.compile(r"(?<=[.:])\s+(?=[A-Z])|(?<=[。：！？])")


def _sentences(text: str) -> list[str]:
    return [t.strip() for t in SENTENCE.split(" ".join(text.split())) if t.strip()]


def _blocks(text: str) -> list[str]:
    """The paragraphs of a piece of Markdown, each on one line as a catalogue holds it."""
    return [_squash(b) for b in re.split(r"\n\s*\n", text.strip()) if b.strip()]


URGENT_DOC = "chapters/home"  # the page whose words the urgent-help slides use


def urgent_boxes(plain: Resolver) -> tuple[list[dict], list[str]]:
    """The urgent-help snippet as three boxes, one per tier, in its own words, and the words
    around them (who it is for, "you are not wasting anyone's time") for the speaker notes.

    A box has its ``number``, its ``heading`` (the tier's bold words up to the first comma:
    "Call your emergency number now"), and ``lines``: when and who (the first sentence and a
    closing "Contact one of these:"), then the signs or places, one a line. Each paragraph
    and list item is taken in the edition's language before it is split.
    """
    text = (ROOT / "chapters" / "_snippets" / "urgent-help.md").read_text(encoding="utf-8")
    text = text.split("\n:::", 1)[0].split("\n", 2)[2]  # without the fence and its class
    parts = re.split(r"\n(?=\*\*\d\. )", text)
    page = lambda text: EDITION.page(_squash(text), URGENT_DOC)  # noqa: E731
    said = [t for b in _blocks(parts[0]) for t in _sentences(plain(page(b)))]
    boxes = []
    for tier in parts[1:]:
        blocks = [b.strip() for b in re.split(r"\n\s*\n", tier.strip()) if b.strip()]
        first = page(blocks[0])
        number, bold, rest = re.match(r"\*\*(\d)\.\s*([^*]+)\*\*(.*)", first, re.S).groups()
        heading = re.split(r"[,，]", bold, maxsplit=1)[0]
        more = bold[len(heading):]
        lead = _sentences(plain(more.strip(",， ") + rest).lstrip(",.:，。： "))
        lines = [lead[0]] + [t for t in lead[1:] if t.endswith((":", "："))] if lead else []
        for block in blocks[1:]:
            items = re.findall(r"^- (.+?(?:\n  .+?)*)$", block, re.M)
            if items:
                for item in items:
                    item = page(item)
                    # "**heavy bleeding**: soaking a pad…" -> "heavy bleeding"; otherwise the whole item.
                    short = re.match(r"(?:an? |your )?\*\*([^*]+)\*\*[:：]", item.strip())
                    lines.append(plain(short.group(1) if short else item).rstrip(";.；。"))
            elif "**" in block:
                # "…if you have **thoughts of suicide…** and might act on them." -> that clause
                # (in a translation: its first sentence).
                block = page(block)
                if EDITION.english:
                    lines.append(plain(re.search(r"\*\*[^*]+\*\*[^.]*", block).group(0)).strip())
                else:
                    lines.append(_sentences(plain(block))[0].rstrip("。"))
                said += _sentences(plain(block))[1:]
            else:
                said += _sentences(plain(page(block)))
        boxes.append({"number": number, "heading": plain(heading).strip(),
                      "lines": [line[:1].upper() + line[1:] for line in lines]})
    return boxes, said


def support_lines(plain: Resolver) -> list[str]:
    text = (ROOT / "chapters" / "class-handout.md").read_text(encoding="utf-8")
    section = text.split("## Where to find support", 1)[1].split("\n(", 1)[0]
    return [plain(EDITION.page(_squash(item), "chapters/class-handout"))
            for item in re.findall(r"^- (.+?(?:\n  .+?)*)$", section, re.M)][:MAX_BULLETS]


def ground_rules(plain: Resolver) -> list[str]:
    """The ground rules' short forms, as the instructor guide writes them."""
    text = (ROOT / "chapters" / "instructor-guide.md").read_text(encoding="utf-8")
    section = text.split("(instructor-ground-rules)=", 1)[1].split("\n(", 1)[0]
    rules = []
    for item in re.findall(r"^\d+\. (\*\*.+?(?:\n   .+?)*)$", section, re.M):
        bold = re.match(r"\*\*(.+?)\*\*", EDITION.page(_squash(item), "chapters/instructor-guide")).group(1)
        rules.append(plain(bold).rstrip(".,。，"))
    return rules


def hope(plain: Resolver) -> list[str]:
    """The closing messages: the outlook in the ledger's words, and that no one is alone."""
    return [plain(say("At one Danish clinic, {fact}`lund-5-years` of all the women seen for recurrent "
                      "miscarriage had a baby within {fact}`lund-follow-up-years`.")),
            say("Many people go on to have a baby, whether or not a cause is found."),
            say("You are not alone. Support is there for you and your partner.")]


def session_lessons(session: dict, manifest: dict) -> list[str]:
    """Lessons the session shows, in order of first appearance."""
    lessons = [lesson["docname"] for lesson in manifest["lessons"]]
    docs = []
    for slot in session["slots"]:
        for slug in re.findall(r"\{doc\}`(?:[^`<]*<)?([\w-]+)>?`", str(slot.get("show", ""))):
            doc = f"chapters/{slug}"
            if doc in lessons and doc not in docs:
                docs.append(doc)
    return docs


# ------------------------------------------------------------------ the slide model
def quiz_slides(session: dict, manifest: dict, minutes: str) -> list[dict]:
    """A few quiz questions of the lessons the session covers, each followed by its answer.
    The questions are chosen from the English banks, then shown in the edition's words."""
    slides: list[dict] = []
    files = [ROOT / "chapters" / "quizzes" / f"{Path(doc).name}.yml" for doc in session_lessons(session, manifest)]
    banks = [load_bank(path) for path in files] or [load_bank(ROOT / "chapters" / "quizzes" / "course-quiz.yml")]
    questions = [q for bank in banks for q in bank["questions"] if q["type"] != "multiple"]
    shown = {q["id"]: q for bank in banks for q in EDITION.bank(bank)["questions"]}
    # Spread over the lessons, and with different answer letters, so the answer cannot be guessed.
    step = max(1, len(questions) // QUESTIONS_PER_DECK)
    chosen, letters = [], set()
    for q in questions[::step] + questions:
        mark = "".join(letter(i) for i, o in enumerate(q["options"]) if o["correct"])
        if q not in chosen and mark not in letters:
            chosen.append(q)
            letters.add(mark)
        if len(chosen) == QUESTIONS_PER_DECK:
            break
    true_false = {"True": say("True"), "False": say("False")}
    for number, q in enumerate(chosen, 1):
        q = shown[q["id"]]
        texts = [true_false.get(o["text"], o["text"]) if q["type"] == "true-false" else o["text"]
                 for o in q["options"]]
        options = [f"{letter(i)}. {t}" for i, t in enumerate(texts)]
        # The question is the slide's first line, not its title: a title stays short.
        slides.append({"kind": "bullets", "title": say("Quiz {number}").format(number=number),
                       "lead": q["prompt"], "bullets": options,
                       "notes": f"{minutes} " + say("Read the question aloud: {question} Give people a minute "
                                                     "to choose, in pairs if they like. The answer is on "
                                                     "the next slide.").format(question=q["prompt"]),
                       "question": q["id"]})
        right = [(letter(i), o, texts[i]) for i, o in enumerate(q["options"]) if o["correct"]]
        feedback = right[0][1]["feedback"]
        slides.append({"kind": "bullets",
                       "title": say("Answer {number}: {letters}").format(
                           number=number, letters=", ".join(m for m, _, _ in right)),
                       "bullets": [f"{m}. {t}" for m, _, t in right] + [feedback],
                       "notes": f"{minutes} " + say("Explain kindly why, in the lesson's words: {why} "
                                                     "Nobody needs to say which answer they chose.").format(why=feedback),
                       "answer": q["id"]})
    return slides


def _words(text: str) -> int:
    """Words of a note; two Chinese characters count as one word."""
    text = TIMING.sub("", text)
    return len(HAN.sub(" ", text).split()) + len(HAN.findall(text)) // 2


def slot_notes(slot: dict, plain: Resolver, in_shorts: list[str], shown: list[str]) -> str:
    """The slot's minutes and what to say: its script and note from the plan; where the plan
    has neither, or too little, its prompts, then the lesson's "In short" points, then its
    steps, then what the slide shows."""
    parts = [_minutes(slot["start"], slot["end"])]
    if slot.get("say"):
        parts.append(say("Say:") + " " + plain(slot["say"]))
    if slot.get("notes"):
        parts.append(say("Note:") + " " + plain(slot["notes"]))
    fallbacks = []
    if slot.get("prompts"):
        fallbacks.append(say("Ask:") + " " + " ".join(plain(p) for p in slot["prompts"]))
    if in_shorts:
        fallbacks.append(say("Key points:") + " " + " ".join(_full_stop(p) for p in in_shorts))
    fallbacks.append(say("Steps:") + " " + _full_stop(plain(slot["do"])))
    if shown:
        fallbacks.append(say("Read out:") + " " + " ".join(_full_stop(b) for b in shown))
    for extra in fallbacks:
        if _words(" ".join(parts)) >= MIN_NOTE_WORDS:
            break
        parts.append(extra)
    return " ".join(parts)


def _full_stop(text: str) -> str:
    """The text ending in one full stop of its language."""
    text = text.rstrip(".。")
    return text + ("。" if HAN.search(text[-1:] or "") else ".")


def title_slide(session: dict, plain: Resolver) -> tuple[str, list[str]]:
    """"Session 3: the immune balance…" -> "Session 3" above "The immune balance…"."""
    title = plain(session["title"])
    parts = re.split(r": |：", title, maxsplit=1)
    if len(parts) == 2 and display_width(title) > SLIDE_TITLE_MAX:
        return parts[0], [parts[1][:1].upper() + parts[1][1:]]
    return title, []


def display_width(text: str) -> int:
    """Characters, a Chinese character counting as two (it is about twice as wide)."""
    return len(text) + len(HAN.findall(text))


OBJECTIVE_LEAD = re.compile(r"^(?:Participants can |学员(?:能够|能)?)")


def deck_model(session: dict, plain: Resolver, figures: dict, manifest: dict,
               english: dict | None = None) -> list[dict]:
    """The slides of a session. ``session`` is in the edition's language; ``english`` is
    the same session in English (by default ``session`` itself), from which the choices
    are made, so that every edition shows the same slides."""
    english = english or session
    slides: list[dict] = []
    course = manifest["course"]
    slots = session["slots"]
    opening = _minutes(slots[0]["start"], slots[0]["end"])
    title, subtitle = title_slide(session, plain)
    slides.append({"kind": "title", "title": title,
                   "bullets": subtitle + [course, say("{minutes} minutes").format(minutes=session["minutes"])],
                   "notes": f"{opening} " + say("Welcome people as they arrive. Point out the quiet space "
                                                "and the handout.")})
    slides.append({"kind": "bullets", "title": say("Today we will"),
                   "bullets": [OBJECTIVE_LEAD.sub("", plain(o)).rstrip(".。") for o in session.get("objectives", [])],
                   "notes": f"{opening} " + say("Read the aims aloud. Say that nobody has to share their own story.")})
    boxes, said = urgent_boxes(plain)
    urgent_say = say("Say:") + " " + " ".join(said)
    urgent_title = plain(EDITION.page("When to get urgent help", URGENT_DOC))

    def urgent(minutes: str, note: str) -> list[dict]:
        # Tier 1 alone, so its signs stay large; then the two less urgent tiers side by side.
        return [{"kind": "urgent", "title": urgent_title, "boxes": boxes[:1], "bullets": [],
                 "notes": f"{minutes} {note} {urgent_say}"},
                {"kind": "urgent", "title": urgent_title, "boxes": boxes[1:], "bullets": [],
                 "notes": f"{minutes} " + say("The less urgent steps, still the same day or at once.")
                          + f" {urgent_say}"}]

    slides += urgent(opening, say("Point this out at the start: it is also on the handout."))
    last = slots[-1]
    minutes = opening
    for slot, source in zip(slots, english["slots"]):
        if slot is last:
            slides += quiz_slides(english, manifest, minutes)  # before the close, so the class ends on hope
        minutes = _minutes(slot["start"], slot["end"])
        shorts = []
        for slug in re.findall(r"\{doc\}`(?:[^`<]*<)?([\w-]+)>?`", str(slot.get("show", ""))):
            shorts += [plain(b) for b in in_short(f"chapters/{slug}")]
        do, what = plain(slot["do"]), str(source["do"]).lower()
        bullets = shorts
        if "cards" in what:
            bullets = []  # the lesson's messages would give away the answers during the sort
        if "ground rules" in what:
            bullets = ground_rules(plain)
        if what.startswith("questions"):
            bullets = [_full_stop(ground_rules(plain)[-1])]
        if slot is last:
            bullets = hope(plain)
        title = plain(slot["slide_title"])
        if not bullets:
            # No lesson to summarise: the slot's own steps become the slide.
            head = re.split(r"[;；]", do)[0]
            _, _, rest = re.split(r"([:：])", do, maxsplit=1) if re.search(r"[:：]", head) else ("", "", do)
            parts = [p.strip() for p in re.split(r"[;,；，、]", rest) if p.strip()]
            bullets = [p[:1].upper() + p[1:] for p in parts if p.lower() != title.lower()]
        slides.append({"kind": "bullets", "title": title, "bullets": bullets[:MAX_BULLETS + 1],
                       "notes": slot_notes(slot, plain, shorts, bullets), "slot": (slot["start"], slot["end"])})
        for label in re.findall(r"\{numref\}`([\w-]+)`", str(source.get("show", ""))):
            if label in figures:
                doc, func, alt, caption = figures[label]
                number = plain(f"{{numref}}`{label}`")
                alt, caption = plain(EDITION.page(alt, doc)), plain(EDITION.page(caption, doc, continued=True))
                slides.append({"kind": "figure", "title": number, "figure": func, "alt": alt,
                               "notes": f"{minutes} {number}{say(': ')}{caption} "
                                        + say("Describe what the figure shows in words for anyone who "
                                              "cannot see the screen:") + " " + alt})
        if slot.get("prompts"):
            slides.append({"kind": "bullets", "title": say("Talk about it"),
                           "bullets": [plain(p) for p in slot["prompts"]],
                           "notes": f"{minutes} " + say("Ask about people in general or a friend, never about "
                                                        "anyone's own loss. Let people pass.")})
    slides += urgent(minutes, say("Leave this slide up while people pack up. The handout has the full box."))
    slides.append({"kind": "bullets", "title": plain(EDITION.page("Where to find support", "chapters/class-handout")),
                   "bullets": support_lines(plain),
                   "notes": f"{minutes} " + say("Hand out the local contacts slip you filled in before the "
                                                "class. Say that support is there for partners too.")})
    subs = course_config()["parse"]["myst_substitutions"]
    closing = [say("Do not change any medicine because of today; ask your care team first.")]
    if subs.get("course_address"):
        closing.append(say("The free online course: {address}").format(address=subs["course_address"]))
    else:
        closing.append(say("Ask your instructor where to find the free online course."))
    slides.append({"kind": "closing", "title": say("Thank you for coming"), "bullets": closing,
                   "notes": f"{minutes} " + say("Close with the grounding words from the plan. Stay for 20 "
                                                "minutes for anyone who wants to talk or ask something in "
                                                "private.")})
    return slides


# ------------------------------------------------------------------ fitting text
def lines_needed(text: str, size_pt: int, width_emu: int) -> int:
    """Lines a paragraph takes in a box: about half an em per character in a sans font."""
    per_line = max(1, int(Emu(width_emu).pt / (size_pt * 0.52)))
    # A Chinese character is about one em wide, nearly twice a Latin letter.
    return max(1, math.ceil((len(text) + 0.93 * len(HAN.findall(text))) / per_line))


def fits(paragraphs: list[str], size_pt: int, width_emu: int, height_emu: int) -> bool:
    lines = sum(lines_needed(p, size_pt, width_emu) for p in paragraphs)
    return lines * size_pt * 1.25 + len(paragraphs) * size_pt * 0.3 <= Emu(height_emu).pt


def fitting_size(paragraphs, width, height, start) -> int:
    size = start
    while size > MIN_PT and not fits(paragraphs, size, width, height):
        size -= 2
    return size


def title_size(text: str, width: int, start: int = TITLE_PT) -> int:
    """The largest size, from ``start`` down, at which a title stays on one line (the box's
    inner margins left out); never below ``MIN_PT``."""
    size = start
    while size > MIN_PT and lines_needed(text, size, width - INSET) > 1:
        size -= 2
    return size


# ------------------------------------------------------------------ drawing


def _text(slide, left, top, width, height, paragraphs, size, bold=False, colour=INK, bullets=False,
          lead=False, name=None):
    """A text box; with ``lead`` the first paragraph is bold and has no bullet (a question,
    a box's heading)."""
    box = slide.shapes.add_textbox(left, top, width, height)
    if name:
        box.name = name
    frame = box.text_frame
    frame.word_wrap = True
    for i, text in enumerate(paragraphs):
        para = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        para.space_after = Pt(size * 0.3)
        first = lead and i == 0
        run = para.add_run()
        run.text = _shown([text], bullets and not first)[0]
        run.font.size = Pt(size)
        run.font.bold = bold or first
        run.font.name = EDITION.font
        if not EDITION.english:
            _east_asian_font(run, EDITION.font)
        run.font.color.rgb = colour
    return box


def _east_asian_font(run, name: str) -> None:
    """The typeface for Chinese characters (``a:ea``), which python-pptx does not set."""
    from pptx.oxml.ns import qn

    props = run._r.get_or_add_rPr()
    latin = props.find(qn("a:latin"))
    east = props.find(qn("a:ea"))
    if east is None:
        east = props.makeelement(qn("a:ea"), {})
        latin.addnext(east)
    east.set("typeface", name)


def _shown(paragraphs, bullets=False, lead=False) -> list[str]:
    """The paragraphs as ``_text`` writes them, bullets included, to measure what is shown."""
    return [("• " if bullets and not (lead and i == 0) else "") + text for i, text in enumerate(paragraphs)]


def _rect(slide, left, top, width, height, fill, line=None):
    shape = slide.shapes.add_shape(1, left, top, width, height)  # 1 = rectangle
    shape.fill.solid()
    shape.fill.fore_color.rgb = fill
    if line is None:
        shape.line.fill.background()
    else:
        shape.line.color.rgb = line
        shape.line.width = Pt(6)
    return shape


def _band(slide, colour, height):
    return _rect(slide, 0, 0, WIDTH, height, colour)


def _title(slide, text, left, top, width, height, colour, start=TITLE_PT):
    size = title_size(text, width, start)
    return _text(slide, left, top, width, height, [text], size, True, colour, name="Title")


# The tiers' looks: tier 1 white on red, then dark text on an amber or teal tint with a thick
# border. Colour is never the only signal: each box starts with its tier number and heading.
TIER_LOOK = {"1": (RED, None, WHITE), "2": (AMBER_TINT, AMBER, INK), "3": (TINT, TEAL, INK)}


def _urgent_boxes(slide, boxes, top):
    # Narrow margins: the boxes take the whole slide below the title, for type of 24 pt or more.
    gap, edge, pad = Inches(0.3), Inches(0.4), Inches(0.15)
    width = int((WIDTH - 2 * edge - gap * (len(boxes) - 1)) / len(boxes))
    height = HEIGHT - top - Inches(0.3)
    for i, box in enumerate(boxes):
        fill, line, ink = TIER_LOOK.get(box["number"], (TINT, TEAL, INK))
        left = edge + i * (width + gap)
        _rect(slide, left, top, width, height, fill, line)
        paragraphs = [f"{box['number']}. {box['heading']}"] + box["lines"]
        inner_w, inner_h = width - 2 * pad, height - 2 * pad
        size = fitting_size(_shown(paragraphs, True, True), inner_w - INSET, inner_h, BODY_PT + 4)
        _text(slide, left + pad, top + pad, inner_w, inner_h, paragraphs, size, False, ink, bullets=True, lead=True)


def figure_png(name: str, images: Path) -> Path:
    """The figure as a PNG: its projector form (wide, slide-sized type) where ``figures`` has
    one, else the form the lessons show."""
    from figures import FIGURES

    png = images / f"{name}.png"
    if not png.exists():
        draw_figure = FIGURES[name]
        projector = "projector" in getattr(draw_figure, "forms", ())
        figure = draw_figure(form="projector") if projector else draw_figure()
        figure.savefig(png, dpi=200, bbox_inches="tight")
    return png


def _figure(slide, spec, images):
    """The figure as large as the slide allows; its short title beside it when the figure is
    tall, above it when it is wide. The caption is in the notes."""
    png = figure_png(spec["figure"], images)
    edge = Inches(0.2)
    picture = slide.shapes.add_picture(str(png), 0, edge, height=HEIGHT - 2 * edge)
    side = int((WIDTH - picture.width) / 2) - Inches(0.3)
    if side < Inches(1.8):
        # A wide figure: its number goes above it, and it shrinks to fit below.
        top = Inches(1.0)
        scale = min((HEIGHT - top - edge) / picture.height, (WIDTH - 2 * edge) / picture.width)
        picture.width, picture.height = int(picture.width * scale), int(picture.height * scale)
        picture.top = top
        label = (MARGIN, Inches(0.1), WIDTH - 2 * MARGIN, Inches(0.9))
    else:
        label = (Inches(0.3), Inches(0.4), side, Inches(1.2))
    picture.left = int((WIDTH - picture.width) / 2)
    picture._element.nvPicPr.cNvPr.set("descr", spec["alt"])
    _band(slide, TEAL, Inches(0.12))
    _title(slide, spec["title"], *label, TEAL)


def draw(model: list[dict], path: Path, images: Path) -> Path:
    prs = Presentation()
    prs.slide_width, prs.slide_height = WIDTH, HEIGHT
    blank = prs.slide_layouts[6]
    title_h = Inches(1.45)
    body_w = WIDTH - 2 * MARGIN
    for spec in model:
        slide = prs.slides.add_slide(blank)
        colour = RED if spec["kind"] == "urgent" else TEAL
        if spec["kind"] in ("title", "closing"):
            _band(slide, colour, HEIGHT)
            _title(slide, spec["title"], MARGIN, Inches(1.6), body_w, Inches(2.2), WHITE, start=48)
            size = fitting_size(spec["bullets"], body_w, Inches(3), BODY_PT)
            _text(slide, MARGIN, Inches(4.0), body_w, Inches(3), spec["bullets"], size, False, WHITE)
        elif spec["kind"] == "figure":
            _figure(slide, spec, images)
        else:
            _band(slide, colour, title_h)
            _title(slide, spec["title"], MARGIN, Inches(0.1), body_w, title_h - Inches(0.2), WHITE)
            top = title_h + Inches(0.3)
            height = HEIGHT - top - Inches(0.4)
            if spec.get("boxes"):
                _urgent_boxes(slide, spec["boxes"], title_h + Inches(0.2))
            elif spec["bullets"]:
                paragraphs = ([spec["lead"]] if spec.get("lead") else []) + spec["bullets"]
                size = fitting_size(_shown(paragraphs, True, bool(spec.get("lead"))), body_w - INSET, height, BODY_PT)
                _text(slide, MARGIN, top, body_w, height, paragraphs, size, False, INK, bullets=True,
                      lead=bool(spec.get("lead")))
        notes = slide.notes_slide.notes_text_frame
        notes.text = spec["notes"]
        for run in notes.paragraphs[0].runs:
            run.font.size = Pt(12)  # notes pages print the slide above the words to say
    prs.save(path)
    return path


NOTES_FILTER = ('pdf:impress_pdf_Export:{"ExportNotesPages":{"type":"boolean","value":"true"},'
                '"ExportOnlyNotesPages":{"type":"boolean","value":"true"}}')


def to_pdf(pptx: Path, notes: bool = False) -> Path:
    """The deck as PDF through LibreOffice Impress (a real presentation program): the slides,
    or with ``notes`` the notes pages (each slide above its words to say), ``-notes.pdf``."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise RuntimeError("LibreOffice Impress is missing: run scripts/system-deps.sh book")
    with tempfile.TemporaryDirectory() as profile, tempfile.TemporaryDirectory() as out:
        result = subprocess.run(
            [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to",
             NOTES_FILTER if notes else "pdf", "--outdir", out, str(pptx)],
            capture_output=True, text=True, timeout=300)
        made = Path(out) / pptx.with_suffix(".pdf").name
        if result.returncode != 0 or not made.exists():
            raise RuntimeError(f"LibreOffice could not convert {pptx.name}:\n{result.stdout}\n{result.stderr}")
        target = pptx.with_name(pptx.stem + ("-notes" if notes else "") + ".pdf")
        shutil.move(str(made), target)
    return target


def sessions() -> list[dict]:
    return [s for plan in load_plans(ROOT / PLAN_FILE) for s in plan["sessions"]]


def build(outdir: Path, manifest_path: Path) -> list[Path]:
    """Every session's deck in ``outdir``, in the language of the edition whose manifest
    this is; figure numbers and titles from the manifest."""
    global EDITION
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    manifest = load_manifest(manifest_path)
    EDITION = Edition(manifest.get("language", "en"))
    from figures.i18n import set_language

    set_language(None if EDITION.english else EDITION.language)  # figure labels too
    plain = Resolver.from_manifest(manifest)
    figures = lesson_figures()
    english = load_plans(ROOT / PLAN_FILE)
    shown = EDITION.plans(english)
    made = []
    try:
        with tempfile.TemporaryDirectory() as tmp:
            for plan, source in zip(shown, english):
                for session, original in zip(plan["sessions"], source["sessions"]):
                    model = deck_model(session, plain, figures, manifest, english=original)
                    pptx = draw(model, outdir / f"deck-{session['id']}.pptx", Path(tmp))
                    made += [pptx, to_pdf(pptx), to_pdf(pptx, notes=True)]
    finally:
        set_language(None)
    return made


PACK = ["class-handout.pdf", "worksheets.pdf", "answer-key.pdf", "run-sheet-plan-a.pdf",
        "run-sheet-plan-b.pdf", "myth-fact-cards.pdf", "quiz-answer-grid.pdf", "sign-in-sheet.pdf",
        "evaluation-form.pdf", "local-contacts-slip.pdf", "room-checklist.pdf"]


def teaching_pack(outdir: Path, decks: list[Path], exports: Path, language: str = "en") -> Path:
    """One zip for the class, per language: decks and their PDFs, print editions and quiz
    exports."""
    pack = Path(outdir) / pack_name(language)
    with zipfile.ZipFile(pack, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in decks:
            archive.write(path, f"slides/{path.name}")
        for name in PACK:
            archive.write(Path(outdir) / name, f"print/{name}")
        for path in sorted(exports.glob("quiz-bank.*")):
            archive.write(path, f"learning-platform/{path.name}")
    return pack


if __name__ == "__main__":
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "_build" / "pdf"
    for path in build(out, ROOT / "_build" / MANIFEST):
        print(path)
