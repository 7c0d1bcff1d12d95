"""Course text as readers see it, without a web page: for print, slides and notes.

One resolver for the roles that point elsewhere in the book, used by the class printables
(``course.printables``) and the slide decks (``scripts/decks.py``):

- ``{numref}`label``` -> "Fig. 1.4", as the book numbers the figure;
- ``{doc}`slug``` -> the page's title; ``{ref}`label``` -> the section's title;
- ``{term}`word <entry>``` and any ``title <target>`` -> the words shown;
- ``{cite:p}`` numbers are left out (slides and forms have no list of sources);
- ``{fact}`key``` -> the ledger's words (``course.facts.expand``).

``Resolver.from_env(env)`` reads what Sphinx knows; ``Resolver.from_manifest(data)`` reads
``_build/course-manifest.json`` (``course.downloads``), which holds the same facts.
``text()`` resolves MyST text from YAML; ``node_text()`` renders a doctree node.
"""

from __future__ import annotations

import posixpath
import re

from docutils import nodes
from sphinx import addnodes

from .facts import expand

FIGURE = "Fig. %s"  # Sphinx's default; a translated edition has its own (numfig_format)
ROLE = re.compile(r"\s*\{cite(?::\w+)?\}`[^`]*`|\{(numref|doc|ref|term)\}`([^`]*)`")
EXPLICIT = re.compile(r"^(.*?)\s*<([^<>]+)>$", re.S)
EMPHASIS = re.compile(r"\*\*(.+?)\*\*|(?<![\w*])\*(?!\s)(.+?)\*(?!\w)")


class UnknownTarget(ValueError):
    """A role points to a figure, page or section the book does not have."""


def figure_numbers(env) -> dict[str, str]:
    """Figure label -> its number as the book prints it ("1.4")."""
    figures = {}
    for label, (docname, anchor, _) in env.domaindata["std"]["labels"].items():
        number = env.toc_fignumbers.get(docname, {}).get("figure", {}).get(anchor)
        if number:
            figures[label] = ".".join(map(str, number))
    return figures


def figure_format(config) -> str:
    """How the edition names a figure ("Fig. %s"; Sphinx translates it with the language)."""
    return str((config.numfig_format or {}).get("figure") or FIGURE)


class Resolver:
    def __init__(self, figures: dict[str, str], labels: dict[str, tuple[str, str]],
                 titles: dict[str, str], figure_format: str = FIGURE):
        self.figures = figures  # label -> "1.4"
        self.figure_format = figure_format or FIGURE  # "Fig. %s", "图 %s"
        self.labels = labels  # label -> (docname, section title)
        self.titles = titles  # docname -> page title

    @classmethod
    def from_env(cls, env) -> "Resolver":
        labels = env.domaindata["std"]["labels"]
        return cls(figure_numbers(env), {k: (d, t) for k, (d, _, t) in labels.items()},
                   {doc: title.astext() for doc, title in env.titles.items()}, figure_format(env.config))

    @classmethod
    def from_manifest(cls, data: dict) -> "Resolver":
        return cls(dict(data["figures"]),
                   {k: (v["docname"], v["title"]) for k, v in data["labels"].items()},
                   {p["docname"]: p["title"] for p in data["pages"]}, data.get("figure_format", FIGURE))

    # ------------------------------------------------------------------ one reference
    def figure(self, label: str) -> str:
        if label not in self.figures:
            raise UnknownTarget(f"no numbered figure `{label}` in the book")
        return self.figure_format.replace("%s", self.figures[label])

    def page(self, target: str, base: str) -> str:
        """The title of page ``target``, written relative to page ``base`` as in ``{doc}``."""
        docname = target.lstrip("/") if target.startswith("/") else posixpath.normpath(
            posixpath.join(posixpath.dirname(base), target))
        if docname not in self.titles:
            raise UnknownTarget(f"no page `{target}` (looked for `{docname}`)")
        return self.titles[docname]

    def section(self, label: str) -> str:
        if label not in self.labels or not self.labels[label][1]:
            raise UnknownTarget(f"no section labelled `{label}` in the book")
        return self.labels[label][1]

    def role(self, name: str, content: str, base: str) -> str:
        """What a reader sees for ``{name}`content``` on page ``base``."""
        explicit = EXPLICIT.match(content.strip())
        shown, target = (explicit.group(1), explicit.group(2)) if explicit else ("", content.strip())
        if name == "numref":
            number = self.figure(target)
            return shown.replace("%s", number.split()[-1]).replace("{number}", number.split()[-1]) \
                if shown else number
        if shown or name == "term":
            return shown or target
        return self.page(target, base) if name == "doc" else self.section(target)

    # ------------------------------------------------------------------ text from YAML
    def text(self, text, base: str = "chapters/index", markup: bool = False) -> str:
        """MyST inline text as plain words. With ``markup``, ``**bold**`` and ``*emphasis*``
        stay for the caller to typeset; otherwise they become plain words too."""
        text = expand(str(text or ""))
        text = ROLE.sub(lambda m: self.role(m.group(1), m.group(2), base) if m.group(1) else "", text)
        if not markup:
            text = EMPHASIS.sub(lambda m: m.group(1) or m.group(2), text)
        return " ".join(text.split())

    __call__ = text

    # ------------------------------------------------------------------ doctree nodes
    def node_text(self, node: nodes.Node, base: str) -> str:
        """The words of a doctree node as readers see them (roles resolved, citations left
        out), on one line."""
        return self.nodes_text([node], base)

    def nodes_text(self, items, base: str) -> str:
        return tidy("".join(part for node in items for part in self._walk(node, base)))

    def _walk(self, node: nodes.Node, base: str):
        if isinstance(node, addnodes.pending_xref):
            domain, kind = node.get("refdomain"), node.get("reftype")
            if domain == "cite":
                return
            if kind in ("numref", "doc", "ref") and not node.get("refexplicit"):
                yield self.role(kind, node["reftarget"], node.get("refdoc", base))
                return
            if kind == "numref":
                yield node.astext().replace("%s", self.figure(node["reftarget"]).split()[-1])
                return
        if isinstance(node, (nodes.citation_reference, nodes.footnote_reference,
                             nodes.raw, nodes.comment, nodes.system_message)):
            return
        if isinstance(node, nodes.Text):
            yield str(node)
            return
        for child in node.children:
            yield from self._walk(child, base)


def tidy(text: str) -> str:
    """One line; no space left before punctuation where a citation was taken out."""
    return re.sub(r"\s+([.,;:!?)])", r"\1", " ".join(text.split()))
