"""Quality gates measured on the built site: accessible, private, light, well linked.

Browser tests (marker ``browser``) open every built page in Debian's Chromium through
Playwright, served from a local HTTP server (see tests/browser.py):

- axe-core, WCAG 2.1 A and AA rules (experimental ones included), at 360 px, 1280 px and
  1024 x 768 at 150 % zoom (projector), and colour contrast at 360 px in dark mode: zero
  violations (the summary counts them as mobile+desktop+projector+dark). Each page is
  loaded once and checked on each screen in turn (resized, then switched to dark mode).
  The Chinese edition's pages, built from the same templates and stylesheets, at 360 px;
  their dark colours are the English pages' (a test checks the stylesheets and the kinds of
  element are the same);
- the theme defects a screen review found stay fixed: one search box on a desktop, a focus
  ring on every focusable element, a plainly named menu button, "Back to top" clear of quiz
  feedback, previous/next titles in two lines on a phone, h2 not lighter than h3, one
  link colour, the device's dark mode on a first visit;
- zero console errors, zero page errors, zero failed same-origin requests; on the phone
  the pages are served with a strict Content-Security-Policy (tests/test_csp.py): zero
  violations of it;
- zero requests to any other host (they are aborted and counted);
- no horizontal scrolling at 360 px, and figures and quizzes fit the screen;
- the skip link moves focus to the main content; search works; the site works from file://.

A summary line per page (counts and transfer size) is printed at the end of the run.
The other tests read the built HTML: meta descriptions, unique titles, ``lang``,
internal links and anchors, external links (https, no tracking parameters).
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlsplit

import pytest
from bs4 import BeautifulSoup

from browser import (
    CSP_POLICY,
    CSP_RECORDER,
    DESKTOP,
    EVERY_RULE,
    MOBILE,
    AxeRun,
    LocalServer,
    RecordingTab,
    axe_result,
    axe_version,
    built_pages,
    inject_axe,
    scroll_width,
    settle,
    start_axe,
    visit,
)
from conftest import HTML, ROOT, add_report, toc_docnames

PAGES = built_pages(HTML) if HTML.exists() else []
PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1280, "height": 800}
# 1024 x 768 at 150 % zoom: the page is laid out 683 x 512 CSS pixels.
PROJECTOR_LAYOUT = {"width": 683, "height": 512}
TRACKING = re.compile(r"^(utm_.*|fbclid|gclid|dclid|msclkid|yclid|mc_cid|mc_eid|igshid|_ga|_gl|ref_src)$", re.I)
SUMMARY: dict[str, str] = {}


def _needs_build():
    if not PAGES:
        pytest.fail("no HTML build; run `make book` first (or set COURSE_BUILD_DIR)")


@pytest.fixture(scope="module", autouse=True)
def _print_summary(request):
    """After the browser tests, one line per page with what was measured (printed after the
    test results, conftest.add_report)."""
    yield
    if SUMMARY:
        add_report(request.config,
                   f"Browser quality (Chromium, axe-core {axe_version()}, WCAG 2.1 A+AA; axe = violations "
                   "at 360 px + 1280 px + 1024 px at 150 % + dark mode contrast, - where not checked):",
                   [SUMMARY[page] for page in sorted(SUMMARY)])


@pytest.fixture(scope="module")
def mobile(browser):
    """A phone; it records Content-Security-Policy violations (of pages served by `csp_server`)."""
    ctx = browser.new_context(viewport=MOBILE, device_scale_factor=1)
    ctx.add_init_script(CSP_RECORDER)
    yield ctx
    ctx.close()


@pytest.fixture(scope="module")
def desktop(browser):
    ctx = browser.new_context(viewport=DESKTOP)
    yield ctx
    ctx.close()


@pytest.fixture(scope="module")
def csp_server(built_html):
    """The site as a strict host serves it: with a Content-Security-Policy (tests/test_csp.py)."""
    with LocalServer(built_html, headers={"Content-Security-Policy": CSP_POLICY}) as srv:
        yield srv


def _describe(violations) -> str:
    return "\n".join(
        f"  {v['id']} ({v['impact']}): {v['help']}\n    " + "\n    ".join(v["nodes"][:5])
        for v in violations
    )


# Elements that must fit a phone screen. Anything inside a horizontal scroller (wide
# tables, code) is allowed to be wider than the screen: it scrolls by itself.
FIT_CHECK = """(width) => {
  const scroller = (el) => {
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      const s = getComputedStyle(p);
      if (['auto', 'scroll'].includes(s.overflowX) && p.scrollWidth > p.clientWidth) return true;
    }
    return false;
  };
  const sel = 'article img, article svg, article figure, article fieldset, article form, ' +
              'article [class*="quiz"], article video, article iframe';
  return [...document.querySelectorAll(sel)]
    .filter(el => el.getClientRects().length && !scroller(el))
    .map(el => [el, el.getBoundingClientRect()])
    .filter(([el, r]) => r.width > 0 && (r.right > width + 1 || r.left < -1))
    .map(([el, r]) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')} ` +
                      `left=${Math.round(r.left)} right=${Math.round(r.right)}`);
}"""


# Each page is loaded once, on a phone (360 px), from a server that sends a strict
# Content-Security-Policy; then it is checked on each screen in turn, as a reader who turns a
# tablet or resizes a window sees it: the window resized (a laptop at 1280 px, a classroom
# projector at 1024 x 768 at 150 % zoom, laid out 683 px wide), and the device switched to
# dark mode (the theme follows the device's setting, as on a first visit).
SCREENS = {
    "mobile": {"viewport": MOBILE, "scheme": "light"},
    "desktop": {"viewport": DESKTOP, "scheme": "light"},
    "projector": {"viewport": PROJECTOR_LAYOUT, "scheme": "light"},
    "dark": {"viewport": MOBILE, "scheme": "dark"},
}
# What each screen is checked for with axe-core. Colour contrast is most of axe's time, and
# the article's colours do not change with the width (no width media query sets a colour on
# it: test_no_width_media_query_changes_the_articles_colours). So the article's contrast is
# checked on the phone, light and dark; on the wider screens every other rule runs on the
# whole page, and contrast on what they add around the article (sidebars, header, footer).
ARTICLE = "article.bd-article"
WIDER_SCREEN = (AxeRun(skip=("color-contrast",)), AxeRun(only=("color-contrast",), exclude=(ARTICLE,)))
# The projector's 683 px have the phone's page furniture (sidebars folded away below 960 px):
# only the article's layout differs, and its colours do not.
PROJECTOR = (AxeRun(skip=("color-contrast",)),)
CHECKS = {"mobile": EVERY_RULE, "desktop": WIDER_SCREEN, "projector": PROJECTOR,
          "dark": (AxeRun(only=("color-contrast",)),)}
# The Chinese edition has the English pages' templates and stylesheets, whose layout the
# English pass checks at every width: its pages are checked on a phone. Their colours in dark
# mode are those of the English pages, which are checked in dark mode: the same stylesheets,
# byte for byte, with no rule that depends on the language, and no kind of element the
# English page lacks (test_chinese_pages_are_styled_as_the_english_ones).
ZH_CHECKS = ("mobile",)
# Screens on which nothing may be wider than the screen (tables and code scroll by themselves).
FIT_SCREENS = ("mobile", "projector")


def checks_for(page: str) -> tuple[str, ...]:
    return ZH_CHECKS if page.startswith("zh/") else tuple(CHECKS)


TAKE_CSP = "window.__csp.splice(0)"  # the violations CSP_RECORDER recorded so far
UNNAMED_SOURCE = re.compile(r" :\d+$")  # a recorded violation whose script has no file


class PagePass:
    """Every page loaded once and checked on each of its screens, two pages at a time in
    two tabs (two browser contexts, so two renderer processes): while axe-core checks one
    page on a screen, the other page loads or is checked on its own screen. Most of the time
    is axe's, and one page's axe runs use one processor. Each tab loads page after page."""

    def __init__(self, contexts: list, server, pages: list[str]):
        self.tabs = [RecordingTab(ctx, server) for ctx in contexts]
        self.pages = pages
        self.running: dict[str, dict] = {}  # page -> {"steps": generator, "result", "error"}

    def _start(self, page: str) -> dict:
        if page not in self.running:
            index = self.pages.index(page) if page in self.pages else 0
            tab = self.tabs[index % len(self.tabs)]
            self.running[page] = {"steps": self._steps(page, tab), "result": None, "error": None}
        return self.running[page]

    @staticmethod
    def _advance(entry: dict) -> bool:
        """One step of a page's checks; False once they are done."""
        if entry["result"] is not None or entry["error"] is not None:
            return False
        try:
            next(entry["steps"])
            return True
        except StopIteration as done:
            entry["result"] = done.value
            return False
        except Exception as exc:  # reported by that page's own test
            entry["error"] = exc
            return False

    def _steps(self, page: str, tab: RecordingTab):
        """The checks of one page; yields while axe-core runs on it, returns what was found."""
        shown = {}

        def show(screen: dict) -> None:  # only what differs from the screen shown now
            if shown.get("viewport") != screen["viewport"]:
                tab.page.set_viewport_size(screen["viewport"])
            if shown.get("scheme") != screen["scheme"]:
                tab.page.emulate_media(color_scheme=screen["scheme"])
            shown.update(screen)

        show(SCREENS["mobile"])
        visit_ = tab.load(page)
        yield
        settle(tab.page, visit_)
        inject_axe(tab.page)
        axe, overflow, width = {}, {}, None
        for name in checks_for(page):
            screen = SCREENS[name]
            show(screen)
            if name == "mobile":
                width = scroll_width(tab.page)
            if name in FIT_SCREENS:
                overflow[name] = tab.page.evaluate(FIT_CHECK, screen["viewport"]["width"])
            start_axe(tab.page, runs=CHECKS[name])
            yield
            axe[name] = axe_result(tab.page)
        theme = tab.page.evaluate("document.documentElement.dataset.theme")
        # axe-core adds a <style> of its own, from a script the test evaluated, which has
        # no file: that violation is the test's. Every script of the page has a file, and
        # inline code in the page is reported with the page's address.
        csp = [v for v in tab.page.evaluate(TAKE_CSP) if not UNNAMED_SOURCE.search(v)]
        return {"visit": visit_, "axe": axe, "csp": csp, "width": width, "overflow": overflow, "theme": theme}

    def check(self, page: str) -> dict:
        entry = self._start(page)
        following = self.pages[self.pages.index(page) + 1:] if page in self.pages else []
        companion = self._start(following[0]) if following else None
        try:
            while self._advance(entry):
                if companion is not None:
                    self._advance(companion)
        finally:
            self.running.pop(page)
        if entry["error"] is not None:
            raise entry["error"]
        return entry["result"]

    def close(self) -> None:
        for tab in self.tabs:
            tab.close()


