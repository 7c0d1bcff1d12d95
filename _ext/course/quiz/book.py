"""The quiz banks of the whole book, as the build environment holds them.

Shared by the directives (which record each bank with its page) and by the writers
(the answer key and the exports list every bank in reading order, grouped by page).
"""

from __future__ import annotations

from pathlib import Path

from .words import say

BANKS = "course_quiz_banks"  # env attribute: docname -> [bank, ...]
KEYS = "course_quiz_keys"  # env attribute: docnames with an answer key


def banks_of(env) -> dict:
    if not hasattr(env, BANKS):
        setattr(env, BANKS, {})
    return getattr(env, BANKS)


def keys_of(env) -> set:
    if not hasattr(env, KEYS):
        setattr(env, KEYS, set())
    return getattr(env, KEYS)


def toc_order(env) -> list[str]:
    """Every document in reading order (depth first from the root page)."""
    order, seen = [], set()

    def walk(docname):
        if docname in seen:
            return
        seen.add(docname)
        order.append(docname)
        for child in env.toctree_includes.get(docname, []):
            walk(child)

    walk(env.config.root_doc)
    return order


def book_banks(env) -> list[dict]:
    """Every bank of the book in reading order; banks on pages outside the toc last."""
    banks = banks_of(env)
    order = [d for d in toc_order(env) if d in banks]
    order += sorted(d for d in banks if d not in order)
    return [bank for docname in order for bank in banks[docname]]


def page_heading(env, docname: str) -> str:
    title = env.titles[docname].astext() if docname in env.titles else docname
    number = env.toc_secnumbers.get(docname, {}).get("")
    if number:
        return say("Lesson {number}: {title}").format(number=".".join(map(str, number)), title=title)
    return title


def grouped(env) -> list[tuple[str, list[dict]]]:
    groups: list[tuple[str, list[dict]]] = []
    for bank in book_banks(env):
        heading = page_heading(env, bank["docname"])
        if groups and groups[-1][1][0]["docname"] == bank["docname"]:
            groups[-1][1].append(bank)
        else:
            groups.append((heading, [bank]))
    return groups


def section_target(env, label: str):
    """(docname, anchor id, section title) of a label, or None."""
    return env.domaindata["std"]["labels"].get(label)


def unused_bank_files(srcdir: Path, used: set[str]) -> list[tuple[str, int, str]]:
    """Bank files that no page shows, in every folder that holds a bank a page shows.

    Such a bank would reach no reader of the site, yet print tools that read the folder
    would still pick it up."""
    problems = []
    for folder in sorted({Path(f).parent for f in used}):
        for path in sorted((Path(srcdir) / folder).glob("*.yml")):
            rel = (folder / path.name).as_posix()
            if rel not in used:
                problems.append((rel, 1, "no page shows this quiz bank; add a `{quiz}` directive "
                                         "for it to a lesson, or delete the file"))
    return problems
