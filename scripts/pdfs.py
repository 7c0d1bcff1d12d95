"""Gather every print file of the course in ``_build/pdf`` and make the slide decks.

Run after ``jupyter-book build . --builder pdflatex`` (``make pdf``), which writes every
print edition (book, lessons, handout, worksheets, answer key, class printables) as PDF in
``_build/latex`` and the course manifest in ``_build/course-manifest.json``. This script:

- copies each PDF the manifest lists from ``_build/latex`` to ``_build/pdf``;
- builds one slide deck per class session in the edition's language (``scripts/decks.py``:
  ``.pptx``, its PDF and notes pages) and the teaching pack (``teaching-pack-en.zip``,
  ``teaching-pack-zh.zip``).

The website's ``{course-downloads}`` lists then link to ``_build/pdf`` (``make html``).

    python scripts/pdfs.py [--build-dir _build] [--no-decks]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))

import decks  # noqa: E402


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build-dir", type=Path,
                        default=Path(os.environ.get("COURSE_BUILD_DIR", ROOT / "_build")))
    parser.add_argument("--no-decks", action="store_true", help="copy the PDFs only")
    args = parser.parse_args(argv)
    build = args.build_dir.resolve()
    manifest_path = build / "course-manifest.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    out = build / manifest["print_dir"]
    out.mkdir(parents=True, exist_ok=True)

    made: list[Path] = []
    missing = []
    for item in manifest["downloads"]:
        if item["made_by"] != "latex":
            continue
        source = build / "latex" / item["file"]
        if not source.exists():
            missing.append(item["file"])
            continue
        shutil.copyfile(source, out / item["file"])
        made.append(out / item["file"])
    if missing:
        raise SystemExit("The LaTeX build made no " + ", ".join(missing)
                         + ": run `make pdf` first (it stops with the LaTeX error).")
    if not args.no_decks:
        slides = decks.build(out, manifest_path)
        made += slides
        made.append(decks.teaching_pack(out, slides, build / "exports", manifest.get("language", "en")))
    print("Print files in", out)
    for path in made:
        print("  ", path.name)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
