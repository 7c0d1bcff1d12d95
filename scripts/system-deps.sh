#!/usr/bin/env bash
# Install the Debian packages the book needs, only when they are missing.
#   scripts/system-deps.sh book   TeX for the PDF, LibreOffice Impress for the slide-deck PDFs
#   scripts/system-deps.sh test   also Chromium (browser tests) and poppler (PDF pages to PNG)
#   scripts/system-deps.sh zh     also xeCJK and the Noto CJK fonts (Simplified Chinese edition)
# When packages are missing and cannot be installed (not Debian, not root and no sudo),
# stop and name exactly what to install. Every pipe below reads its input to the end, so
# no command dies of SIGPIPE under `set -o pipefail`.
set -euo pipefail

what=${1:-book}
book_pkgs="texlive-latex-recommended texlive-latex-extra texlive-fonts-recommended texlive-xetex fonts-freefont-otf latexmk"
test_pkgs="chromium poppler-utils"
zh_pkgs="texlive-lang-chinese fonts-noto-cjk"

need=""
have_cmd() { command -v "$1" >/dev/null 2>&1; }
have_cmd xelatex || need="$need $book_pkgs"
if [ -z "$need" ]; then
  have_cmd latexmk || need="$need latexmk"
  kpsewhich tabulary.sty >/dev/null 2>&1 || need="$need texlive-latex-extra"
  # Not `grep -q`: it stops reading at the first match, fc-list then dies of SIGPIPE and,
  # under pipefail, the font would look missing. This grep reads to the end.
  fc-list : family 2>/dev/null | grep FreeSerif >/dev/null || need="$need fonts-freefont-otf"
fi
have_cmd soffice || need="$need libreoffice-impress"
if [ "$what" = test ]; then
  have_cmd chromium || need="$need chromium"
  have_cmd pdftoppm || need="$need poppler-utils"
fi
if [ "$what" = zh ]; then
  kpsewhich xeCJK.sty >/dev/null 2>&1 || need="$need texlive-lang-chinese"
  fc-list :lang=zh family 2>/dev/null | grep -q "Noto Serif CJK SC" || need="$need fonts-noto-cjk"
fi
need=$(echo "$need" | xargs -n1 2>/dev/null | sort -u | xargs)
[ -z "$need" ] && exit 0

if ! have_cmd apt-get; then
  echo "error: missing system packages. Install the equivalents of these Debian packages: $need" >&2
  exit 1
fi
if [ "$(id -u)" -eq 0 ]; then sudo=""
elif have_cmd sudo && sudo -n true 2>/dev/null; then sudo="sudo"
else
  echo "error: missing system packages and no root rights. Run:" >&2
  echo "  sudo apt-get update && sudo apt-get install -y --no-install-recommends $need" >&2
  exit 1
fi
echo "Installing Debian packages: $need"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
# shellcheck disable=SC2086
$sudo apt-get install -y -qq --no-install-recommends $need
