#!/usr/bin/env python3
"""Page weight of the built site, measured in a real browser, and Lighthouse scores.

For every built page, headless Chromium loads it from a local server that gzips text the
way a web host does, and every response is counted: bytes transferred (gzip-encoded for
text, as sent for images and fonts), number of files. Prints one line per page, then the
median and maximum against a default Jupyter Book page and the targets.

Lighthouse (mobile, all four categories) runs on a few pages. The pinned version below is
installed from the npm registry into a cache folder the first time (``--no-install-lighthouse``
to skip; ``--lighthouse 0`` for no audit) and runs with Debian's Chromium. When it cannot be
installed, the scores are skipped, not guessed.

    .venv/bin/python scripts/page_weight.py                   # _build/html
    .venv/bin/python scripts/page_weight.py --html /tmp/x/_build/html --lighthouse 3
    .venv/bin/python scripts/page_weight.py /tmp/x/_build/html --lighthouse 0 --json weight.json

``main(argv)`` returns 0 when the median meets the target (and Lighthouse, when measured,
scores at least 95 everywhere), else 1; ``measure()`` returns the numbers for scripts/bench.py.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import io
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
PHONE = {"width": 390, "height": 844}
# Already compressed: counted at their size as sent.
COMPRESSED_TYPES = ("image/png", "image/jpeg", "image/gif", "image/webp", "font/woff", "font/woff2")


class _GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files with text gzip-encoded, as a web host sends them."""

    def log_message(self, *args):
        pass

    def send_head(self):
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


class GzipServer:
    """The built site on 127.0.0.1 at a free port, in a daemon thread."""

    def __init__(self, root: Path):
        handler = functools.partial(_GzipHandler, directory=str(root))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.origin = f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def __enter__(self) -> "GzipServer":
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def url(self, relpath: str) -> str:
        return f"{self.origin}/{relpath}"


def built_pages(html_dir: Path) -> list[str]:
    """Every HTML page of the build, theme files under _static left out."""
    return sorted(p.relative_to(html_dir).as_posix() for p in html_dir.rglob("*.html")
                  if not p.relative_to(html_dir).parts[0].startswith("_"))


def weigh(context, server: GzipServer, relpath: str) -> dict:
    """Load one page; every same-origin response with its size as sent and uncompressed."""
    local = urlsplit(server.origin).netloc
    files, other_hosts, failed = [], [], []

    def route(r):
        if urlsplit(r.request.url).netloc not in ("", local) and r.request.url.startswith(("http", "ws")):
            other_hosts.append(r.request.url)
            return r.abort()
        return r.continue_()

    def on_response(resp):
        if urlsplit(resp.url).netloc != local:
            return
        if resp.status >= 400:
            failed.append(resp.url)
            return
        try:
            body = resp.body()
        except Exception:  # redirects have no body
            return
        ctype = (resp.headers.get("content-type") or "").split(";")[0]
        sent = len(body) if ctype.startswith(COMPRESSED_TYPES) else len(gzip.compress(body, compresslevel=6))
        files.append({"url": resp.url, "raw": len(body), "gzip": sent})

    tab = context.new_page()
    tab.route("**/*", route)
    tab.on("response", on_response)
    tab.goto(server.url(relpath), wait_until="load")
    try:
        tab.wait_for_load_state("networkidle", timeout=5000)
    except Exception:
        pass
    tab.close()
    return {"files": files, "other_hosts": other_hosts, "failed": failed}

LIGHTHOUSE_VERSION = "13.5.0"  # npm; runs on Node 20 here despite asking for 22
LIGHTHOUSE_PREFIX = Path(os.environ.get("LIGHTHOUSE_PREFIX", Path.home() / ".cache" / "course-lighthouse"))
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
# The same book built with the default theme (course.theme and course.meta switched off),
# measured by this script on 25 November 2026: the numbers to beat.
DEFAULT_BOOK = {
    "median_kb": 851,
    "max_kb": 925,
    "lighthouse": "performance 65-94, accessibility 96-100, best practices 96, SEO 90-100",
}
TARGET_MEDIAN_KB = 110
TARGET_LIGHTHOUSE = 95


def default_html() -> Path:
    build = Path(os.environ.get("COURSE_BUILD_DIR", ROOT / "_build"))
    return (build / "html").resolve()


def weigh_pages(html: Path) -> list[dict]:
    from playwright.sync_api import sync_playwright

    rows = []
    with GzipServer(html) as server, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        ctx = browser.new_context(viewport=PHONE, extra_http_headers={"Accept-Encoding": "gzip"})
        for page in built_pages(html):
            seen = weigh(ctx, server, page)
            files = seen["files"]
            rows.append(
                {
                    "page": page,
                    "files": len(files),
                    "kb_transferred": round(sum(f["gzip"] for f in files) / 1024, 1),
                    "kb_uncompressed": round(sum(f["raw"] for f in files) / 1024, 1),
                    "third_party_requests": len(seen["other_hosts"]),
                    "failed_requests": len(seen["failed"]),
                    "biggest": sorted(
                        ((f["url"].split("/")[-1].split("?")[0], round(f["gzip"] / 1024, 1)) for f in files),
                        key=lambda x: -x[1],
                    )[:3],
                }
            )
        browser.close()
    return rows


def lighthouse_bin() -> Path | None:
    for candidate in (
        os.environ.get("LIGHTHOUSE_BIN"),
        LIGHTHOUSE_PREFIX / "node_modules" / ".bin" / "lighthouse",
        ROOT / "node_modules" / ".bin" / "lighthouse",
    ):
        if candidate and Path(candidate).exists():
            return Path(candidate)
    found = shutil.which("lighthouse")
    return Path(found) if found else None