@pytest.fixture(scope="module")
def page_pass(request, browser, csp_server):
    # The pages this run checks, in order: the next one is loaded ahead.
    pages = [item.callspec.params["page"] for item in request.session.items
             if getattr(item, "originalname", None) == "test_page_in_browser"]
    contexts = []
    for _ in range(2):
        ctx = browser.new_context(viewport=MOBILE, device_scale_factor=1)
        ctx.add_init_script(CSP_RECORDER)
        contexts.append(ctx)
    runner = PagePass(contexts, csp_server, pages)
    yield runner
    runner.close()
    for ctx in contexts:
        ctx.close()


AXE_LABELS = {"mobile": f"axe at {MOBILE['width']} px", "desktop": f"axe at {DESKTOP['width']} px",
              "projector": "axe at 1024 x 768, 150 % zoom", "dark": f"axe in dark mode at {MOBILE['width']} px"}


@pytest.mark.browser
@pytest.mark.parametrize("page", PAGES)
def test_page_in_browser(page, page_pass):
    _needs_build()
    found = page_pass.check(page)
    seen, axe, width = found["visit"], found["axe"], found["width"]
    csp = sorted(set(found["csp"]))

    kb = seen.gzip_bytes / 1024
    counts = "+".join(str(len(axe[name])) if name in axe else "-" for name in CHECKS)
    SUMMARY[page] = (
        f"{page:44s} axe {counts}  console {len(seen.console_errors)}"
        f"  pageerr {len(seen.page_errors)}  404/failed {len(seen.failed)}"
        f"  third-party {len(seen.third_party)}  csp {len(csp)}"
        f"  scrollWidth@360 {width}  {len(seen.resources)} files {kb:.0f} KB gz"
    )

    problems = [f"{AXE_LABELS[name]}:\n{_describe(violations)}" for name, violations in axe.items() if violations]
    for label, items in (
        ("console errors", seen.console_errors),
        ("page errors", seen.page_errors),
        ("failed same-origin requests", seen.failed),
        ("requests to other hosts (aborted)", seen.third_party),
        ("Content-Security-Policy violations (tests/test_csp.py)", csp),
        *((f"elements wider than the screen ({AXE_LABELS[name].removeprefix('axe ')})", items)
          for name, items in found["overflow"].items()),
    ):
        if items:
            problems.append(f"{label}: " + "; ".join(sorted(set(items))))
    if width > MOBILE["width"]:
        problems.append(f"horizontal scrolling at {MOBILE['width']} px: scrollWidth {width}")
    if "dark" in axe and found["theme"] != "dark":
        problems.append(f"the page did not follow the device into dark mode (data-theme={found['theme']!r})")
    assert not problems, f"{page}:\n" + "\n".join(problems)


