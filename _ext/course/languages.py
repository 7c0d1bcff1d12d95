"""The editions of the site in other languages: a switcher on every page and ``hreflang`` links.

Each edition is built into its own folder of one site: English at the root, the Simplified
Chinese edition in ``zh/`` (``make zh``). Both have the same pages, so every page links to
itself in the other language:

- in the head, ``<link rel="alternate" hreflang="…">`` for every edition, when the site's
  address is configured (``html.baseurl``): search engines accept only full addresses
  there, and a site read from a USB stick has none;
- in the page header, a short list of links (``language-switcher.html``) with the
  edition's own name in its own language (``lang`` on each link);
- ``<html lang="zh-Hans">`` on Chinese pages: the script, not the country, is what
  screen readers and fonts need.

Plain links only: no script and no inline style, so the strict Content-Security-Policy holds.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from sphinx.application import Sphinx

from .i18n import say

# language setting -> (BCP 47 tag for lang/hreflang, the name readers look for, folder from
# the site root). The first edition is the site's root.
EDITIONS = {
    "en": ("en", "English", ""),
    "zh_CN": ("zh-Hans", "简体中文", "zh/"),
}
LABELS = {"en": "Language", "zh_CN": "语言"}
TEMPLATE = "language-switcher.html"
SEARCH_TEXT = "Search this book..."  # jupyter_book/config.py's search_bar_text
CSS_FILE = "course-languages.css"
# The switcher sits in one row with the header buttons; the link is a comfortable target.
CSS = """\
.bd-header-article .header-article-items__end{display:flex;align-items:center;gap:.25rem}
.course-languages{display:flex;align-items:center}
.course-languages a{display:inline-block;min-height:2rem;padding:.3rem .5rem;font-size:.9rem;line-height:1.4}
@media print{.course-languages{display:none}}
"""


def edition_of(language: str | None) -> str:
    return language if language in EDITIONS else "en"


def links(current: str, pagename: str, target_uri: str) -> list[dict]:
    """Each edition's copy of the page, as an address relative to this page."""
    depth = pagename.count("/")
    # From this page up to the site root: up to this edition's root, then out of its folder.
    up = "../" * depth + "../" * EDITIONS[current][2].count("/")
    return [{
        "language": key,
        "tag": tag,
        "name": name,
        "href": up + folder + target_uri,
        "current": key == current,
    } for key, (tag, name, folder) in EDITIONS.items()]


def add_links(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    if app.builder.format != "html":
        return
    current = edition_of(app.config.language)
    found = links(current, pagename, app.builder.get_target_uri(pagename))
    context["course_languages"] = found
    context["course_languages_label"] = LABELS[current]
    # The <html lang> of the theme's layout comes from this variable.
    context["language"] = EDITIONS[current][0]
    context["metatags"] = context.get("metatags", "") + alternates(
        app.config.html_baseurl, app.builder.get_target_uri(pagename))


def alternates(baseurl: str, target_uri: str) -> str:
    """``<link rel="alternate" hreflang>`` for every edition, with full addresses from the
    site's address; none without one (a relative address there is invalid)."""
    base = (baseurl or "").strip()
    if not base:
        return ""
    base = base.rstrip("/") + "/"
    return "".join(f'<link rel="alternate" hreflang="{escape(tag)}" href="{escape(base + folder + target_uri)}" />\n'
                   for tag, _name, folder in EDITIONS.values())


def add_template(app: Sphinx, config) -> None:
    """The switcher goes first in the article header (sphinx-book-theme's
    ``article_header_end``), before the theme's own buttons; the search field's placeholder
    is in the edition's language."""
    options = dict(config.html_theme_options or {})
    end = options.get("article_header_end", ["article-header-buttons.html"])
    end = [end] if isinstance(end, str) else list(end)
    if TEMPLATE not in end:
        end.insert(0, TEMPLATE)
    options["article_header_end"] = end
    # Jupyter Book's English placeholder of the search field, in the edition's language.
    if options.get("search_bar_text", SEARCH_TEXT) == SEARCH_TEXT:
        options["search_bar_text"] = say("Search this book...")
    config.html_theme_options = options


def write_css(app: Sphinx, exception) -> None:
    if exception is None and app.builder.format == "html":
        static = Path(app.outdir) / "_static"
        static.mkdir(parents=True, exist_ok=True)
        (static / CSS_FILE).write_text(CSS, encoding="utf-8")


# Plural rules of the editions' languages, as code (Sphinx's translations.js hands the rule
# to `new Function`, which the Content-Security-Policy forbids as eval).
PLURAL_RULES = {"0": "function () { return 0; }",
                "(n != 1)": "function (n) { return n != 1 ? 1 : 0; }"}


def safe_translations(app: Sphinx, exception) -> None:
    """Rewrite ``_static/translations.js`` (written for languages other than English) so
    that it sets the messages and the plural rule without ``new Function``."""
    path = Path(app.outdir) / "_static" / "translations.js"
    if exception is not None or app.builder.format != "html" or not path.is_file():
        return
    import json

    text = path.read_text(encoding="utf-8")
    if "Documentation.addTranslations(" not in text:
        return  # already rewritten
    catalog = json.loads(text[text.index("(") + 1:text.rindex(")")])
    rule = PLURAL_RULES.get(catalog.get("plural_expr", "0"))
    if rule is None:
        raise RuntimeError(f"{path}: no CSP-safe plural rule for {catalog['plural_expr']!r}; "
                           f"add it to PLURAL_RULES in {__file__}")
    path.write_text(
        "/* Sphinx's translations for this edition, set without eval (course.languages). */\n"
        f"Object.assign(Documentation.TRANSLATIONS, {json.dumps(catalog['messages'], indent=1)});\n"
        f"Documentation.LOCALE = {json.dumps(catalog.get('locale', ''))};\n"
        f"Documentation.PLURAL_EXPR = {rule};\n", encoding="utf-8")


def setup(app: Sphinx) -> dict:
    app.connect("build-finished", safe_translations)
    app.connect("config-inited", add_template)
    app.add_css_file(CSS_FILE)
    app.connect("build-finished", write_css)
    app.connect("html-page-context", add_links)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
