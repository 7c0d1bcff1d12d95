"""Turn the small MyST subset of the print sources into LaTeX.

The class handout and the worksheets are short, tightly laid-out documents. They are
written in the same MyST Markdown as the lessons (and include the same snippets, such as
``chapters/_snippets/urgent-help.md``), then converted here, so one source feeds both the
website and the printed page.

Supported: headings, paragraphs, bullet and numbered lists, **bold**, *italic*, inline
code, links, ``(label)=`` targets (dropped), ``{{ substitution }}`` from ``_config.yml``,
``:::{admonition}`` boxes (class names become LaTeX environment names), ``{include}``
fences, and the roles ``{cite:p}`` (numbered sources), ``{term}`` and ``{doc}`` (plain text).
Anything else raises ``ValueError`` with the file name, so nothing is silently lost.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import sys

import yaml
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.colon_fence import colon_fence_plugin
from mdit_py_plugins.deflist import deflist_plugin
from mdit_py_plugins.front_matter import front_matter_plugin
from mdit_py_plugins.myst_blocks import myst_block_plugin
from mdit_py_plugins.myst_role import myst_role_plugin

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT / "_ext") not in sys.path:
    sys.path.insert(0, str(ROOT / "_ext"))

from course.facts import resolve as resolve_fact  # noqa: E402

_SPECIALS = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "$": r"\$",
    "&": r"\&",
    "#": r"\#",
    "^": r"\textasciicircum{}",
    "_": r"\_",
    "%": r"\%",
    "~": r"\textasciitilde{}",
    "☐": r"\tickbox{}",
    "–": "--",
    "—": "---",
}


def config() -> dict:
    return yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))


def substitutions() -> dict[str, str]:
    """The book's substitutions, with the same derived address lines as the web pages."""
    from course.settings import derived, problems

    subs = dict(config()["parse"].get("myst_substitutions", {}))
    found = problems(subs)
    if found:
        raise ValueError("\n".join(found))
    return {**derived(subs), **subs}


def smart_quotes(text: str) -> str:
    """Straight quotes to typographic ones (the sources use straight quotes)."""
    text = re.sub(r'(^|[\s(\[{\u2014-])"', "\\1\u201c", text)
    text = text.replace('"', "\u201d")
    text = re.sub(r"(^|[\s(\[{])'", "\\1\u2018", text)
    return text.replace("'", "\u2019")


def escape(text: str) -> str:
    return "".join(_SPECIALS.get(ch, ch) for ch in smart_quotes(text))


def _term_text(content: str) -> str:
    """``{term}`APS <Antiphospholipid syndrome>``` shows 'APS'; a plain term shows itself."""
    match = re.match(r"^(.*?)\s*<[^<>]+>$", content, re.S)
    return match.group(1) if match else content


@dataclass
class Sources:
    """Citation keys in order of first use, printed as a numbered list of sources."""

    keys: list[str] = field(default_factory=list)

    def cite(self, keys: str) -> str:
        numbers = []
        for key in (k.strip() for k in keys.split(",")):
            if key not in self.keys:
                self.keys.append(key)
            numbers.append(self.keys.index(key) + 1)
        return r"\src{" + ",".join(str(n) for n in sorted(set(numbers))) + "}"

    def latex_items(self, bibfile: Path = ROOT / "references.bib") -> list[str]:
        from pybtex.database import parse_file

        entries = parse_file(str(bibfile)).entries
        missing = [k for k in self.keys if k not in entries]
        if missing:
            raise ValueError(f"unknown citation keys {missing} (not in {bibfile.name})")
        return [short_reference(entries[k]) for k in self.keys]


def short_reference(entry) -> str:
    """'Author et al. Title. Journal, year.' in LaTeX, compact enough for a handout."""
    people = entry.persons.get("author", [])
    if people:
        first = people[0]
        name = " ".join(first.last_names) or str(first)
        name = name.strip("{}")
        author = name + (" et al." if len(people) > 1 else ".")
    else:
        author = entry.fields.get("author", "").strip("{}") + "."
    title = entry.fields.get("title", "").replace("{", "").replace("}", "").rstrip(".")
    venue = entry.fields.get("journal") or entry.fields.get("howpublished") or ""
    year = entry.fields.get("year", "")
    venue = venue.replace("{", "").replace("}", "")
    parts = [escape(author), r"\emph{" + escape(title) + "}."]
    tail = ", ".join(p for p in (escape(venue), year) if p)
    if tail:
        parts.append(tail + ".")
    return " ".join(parts)


