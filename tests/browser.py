"""Headless Chromium over the built book, served from a local HTTP server.

Shared by the browser tests:

- :class:`LocalServer` serves a folder on 127.0.0.1 at a free port (a thread, no gzip),
  optionally with extra response headers (a Content-Security-Policy).
- :func:`launch_chromium` starts Debian's Chromium through Playwright (Playwright cannot
  download its own browsers here).
- :func:`visit` opens one page and records everything a reader's browser does: console errors,
  page errors, failed same-origin requests, requests to other hosts (aborted and counted)
  and every response with its size, raw and gzip-compressed.
- :func:`run_axe` injects axe-core from the ``axe-playwright-python`` package (pinned in
  requirements.txt, nothing fetched at test time) and runs the WCAG 2.1 A/AA rules.

Pytest fixtures ``server`` and ``browser`` are defined at the end for test modules that
import them (``from browser import server, browser``).
"""

from __future__ import annotations

import functools
import gzip
import http.server
import io
import os
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

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

    @property
    def raw_bytes(self) -> int:
        return sum(r["raw"] for r in self.resources)

    @property
    def gzip_bytes(self) -> int:
        return sum(r["gzip"] for r in self.resources)


def _gzip_size(body: bytes, content_type: str) -> int:
    if content_type.startswith(COMPRESSED_TYPES):
        return len(body)
    return len(gzip.compress(body, compresslevel=6))


def visit(context, server: LocalServer, relpath: str, *, settle_ms: int = 300):
    """Open ``relpath`` in a new page of ``context``; return (page, Visit). Caller closes page."""
    page = context.new_page()
    record = Visit(url=relpath)
    local = urlsplit(server.origin).netloc

    def route(r):
        if record.closed:
            return r.continue_()
        parts = urlsplit(r.request.url)
        if parts.scheme in ("http", "https", "ws", "wss") and parts.netloc != local:
            record.third_party.append(r.request.url)
            r.abort()
        else:
            r.continue_()

    def on_response(resp):
        if record.closed or urlsplit(resp.url).netloc != local:
            return
        if resp.status >= 400:
            record.failed.append(f"{resp.status} {resp.url}")
            return
        try:
            body = resp.body()
        except Exception:  # redirects and aborted responses have no body
            return
        ctype = (resp.headers.get("content-type") or "").split(";")[0]
        record.resources.append(
            {"url": resp.url, "type": ctype, "raw": len(body), "gzip": _gzip_size(body, ctype)}
        )

    def on_failed(req):
        # ERR_ABORTED is a request cancelled by a navigation (index.html redirects at
        # once), not a missing file: those arrive as responses with status >= 400.
        if not record.closed and urlsplit(req.url).netloc == local and req.failure != "net::ERR_ABORTED":
            record.failed.append(f"failed {req.url} ({req.failure})")

    page.route("**/*", route)
    page.on("console", lambda m: m.type == "error" and not record.closed
            and record.console_errors.append(f"{m.text} ({m.location.get('url', '')})"))
    page.on("pageerror", lambda e: not record.closed and record.page_errors.append(str(e)))
    page.on("response", on_response)
    page.on("requestfailed", on_failed)
    page.goto(server.url(relpath), wait_until="load")
    try:
        page.wait_for_load_state("networkidle", timeout=5000)
    except Exception:
        pass
    page.wait_for_timeout(settle_ms)
    record.closed = True
    return page, record


@functools.lru_cache(maxsize=1)
def axe_source() -> str:
    import axe_playwright_python

    return (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")


def run_axe(page, tags=AXE_TAGS, rules: list[str] | None = None) -> list[dict]:
    """Violations of axe-core's rules with ``tags`` (or only ``rules``) on the open page."""
    page.evaluate(axe_source())
    result = page.evaluate(
        """async ([tags, only]) => {
            // Every rule with one of the WCAG tags, the experimental ones too
            // (label-content-name-mismatch is experimental in axe 4.x).
            const ids = only || axe.getRules().filter(r => r.tags.some(t => tags.includes(t)))
                                              .map(r => r.ruleId);
            const r = await axe.run(document, {runOnly: {type: 'rule', values: ids},
                                               resultTypes: ['violations']});
            return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(n => n.target.join(' ') + ' :: ' + n.failureSummary)}));
        }""",
        [tags, rules],
    )
    return result


def axe_version() -> str:
    return axe_source()[:40].split("axe v", 1)[-1].split()[0]


def scroll_width(page) -> int:
    return page.evaluate("document.scrollingElement.scrollWidth")


# --------------------------------------------------------------------------- pytest fixtures
try:
    import pytest
except ImportError:  # scripts import this module without pytest
    pytest = None

if pytest is not None:

    @pytest.fixture(scope="session")
    def server(built_html):
        with LocalServer(built_html) as srv:
            yield srv

    # Module scope: Playwright's sync API allows one running instance per thread, so each
    # test module that drives a browser must have closed its own before the next starts.
    @pytest.fixture(scope="module")
    def browser():
        from playwright.sync_api import sync_playwright

        assert Path(CHROMIUM).exists(), f"{CHROMIUM} is missing: run scripts/system-deps.sh test"
        with sync_playwright() as p:
            b = launch_chromium(p)
            yield b
            b.close()
