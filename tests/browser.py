"""Headless Chromium over the built book, served from a local HTTP server.

Shared by the browser tests:

- :class:`LocalServer` serves a folder on 127.0.0.1 at a free port (a thread, no gzip),
  optionally with extra response headers (a Content-Security-Policy).
- :func:`launch_chromium` starts Debian's Chromium through Playwright (Playwright cannot
  download its own browsers here).
- :func:`visit` opens one page and records everything a reader's browser does: console errors,
  page errors, failed same-origin requests, requests to other hosts (aborted and counted)
  and every response with its size, raw and gzip-compressed (:func:`open_page` and
  :func:`settle` are its two halves, for loading several pages side by side;
  :class:`RecordingTab` loads page after page in one tab).
- :func:`run_axe` injects axe-core from the ``axe-playwright-python`` package (pinned in
  requirements.txt, nothing fetched at test time) and runs the WCAG 2.1 A/AA rules.

The pytest fixtures ``server`` and ``browser`` that use these are in conftest.py.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import io
import os
import re
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# What a careful host would send (tests/test_csp.py): nothing inline, nothing from elsewhere.
CSP_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:"
# An init script: runs before any script of the page and records each blocked inline script,
# event handler or style attribute in window.__csp.
CSP_RECORDER = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__csp.push(`${e.violatedDirective} ${e.blockedURI || 'inline'} ${e.sourceFile || ''}:${e.lineNumber}`);
});
"""
MOBILE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}
# Resources already compressed: counted at their size on disk.
COMPRESSED_TYPES = ("image/png", "image/jpeg", "image/gif", "image/webp", "font/woff", "font/woff2")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, no caching; gzip for text when the server is asked to (like real hosts)."""

    use_gzip = False
    extra_headers: dict = {}

    def log_message(self, *args):  # keep test output readable
        pass

    def end_headers(self):
        self.send_header("Cache-Control", "no-store")
        for name, value in self.extra_headers.items():
            self.send_header(name, value)
        super().end_headers()

    def send_head(self):
        if not self.use_gzip or "gzip" not in self.headers.get("Accept-Encoding", ""):
            return super().send_head()
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        ctype = self.guess_type(str(path))
        if not path.is_file() or ctype.startswith(COMPRESSED_TYPES) or not (
            ctype.startswith("text/") or ctype.endswith(("javascript", "json", "svg+xml", "xml"))
        ):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


class _QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        # The browser may close a connection early (a page closed mid-load): not an error.
        exc = sys.exc_info()[1]
        if not isinstance(exc, (BrokenPipeError, ConnectionResetError)):
            super().handle_error(request, client_address)


class LocalServer:
    """``http.server`` over ``root`` on 127.0.0.1 at a free port, in a daemon thread.

    ``use_gzip=True`` compresses text responses as a real web host does (page weight,
    Lighthouse); the tests use plain responses. ``headers`` are sent with every response
    (for example a Content-Security-Policy, as a strict host would send it)."""

    def __init__(self, root: Path, use_gzip: bool = False, headers: dict[str, str] | None = None):
        self.root = Path(root)
        handler_cls = type("Handler", (_QuietHandler,), {"use_gzip": use_gzip, "extra_headers": dict(headers or {})})
        handler = functools.partial(handler_cls, directory=str(self.root))
        self.httpd = _QuietServer(("127.0.0.1", 0), handler)
        self.port = self.httpd.server_address[1]
        self.origin = f"http://127.0.0.1:{self.port}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> "LocalServer":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def url(self, relpath: str) -> str:
        return f"{self.origin}/{relpath}"


def launch_chromium(playwright):
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)


def built_pages(html_dir: Path) -> list[str]:
    """Every HTML page of the build (relative paths), both editions; theme templates under
    _static (``_static/…``, ``zh/_static/…``) left out."""
    return sorted(
        p.relative_to(html_dir).as_posix()
        for p in html_dir.rglob("*.html")
        if not any(part.startswith("_") for part in p.relative_to(html_dir).parts[:-1])
    )


@dataclass
class Visit:
    url: str
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)  # same-origin requests that failed or got >= 400
    third_party: list[str] = field(default_factory=list)  # requests to any other host, aborted
    resources: list[dict] = field(default_factory=list)  # url, type, raw, gzip
    # Set once the page has loaded: what test tools do afterwards (axe fetches stylesheets
    # itself) is not the reader's page.
    closed: bool = False
    # Requests not yet finished, and when a request last started or ended (the page is
    # quiet when none is pending and none has for a while).
    inflight: set = field(default_factory=set, repr=False)
    last_event: float = field(default_factory=time.monotonic)

    @property
    def raw_bytes(self) -> int:
        return sum(r["raw"] for r in self.resources)

    @property
    def gzip_bytes(self) -> int:
        return sum(r["gzip"] for r in self.resources)


@functools.lru_cache(maxsize=None)
def _file_sizes(path: Path, mtime: float, content_type: str) -> tuple[int, int]:
    """A served file's size as sent (raw) and gzip-compressed (compressed types as they are).
    The server sends files as they are on disk, so the sizes come from there: asking the
    browser for every response body costs more than loading the page."""
    body = path.read_bytes()
    if content_type.startswith(COMPRESSED_TYPES):
        return len(body), len(body)
    return len(body), len(gzip.compress(body, compresslevel=6))


def _served_file(server: "LocalServer", url: str) -> Path | None:
    path = server.root / unquote(urlsplit(url).path).lstrip("/")
    if path.is_dir():
        path = path / "index.html"
    return path if path.is_file() else None


class RecordingTab:
    """A browser tab that records what each page it loads does (a :class:`Visit` per
    :meth:`load`). Loading page after page in one tab is much cheaper than a new tab for each:
    a new tab starts a new renderer process."""

    def __init__(self, context, server: LocalServer):
        self.page = context.new_page()
        self.server = server
        self.record = Visit(url="")
        origin = server.origin

        def other_host(r):
            if self.record.closed:
                return r.continue_()
            self.record.third_party.append(r.request.url)
            r.abort()

        def on_request(req):
            self.record.last_event = time.monotonic()
            self.record.inflight.add(req)

        def on_done(req):
            self.record.last_event = time.monotonic()
            self.record.inflight.discard(req)

        def on_response(resp):
            record = self.record
            if record.closed or not resp.url.startswith(origin + "/"):
                return
            if resp.status >= 400:
                record.failed.append(f"{resp.status} {resp.url}")
                return
            file = _served_file(server, resp.url)
            if file is None or resp.status != 200:  # redirects have no body
                return
            ctype = (resp.headers.get("content-type") or "").split(";")[0]
            raw, packed = _file_sizes(file, file.stat().st_mtime, ctype)
            record.resources.append({"url": resp.url, "type": ctype, "raw": raw, "gzip": packed})

        def on_failed(req):
            on_done(req)
            # ERR_ABORTED is a request cancelled by a navigation (index.html redirects at
            # once), not a missing file: those arrive as responses with status >= 400.
            if not self.record.closed and req.url.startswith(origin + "/") and req.failure != "net::ERR_ABORTED":
                self.record.failed.append(f"failed {req.url} ({req.failure})")

        page = self.page
        # Only requests to other hosts come to Python (matched by the browser driver): routing
        # every request through here would slow every page down.
        page.route(re.compile(r"^(?!" + re.escape(origin) + r"/)(?:https?|wss?)://"), other_host)
        page.on("console", lambda m: m.type == "error" and not self.record.closed
                and self.record.console_errors.append(f"{m.text} ({m.location.get('url', '')})"))
        page.on("pageerror", lambda e: not self.record.closed and self.record.page_errors.append(str(e)))
        page.on("request", on_request)
        page.on("requestfinished", on_done)
        page.on("response", on_response)
        page.on("requestfailed", on_failed)

    def load(self, relpath: str) -> Visit:
        """Start loading ``relpath`` and return its record at once (:func:`settle` waits)."""
        self.record.closed = True
        self.record = Visit(url=relpath)
        self.page.goto(self.server.url(relpath), wait_until="commit")
        return self.record

    def close(self) -> None:
        self.page.close()


def open_page(context, server: LocalServer, relpath: str):
    """Start loading ``relpath`` in a new tab of ``context``; return (page, Visit) at once.
    Several pages can load side by side; :func:`settle` waits for one. Caller closes page."""
    tab = RecordingTab(context, server)
    return tab.page, tab.load(relpath)


def settle(page, record: Visit, *, settle_ms: int = 300, timeout_ms: int = 5000) -> None:
    """Wait until the page has loaded and its network has been quiet for ``settle_ms`` (no
    request started or finished, none pending; at most ``timeout_ms``), so that late
    requests and script errors are counted; then stop recording."""
    page.wait_for_load_state("load")
    deadline = time.monotonic() + timeout_ms / 1000
    while time.monotonic() < deadline:
        quiet = time.monotonic() - record.last_event
        if not record.inflight and quiet >= settle_ms / 1000:
            break
        page.wait_for_timeout(max(20, min(100, settle_ms - quiet * 1000)))
    record.closed = True


def visit(context, server: LocalServer, relpath: str, *, settle_ms: int = 300):
    """Open ``relpath`` in a new page of ``context`` and wait for it to settle; return
    (page, Visit). Caller closes page."""
    page, record = open_page(context, server, relpath)
    settle(page, record, settle_ms=settle_ms)
    return page, record


@functools.lru_cache(maxsize=1)
def axe_source() -> str:
    import axe_playwright_python

    return (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")


AXE_RUN = """([tags, runs]) => {
    // Each run: every rule with one of the WCAG tags (the experimental ones too:
    // label-content-name-mismatch is experimental in axe 4.x), or only the listed rules,
    // less the skipped ones, over the page less the excluded regions.
    // Started from a timer, so that this call returns before axe's long synchronous work.
    window.__courseAxe = (async () => {
        await new Promise(resolve => setTimeout(resolve, 0));
        const wcag = axe.getRules().filter(r => r.tags.some(t => tags.includes(t))).map(r => r.ruleId);
        const found = [];
        for (const run of runs) {
            const ids = (run.only || wcag).filter(id => !(run.skip || []).includes(id));
            const where = run.exclude ? {include: [['html']], exclude: run.exclude.map(s => [s])} : document;
            const r = await axe.run(where, {runOnly: {type: 'rule', values: ids},
                                            resultTypes: ['violations']});
            found.push(...r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(n => n.target.join(' ') + ' :: ' + n.failureSummary)})));
        }
        return found;
    })();
}"""


@dataclass(frozen=True)
class AxeRun:
    """One axe-core run: ``only`` these rules (default: every WCAG A/AA rule) less ``skip``,
    over the page less the ``exclude`` regions (CSS selectors)."""

    only: tuple[str, ...] | None = None
    skip: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()

    def spec(self) -> dict:
        return {"only": list(self.only) if self.only else None, "skip": list(self.skip),
                "exclude": list(self.exclude) or None}


EVERY_RULE = (AxeRun(),)


def inject_axe(page) -> None:
    """Load axe-core into the open page (once)."""
    if not page.evaluate("typeof window.axe === 'object'"):
        page.evaluate(axe_source())


def start_axe(page, tags=AXE_TAGS, rules: list[str] | None = None, runs: tuple[AxeRun, ...] | None = None) -> None:
    """Start axe-core on the open page and return at once: pages in other browser contexts
    are checked side by side (each has its own renderer process). :func:`axe_result` waits.
    ``runs`` (default: one run of ``rules``, or of every WCAG rule) are made one after another."""
    inject_axe(page)
    runs = runs or (AxeRun(only=tuple(rules) if rules else None),)
    page.evaluate(AXE_RUN, [tags, [run.spec() for run in runs]])


def axe_result(page) -> list[dict]:
    """The violations found by the runs :func:`start_axe` started on ``page``."""
    return page.evaluate("window.__courseAxe")


def run_axe(page, tags=AXE_TAGS, rules: list[str] | None = None, runs: tuple[AxeRun, ...] | None = None) -> list[dict]:
    """Violations of axe-core's rules with ``tags`` (or only ``rules``, or ``runs``) on the open page."""
    start_axe(page, tags, rules, runs)
    return axe_result(page)


def axe_version() -> str:
    return axe_source()[:40].split("axe v", 1)[-1].split()[0]


def scroll_width(page) -> int:
    return page.evaluate("document.scrollingElement.scrollWidth")
