"""Class plans: ``chapters/class-plans.yml`` shown in the instructor guide and printed as run sheets.

```{class-plan} plan-a```  shows every session of a plan (or one session, by its id) as
its objectives, a table of time slots (minutes, what happens, what to show, discussion
prompts) and the words to say. The same file feeds the printed run sheets
(``course.printables``) and the slide decks (``scripts/decks.py``), so the guide, the
paper plan and the slides cannot disagree. A translated edition takes the plans' texts
from ``class-plans.po`` (``course.i18n.translate_plans``) and its labels from the interface
catalogue; the generated text is therefore left out of the page's own catalogue.

A plan file is checked when it is read: each session's slots start at 0, follow one
another without gaps and end at the session's minutes. A problem stops the build with
the file, the line and what to change. Each slot also names its short ``slide_title``
(at most ``SLIDE_TITLE_MAX`` characters, to read from the back of a room on the decks).
"""

from __future__ import annotations

from pathlib import Path

import yaml
from sphinx.application import Sphinx
from sphinx.errors import ExtensionError
from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from .i18n import say, translate_plans
from .quiz.model import _LineLoader  # YAML mappings that know their line, as in quiz banks

PLAN_FILE = "chapters/class-plans.yml"
SESSION_KEYS = {"id", "title", "minutes", "objectives", "slots"}
SLOT_KEYS = {"start", "end", "do", "slide_title", "show", "say", "prompts", "notes"}
SLIDE_TITLE_MAX = 40


class ClassPlanError(ExtensionError):
    category = "Class plan error"


def _line(mapping, default: int = 1) -> int:
    return getattr(mapping, "line", default)


def load_plans(path: Path, name: str = PLAN_FILE) -> list[dict]:
    """Every plan in the file, checked; raises ClassPlanError naming file:line."""
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_LineLoader)  # noqa: S506 (SafeLoader)
    except (OSError, yaml.YAMLError) as exc:
        raise ClassPlanError(f"{name}: cannot read the class plans ({exc})") from None
    problems: list[str] = []
    plans = (data or {}).get("plans") if isinstance(data, dict) else None
    if not isinstance(plans, list) or not plans:
        raise ClassPlanError(f"{name}:1: the file needs a `plans:` list")
    seen: set[str] = set()
    for plan in plans:
        where = f"{name}:{_line(plan)}"
        for key in ("id", "title", "sessions"):
            if not plan.get(key):
                problems.append(f"{where}: a plan needs `{key}`")
        for session in plan.get("sessions") or []:
            line = _line(session)
            sid = session.get("id", "?")
            for key in sorted(set(session) - SESSION_KEYS):
                problems.append(f"{name}:{line}: unknown key `{key}` in session `{sid}`")
            if sid in seen:
                problems.append(f"{name}:{line}: session id `{sid}` is used twice")
            seen.add(sid)
            minutes = session.get("minutes")
            if not isinstance(minutes, int) or minutes <= 0:
                problems.append(f"{name}:{line}: session `{sid}` needs `minutes:` (a whole number)")
                continue
            clock = 0
            for slot in session.get("slots") or []:
                sline = _line(slot, line)
                for key in sorted(set(slot) - SLOT_KEYS):
                    problems.append(f"{name}:{sline}: unknown key `{key}` in a slot of `{sid}`")
                if slot.get("start") != clock:
                    problems.append(f"{name}:{sline}: this slot of `{sid}` starts at {slot.get('start')}, "
                                    f"but the one before ends at {clock}; leave no gap or overlap")
                if not isinstance(slot.get("end"), int) or slot["end"] <= (slot.get("start") or 0):
                    problems.append(f"{name}:{sline}: this slot of `{sid}` needs an `end` after its `start`")
                    break
                if not str(slot.get("do", "")).strip():
                    problems.append(f"{name}:{sline}: say what happens in this slot with `do:`")
                title = slot.get("slide_title")
                if not isinstance(title, str) or not title.strip():
                    problems.append(f"{name}:{sline}: give this slot of `{sid}` a short `slide_title:` "
                                    f"(at most {SLIDE_TITLE_MAX} characters) for its slide")
                elif len(title) > SLIDE_TITLE_MAX:
                    problems.append(f"{name}:{sline}: the `slide_title` of this slot of `{sid}` has {len(title)} "
                                    f"characters; shorten it to {SLIDE_TITLE_MAX} or fewer")
                clock = slot["end"]
            if clock != minutes:
                problems.append(f"{name}:{line}: the slots of `{sid}` end at minute {clock}, "
                                f"but the session has {minutes} minutes")
        seen.add(plan.get("id", ""))
    if problems:
        raise ClassPlanError("\n".join(problems))
    return plans


