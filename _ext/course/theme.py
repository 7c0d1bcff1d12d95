"""Trim sphinx-book-theme for readers on phones: accessible, private and light pages.

A default Jupyter Book page loads about 0.8 MB (gzipped) of which 83% is Font Awesome
(a 1.5 MB script that turns ``<i class="fa-...">`` into SVG, plus a web font), loads
Thebe settings that name a third-party CDN (declared twice, a script error on every
page), the site search index on every page, and gives the colour-mode button an
accessible name that does not contain its visible text. This module:

- drops ``fontawesome.js`` and the Font Awesome web fonts from the output, and writes
  ``_static/course-theme.css`` with only the icons the built pages use, drawn as CSS
  masks from inline SVG data (works offline from ``file://``, where browsers may refuse
  web fonts, and in every browser since 2023). The paths come from the theme's own
  Font Awesome Free copy (icons: CC BY 4.0, https://fontawesome.com/license/free);
- removes Thebe (configuration scripts, kernel settings, CSS, JS): the book runs no code
  in the browser;
- loads the search index only on the search page (search-as-you-type is off);
- loads copy-button, toggle-button and tab scripts only on pages that use them;
- replaces the "download" menu, whose source-file link points to sources that are not
  published (``html_copy_source: false``), with a single print button;
- makes ``<main>`` the focus target of the skip link (``tabindex="-1"``);
- sets the default colour mode (the theme logs a console error when it is empty);
- gives genindex and search pages a meta description, and index.html a real page;
- trims the render-blocking theme CSS (Font Awesome glyph rules, one @import).
"""

from __future__ import annotations

import html
import re
import shutil
from functools import lru_cache
from pathlib import Path
from urllib.parse import quote

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging

logger = logging.getLogger(__name__)

HERE = Path(__file__).resolve().parent
TEMPLATES = HERE / "templates"
THEME_CSS = "course-theme.css"  # written to _static/ after the build
HAND_CSS = HERE / "theme.css"
DEFAULT_MODE = "auto"  # follow the device: a phone in dark mode gets dark pages

# Icons the theme adds from JavaScript or CSS at run time (not in the HTML).
RUNTIME_ICONS = {"xmark", "angle-down", "chevron-down", "chevron-right", "compress", "expand"}
# Pages without a source document still need a description.
GENERATED_PAGE_DESCRIPTIONS = {
    "genindex": "Index of terms in the recurrent miscarriage open course.",
    "search": "Search the recurrent miscarriage open course.",
}
# Scripts and styles a page needs only when its body contains one of these markers.
OPTIONAL_ASSETS = {
    "copybutton.js": ('class="highlight',),
    "clipboard.min.js": ('class="highlight',),
    "copybutton.css": ('class="highlight',),
    "togglebutton.js": ("toggle", "dropdown"),
    "togglebutton.css": ("toggle", "dropdown"),
    "design-tabs.js": ("sd-tab-set",),
    "sphinx-design.min.css": ('class="sd-', ' sd-'),
    "pygments.css": ('class="highlight',),
    "mystnb.css": ('class="cell', "output", 'class="nb-', "glue"),
}
# Inline scripts that only configure an optional asset.
OPTIONAL_INLINE = {
    "toggleHint": "togglebutton.js",
    "toggleOpenOnPrint": "togglebutton.js",
    "togglebuttonSelector": "togglebutton.js",
}


# --------------------------------------------------------------------------- config
def configure(app: Sphinx, config) -> None:
    context = dict(config.html_context or {})
    if not context.get("default_mode"):
        context["default_mode"] = DEFAULT_MODE
    config.html_context = context
    paths = list(config.templates_path or [])
    if str(TEMPLATES) not in paths:
        paths.insert(0, str(TEMPLATES))
    config.templates_path = paths


