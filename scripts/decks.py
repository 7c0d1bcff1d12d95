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
from course.classplan import PLAN_FILE, SLIDE_TITLE_MAX, load_plans  # noqa: E402
from course.downloads import MANIFEST  # noqa: E402
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
QUESTIONS_PER_DECK = 3
MAX_BULLETS = 5
MIN_NOTE_WORDS = 12  # a note this short gets the next source of words to say
TIMING = re.compile(r"^\d+–\d+ min\.\s*")


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
    return re.findall(r"^- (.+)$", box.group(1), re.M) if box else []


def _sentences(text: str) -> list[str]:
    return [t.strip() for t in re.split(r"(?<=[.:])\s+(?=[A-Z])", " ".join(text.split())) if t.strip()]


def urgent_boxes(plain: Resolver) -> tuple[list[dict], list[str]]:
    """The urgent-help snippet as three boxes, one per tier, in its own words, and the words
    around them (who it is for, "you are not wasting anyone's time") for the speaker notes.

    A box has its ``number``, its ``heading`` (the tier's bold words up to the first comma:
    "Call your emergency number now"), and ``lines``: when and who (the first sentence and a
    closing "Contact one of these:"), then the signs or places, one a line.
    """
    text = (ROOT / "chapters" / "_snippets" / "urgent-help.md").read_text(encoding="utf-8")
    text = text.split("\n:::", 1)[0].split("\n", 2)[2]  # without the fence and its class
    parts = re.split(r"\n(?=\*\*\d\. )", text)
    said = _sentences(plain(parts[0]))
    boxes = []
    for tier in parts[1:]:
        blocks = [b.strip() for b in re.split(r"\n\s*\n", tier.strip()) if b.strip()]
        number, bold, rest = re.match(r"\*\*(\d)\.\s*([^*]+)\*\*(.*)", blocks[0], re.S).groups()
        heading, _, more = bold.partition(",")
        lead = _sentences(plain(more.strip() + rest).lstrip(",. "))
        lines = [lead[0]] + [t for t in lead[1:] if t.endswith(":")] if lead else []
        for block in blocks[1:]:
            items = re.findall(r"^- (.+?(?:\n  .+?)*)$", block, re.M)
            if items:
                for item in items:
                    # "**heavy bleeding**: soaking a pad…" -> "heavy bleeding"; otherwise the whole item.
                    short = re.match(r"(?:an? |your )?\*\*([^*]+)\*\*:", item.strip())
                    lines.append(plain(short.group(1) if short else item).rstrip(";."))
            elif "**" in block:
                # "…if you have **thoughts of suicide…** and might act on them." -> that clause.
                lines.append(plain(re.search(r"\*\*[^*]+\*\*[^.]*", block).group(0)).strip())
                said += _sentences(plain(block))[1:]
            else:
                said += _sentences(plain(block))
        boxes.append({"number": number, "heading": plain(heading).strip(),
                      "lines": [line[:1].upper() + line[1:] for line in lines]})
    return boxes, said


def support_lines(plain: Resolver) -> list[str]:
    text = (ROOT / "chapters" / "class-handout.md").read_text(encoding="utf-8")
    section = text.split("## Where to find support", 1)[1].split("\n(", 1)[0]
    return [plain(item) for item in re.findall(r"^- (.+?(?:\n  .+?)*)$", section, re.M)][:MAX_BULLETS]


def ground_rules(plain: Resolver) -> list[str]:
    """The ground rules' short forms, as the instructor guide writes them."""
    text = (ROOT / "chapters" / "instructor-guide.md").read_text(encoding="utf-8")
    section = text.split("(instructor-ground-rules)=", 1)[1].split("\n(", 1)[0]
    return [plain(rule).rstrip(".,") for rule in re.findall(r"^\d+\. \*\*(.+?)\*\*", section, re.M)]