def sessions(plans: list[dict], wanted: str) -> list[dict]:
    """The sessions of plan ``wanted``, or the one session with that id."""
    for plan in plans:
        if plan["id"] == wanted:
            return plan["sessions"]
        for session in plan["sessions"]:
            if session["id"] == wanted:
                return [session]
    return []


def prompts(plans: list[dict]) -> list[str]:
    return [p for plan in plans for s in plan["sessions"] for slot in s["slots"] for p in slot.get("prompts") or []]


def _cell(text: str) -> str:
    return " ".join(str(text or "").split()).replace("|", "/")


def _bold(label: str) -> str:
    """``**label:**``; a colon after Chinese words goes outside the stars, where Markdown
    still sees them close (``**学员能够**：``)."""
    words = label.rstrip(":：")
    return f"**{words}**{label[len(words):]}" if label.endswith("：") else f"**{label}**"


def session_myst(session: dict, heading: bool) -> str:
    """One session as MyST: objectives, the table of slots, the words to say."""
    out = []
    if heading:
        minutes = say("{minutes} minutes").format(minutes=session["minutes"])
        out.append(f"**{_cell(session['title'])}** ({minutes})\n")
    if session.get("objectives"):
        out.append(_bold(say("By the end, participants can:")) + "\n")
        out += [f"- {_cell(o)}" for o in session["objectives"]]
        out.append("")
    columns = [say("Minutes"), say("What happens"), say("Show"), say("Discussion prompts")]
    out.append("| " + " | ".join(columns) + " |")
    out.append("|---|---|---|---|")
    for slot in session["slots"]:
        asked = " ".join(f"“{_cell(p)}”" for p in slot.get("prompts") or [])
        out.append(f"| {slot['start']}–{slot['end']} | {_cell(slot['do'])} | {_cell(slot.get('show'))} | {asked} |")
    out.append("")
    said = [s for s in session["slots"] if s.get("say") or s.get("notes")]
    say_word, note_word = say("Say:"), say("Note:")
    if said:
        out.append(_bold(say("Words to say and notes for each slot:")) + "\n")
        for slot in said:
            parts = []
            if slot.get("say"):
                parts.append(f"*{say_word}* {_cell(slot['say'])}")
            if slot.get("notes"):
                parts.append(f"*{note_word}* {_cell(slot['notes'])}")
            out.append(f"- **{slot['start']}–{slot['end']}.** " + " ".join(parts))
        out.append("")
    return "\n".join(out)


def edition_plans(env, required: bool = True) -> list[dict]:
    """The checked plans in the edition's language (``class-plans.po`` when translated).
    While a page is read, the page then depends on the plan file and the catalogue. Without
    ``required``, a book with no plan file has no plans (a test book)."""
    path = Path(env.srcdir) / PLAN_FILE
    if not required and not path.exists():
        return []
    reading = bool(env.temp_data.get("docname"))
    plans = load_plans(path)
    language = env.config.language or "en"
    catalogue = None
    if language != "en" and env.config.locale_dirs:
        from .i18n import plan_catalogue

        locale_dir = Path(env.srcdir) / env.config.locale_dirs[0]
        catalogue = plan_catalogue(locale_dir, language)
        plans = translate_plans(plans, locale_dir, language)
    if reading:
        env.note_dependency(str(path))
        if catalogue is not None:
            env.note_dependency(str(catalogue))
    return plans


class ClassPlanDirective(SphinxDirective):
    """```{class-plan} plan-a```"""

    required_arguments = 1
    has_content = False

    def run(self):
        chosen = sessions(edition_plans(self.env), self.arguments[0])
        if not chosen:
            raise self.error(f"no class plan or session `{self.arguments[0]}` in {PLAN_FILE}")
        text = "\n".join(session_myst(s, heading=len(chosen) > 1) for s in chosen)
        made = self.parse_text_to_nodes(text)
        for node in made:
            # Translated through class-plans.po, not through the page's catalogue.
            # Only blocks: Sphinx unwraps any inline that carries the flag.
            for element in node.findall(nodes.TextElement):
                if not isinstance(element, nodes.Inline):
                    element["translatable"] = False
        return made


def setup(app: Sphinx) -> dict:
    app.add_directive("class-plan", ClassPlanDirective)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