# --------------------------------------------------------------------------- Thebe
def drop_thebe_nodes(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """sphinx-thebe appends its kernel settings to every page; the book runs no code."""
    for node in list(doctree.findall(nodes.raw)):
        text = node.astext()
        if "text/x-thebe-config" in text or "kernelName = " in text:
            node.parent.remove(node)


def _asset_name(asset) -> str:
    filename = getattr(asset, "filename", asset) or ""
    return str(filename).split("?")[0].rsplit("/", 1)[-1]


def _keep_asset(asset, body: str) -> bool:
    name = _asset_name(asset)
    if name.startswith("mystnb.") and name.endswith(".css"):
        name = "mystnb.css"  # its name carries a content hash
    inline = (getattr(asset, "attributes", {}) or {}).get("body", "") or ""
    if "thebe" in name or "THEBE_JS_URL" in inline or "thebe" in str(getattr(asset, "filename", "")):
        return False
    for marker, owner in OPTIONAL_INLINE.items():
        if marker in inline:
            name = owner
    markers = OPTIONAL_ASSETS.get(name)
    return markers is None or any(m in body for m in markers)


# --------------------------------------------------------------------------- pages
def trim_page(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    if app.builder.format != "html":
        return
    body = context.get("body", "") or ""
    for key in ("script_files", "css_files"):
        if key in context:
            context[key] = [a for a in context[key] if _keep_asset(a, body)]

    # One print button instead of the download menu (its source link would be a 404).
    buttons = []
    for button in context.get("header_buttons", []):
        if button.get("label") == "download-buttons":
            buttons.append(
                {
                    "type": "javascript",
                    "javascript": "window.print()",
                    "tooltip": "Print this page",
                    "icon": "fa-solid fa-print",
                    "label": "print-button",
                    "classes": "pst-navbar-icon",
                }
            )
        else:
            buttons.append(button)
    if "header_buttons" in context:
        context["header_buttons"] = buttons

    # docutils marks bibliography entries with the deprecated DPUB role doc-biblioentry
    # inside role="list": axe reports a list without list items. They are list items.
    if 'role="doc-biblioentry"' in body:
        context["body"] = body.replace('role="doc-biblioentry"', 'role="listitem"')

    if pagename in GENERATED_PAGE_DESCRIPTIONS and "name=\"description\"" not in context.get("metatags", ""):
        context["metatags"] = (
            context.get("metatags", "")
            + f'\n<meta name="description" content="{GENERATED_PAGE_DESCRIPTIONS[pagename]}" />'
        )


# --------------------------------------------------------------------------- icons
@lru_cache(maxsize=1)
def _solid_icons() -> dict[str, tuple[int, int, str, str]]:
    """name -> (width, height, unicode, path) from the theme's Font Awesome Free (solid)."""
    import pydata_sphinx_theme

    js = (
        Path(pydata_sphinx_theme.__file__).parent
        / "theme/pydata_sphinx_theme/static/scripts/fontawesome.js"
    ).read_text(encoding="utf-8")
    end = js.index('d("fas",p)')
    start = js.rindex("var p={", 0, end)
    pack = js[start:end]
    icons: dict[str, tuple[int, int, str, str]] = {}
    entry = re.compile(r'(?:"([^"]+)"|([\w$]+)):\[(\d+),(\d+),\[([^\]]*)\],"([0-9a-f]+)",("[^"]*"|\[[^\]]*\])\]')
    for m in entry.finditer(pack):
        name = m.group(1) or m.group(2)
        width, height, aliases, code, path = int(m.group(3)), int(m.group(4)), m.group(5), m.group(6), m.group(7)
        path = "".join(re.findall(r'"([^"]*)"', path))
        icons[name] = (width, height, code, path)
        for alias in re.findall(r'"([^"]+)"', aliases):
            icons.setdefault(alias, icons[name])
    return icons


def _mask(name: str) -> str:
    width, height, _, path = _solid_icons()[name]
    svg = f"<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 {width} {height}'><path d='{path}'/></svg>"
    return 'url("data:image/svg+xml,' + quote(svg, safe=" /=:',.-") + '")'


def _theme_css_icons() -> dict[str, str]:
    """pydata-sphinx-theme's ``--pst-icon-*`` variables (admonitions etc.) -> icon names."""
    import pydata_sphinx_theme

    css = (
        Path(pydata_sphinx_theme.__file__).parent
        / "theme/pydata_sphinx_theme/static/styles/pydata-sphinx-theme.css"
    ).read_text(encoding="utf-8")
    by_code = {}
    for name, (_, _, code, _) in _solid_icons().items():
        by_code.setdefault(code, name)
    found = {}
    for var, value in re.findall(r"(--pst-icon-[a-z-]+):\"(.)\"", css):
        code = f"{ord(value):x}"
        if code in by_code:
            found[var] = by_code[code]
    return found


ICON_RULES = """\
/* Generated by course/theme.py: only the icons this book uses, as CSS masks.
   Icons: Font Awesome Free 6 by @fontawesome, CC BY 4.0 (https://fontawesome.com/license/free). */
.fa, .fas, .fa-solid, .far, .fa-regular, .fab, .fa-brands {
  font-family: inherit !important;
}
.fa::before, .fas::before, .fa-solid::before, .far::before, .fa-regular::before {
  content: "" !important;
  display: inline-block;
  width: 1.15em;
  height: 1em;
  vertical-align: -0.125em;
  background-color: currentColor;
  -webkit-mask: var(--course-icon) center / contain no-repeat;
  mask: var(--course-icon) center / contain no-repeat;
}
/* Pseudo-element icons of the themes (admonitions, "on this page" toggle, links). */
.admonition > .admonition-title::after, div.admonition > .admonition-title::after,
a.reference.download::before, span.versionmodified::before,
nav.bd-links li > a.reference.external::after, .nav-link.nav-external::after,
div#searchbox p.highlight-link a::before,
.bd-sidebar-secondary.hide:not(:hover) .onthispage::after {
  content: "" !important;
  font: inherit !important;
  display: inline-block;
  width: 1em;
  height: 1em;
  background-color: currentColor;
  -webkit-mask: var(--course-icon) center / contain no-repeat;
  mask: var(--course-icon) center / contain no-repeat;
}
.admonition > .admonition-title::after, div.admonition > .admonition-title::after {
  top: 0.65rem;
}
"""

PSEUDO_ICON_SELECTORS = {
    # selector (the element whose ::before/::after shows the icon) -> pst variable
    ".admonition > .admonition-title": "--pst-icon-admonition-default",
    ".admonition.attention > .admonition-title": "--pst-icon-exclamation-circle",
    ".admonition.caution > .admonition-title": "--pst-icon-exclamation-triangle",
    ".admonition.warning > .admonition-title": "--pst-icon-exclamation-triangle",
    ".admonition.danger > .admonition-title": "--pst-icon-exclamation-triangle",
    ".admonition.error > .admonition-title": "--pst-icon-times-circle",
    ".admonition.hint > .admonition-title": "--pst-icon-lightbulb",
    ".admonition.tip > .admonition-title": "--pst-icon-lightbulb",
    ".admonition.important > .admonition-title": "--pst-icon-exclamation-circle",
    ".admonition.note > .admonition-title": "--pst-icon-info-circle",
    ".admonition.seealso > .admonition-title": "--pst-icon-share",
    ".admonition.admonition-todo > .admonition-title": "--pst-icon-pencil",
    "a.reference.download": "--pst-icon-download",
    "span.versionmodified": "--pst-icon-exclamation-circle",
    "nav.bd-links li > a.reference.external": "--pst-icon-external-link",
    ".nav-link.nav-external": "--pst-icon-external-link",
    "div#searchbox p.highlight-link a": "--pst-icon-search-minus",
}
ADMONITION_DEFAULT_VAR = "--pst-icon-bell"


def icon_css(used: set[str]) -> str:
    icons = _solid_icons()
    css_vars = _theme_css_icons()
    css_vars.setdefault("--pst-icon-admonition-default", css_vars.get(ADMONITION_DEFAULT_VAR, "bell"))
    out = [ICON_RULES]
    for name in sorted(used):
        if name in icons:
            out.append(f".fa-{name} {{ --course-icon: {_mask(name)}; }}")
    for selector, var in PSEUDO_ICON_SELECTORS.items():
        name = css_vars.get(var)
        if name in icons:
            out.append(f"{selector} {{ --course-icon: {_mask(name)}; }}")
    out.append(f".bd-sidebar-secondary .onthispage {{ --course-icon: {_mask('angle-down')}; }}")
    return "\n".join(out) + "\n"


NOT_ICONS = {
    "solid", "regular", "brands", "lg", "xs", "sm", "xl", "fw", "2x", "3x", "spin", "pulse",
    "border", "flip", "rotate-90", "rotate-180", "rotate-270", "inverse", "stack", "li", "ul",
    "classic", "sharp", "beat", "bounce", "fade", "shake", "2xs", "2xl",
}


def used_icons(outdir: Path) -> set[str]:
    names = set(RUNTIME_ICONS)
    for page in outdir.rglob("*.html"):
        if page.relative_to(outdir).parts[0] == "_static":
            continue
        for classes in re.findall(r'class="([^"]*)"', page.read_text(encoding="utf-8")):
            for cls in classes.split():
                if cls.startswith("fa-") and cls[3:] not in NOT_ICONS:
                    names.add(cls[3:])
    return names


def write_icons(app: Sphinx, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    outdir = Path(app.outdir)
    static = outdir / "_static"
    used = used_icons(outdir)
    missing = sorted(n for n in used if n not in _solid_icons())
    for name in missing:
        logger.warning("icon fa-%s is not in Font Awesome Free (solid); use another icon", name)
    css = HAND_CSS.read_text(encoding="utf-8") + "\n" + icon_css(used)
    (static / THEME_CSS).write_text(css, encoding="utf-8")
    # The page no longer loads these: keep them out of the published site.
    for rel in ("scripts/fontawesome.js", "scripts/fontawesome.js.map", "scripts/fontawesome.js.LICENSE.txt"):
        (static / rel).unlink(missing_ok=True)
    shutil.rmtree(static / "vendor" / "fontawesome", ignore_errors=True)
    for rel in ("sphinx-thebe.js", "sphinx-thebe.css"):
        (static / rel).unlink(missing_ok=True)
    trim_theme_css(static)


# Rules of the theme's copy of Font Awesome's CSS that only map icon names to font glyphs
# (about 1,900 of them, a third of the stylesheet): dead now that icons are masks.
FA_GLYPH_RULE = re.compile(r'(?:\.fa-[\w-]+:(?:before|after),?)+\{content:"[^"]*"\}')


def trim_theme_css(static: Path) -> None:
    """Lighter render-blocking CSS: drop the glyph rules, and inline the one @import."""
    theme_css = static / "styles" / "pydata-sphinx-theme.css"
    if theme_css.exists():
        css = theme_css.read_text(encoding="utf-8")
        theme_css.write_text(FA_GLYPH_RULE.sub("", css), encoding="utf-8")
    # styles/theme.css is only `@import "../basic.css";`: a second round trip before the
    # first paint. Serve basic.css's rules in its place.
    wrapper, basic = static / "styles" / "theme.css", static / "basic.css"
    if wrapper.exists() and basic.exists() and '@import "../basic.css"' in wrapper.read_text(encoding="utf-8"):
        wrapper.write_text(
            "/* Sphinx's basic.css, inlined here by course/theme.py (was an @import). */\n"
            + basic.read_text(encoding="utf-8"),
            encoding="utf-8",
        )


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
            lang=app.config.language or "en",
            title=html.escape(app.config.html_title or app.config.project),
            description=description,
            target=target,
            favicon=Path(app.config.html_favicon or "favicon.svg").name,
        ),
        encoding="utf-8",
    )


def setup(app: Sphinx) -> dict:
    app.connect("build-finished", write_index, priority=400)
    app.connect("config-inited", configure, priority=900)
    app.connect("doctree-resolved", drop_thebe_nodes, priority=900)
    app.connect("html-page-context", trim_page, priority=900)
    app.connect("build-finished", write_icons)
    app.add_css_file(THEME_CSS, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