@pytest.mark.browser
def test_skip_link_moves_focus_to_main_content(server, desktop):
    _needs_build()
    tab, _ = visit(desktop, server, "chapters/home.html")
    try:
        tab.keyboard.press("Tab")
        first = tab.evaluate("document.activeElement.closest('#pst-skip-link') !== null")
        visible = tab.evaluate("document.activeElement.getBoundingClientRect().height > 0")
        tab.keyboard.press("Enter")
        tab.wait_for_timeout(200)
        active = tab.evaluate("document.activeElement.id")
        tab.keyboard.press("Tab")
        inside = tab.evaluate("document.querySelector('#main-content').contains(document.activeElement)")
    finally:
        tab.close()
    assert first, "the first Tab does not reach the skip link"
    assert visible, "the focused skip link is not visible"
    assert active == "main-content", f"after the skip link, focus is on #{active!r}, not <main>"
    assert inside, "the next Tab after the skip link leaves the main content"


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["dark", "light"])
def test_colour_mode_follows_the_device(server, browser, scheme):
    """With no choice saved, a phone set to dark mode gets dark pages, and light gets light."""
    _needs_build()
    ctx = browser.new_context(viewport=MOBILE, color_scheme=scheme)
    try:
        tab = ctx.new_page()
        tab.goto(server.url("chapters/home.html"), wait_until="load")
        theme = tab.evaluate("document.documentElement.dataset.theme")
        mode = tab.evaluate("document.documentElement.dataset.mode")
    finally:
        ctx.close()
    assert mode == "auto", f"the default colour mode is {mode!r}, not 'auto'"
    assert theme == scheme, f"a {scheme} device gets {theme!r} pages"


@pytest.mark.browser
def test_search_finds_pages_offline(server, desktop):
    _needs_build()
    tab, seen = visit(desktop, server, "search.html?q=miscarriage")
    try:
        tab.wait_for_selector("#search-results li", timeout=10000)
        hits = tab.locator("#search-results li").count()
    finally:
        tab.close()
    assert hits >= 3, f"search for 'miscarriage' found {hits} pages"
    assert not (seen.console_errors or seen.page_errors or seen.failed or seen.third_party)


@pytest.mark.browser
@pytest.mark.parametrize("kind", ["primary", "secondary"])
def test_sidebar_buttons_open_the_sidebars_on_a_phone(server, mobile, kind):
    _needs_build()
    lesson = f"{toc_docnames()[1]}.html"  # the first lesson: it has a page contents list
    tab, _ = visit(mobile, server, lesson)
    try:
        tab.locator(f"button.{kind}-toggle >> visible=true").first.click()
        tab.wait_for_timeout(400)
        opened = tab.evaluate(f"document.querySelector('#pst-{kind}-sidebar-modal').open")
    finally:
        tab.close()
    assert opened, f"the visible {kind} sidebar button does not open the {kind} sidebar"


@pytest.mark.browser
def test_works_offline_from_file_urls(browser):
    """Opened straight from disk: icons drawn, no errors, nothing fetched from anywhere else."""
    _needs_build()
    ctx = browser.new_context(viewport=MOBILE)
    blocked, errors = [], []
    ctx.route("**/*", lambda r: (blocked.append(r.request.url), r.abort())
              if not r.request.url.startswith(("file:", "data:")) else r.continue_())
    tab = ctx.new_page()
    tab.on("console", lambda m: m.type == "error" and errors.append(m.text))
    tab.on("pageerror", lambda e: errors.append(str(e)))
    tab.on("requestfailed", lambda r: errors.append(f"failed {r.url}"))
    try:
        tab.goto((HTML / "chapters" / "home.html").as_uri(), wait_until="load")
        tab.wait_for_timeout(300)
        mask = tab.evaluate(
            "getComputedStyle(document.querySelector('.fa-bars'), '::before').maskImage"
        )
        tab.goto((HTML / "search.html").as_uri() + "?q=miscarriage", wait_until="load")
        tab.wait_for_selector("#search-results li", timeout=10000)
        tab.wait_for_timeout(500)
        hits = tab.locator("#search-results li").count()
    finally:
        ctx.close()
    assert not blocked, f"requests to other hosts: {blocked}"
    assert not errors, f"errors from file://: {errors}"
    assert mask.startswith("url("), f"menu icon is not drawn (mask-image {mask!r})"
    assert hits >= 3, f"search from file:// found {hits} pages"


