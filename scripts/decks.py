"""Slide decks for each class session, built from the course's own sources.

One editable ``.pptx`` (16:9, python-pptx) and one PDF (LibreOffice Impress, headless, from
that ``.pptx``) per session of ``chapters/class-plans.yml``. A deck is first built as a
plain slide model (a list of dicts), then drawn; the model comes from:

- the session's objectives, time slots, words to say and prompts (the class plans);
- the "In short" messages of the lessons a slot shows, with numbers from the ledger;
- the figures a slot shows, drawn by the ``figures`` package at projector size, with the
  lesson's alt text;
- quiz questions of the lessons the session covers, in the learners' order and letters;
- the urgent-help snippet and the handout's "Where to find support".

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
from course.classplan import PLAN_FILE, load_plans  # noqa: E402
from course.downloads import MANIFEST  # noqa: E402
from course.plaintext import Resolver  # noqa: E402
from course.quiz.model import letter, load_bank  # noqa: E402

WIDTH, HEIGHT = Emu(12192000), Emu(6858000)  # 13.33 x 7.5 inches, exactly 16:9
MARGIN = Inches(0.6)
TITLE_PT, BODY_PT, MIN_PT = 40, 28, 24
TEAL = RGBColor(0x1B, 0x6F, 0x6A)
TINT = RGBColor(0xEE, 0xF7, 0xF6)
INK = RGBColor(0x1A, 0x1A, 0x1A)
RED = RGBColor(0xA5, 0x1D, 0x2D)
FONT = "FreeSans"
QUESTIONS_PER_DECK = 3
MAX_BULLETS = 5


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
def lesson_figures() -> dict[str, tuple[str, str, str]]:
    """Figure label -> (lesson docname, figures function, alt text), from the {course-figure} blocks."""
    found = {}
    for path in sorted((ROOT / "chapters").glob("*.md")):
        for block in re.findall(r"^:::\{course-figure\}.*?^:::$", path.read_text(encoding="utf-8"), re.S | re.M):
            name = re.search(r"name:\s*(fig-[\w-]+)", block)
            func = re.match(r":::\{course-figure\}\s+(\w+)", block)
            alt = re.search(r'alt:\s*"(.*?)"\s*$', block, re.M)
            if name and func:
                found[name.group(1)] = (f"chapters/{path.stem}", func.group(1), alt.group(1) if alt else "")
    return found


def in_short(docname: str) -> list[str]:
    text = (ROOT / f"{docname}.md").read_text(encoding="utf-8")
    box = re.search(r":::\{admonition\} In short\n:class: in-short\n(.*?)\n:::", text, re.S)
    return re.findall(r"^- (.+)$", box.group(1), re.M) if box else []


def urgent_tiers(plain: Resolver) -> list[str]:
    """One line per tier of the urgent-help box, in its own words: who to contact, then the signs."""
    text = (ROOT / "chapters" / "_snippets" / "urgent-help.md").read_text(encoding="utf-8")
    text = text.split("\n:::", 1)[0]
    lines = []
    for tier in re.split(r"\n(?=\*\*\d\. )", text)[1:]:
        blocks = [b.strip() for b in re.split(r"\n\s*\n", tier.strip()) if b.strip()]
        bold = re.findall(r"\*\*(?:\d\.\s*)?([^*]+)\*\*", blocks[0])
        when = re.search(r"(after about \{fact\}`[^`]+`)", blocks[0])
        lead = plain(bold[0]).rstrip(",. ") + (f" ({plain(when.group(1))})" if when else "")
        if len(bold) > 1:
            lead += ", " + ", ".join(plain(b) for b in bold[1:])
        signs = []
        for block in blocks[1:]:
            items = re.findall(r"^- (.+?(?:\n  .+?)*)$", block, re.M)
            if items:
                for item in items:
                    # "**heavy bleeding**: soaking a pad…" -> "heavy bleeding"; otherwise the whole item.
                    short = re.match(r"(?:an? |your )?\*\*([^*]+)\*\*:", item.strip())
                    signs.append(short.group(1) if short else plain(item).rstrip(";."))
            else:
                signs += [b for b in re.findall(r"\*\*([^*]+)\*\*", block)]
        lines.append(lead + (": " + "; ".join(plain(x).rstrip(";.") for x in signs if x) if signs else ""))
    return lines


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
def quiz_slides(session: dict, manifest: dict) -> list[dict]:
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
        slides.append({"kind": "bullets", "title": f"Quiz {number}: {q['prompt']}", "bullets": options,
                       "notes": "Give people a minute. Answers on the next slide.", "question": q["id"]})
        right = [(letter(i), o) for i, o in enumerate(q["options"]) if o["correct"]]
        slides.append({"kind": "bullets", "title": f"Answer {number}: " + ", ".join(m for m, _ in right),
                       "bullets": [f"{m}. {o['text']}" for m, o in right] + [right[0][1]["feedback"]],
                       "notes": "Explain kindly why; link back to the lesson.", "answer": q["id"]})
    return slides


def deck_model(session: dict, plain: Resolver, figures: dict, manifest: dict) -> list[dict]:
    slides: list[dict] = []
    course = manifest["course"]
    slides.append({"kind": "title", "title": plain(session["title"]),
                   "bullets": [course, f"{session['minutes']} minutes"],
                   "notes": "Welcome people as they arrive. Point out the quiet space and the handout."})
    slides.append({"kind": "bullets", "title": "Today we will",
                   "bullets": [plain(o).removeprefix("Participants can ").rstrip(".") for o in session.get("objectives", [])],
                   "notes": "Read the aims aloud. Say that nobody has to share their own story."})
    slides.append({"kind": "urgent", "title": "When to get urgent help", "bullets": urgent_tiers(plain),
                   "notes": "Point this out at the start: it is also on the handout."})
    last = session["slots"][-1]
    for slot in session["slots"]:
        if slot is last:
            slides += quiz_slides(session, manifest)  # before the close, so the class ends on hope
        minutes = f"{slot['start']}–{slot['end']} min"
        say = plain(slot.get("say", ""))
        notes = " ".join(p for p in [minutes + ".", ("Say: " + say) if say else "",
                                     ("Note: " + plain(slot["notes"])) if slot.get("notes") else ""] if p)
        bullets = []
        for slug in re.findall(r"\{doc\}`(?:[^`<]*<)?([\w-]+)>?`", str(slot.get("show", ""))):
            bullets += [plain(b) for b in in_short(f"chapters/{slug}")]
        title = plain(slot["do"])
        if "cards" in title.lower():
            bullets = []  # the lesson's messages would give away the answers during the sort
        if "ground rules" in title.lower():
            title, bullets = "Ground rules", ground_rules(plain)
        if title.lower().startswith("questions"):
            title, bullets = "Any questions?", [ground_rules(plain)[-1] + "."]
        if slot is last:
            title, bullets = "There is real hope", hope(plain)
        if not bullets:
            # No lesson to summarise: the slot's own steps become the slide.
            head, _, rest = title.partition(":") if ":" in title.split(";")[0] else ("", "", title)
            parts = [p.strip() for p in re.split(r"[;,]", rest) if p.strip()]
            if head:
                title = head.strip()
            else:
                title, parts = parts[0], parts[1:]
            bullets = [p[:1].upper() + p[1:] for p in parts]
        slides.append({"kind": "bullets", "title": title, "bullets": bullets[:MAX_BULLETS + 1],
                       "notes": notes, "slot": (slot["start"], slot["end"])})
        for label in re.findall(r"\{numref\}`([\w-]+)`", str(slot.get("show", ""))):
            if label in figures:
                doc, func, alt = figures[label]
                slides.append({"kind": "figure", "title": plain(f"{{numref}}`{label}`"), "figure": func,
                               "alt": plain(alt), "notes": f"{minutes}. Describe what the figure shows in words "
                               "for anyone who cannot see the screen: " + plain(alt)})
        if slot.get("prompts"):
            slides.append({"kind": "bullets", "title": "Talk about it",
                           "bullets": [plain(p) for p in slot["prompts"]],
                           "notes": f"{minutes}. Ask about people in general or a friend, never about "
                                    "anyone's own loss. Let people pass."})
    slides.append({"kind": "urgent", "title": "When to get urgent help", "bullets": urgent_tiers(plain),
                   "notes": "Leave this slide up while people pack up. The handout has the full box."})
    slides.append({"kind": "bullets", "title": "Where to find support", "bullets": support_lines(plain),
                   "notes": "Hand out the local contacts slip you filled in before the class."})
    subs = course_config()["parse"]["myst_substitutions"]
    closing = ["Do not change any medicine because of today; ask your care team first."]
    if subs.get("course_address"):
        closing.append(f"The free online course: {subs['course_address']}")
    else:
        closing.append("Ask your instructor where to find the free online course.")
    slides.append({"kind": "closing", "title": "Thank you for coming", "bullets": closing,
                   "notes": "Close with the grounding words from the plan. Stay for 20 minutes."})
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


# ------------------------------------------------------------------ drawing
def _text(slide, left, top, width, height, paragraphs, size, bold=False, colour=INK, bullets=False):
    box = slide.shapes.add_textbox(left, top, width, height)
    frame = box.text_frame
    frame.word_wrap = True
    for i, text in enumerate(paragraphs):
        para = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        para.space_after = Pt(size * 0.3)
        run = para.add_run()
        run.text = ("• " if bullets else "") + text
        run.font.size = Pt(size)
        run.font.bold = bold
        run.font.name = FONT
        run.font.color.rgb = colour
    return box


def _band(slide, colour, height):
    band = slide.shapes.add_shape(1, 0, 0, WIDTH, height)  # 1 = rectangle
    band.fill.solid()
    band.fill.fore_color.rgb = colour
    band.line.fill.background()
    return band


def draw(model: list[dict], path: Path, images: Path) -> Path:
    from figures import FIGURES

    prs = Presentation()
    prs.slide_width, prs.slide_height = WIDTH, HEIGHT
    blank = prs.slide_layouts[6]
    title_h = Inches(1.45)
    body_w = WIDTH - 2 * MARGIN
    for number, spec in enumerate(model, 1):
        slide = prs.slides.add_slide(blank)
        colour = RED if spec["kind"] == "urgent" else TEAL
        if spec["kind"] in ("title", "closing"):
            _band(slide, colour, HEIGHT)
            tsize = fitting_size([spec["title"]], body_w, Inches(2.2), 48)
            _text(slide, MARGIN, Inches(1.6), body_w, Inches(2.2), [spec["title"]], tsize, True, RGBColor(255, 255, 255))
            size = fitting_size(spec["bullets"], body_w, Inches(3), BODY_PT)
            _text(slide, MARGIN, Inches(4.0), body_w, Inches(3), spec["bullets"], size, False, RGBColor(255, 255, 255))
        elif spec["kind"] == "figure":
            # A figure gets the whole height of the screen; its number sits beside it.
            png = images / f"{spec['figure']}.png"
            if not png.exists():
                FIGURES[spec["figure"]]().savefig(png, dpi=200, bbox_inches="tight")
            top = Inches(0.2)
            picture = slide.shapes.add_picture(str(png), 0, top, height=HEIGHT - 2 * top)
            side = int((WIDTH - picture.width) / 2) - MARGIN
            if side < Inches(1.8):
                # A wide figure: its number goes above it, and it shrinks to fit below.
                top = Inches(1.0)
                scale = min((HEIGHT - top - Inches(0.2)) / picture.height, body_w / picture.width)
                picture.width, picture.height = int(picture.width * scale), int(picture.height * scale)
                picture.top = top
                label = (MARGIN, Inches(0.2), body_w, Inches(0.8))
            else:
                label = (Inches(0.3), Inches(0.4), side, Inches(1.2))
            picture.left = int((WIDTH - picture.width) / 2)
            picture._element.nvPicPr.cNvPr.set("descr", spec["alt"])
            _band(slide, colour, Inches(0.12))
            _text(slide, *label, [spec["title"]],
                  fitting_size([spec["title"]], label[2], label[3], TITLE_PT), True, TEAL)
        else:
            _band(slide, colour, title_h)
            tsize = fitting_size([spec["title"]], body_w, title_h - Inches(0.2), TITLE_PT)
            _text(slide, MARGIN, Inches(0.1), body_w, title_h - Inches(0.2), [spec["title"]], tsize, True,
                  RGBColor(255, 255, 255))
            top = title_h + Inches(0.3)
            height = HEIGHT - top - Inches(0.4)
            if spec["bullets"]:
                size = fitting_size(spec["bullets"], body_w, height, BODY_PT)
                _text(slide, MARGIN, top, body_w, height, spec["bullets"], size, False, INK, bullets=True)
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