class Converter:
    """One document's conversion state: its sources and the folder includes resolve from."""

    def __init__(self, sources: Sources | None = None, subs: dict[str, str] | None = None,
                 heading_commands: dict[int, str] | None = None):
        self.sources = sources or Sources()
        self.subs = substitutions() if subs is None else subs
        self.heading_commands = heading_commands or {1: "handouttitle", 2: "handoutsection",
                                                     3: "handoutsubsection"}
        self.md = (MarkdownIt("commonmark")
                   .use(front_matter_plugin).use(colon_fence_plugin).use(deflist_plugin)
                   .use(myst_role_plugin).use(myst_block_plugin))

    # ---------------------------------------------------------------- entry points
    def file(self, path: Path) -> str:
        path = Path(path)
        return self.text(path.read_text(encoding="utf-8"), path)

    def text(self, source: str, path: Path | None = None) -> str:
        source = self._substitute(source, path)
        tokens = self.md.parse(source)
        return self._blocks(tokens, path)

    def inline(self, source: str, path: Path | None = None) -> str:
        """A short piece of inline Markdown (a quiz prompt, an option) as LaTeX."""
        source = self._substitute(source, path)
        tokens = self.md.parseInline(source)
        return self._inline(tokens[0].children or [], path) if tokens else ""

    # ---------------------------------------------------------------- helpers
    def _substitute(self, source: str, path: Path | None) -> str:
        def sub(match):
            name = match.group(1)
            if name not in self.subs:
                raise ValueError(f"{path}: unknown substitution {{{{ {name} }}}}")
            return str(self.subs[name])

        return re.sub(r"\{\{\s*([A-Za-z_][\w]*)\s*\}\}", sub, source)

    def _blocks(self, tokens: list[Token], path: Path | None) -> str:
        out: list[str] = []
        list_stack: list[str] = []
        i = 0
        while i < len(tokens):
            tok = tokens[i]
            kind = tok.type
            if kind in ("front_matter", "myst_target", "hr", "myst_line_comment"):
                pass
            elif kind == "heading_open":
                level = int(tok.tag[1])
                command = self.heading_commands.get(level)
                if command is None:
                    raise ValueError(f"{path}: heading level {level} is not supported")
                out.append("\\" + command + "{" + self._inline(tokens[i + 1].children, path) + "}\n")
                i += 2  # inline + heading_close
            elif kind == "paragraph_open":
                text = self._inline(tokens[i + 1].children, path)
                out.append(text + ("\n" if tok.hidden else "\n\n"))
                i += 2
            elif kind in ("bullet_list_open", "ordered_list_open"):
                env = "itemize" if kind == "bullet_list_open" else "enumerate"
                list_stack.append(env)
                out.append("\\begin{" + env + "}\n")
            elif kind in ("bullet_list_close", "ordered_list_close"):
                out.append("\\end{" + list_stack.pop() + "}\n")
            elif kind == "list_item_open":
                out.append("\\item ")
            elif kind in ("list_item_close", "paragraph_close"):
                pass
            elif kind == "dl_open":
                out.append("\\begin{description}\n")
            elif kind == "dl_close":
                out.append("\\end{description}\n")
            elif kind == "dt_open":
                out.append("\\item[" + self._inline(tokens[i + 1].children, path) + "] ")
                i += 2
            elif kind in ("dd_open", "dd_close"):
                pass
            elif kind == "colon_fence" or (kind == "fence" and tok.info.startswith("{")):
                out.append(self._directive(tok, path))
            else:
                raise ValueError(f"{path}: Markdown element {kind!r} is not supported in print")
            i += 1
        return "".join(out)

    def _directive(self, tok: Token, path: Path | None) -> str:
        match = re.match(r"^\{([\w-]+)\}\s*(.*)$", tok.info.strip())
        if not match:
            raise ValueError(f"{path}: unsupported fence {tok.info!r}")
        name, argument = match.groups()
        options, body = _split_options(tok.content)
        if name == "include":
            target = (path.parent if path else ROOT) / argument
            return self.file(target.resolve())
        if name == "admonition":
            env = (options.get("class", "").split() or ["note"])[-1]
            return ("\\begin{" + env + "}{" + self.inline(argument, path) + "}\n"
                    + self.text(body, path) + "\\end{" + env + "}\n")
        if name == "fill-in":
            # A box of labelled lines to write on: one label per line of the body.
            lines = [line.strip() for line in body.splitlines() if line.strip()]
            return ("\\begin{note}{" + self.inline(argument, path) + "}\n"
                    + "".join(self.inline(line, path) + " \\hrulefill\\par\\vspace{3pt}\n" for line in lines)
                    + "\\end{note}\n")
        raise ValueError(f"{path}: directive {{{name}}} is not supported in print")

    def _inline(self, children: list[Token], path: Path | None) -> str:
        out: list[str] = []
        link_stack: list[str | None] = []
        for tok in children:
            kind = tok.type
            if kind == "text":
                out.append(escape(tok.content))
            elif kind == "softbreak":
                out.append("\n")
            elif kind == "hardbreak":
                out.append("\\\\\n")
            elif kind == "strong_open":
                out.append("\\textbf{")
            elif kind == "em_open":
                out.append("\\emph{")
            elif kind in ("strong_close", "em_close"):
                out.append("}")
            elif kind == "code_inline":
                out.append("\\texttt{" + escape(tok.content) + "}")
            elif kind == "link_open":
                href = tok.attrs.get("href", "")
                link_stack.append(href)
                out.append("\\href{" + href.replace("%", "\\%").replace("#", "\\#") + "}{")
            elif kind == "link_close":
                link_stack.pop()
                out.append("}")
            elif kind == "myst_role":
                role = tok.meta.get("name", "")
                if role in ("cite:p", "cite", "cite:t"):
                    out.append(self.sources.cite(tok.content))
                elif role == "term":
                    out.append(escape(_term_text(tok.content)))
                elif role in ("doc", "ref", "numref"):
                    out.append(escape(_term_text(tok.content)))
                elif role == "fact":
                    try:
                        out.append(escape(resolve_fact(tok.content)))
                    except (KeyError, ValueError) as exc:
                        raise ValueError(f"{path}: {exc.args[0]}") from None
                else:
                    raise ValueError(f"{path}: role {{{role}}} is not supported in print")
            else:
                raise ValueError(f"{path}: inline element {kind!r} is not supported in print")
        text = "".join(out)
        # A citation follows its word without a gap, and before the full stop.
        return re.sub(r"\s+(\\src\{)", r"\1", text)


def _split_options(content: str) -> tuple[dict[str, str], str]:
    """Leading ``:key: value`` lines of a directive body, and the rest."""
    options: dict[str, str] = {}
    lines = content.splitlines(keepends=True)
    while lines and re.match(r"^:[\w-]+:", lines[0]):
        key, _, value = lines.pop(0)[1:].partition(":")
        options[key.strip()] = value.strip()
    return options, "".join(lines)