# --------------------------------------------------------------------------- static HTML
@pytest.fixture(scope="module")
def soups():
    _needs_build()
    return {p: BeautifulSoup((HTML / p).read_text(encoding="utf-8"), "html.parser") for p in PAGES}


@pytest.mark.parametrize("docname", toc_docnames())
def test_meta_description(docname, soups):
    soup = soups.get(f"{docname}.html")
    assert soup is not None, f"{docname}.html was not built"
    metas = soup.find_all("meta", attrs={"name": "description"})
    assert len(metas) == 1, f"{docname}: {len(metas)} meta descriptions"
    text = metas[0].get("content", "").strip()
    assert 30 <= len(text) <= 160, f"{docname}: description is {len(text)} characters: {text!r}"


def test_every_page_has_a_description_and_a_unique_title(soups):
    titles: dict[str, list[str]] = {}
    for page, soup in soups.items():
        assert soup.find("meta", attrs={"name": "description"}), f"{page}: no meta description"
        title = (soup.title.string or "").strip() if soup.title else ""
        assert title, f"{page}: empty <title>"
        titles.setdefault(title, []).append(page)
    same = {t: p for t, p in titles.items() if len(p) > 1}
    assert not same, f"pages share a title: {same}"


def test_html_lang_names_the_edition(soups):
    """English pages say lang="en"; the Chinese edition's (under zh/) lang="zh-Hans"."""
    def expected(page):
        return "zh-Hans" if page.startswith("zh/") else "en"
    wrong = {p: s.html and s.html.get("lang") for p, s in soups.items()
             if not s.html or s.html.get("lang") != expected(p)}
    assert not wrong, f"pages whose <html lang> does not name their language: {wrong}"


def test_no_third_party_references_in_pages(soups):
    """Nothing on a page names another host to load: scripts, styles, images, frames."""
    found = []
    for page, soup in soups.items():
        for tag in soup.find_all(["script", "link", "img", "iframe", "source", "video", "audio"]):
            for attr in ("src", "href", "srcset"):
                url = tag.get(attr) or ""
                if tag.name == "link" and "stylesheet" not in (tag.get("rel") or []) and attr == "href" \
                        and "preload" not in (tag.get("rel") or []) and "icon" not in (tag.get("rel") or []):
                    continue
                if urlsplit(url).scheme in ("http", "https") or url.startswith("//"):
                    found.append(f"{page}: <{tag.name} {attr}={url}>")
        for script in soup.find_all("script"):
            if re.search(r"https?://", script.string or ""):
                found.append(f"{page}: inline script names a URL: {(script.string or '')[:80]!r}")
    assert not found, "\n".join(found)


def _ids(soup) -> set[str]:
    return {t["id"] for t in soup.find_all(id=True)} | {t["name"] for t in soup.find_all("a", attrs={"name": True})}


