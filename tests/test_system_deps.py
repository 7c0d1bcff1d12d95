"""`scripts/system-deps.sh` finds what this machine has and installs nothing then.

The script runs under `set -o pipefail`; a check such as `fc-list | grep -q FreeSerif`
returns 141 whenever `grep -q` stops reading before `fc-list` has written everything
(SIGPIPE), so the font looked missing and every make target ran apt-get.
"""

from __future__ import annotations

import os
import shutil
import subprocess

from conftest import ROOT

SCRIPT = ROOT / "scripts" / "system-deps.sh"
RECORD = '#!/bin/sh\necho "$(basename "$0") $*" >> "{calls}"\n'
# Every other command the script looks for is present, so only the font check decides.
PRESENT = ("xelatex", "latexmk", "kpsewhich", "soffice", "chromium", "pdftoppm")
# The real font list, then a long tail: a reader that stops at the first match leaves
# this fake fc-list writing into a closed pipe, every time rather than now and then.
LONG_FC_LIST = '#!/bin/sh\n"{real}" "$@"\nyes "/usr/share/fonts/x.otf: Padding:style=Regular" | head -n 200000\n'


def test_installed_font_is_found_and_apt_is_not_called(tmp_path):
    real = shutil.which("fc-list")
    assert real, "fc-list is missing (fontconfig); the script needs it to find FreeSerif"
    assert "FreeSerif" in subprocess.run([real, ":", "family"], capture_output=True,
                                         text=True).stdout, "FreeSerif is not installed here"
    fake = tmp_path / "bin"
    fake.mkdir()
    calls = tmp_path / "calls"
    for name in ("apt-get", "sudo"):
        (fake / name).write_text(RECORD.format(calls=calls))
    for name in PRESENT:
        (fake / name).write_text("#!/bin/sh\nexit 0\n")
    (fake / "fc-list").write_text(LONG_FC_LIST.format(real=real))
    for path in fake.iterdir():
        path.chmod(0o755)
    env = {**os.environ, "PATH": f"{fake}:{os.environ['PATH']}"}
    result = subprocess.run(["bash", str(SCRIPT), "test"], capture_output=True, text=True,
                            env=env, timeout=120)
    made = calls.read_text() if calls.exists() else ""
    assert "fonts-freefont-otf" not in result.stdout + result.stderr + made, (
        "the installed FreeSerif font was reported missing")
    assert not made, f"apt-get was called although nothing is missing:\n{made}"
    assert result.returncode == 0, result.stdout + result.stderr