def hope(plain: Resolver) -> list[str]:
    """The closing messages: the outlook in the ledger's words, and that no one is alone."""
    return [plain("At one Danish clinic, {fact}`lund-5-years` of all the women seen for recurrent "
                  "miscarriage had a baby within {fact}`lund-follow-up-years`."),
            "Many people go on to have a baby, whether or not a cause is found.",
            "You are not alone. Support is there for you and your partner."]


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
    """A few quiz questions of the lessons the session covers, each followed by its answer."""
    slides: list[dict] = []
    banks = [load_bank(ROOT / "chapters" / "quizzes" / f"{Path(doc).name}.yml") for doc in session_lessons(session, manifest)]
    if not banks:
        banks = [load_bank(ROOT / "chapters" / "quizzes" / "course-quiz.yml")]
    questions = [q for bank in banks for q in bank["questions"] if q["type"] != "multiple"]
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
    for number, q in enumerate(chosen, 1):
        options = [f"{letter(i)}. {o['text']}" for i, o in enumerate(q["options"])]
        # The question is the slide's first line, not its title: a title stays short.
        slides.append({"kind": "bullets", "title": f"Quiz {number}", "lead": q["prompt"], "bullets": options,
                       "notes": f"{minutes} Read the question aloud: {q['prompt']} Give people a minute "
                                "to choose, in pairs if they like. The answer is on the next slide.",
                       "question": q["id"]})
        right = [(letter(i), o) for i, o in enumerate(q["options"]) if o["correct"]]
        feedback = right[0][1]["feedback"]
        slides.append({"kind": "bullets", "title": f"Answer {number}: " + ", ".join(m for m, _ in right),
                       "bullets": [f"{m}. {o['text']}" for m, o in right] + [feedback],
                       "notes": f"{minutes} Explain kindly why, in the lesson's words: {feedback} "
                                "Nobody needs to say which answer they chose.",
                       "answer": q["id"]})
    return slides


def _words(text: str) -> int:
    return len(TIMING.sub("", text).split())


def slot_notes(slot: dict, plain: Resolver, in_shorts: list[str], shown: list[str]) -> str:
    """The slot's minutes and what to say: its script and note from the plan; where the plan
    has neither, or too little, its prompts, then the lesson's "In short" points, then its
    steps, then what the slide shows."""
    parts = [f"{slot['start']}–{slot['end']} min."]
    if slot.get("say"):
        parts.append("Say: " + plain(slot["say"]))
    if slot.get("notes"):
        parts.append("Note: " + plain(slot["notes"]))
    fallbacks = []
    if slot.get("prompts"):
        fallbacks.append("Ask: " + " ".join(plain(p) for p in slot["prompts"]))
    if in_shorts:
        fallbacks.append("Key points: " + " ".join(p.rstrip(".") + "." for p in in_shorts))
    fallbacks.append("Steps: " + plain(slot["do"]).rstrip(".") + ".")
    if shown:
        fallbacks.append("Read out: " + " ".join(b.rstrip(".") + "." for b in shown))
    for extra in fallbacks:
        if _words(" ".join(parts)) >= MIN_NOTE_WORDS:
            break
        parts.append(extra)
    return " ".join(parts)


def title_slide(session: dict, plain: Resolver) -> tuple[str, list[str]]:
    """"Session 3: the immune balance…" -> "Session 3" above "The immune balance…"."""
    title = plain(session["title"])
    head, colon, rest = title.partition(": ")
    if colon and len(title) > SLIDE_TITLE_MAX:
        return head, [rest[:1].upper() + rest[1:]]
    return title, []


