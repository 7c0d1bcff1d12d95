# Two commands for everything: `make book` builds the book, `make test` runs the tests.
# Every build treats warnings as errors.

PYTHON   ?= python3
VENV     := .venv
BIN      := $(VENV)/bin
JB       := $(BIN)/jupyter-book
JBFLAGS  := -W -n --keep-going
PDF      := _build/latex/recurrent-miscarriage-course.pdf
SOURCES  := $(shell find chapters figures _ext _static -type f -not -path '*/__pycache__/*' 2>/dev/null) \
            _config.yml _toc.yml references.bib

.PHONY: book html pdf pdfs test check bench clean setup zh zh-html zh-pdf zh-catalogues FORCE
FORCE:

# Both editions: English, then the Simplified Chinese edition (_build/html/zh, its own PDFs).
book: pdf pdfs html zh

setup: $(VENV)/.installed
	@scripts/system-deps.sh book

$(VENV)/.installed: requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	# The project's `figures` package, editable: the build imports this checkout's figures.
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

# The website links to the print files, so `make book` builds them first: every PDF from one
# Sphinx LaTeX run (`make pdf`), then the decks (`make pdfs`), then the website.
html: _build/html/index.html
_build/html/index.html: $(VENV)/.installed $(SOURCES) $(wildcard _build/pdf/.built)
	$(JB) build . --builder html $(JBFLAGS)
	touch $@

# Book, lessons, handout, worksheets, answer key and class printables: one Sphinx LaTeX build,
# compiled by one `make all-pdf` in _build/latex (Jupyter Book's pdflatex builder runs it).
pdf: $(PDF)
$(PDF): $(VENV)/.installed $(SOURCES)
	@scripts/system-deps.sh book
	$(JB) build . --builder pdflatex $(JBFLAGS)

# Every print file in _build/pdf, plus a slide deck per class session and the teaching pack.
pdfs: _build/pdf/.built
_build/pdf/.built: $(PDF) $(wildcard scripts/*.py) chapters/class-plans.yml
	$(BIN)/python scripts/pdfs.py
	touch $@

# The tests read the Chinese edition too (tests/test_i18n.py).
test: book
	@scripts/system-deps.sh test
	$(BIN)/python -m pytest

# Sources only, no build (under 30 s): every quiz bank, the class plans, the ledger and
# its sources, spelling, and every other test that needs no built book (pytest.ini: build).
check: $(VENV)/.installed
	$(BIN)/python -m pytest -m "not build" -q

bench: $(VENV)/.installed
	$(BIN)/python scripts/bench.py

clean:
	rm -rf _build

# Simplified Chinese edition, from _config-zh.yml and the catalogues in locales/zh_CN/.
# HTML in _build/html/zh/ (the same site, one folder down), PDFs in _build/zh/_build/pdf/.
# Figures read COURSE_LANGUAGE (figures/i18n.py).
ZHOUT := _build/zh
ZHJB  := COURSE_LANGUAGE=zh_CN $(JB) build . --config _config-zh.yml --path-output $(ZHOUT)
ZH_SOURCES := $(SOURCES) _config-zh.yml $(shell find locales -type f -name '*.po' 2>/dev/null) \
              $(wildcard scripts/*.py)
# The print files first, so that the Chinese pages link to them (as `make book` does). Built
# again only when a source, a catalogue or a script changed (`make test` after `make book`
# does not build it twice); a failed build leaves no stamp, so the next run builds again, and
# so does a website without its Chinese folder.
zh: $(ZHOUT)/.built
$(ZHOUT)/.built: $(VENV)/.installed $(ZH_SOURCES) $(if $(wildcard _build/html/zh/index.html),,FORCE)
	$(MAKE) zh-pdf
	$(BIN)/python scripts/pdfs.py --build-dir $(ZHOUT)/_build
	$(MAKE) zh-html
	touch $@
zh-html: $(VENV)/.installed
	@scripts/system-deps.sh zh
	$(ZHJB) --builder html $(JBFLAGS)
	rm -rf _build/html/zh && mkdir -p _build/html && cp -r $(ZHOUT)/_build/html _build/html/zh
zh-pdf: $(VENV)/.installed
	@scripts/system-deps.sh zh
	$(ZHJB) --builder pdflatex $(JBFLAGS)

# Re-extract the English text (pages, quizzes, figure labels) and update the catalogues:
# changed entries become fuzzy, new ones untranslated. Then prints what is left per page.
# A fixed creation date (SOURCE_DATE_EPOCH) keeps unchanged catalogues unchanged.
zh-catalogues: $(VENV)/.installed
	SOURCE_DATE_EPOCH=0 $(JB) build . --builder custom --custom-builder gettext --path-output _build/i18n $(JBFLAGS)
	PYTHONPATH=_ext $(BIN)/python -m course.i18n extract _build/i18n/_build/gettext
	$(BIN)/sphinx-intl update -p _build/i18n/_build/gettext -l zh_CN -d locales -w 88
	PYTHONPATH=_ext $(BIN)/python -m course.i18n report
