"""The course's look on top of sphinx-book-theme, through the theme's own settings.

What the theme is told lives in ``_config.yml`` (extensions, ``html_context``,
``html_theme_options``). This module adds what configuration cannot say:

- ``templates/`` (layout, header buttons, menu button, search and index pages) replaces
  the theme's inline scripts and ``onclick`` attributes with ``static/course-theme.js``,
  and its Font Awesome script with ``_static/course-icons.css`` (made by
  ``scripts/icon_css.py``), so pages pass a strict Content-Security-Policy;
- ``static/course-theme.css``: the course's fixes of the theme's styles;
- ``print.css`` loads with ``media="print"`` (it does not block drawing the page);
- notebook-cell and code-highlighting styles load only on pages that have cells or code;
- the theme's per-page inline settings (``DOCUMENTATION_OPTIONS.pagename``, search as
  you type) are dropped: ``course-theme.js`` sets them from data attributes;
- bibliography entries get a list-item role; generated pages get a meta description;
  ``index.html`` becomes a real page; the theme's unused Font Awesome files are not
  published, and its stylesheet loses the Font Awesome glyph map (a third of its size).

The templates copy blocks of the theme versions in ``WRITTEN_FOR``; a test fails when
the installed versions differ, so the templates are checked again on every upgrade.
"""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util import logging

logger = logging.getLogger(__name__)

HERE = Path(__file__).resolve().parent
TEMPLATES = HERE / "templates"
STATIC = HERE / "static"
CSS_FILE = "course-theme.css"
PRINT_CSS = "print.css"

# The theme versions the templates were written for (requirements.txt pins them).
WRITTEN_FOR = {"sphinx-book-theme": "1.3.0", "pydata-sphinx-theme": "0.17.1"}

# Stylesheets that only some pages need: loaded where the page's body has the marker.
PAGE_STYLES = {
    "mystnb.": 'class="cell',  # notebook cells (mystnb.<hash>.css)
    "pygments.css": 'class="highlight',  # highlighted code
}
# Pages without a source document still need a description.
GENERATED_PAGE_DESCRIPTIONS = {
    "genindex": "Index of terms in the recurrent miscarriage open course.",
    "search": "Search the recurrent miscarriage open course.",
}


def configure(app: Sphinx, config) -> None:
    if any((config.comments_config or {}).values()) and "sphinx_comments" not in config.extensions:
        logger.warning("html.comments in _config.yml needs sphinx_comments in sphinx.config.extensions")
    paths = list(config.templates_path or [])
    if str(TEMPLATES) not in paths:
        paths.insert(0, str(TEMPLATES))
    config.templates_path = paths
    static = list(config.html_static_path or [])
    if str(STATIC) not in static:
        static.append(str(STATIC))
    config.html_static_path = static
    # Jupyter Book adds every stylesheet of _static/ for all media: print.css only prints.
    # (Sphinx has made each entry a (filename, attributes) pair by now.)
    files = []
    for entry in config.html_css_files or []:
        name, attrs = (entry, {}) if isinstance(entry, str) else entry
        if name == PRINT_CSS:
            attrs = {**attrs, "media": "print"}
        files.append((name, attrs))
    config.html_css_files = files


def _inline_settings(asset) -> bool:
    """The theme's inline ``DOCUMENTATION_OPTIONS.x = ...`` scripts (course-theme.js sets them)."""
    body = (getattr(asset, "attributes", None) or {}).get("body", "") or ""
    return not getattr(asset, "filename", None) and body.strip().startswith("DOCUMENTATION_OPTIONS.")


def _page_needs(asset, body: str) -> bool:
    name = str(getattr(asset, "filename", asset) or "").rsplit("/", 1)[-1]
    for prefix, marker in PAGE_STYLES.items():
        if name.startswith(prefix):
            return marker in body
    return True