def test_internal_links_and_anchors_resolve(soups):
    ids = {page: _ids(soup) for page, soup in soups.items()}
    broken = []
    for page, soup in soups.items():
        base = Path(page).parent
        for tag in soup.find_all(True):
            for attr in ("href", "src"):
                url = tag.get(attr)
                if not url or tag.name == "form":
                    continue
                parts = urlsplit(url)
                if parts.scheme or url.startswith("//"):
                    continue  # external (checked below), mailto:, data:, javascript:
                path = unquote(parts.path)
                target = page if not path else (base / path).as_posix()
                target = str(Path(target)).replace("\\", "/")
                while "/../" in f"/{target}":
                    target = re.sub(r"(^|/)[^/]+/\.\./", r"\1", target, count=1)
                file = HTML / target
                if file.is_dir():
                    file = file / "index.html"
                    target = f"{target.rstrip('/')}/index.html"
                if not file.exists():
                    broken.append(f"{page}: <{tag.name} {attr}={url}> -> missing {target}")
                    continue
                frag = unquote(parts.fragment)
                if frag and target.endswith(".html"):
                    target_ids = ids.get(target)
                    if target_ids is None:
                        target_ids = _ids(BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser"))
                    if frag not in target_ids:
                        broken.append(f"{page}: <{tag.name} {attr}={url}> -> no #{frag} in {target}")
    assert not broken, f"{len(broken)} broken internal links:\n" + "\n".join(sorted(set(broken)))


def test_external_links_are_https_without_tracking(soups):
    bad = []
    for page, soup in soups.items():
        for a in soup.find_all("a", href=True):
            parts = urlsplit(a["href"])
            if parts.scheme == "http":
                bad.append(f"{page}: not https: {a['href']}")
            if parts.scheme in ("http", "https"):
                tracking = [k for k, _ in parse_qsl(parts.query, keep_blank_values=True) if TRACKING.match(k)]
                if tracking:
                    bad.append(f"{page}: tracking parameters {tracking}: {a['href']}")
    assert not bad, "\n".join(bad)


def test_theme_trims_are_in_place(soups):
    """The heavy or broken parts of the default theme stay out of every page."""
    unwanted = {
        "fontawesome.js": "Font Awesome script (1.5 MB)",
        "THEBE_JS_URL": "Thebe configuration",
        "text/x-thebe-config": "Thebe kernel settings",
        "_sources/": "link to unpublished page sources",
    }
    found = []
    for page, soup in soups.items():
        html = str(soup)
        found += [f"{page}: {why}" for marker, why in unwanted.items() if marker in html]
        if not page.endswith("search.html") and soup.find("script", src=re.compile(r"searchindex\.js")):
            found.append(f"{page}: loads the search index outside the search page")
    assert not found, "\n".join(found)
    assert not (HTML / "_static" / "vendor" / "fontawesome").exists(), "Font Awesome fonts are published"
    assert (HTML / "_static" / "course-theme.css").exists(), "course-theme.css was not written"


# --------------------------------------------------------------------------- theme defects
def _lesson_with_quiz() -> str:
    for docname in toc_docnames():
        path = HTML / f"{docname}.html"
        if path.exists() and 'class="quiz"' in path.read_text(encoding="utf-8"):
            return f"{docname}.html"
    pytest.fail("no page has a quiz")


@pytest.fixture(scope="module")
def phone(browser):
    ctx = browser.new_context(viewport=PHONE)
    yield ctx
    ctx.close()


@pytest.fixture(scope="module")
def laptop(browser):
    ctx = browser.new_context(viewport=LAPTOP)
    yield ctx
    ctx.close()


@pytest.mark.browser
def test_one_search_box_on_a_desktop(server, laptop):
    _needs_build()
    tab, _ = visit(laptop, server, f"{toc_docnames()[1]}.html")
    try:
        boxes = tab.locator(".search-button-field >> visible=true").count()
    finally:
        tab.close()
    assert boxes == 1, f"{boxes} search boxes on a lesson page at 1280 px"


FOCUS_RINGS = """() => {
  const sel = 'a[href], button, input, select, textarea, summary, [tabindex]:not([tabindex="-1"])';
  const missing = [];
  let checked = 0;
  for (const el of document.querySelectorAll(sel)) {
    const r = el.getBoundingClientRect();
    const s = getComputedStyle(el);
    if (!el.getClientRects().length || s.visibility === 'hidden' || el.disabled) continue;
    if (el.closest('dialog:not([open]), .pst-sidebar-hidden')) continue;
    el.focus();
    if (document.activeElement !== el) continue;
    checked += 1;
    const f = getComputedStyle(el);
    const ring = (f.outlineStyle !== 'none' && parseFloat(f.outlineWidth) > 0) || f.boxShadow !== 'none';
    // A radio or checkbox may draw its ring on its label.
    const label = el.id && document.querySelector(`label[for="${el.id}"]`);
    const labelRing = label && getComputedStyle(label).outlineStyle !== 'none';
    if (!ring && !labelRing) missing.push(el.outerHTML.slice(0, 100));
  }
  return [checked, missing];
}"""


@pytest.mark.browser
def test_every_focusable_element_shows_a_focus_ring(server, laptop):
    _needs_build()
    tab, _ = visit(laptop, server, _lesson_with_quiz())
    try:
        tab.keyboard.press("Tab")  # keyboard use: browsers show :focus-visible rings
        checked, missing = tab.evaluate(FOCUS_RINGS)
    finally:
        tab.close()
    assert checked > 20, f"only {checked} focusable elements were checked"
    assert not missing, f"{len(missing)} of {checked} elements without a focus ring:\n" + "\n".join(missing[:10])


@pytest.mark.browser
def test_menu_button_has_a_plain_name_and_no_tooltip(server, phone):
    _needs_build()
    tab, _ = visit(phone, server, f"{toc_docnames()[1]}.html")
    try:
        button = tab.locator("button.primary-toggle >> visible=true").first
        name = button.get_attribute("aria-label")
        tooltip = button.get_attribute("data-bs-toggle") or button.get_attribute("title")
        named = tab.get_by_role("button", name="Open the list of lessons", exact=True).count()
    finally:
        tab.close()
    assert name == "Open the list of lessons", f"the menu button is named {name!r}"
    assert named >= 1
    assert not tooltip, f"the menu button has a tooltip ({tooltip!r}) that sticks on touch screens"


# Wait until the page has scrolled away from ``start`` (when given) and then stopped for two
# frames (scroll events are sent once a frame); returns where it stopped.
SCROLL_SETTLED = """async (start) => {
  const frame = () => new Promise(resolve => requestAnimationFrame(resolve));
  for (let i = 0; i < 60 && start !== null && window.scrollY === start; i++) await frame();
  let last = -1, still = 0;
  for (let i = 0; i < 120 && still < 2; i++) {
    await frame();
    still = window.scrollY === last ? still + 1 : 0;
    last = window.scrollY;
  }
  return window.scrollY;
}"""
OVERLAP = """() => {
  const fb = [...document.querySelectorAll('.quiz-feedback')].find(e => e.textContent.trim());
  const top = document.querySelector('#pst-back-to-top');
  const a = fb.getBoundingClientRect(), b = top.getBoundingClientRect();
  const shown = top.getClientRects().length > 0 && getComputedStyle(top).visibility !== 'hidden';
  const overlap = shown && a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
  return {overlap, shown, feedback: [a.top, a.bottom, a.left, a.right].map(Math.round),
          button: [b.top, b.bottom, b.left, b.right].map(Math.round)};
}"""


@pytest.mark.browser
@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["390x844", "1280x800"])
def test_back_to_top_never_covers_quiz_feedback(server, browser, viewport):
    _needs_build()
    ctx = browser.new_context(viewport=viewport)
    tab, _ = visit(ctx, server, _lesson_with_quiz())
    try:
        question = tab.locator(".quiz .quiz-question").first
        answers = tab.evaluate(
            "[...document.querySelector('.quiz-answers li[data-question]').querySelectorAll('li[data-option]')]"
            ".map(li => li.dataset.correct)")
        wrong = answers.index("false")
        question.locator("input").nth(wrong).check()
        question.locator("button.quiz-check").click()
        tab.wait_for_function("[...document.querySelectorAll('.quiz-feedback')].some(e => e.textContent.trim())")
        doc_y = tab.evaluate("[...document.querySelectorAll('.quiz-feedback')].find(e => e.textContent.trim())"
                             ".getBoundingClientRect().top + window.scrollY")
        results = []
        # The feedback anywhere on screen, top to bottom; each time the reader has just
        # scrolled up a little, which is when the theme shows "Back to top" (on the scroll
        # event: the theme's handler sets it at once).
        for share in (0.1, 0.3, 0.5, 0.7, 0.85):
            tab.evaluate(f"window.scrollTo(0, {doc_y - share * viewport['height'] + 150})")
            start = tab.evaluate(SCROLL_SETTLED, None)
            tab.mouse.wheel(0, -150)
            tab.evaluate(SCROLL_SETTLED, start)
            results.append(tab.evaluate(OVERLAP))
    finally:
        tab.close()
        ctx.close()
    covered = [r for r in results if r["overlap"]]
    assert not covered, f"'Back to top' covers the quiz feedback: {covered}"