def install_lighthouse() -> Path | None:
    if not shutil.which("npm"):
        print("npm not found: Lighthouse not installed")
        return None
    LIGHTHOUSE_PREFIX.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        ["npm", "install", "--no-audit", "--no-fund", "--prefix", str(LIGHTHOUSE_PREFIX), f"lighthouse@{LIGHTHOUSE_VERSION}"],
        check=False,
    )
    return lighthouse_bin()


def lighthouse_pages(html: Path, count: int) -> list[str]:
    """The home page, the longest lessons and the search page."""
    pages = [p for p in built_pages(html) if p.startswith("chapters/")]
    by_size = sorted(pages, key=lambda p: -(html / p).stat().st_size)
    chosen = ["chapters/home.html"] if "chapters/home.html" in pages else []
    chosen += [p for p in by_size if p not in chosen][: max(0, count - 2)]
    if (html / "search.html").exists():
        chosen.append("search.html")
    return chosen[:count] if count < len(chosen) else chosen


def run_lighthouse(html: Path, pages: list[str], binary: Path) -> list[dict]:
    results = []
    env = dict(os.environ, CHROME_PATH=os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
    with GzipServer(html) as server, tempfile.TemporaryDirectory() as tmp:
        for page in pages:
            out = Path(tmp) / "report.json"
            proc = subprocess.run(
                [
                    str(binary), server.url(page), "--quiet", "--output=json", f"--output-path={out}",
                    "--only-categories=" + ",".join(CATEGORIES), "--form-factor=mobile",
                    "--chrome-flags=--headless --no-sandbox --disable-gpu",
                ],
                env=env, capture_output=True, text=True, timeout=300,
            )
            if proc.returncode != 0 or not out.exists():
                results.append({"page": page, "error": (proc.stderr or proc.stdout)[-300:]})
                continue
            report = json.loads(out.read_text(encoding="utf-8"))
            scores = {k: round(100 * (report["categories"][k]["score"] or 0)) for k in CATEGORIES}
            audits = report["audits"]
            metrics = {
                k: audits[k].get("displayValue")
                for k in ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift")
                if k in audits
            }
            results.append({"page": page, **scores, "metrics": metrics})
    return results


def measure(html: Path | None = None, lighthouse: int = 3, install: bool = False) -> dict:
    html = Path(html or default_html())
    if not (html / "index.html").exists():
        raise SystemExit(f"no HTML build in {html}; run `make html` (or set COURSE_BUILD_DIR)")
    rows = weigh_pages(html)
    sizes = [r["kb_transferred"] for r in rows]
    result = {
        "html": str(html),
        "pages": rows,
        "median_kb": round(statistics.median(sizes), 1),
        "max_kb": max(sizes),
        "max_page": max(rows, key=lambda r: r["kb_transferred"])["page"],
        "default_book": DEFAULT_BOOK,
        "target_median_kb": TARGET_MEDIAN_KB,
        "lighthouse": [],
    }
    if lighthouse:
        binary = lighthouse_bin() or (install_lighthouse() if install else None)
        if binary:
            result["lighthouse"] = run_lighthouse(html, lighthouse_pages(html, lighthouse), binary)
        else:
            result["lighthouse_note"] = "Lighthouse not installed (use --install-lighthouse)"
    return result


def report(result: dict) -> bool:
    print(f"Page weight of {result['html']} (Chromium, 390 px, gzip as served):")
    for r in result["pages"]:
        big = ", ".join(f"{n} {kb}" for n, kb in r["biggest"])
        print(f"  {r['page']:44s} {r['kb_transferred']:7.1f} KB in {r['files']:2d} files  (largest: {big})")
    d = result["default_book"]
    print(
        f"median {result['median_kb']} KB, max {result['max_kb']} KB ({result['max_page']}); "
        f"default Jupyter Book: median {d['median_kb']} KB, max {d['max_kb']} KB; target median <= {TARGET_MEDIAN_KB} KB"
    )
    ok = result["median_kb"] <= TARGET_MEDIAN_KB
    if result["lighthouse"]:
        print(f"Lighthouse {LIGHTHOUSE_VERSION} mobile (default Jupyter Book: {d['lighthouse']}):")
        for r in result["lighthouse"]:
            if "error" in r:
                print(f"  {r['page']:44s} error: {r['error']}")
                ok = False
                continue
            scores = "  ".join(f"{k} {r[k]}" for k in CATEGORIES)
            metrics = ", ".join(f"{k.replace('-', ' ')} {v}" for k, v in r["metrics"].items())
            print(f"  {r['page']:44s} {scores}  ({metrics})")
            ok &= all(r[k] >= TARGET_LIGHTHOUSE for k in CATEGORIES)
    elif result.get("lighthouse_note"):
        print(result["lighthouse_note"])
    return ok


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("html_dir", nargs="?", type=Path, default=None, help="built HTML folder (same as --html)")
    parser.add_argument("--html", type=Path, default=None, help="built HTML folder (default: $COURSE_BUILD_DIR/html or _build/html)")
    parser.add_argument("--lighthouse", type=int, default=3, metavar="N", help="pages to audit with Lighthouse (0: none)")
    parser.add_argument(
        "--install-lighthouse", action=argparse.BooleanOptionalAction, default=True,
        help=f"npm install lighthouse@{LIGHTHOUSE_VERSION} into {LIGHTHOUSE_PREFIX} when missing (default: yes)",
    )
    parser.add_argument("--json", type=Path, default=None, help="also write the numbers to this JSON file")
    args = parser.parse_args(argv)
    result = measure(args.html or args.html_dir, args.lighthouse, args.install_lighthouse)
    ok = report(result)
    if args.json:
        args.json.write_text(json.dumps(result, indent=2), encoding="utf-8")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