def deck_model(session: dict, plain: Resolver, figures: dict, manifest: dict) -> list[dict]:
    slides: list[dict] = []
    course = manifest["course"]
    slots = session["slots"]
    opening = f"{slots[0]['start']}–{slots[0]['end']} min."
    title, subtitle = title_slide(session, plain)
    slides.append({"kind": "title", "title": title,
                   "bullets": subtitle + [course, f"{session['minutes']} minutes"],
                   "notes": f"{opening} Welcome people as they arrive. Point out the quiet space and the handout."})
    slides.append({"kind": "bullets", "title": "Today we will",
                   "bullets": [plain(o).removeprefix("Participants can ").rstrip(".") for o in session.get("objectives", [])],
                   "notes": f"{opening} Read the aims aloud. Say that nobody has to share their own story."})
    boxes, said = urgent_boxes(plain)
    urgent_say = "Say: " + " ".join(said)

    def urgent(minutes: str, note: str) -> list[dict]:
        # Tier 1 alone, so its signs stay large; then the two less urgent tiers side by side.
        return [{"kind": "urgent", "title": "When to get urgent help", "boxes": boxes[:1], "bullets": [],
                 "notes": f"{minutes} {note} {urgent_say}"},
                {"kind": "urgent", "title": "When to get urgent help", "boxes": boxes[1:], "bullets": [],
                 "notes": f"{minutes} The less urgent steps, still the same day or at once. {urgent_say}"}]

    slides += urgent(opening, "Point this out at the start: it is also on the handout.")
    last = slots[-1]
    minutes = opening
    for slot in slots:
        if slot is last:
            slides += quiz_slides(session, manifest, minutes)  # before the close, so the class ends on hope
        minutes = f"{slot['start']}–{slot['end']} min."
        shorts = []
        for slug in re.findall(r"\{doc\}`(?:[^`<]*<)?([\w-]+)>?`", str(slot.get("show", ""))):
            shorts += [plain(b) for b in in_short(f"chapters/{slug}")]
        do = plain(slot["do"])
        bullets = shorts
        if "cards" in do.lower():
            bullets = []  # the lesson's messages would give away the answers during the sort
        if "ground rules" in do.lower():
            bullets = ground_rules(plain)
        if do.lower().startswith("questions"):
            bullets = [ground_rules(plain)[-1] + "."]
        if slot is last:
            bullets = hope(plain)
        title = plain(slot["slide_title"])
        if not bullets:
            # No lesson to summarise: the slot's own steps become the slide.
            _, _, rest = do.partition(":") if ":" in do.split(";")[0] else ("", "", do)
            parts = [p.strip() for p in re.split(r"[;,]", rest) if p.strip()]
            bullets = [p[:1].upper() + p[1:] for p in parts if p.lower() != title.lower()]
        slides.append({"kind": "bullets", "title": title, "bullets": bullets[:MAX_BULLETS + 1],
                       "notes": slot_notes(slot, plain, shorts, bullets), "slot": (slot["start"], slot["end"])})
        for label in re.findall(r"\{numref\}`([\w-]+)`", str(slot.get("show", ""))):
            if label in figures:
                doc, func, alt, caption = figures[label]
                number = plain(f"{{numref}}`{label}`")
                slides.append({"kind": "figure", "title": number, "figure": func, "alt": plain(alt),
                               "notes": f"{minutes} {number}: {plain(caption)} Describe what the figure shows "
                                        "in words for anyone who cannot see the screen: " + plain(alt)})
        if slot.get("prompts"):
            slides.append({"kind": "bullets", "title": "Talk about it",
                           "bullets": [plain(p) for p in slot["prompts"]],
                           "notes": f"{minutes} Ask about people in general or a friend, never about "
                                    "anyone's own loss. Let people pass."})
    slides += urgent(minutes, "Leave this slide up while people pack up. The handout has the full box.")
    slides.append({"kind": "bullets", "title": "Where to find support", "bullets": support_lines(plain),
                   "notes": f"{minutes} Hand out the local contacts slip you filled in before the class. "
                            "Say that support is there for partners too."})
    subs = course_config()["parse"]["myst_substitutions"]
    closing = ["Do not change any medicine because of today; ask your care team first."]
    if subs.get("course_address"):
        closing.append(f"The free online course: {subs['course_address']}")
    else:
        closing.append("Ask your instructor where to find the free online course.")
    slides.append({"kind": "closing", "title": "Thank you for coming", "bullets": closing,
                   "notes": f"{minutes} Close with the grounding words from the plan. Stay for 20 minutes "
                            "for anyone who wants to talk or ask something in private."})
    return slides


# ------------------------------------------------------------------ fitting text
def lines_needed(text: str, size_pt: int, width_emu: int) -> int:
    """Lines a paragraph takes in a box: about half an em per character in a sans font."""
    per_line = max(1, int(Emu(width_emu).pt / (size_pt * 0.52)))
    return max(1, math.ceil(len(text) / per_line))


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
        run.font.name = FONT
        run.font.color.rgb = colour
    return box


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
    """Every session's deck in ``outdir``; figure numbers and titles from the manifest."""
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    manifest = load_manifest(manifest_path)
    plain = Resolver.from_manifest(manifest)
    figures = lesson_figures()
    made = []
    with tempfile.TemporaryDirectory() as tmp:
        for session in sessions():
            pptx = draw(deck_model(session, plain, figures, manifest), outdir / f"deck-{session['id']}.pptx", Path(tmp))
            made += [pptx, to_pdf(pptx), to_pdf(pptx, notes=True)]
    return made


PACK = ["class-handout.pdf", "worksheets.pdf", "answer-key.pdf", "run-sheet-plan-a.pdf",
        "run-sheet-plan-b.pdf", "myth-fact-cards.pdf", "quiz-answer-grid.pdf", "sign-in-sheet.pdf",
        "evaluation-form.pdf", "local-contacts-slip.pdf", "room-checklist.pdf"]


def teaching_pack(outdir: Path, decks: list[Path], exports: Path) -> Path:
    """One zip for the class: decks and their PDFs, print editions and quiz exports."""
    pack = Path(outdir) / "teaching-pack-en.zip"
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