@pytest.mark.browser
def test_previous_and_next_fit_in_two_lines_on_a_phone(server, phone):
    _needs_build()
    tall = []
    for docname in toc_docnames()[1:4]:
        tab, _ = visit(phone, server, f"{docname}.html")
        try:
            lines = tab.evaluate("""() => [...document.querySelectorAll('.prev-next-area .prev-next-title')]
                .map(t => t.getBoundingClientRect().height / parseFloat(getComputedStyle(t).lineHeight))""")
        finally:
            tab.close()
        assert lines, f"{docname}: no previous/next links"
        tall += [f"{docname}: {n:.1f} lines" for n in lines if n > 2.05]
    assert not tall, "previous/next titles longer than two lines at 390 px: " + "; ".join(tall)


@pytest.mark.browser
@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["390x844", "1280x800"])
def test_h2_is_not_lighter_than_h3(server, browser, viewport):
    _needs_build()
    page = next(f"{d}.html" for d in toc_docnames()
                if "<h3" in (HTML / f"{d}.html").read_text(encoding="utf-8"))
    ctx = browser.new_context(viewport=viewport)
    tab, _ = visit(ctx, server, page)
    try:
        h2, h3 = tab.evaluate("""() => ['h2', 'h3'].map(h =>
            +getComputedStyle(document.querySelector('article.bd-article ' + h)).fontWeight)""")
    finally:
        tab.close()
        ctx.close()
    assert h2 >= h3, f"h2 weighs {h2}, lighter than h3 ({h3})"


@pytest.mark.browser
def test_links_have_one_colour_in_text_and_tables(server, laptop):
    _needs_build()
    page = next((p for p in PAGES if re.search(r"<td[^>]*>(?:(?!</td>).)*<a ", (HTML / p).read_text(encoding="utf-8"), re.S)), None)
    assert page, "no page has a link in a table"
    tab, _ = visit(laptop, server, page)
    try:
        text, table = tab.evaluate("""() => [
            getComputedStyle(document.querySelector('article.bd-article p a.reference')).color,
            getComputedStyle(document.querySelector('article.bd-article td a')).color]""")
    finally:
        tab.close()
    assert text == table, f"{page}: links are {text} in text but {table} in tables"


def test_print_styles_do_not_block_the_screen(soups):
    blocking = [f"{page}: {link}" for page, soup in soups.items()
                for link in soup.find_all("link", rel="stylesheet")
                if "print.css" in link.get("href", "") and link.get("media") != "print"]
    assert not blocking, "print.css without media=\"print\":\n" + "\n".join(blocking)


def test_pages_have_no_inline_code_or_styles(soups):
    """What a strict Content-Security-Policy would block (tests/test_csp.py checks it live)."""
    found = []
    for page, soup in soups.items():
        for script in soup.find_all("script"):
            if not script.get("src") and (script.string or "").strip():
                found.append(f"{page}: inline <script> {(script.string or '').strip()[:60]!r}")
        for tag in soup.find_all(True):
            handlers = [a for a in tag.attrs if a.startswith("on")]
            if handlers or tag.has_attr("style"):
                found.append(f"{page}: <{tag.name} {' '.join(handlers) or 'style'}=...>")
    assert not found, f"{len(found)} inline scripts, handlers or styles:\n" + "\n".join(found[:20])


def test_every_icon_is_drawn_by_course_icons_css(soups):
    """An icon class without a rule in _static/course-icons.css would show nothing: add it to
    CLASS_ICONS in scripts/icon_css.py and run the script."""
    css = (ROOT / "_static" / "course-icons.css").read_text(encoding="utf-8")
    drawn = set(re.findall(r"^\.fa-([\w-]+) \{ --course-icon", css, re.M))
    modifiers = {"solid", "regular", "brands", "lg", "xs", "sm", "xl", "fw", "2x", "3x", "spin"}
    used = {cls[3:] for soup in soups.values() for tag in soup.select('[class*="fa-"]')
            for cls in tag.get("class", []) if cls.startswith("fa-") and cls[3:] not in modifiers}
    assert used, "no icons found in the pages"
    assert used <= drawn, f"icons without a rule in course-icons.css: {sorted(used - drawn)}"


def test_theme_versions_are_the_ones_the_templates_were_written_for():
    """_ext/course/templates copy blocks of these theme versions: after an upgrade, compare
    them with the new theme's templates, then update WRITTEN_FOR in _ext/course/theme.py."""
    import sys
    from importlib.metadata import version

    sys.path.insert(0, str(ROOT / "_ext"))
    from course.theme import WRITTEN_FOR

    changed = {name: (want, version(name)) for name, want in WRITTEN_FOR.items() if version(name) != want}
    assert not changed, (
        "_ext/course/theme.py and its templates were written for other theme versions "
        + ", ".join(f"{n} {w} (installed {got})" for n, (w, got) in changed.items())
        + ": check _ext/course/templates against the new theme, then update WRITTEN_FOR"
    )