def trim_page(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    if app.builder.format != "html":
        return
    body = context.get("body", "") or ""
    if "script_files" in context:
        context["script_files"] = [a for a in context["script_files"] if not _inline_settings(a)]
    if "css_files" in context:
        context["css_files"] = [a for a in context["css_files"] if _page_needs(a, body)]

    # docutils marks bibliography entries with the deprecated DPUB role doc-biblioentry
    # inside role="list": axe reports a list without list items. They are list items.
    if 'role="doc-biblioentry"' in body:
        context["body"] = body.replace('role="doc-biblioentry"', 'role="listitem"')

    if pagename in GENERATED_PAGE_DESCRIPTIONS and 'name="description"' not in context.get("metatags", ""):
        context["metatags"] = (
            context.get("metatags", "")
            + f'\n<meta name="description" content="{GENERATED_PAGE_DESCRIPTIONS[pagename]}" />'
        )


# The theme's stylesheet maps ~1,900 Font Awesome names to font glyphs, a third of its
# size (20 KB of 64 KB gzipped on every page); course-icons.css draws the icons instead.
# If a theme release writes these rules differently, nothing matches and the only cost is
# weight (scripts/page_weight.py reports it); the build and the icons are unaffected.
FA_GLYPH_RULE = re.compile(r'(?:\.fa-[\w-]+:(?:before|after),?)+\{content:"[^"]*"\}')


def lighten_theme_files(app: Sphinx, exception) -> None:
    """No page loads the theme's Font Awesome script, fonts or glyph map: leave them out."""
    if exception is not None or app.builder.format != "html":
        return
    static = Path(app.outdir) / "_static"
    for rel in ("scripts/fontawesome.js", "scripts/fontawesome.js.map", "scripts/fontawesome.js.LICENSE.txt"):
        (static / rel).unlink(missing_ok=True)
    shutil.rmtree(static / "vendor" / "fontawesome", ignore_errors=True)
    theme_css = static / "styles" / "pydata-sphinx-theme.css"
    if theme_css.exists():
        css = theme_css.read_text(encoding="utf-8")
        theme_css.write_text(FA_GLYPH_RULE.sub("", css), encoding="utf-8")


INDEX_PAGE = """<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8" />
<meta name="viewport" content="width=device-width, initial-scale=1" />
<title>{title}</title>
<meta name="description" content="{description}" />
<meta http-equiv="refresh" content="0; url={target}" />
<link rel="canonical" href="{target}" />
<link rel="icon" href="_static/{favicon}" />
</head>
<body>
<main><p><a href="{target}">{title}</a></p></main>
</body>
</html>
"""


def html_lang(language: str | None) -> str:
    """The page's ``lang`` (BCP 47) for Sphinx's ``language``: ``zh_CN`` is Simplified Chinese."""
    return {"zh_CN": "zh-Hans", "zh_TW": "zh-Hant"}.get(language or "en", (language or "en").replace("_", "-"))


def write_index(app: Sphinx, exception) -> None:
    """A real page for the site's front door, not a bare meta refresh without a language,
    a title or a description (sphinx-external-toc writes that one when index.html is missing)."""
    if exception is not None or app.builder.name != "html" or app.config.root_doc == "index":
        return
    outdir = Path(app.outdir)
    index = outdir / "index.html"
    if index.exists() and "<html" in index.read_text(encoding="utf-8"):
        return
    target = app.builder.get_target_uri(app.config.root_doc)
    root_html = (outdir / target).read_text(encoding="utf-8") if (outdir / target).exists() else ""
    found = re.search(r'<meta content="([^"]*)" name="description"|<meta name="description" content="([^"]*)"', root_html)
    description = (found.group(1) or found.group(2)) if found else ""
    index.write_text(
        INDEX_PAGE.format(
            lang=html_lang(app.config.language),
            title=html.escape(app.config.html_title or app.config.project),
            description=description,
            target=target,
            favicon=Path(app.config.html_favicon or "favicon.svg").name,
        ),
        encoding="utf-8",
    )


def setup(app: Sphinx) -> dict:
    # Jupyter Book passes `html: comments:` to every build as comments_config; the course
    # loads no comments extension (_config.yml), so the setting is declared here.
    if "comments_config" not in app.config.values:
        app.add_config_value("comments_config", {}, "html")
    app.connect("config-inited", configure, priority=900)
    app.connect("html-page-context", trim_page, priority=900)
    app.connect("build-finished", write_index, priority=400)
    app.connect("build-finished", lighten_theme_files)
    app.add_css_file(CSS_FILE, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
