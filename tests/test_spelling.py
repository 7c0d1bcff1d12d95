"""Spelling: codespell over the book's text and code, with the project's word list.

The word list (tests/codespell-words.txt, one lowercase word a line) holds correct words
that codespell's dictionaries take for misspellings, e.g. "vermillion", the Okabe–Ito
palette's name for its red-orange. Medical terms go there when codespell flags one.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORDS = ROOT / "tests" / "codespell-words.txt"
TARGETS = ["chapters", "README.md", "_ext", "figures"]
# camelCase identifiers in code (e.g. allRight) are names, not words.
IGNORE_REGEX = r"\b[a-z]+(?:[A-Z][a-z0-9]*)+\b"
SKIP = "*.png,*.jpg,*.jpeg,*.gif,*.pdf,*.svg,*.pyc,__pycache__,.ipynb_checkpoints,*.ipynb"


def codespell_exe() -> list[str]:
    exe = Path(sys.executable).with_name("codespell")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "codespell_lib"]


def test_word_list_is_clean():
    words = WORDS.read_text(encoding="utf-8").splitlines()
    assert words, "tests/codespell-words.txt is empty"
    assert all(w and w == w.strip() and w == w.lower() for w in words), (
        "one lowercase word per line, no blank lines"
    )
    assert len(words) == len(set(words)), "duplicate words in the word list"


def test_no_spelling_mistakes():
    targets = [t for t in TARGETS if (ROOT / t).exists()]
    assert "chapters" in targets
    result = subprocess.run(
        [*codespell_exe(), "--ignore-words", str(WORDS), "--ignore-regex", IGNORE_REGEX, "--skip", SKIP, *targets],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    findings = [line for line in result.stdout.splitlines() if line.strip()]
    print(f"codespell: {len(findings)} finding(s) in {', '.join(targets)}")
    assert result.returncode == 0 and not findings, (
        "codespell found possible misspellings (fix them, or add a correct word to "
        "tests/codespell-words.txt):\n" + "\n".join(findings) + result.stderr
    )