# --------------------------------------------------------------------------- theme stylesheet
def _icon_css_script():
    import importlib.util

    spec = importlib.util.spec_from_file_location("icon_css", ROOT / "scripts" / "icon_css.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _pinned(name: str) -> str | None:
    for line in (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines():
        package, _, pin = line.partition("==")
        if package.strip().lower() == name:
            return pin.split(";")[0].strip()
    return None


def test_theme_stylesheet_was_made_from_the_pinned_theme():
    """course.theme serves a trimmed copy of pydata-sphinx-theme's stylesheet: after the pin
    in requirements.txt moves, the copy must be made again from the new theme."""
    import sys

    sys.path.insert(0, str(ROOT / "_ext"))
    from course.theme import THEME_CSS, theme_css_version

    pinned, made_from = _pinned("pydata-sphinx-theme"), theme_css_version()
    assert pinned, "requirements.txt does not pin pydata-sphinx-theme"
    assert made_from == pinned, (
        f"_ext/course/theme.py serves {THEME_CSS.relative_to(ROOT)}, made from pydata-sphinx-theme "
        f"{made_from}, but requirements.txt pins {pinned}: install the pin, run "
        "`.venv/bin/python scripts/icon_css.py` and commit the output")


def test_committed_icon_and_theme_css_are_what_the_script_writes():
    script = _icon_css_script()
    stale = [str(path.relative_to(ROOT)) for path, text in script.outputs().items()
             if not path.exists() or path.read_text(encoding="utf-8") != text]
    assert not stale, f"out of date: {stale}; run `.venv/bin/python scripts/icon_css.py` and commit the output"


def test_theme_stylesheet_loses_only_the_glyph_map():
    """Rules that map an icon name to a font glyph go; everything else stays, byte for byte."""
    script = _icon_css_script()
    css = ('@charset "UTF-8";/*! keep */.a{color:red}.fa-x:before,.fa-y::after{content:"\\f00d"}'
           '@media (min-width:1px){.fa-z:before{content:"\\f00e"}}'
           '.fa-w:before{content:"\\f00f";color:red}.b:before{content:"}{;"}.fa-v:before{content:";"}'
           '.c,.fa-u:before{content:"x"}\n/*# sourceMappingURL=x.css.map*/')
    items = list(script.css_items(css))
    assert "".join(items) == css
    kept = "".join(i for i in items if not script.is_dropped(i))
    assert kept == ('@charset "UTF-8";/*! keep */.a{color:red}@media (min-width:1px){.fa-z:before{content:"\\f00e"}}'
                    '.fa-w:before{content:"\\f00f";color:red}.b:before{content:"}{;"}.c,.fa-u:before{content:"x"}\n')


def test_unused_bootstrap_parts_go_and_the_rest_stays():
    """A selector of an unused component goes; its rule keeps its other selectors; an
    ``@media`` block left empty goes; ``:is(a, b)`` is one selector."""
    script = _icon_css_script()
    css = ('.a{color:red}.carousel,.b{x:1}.col-6{y:2}.collapse{z:3}'
           '@media (min-width:1px){.modal{x:1}.row-cols-2>*{y:2}}@media print{.c{x:1}.card{y:2}}'
           ':is(.d,.badge) .e{x:1}')
    assert script.without_unused(css) == ('.a{color:red}.b{x:1}.collapse{z:3}'
                                          '@media print{.c{x:1}}:is(.d,.badge) .e{x:1}')


@pytest.mark.parametrize("edition", ["", "zh/"])
def test_no_page_uses_a_bootstrap_part_the_stylesheet_left_out(edition):
    """The trimmed stylesheet has no rules for UNUSED_BOOTSTRAP (scripts/icon_css.py): no
    page of the site, and none of the course's own scripts, may use one of those classes."""
    _needs_build()
    import re

    script = _icon_css_script()
    unused = re.compile(r"(?:%s)" % "|".join(script.UNUSED_BOOTSTRAP))
    found = set()
    pages = list((HTML / edition).rglob("*.html")) if edition else [p for p in HTML.rglob("*.html")
                                                                    if "zh" not in p.relative_to(HTML).parts[:1]]
    for page in pages:
        for classes in re.findall(r'class="([^"]*)"', page.read_text(encoding="utf-8")):
            found |= {f"{page.relative_to(HTML)}: {c}" for c in classes.split() if unused.fullmatch(c)}
    scripts = list((ROOT / "_static").glob("*.js")) + list((ROOT / "_ext" / "course" / "static").rglob("*.js"))
    for path in scripts:
        text = path.read_text(encoding="utf-8")
        for literal in re.findall(r"[\"'`]([\w -]+)[\"'`]", text):
            found |= {f"{path.relative_to(ROOT)}: {c}" for c in literal.split() if unused.fullmatch(c)}
    assert not found, (f"classes the trimmed theme stylesheet has no rules for: {sorted(found)[:5]}; "
                       "take them out of UNUSED_BOOTSTRAP in scripts/icon_css.py and run it")


@pytest.mark.parametrize("edition", ["", "zh/"])
def test_built_site_serves_the_trimmed_theme_stylesheet(edition):
    _needs_build()
    built = HTML / edition / "_static" / "styles" / "pydata-sphinx-theme.css"
    committed = ROOT / "_ext" / "course" / "static" / "styles" / "pydata-sphinx-theme.css"
    assert built.exists(), f"{built} was not built"
    assert built.read_bytes() == committed.read_bytes(), (
        f"{built.relative_to(ROOT)} is not {committed.relative_to(ROOT)}: the theme's own stylesheet "
        "was served (course.theme adds _ext/course/static to html_static_path)")
    assert not built.with_name(built.name + ".map").exists(), "the theme's source map is published"


# --------------------------------------------------------------------------- build hook
def _mini_book(tmp_path: Path, described: bool) -> "subprocess.CompletedProcess[str]":
    """A two-page Sphinx project with MyST and course.meta, built with warnings as errors."""
    import subprocess
    import sys

    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text(
        "import sys\n"
        f"sys.path.insert(0, {str(Path(__file__).resolve().parents[1] / '_ext')!r})\n"
        "extensions = ['myst_parser', 'course.meta']\n"
        "project = 'mini'\n",
        encoding="utf-8",
    )
    front = '---\nmyst:\n  html_meta:\n    description: "A page about something."\n---\n'
    (src / "index.md").write_text(front + "# Home\n\n```{toctree}\nlesson\n```\n", encoding="utf-8")
    (src / "lesson.md").write_text((front if described else "") + "# Lesson\n\nText.\n", encoding="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "sphinx", "-W", "-q", "-b", "html", str(src), str(tmp_path / "out")],
        capture_output=True, text=True, timeout=120,
    )


def test_build_fails_naming_a_page_without_description(tmp_path):
    result = _mini_book(tmp_path, described=False)
    assert result.returncode != 0, "a page without a meta description did not fail the build"
    assert "lesson.md" in result.stderr and "meta description" in result.stderr, result.stderr


def test_build_passes_when_every_page_has_a_description(tmp_path):
    result = _mini_book(tmp_path, described=True)
    assert result.returncode == 0, result.stderr


# --------------------------------------------------------------------------- colours by width
COLOUR_PROPERTY = re.compile(r"(?<![\w-])(?:color|background(?:-color|-image)?|border(?:-[a-z]+)?-color|opacity|fill|"
                             r"stroke|text-shadow|filter|mix-blend-mode)\s*:")
WIDTH_QUERY = re.compile(r"\b(?:min|max)-(?:device-)?width\b")
PSEUDO = re.compile(r"::?[\w-]+")


def _width_colour_selectors(text: str, script, in_width_query: bool = False):
    """Selectors of the rules that set a colour inside a ``@media`` width query (print left out)."""
    for item in script.css_items(text):
        lead = item.lstrip()
        if lead.startswith(("@media", "@supports")):
            head, _, block = item.partition("{")
            if "print" in head and "screen" not in head and head.startswith("@media"):
                continue
            inner = block[:block.rfind("}")]
            yield from _width_colour_selectors(inner, script, in_width_query or bool(WIDTH_QUERY.search(head)))
        elif in_width_query and "{" in item and not lead.startswith(("@", "/*")):
            head, _, body = item.partition("{")
            if COLOUR_PROPERTY.search(body):
                yield from (sel.strip() for sel in script.selectors_of(head))


def test_no_width_media_query_changes_the_articles_colours(soups):
    """The wider screens check colour contrast only around the article (WIDER_SCREEN): that
    holds while no stylesheet sets a colour by width on the article, on anything in it or on
    anything around it that it inherits from."""
    script = _icon_css_script()
    sheets = sorted({(HTML / page).parent.joinpath(link["href"].split("?")[0]).resolve()
                     for page, soup in soups.items() for link in soup.select('link[rel="stylesheet"]')})
    selectors = {}
    for sheet in sheets:
        text = sheet.read_text(encoding="utf-8")
        for sel in _width_colour_selectors(text, script):
            selectors.setdefault(PSEUDO.sub("", script._outside_brackets(sel)).strip() or "*", sel)
    assert selectors, "no colour rule in a width media query found: is the stylesheet parser still right?"
    problems = []
    for name, soup in soups.items():
        article = soup.select_one(ARTICLE)
        if article is None:
            continue
        around = {id(article), *map(id, article.find_parents())}
        for plain, original in selectors.items():
            try:
                hits = soup.select(plain)
            except Exception as exc:  # a selector soupsieve cannot read
                problems.append(f"{original!r}: cannot check ({exc})")
                continue
            inside = [el for el in hits if id(el) in around or article in el.find_parents()]
            if inside:
                problems.append(f"{name}: {original!r} sets a colour by width on <{inside[0].name}>")
    assert not problems, ("colours change with the width, so contrast must be checked on the whole page "
                          "at every width (CHECKS):\n" + "\n".join(sorted(set(problems))[:20]))


def test_chinese_pages_are_styled_as_the_english_ones(soups):
    """What lets the Chinese pages skip the dark-mode pass (ZH_CHECKS): each has its English
    page's stylesheets, byte for byte; no stylesheet rule depends on the language; and every
    kind of element on it (tag and classes) is on its English page too."""
    problems = []

    def sheets(page, soup):
        return [(HTML / page).parent.joinpath(link["href"].split("?")[0]).resolve()
                for link in soup.select('link[rel="stylesheet"]')]

    def kinds(soup):
        return {(el.name, " ".join(sorted(el.get("class", [])))) for el in soup.body.find_all(True)}

    chinese = [page for page in soups if page.startswith("zh/")]
    assert chinese, "no Chinese pages in the build"
    for page in chinese:
        english = page.removeprefix("zh/")
        if english not in soups:
            problems.append(f"{page}: no English page {english}")
            continue
        zh_sheets, en_sheets = sheets(page, soups[page]), sheets(english, soups[english])
        if [s.relative_to(HTML / "zh") for s in zh_sheets] != [s.relative_to(HTML) for s in en_sheets]:
            problems.append(f"{page}: other stylesheets than {english}")
        for zh_sheet, en_sheet in zip(zh_sheets, en_sheets):
            if zh_sheet.read_bytes() != en_sheet.read_bytes():
                problems.append(f"{page}: {zh_sheet.name} differs from the English one")
            if re.search(r":lang\(|\[lang[\]=|~]", zh_sheet.read_text(encoding="utf-8")):
                problems.append(f"{zh_sheet.name} has a rule that depends on the language")
        extra = kinds(soups[page]) - kinds(soups[english])
        if extra:
            problems.append(f"{page}: elements its English page lacks: {sorted(extra)[:5]}")
    assert not problems, ("the Chinese pages' colours are not checked by the English dark-mode pass; "
                          "add 'dark' to ZH_CHECKS or fix:\n" + "\n".join(sorted(set(problems))[:20]))
