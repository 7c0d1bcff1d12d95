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

.PHONY: book html pdf pdfs test bench clean setup

book: html pdf pdfs

setup: $(VENV)/.installed
	@scripts/system-deps.sh book

$(VENV)/.installed: requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	# The project's `figures` package, editable: the build imports this checkout's figures.
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

html: _build/html/index.html
_build/html/index.html: $(VENV)/.installed $(SOURCES)
	@scripts/system-deps.sh book
	$(JB) build . --builder html $(JBFLAGS)
	touch $@

pdf: $(PDF)
$(PDF): $(VENV)/.installed $(SOURCES)
	@scripts/system-deps.sh book
	$(JB) build . --builder pdflatex $(JBFLAGS)

# Every PDF (book, one per lesson, class handout, worksheets, answer key) in _build/pdf,
# copied to _build/html/pdf so the website links to them offline.
pdfs: _build/pdf/.built
_build/pdf/.built: $(PDF) _build/html/index.html $(wildcard scripts/*.py) chapters/class-plans.yml
	$(BIN)/python scripts/pdfs.py
	touch $@

test: book
	@scripts/system-deps.sh test
	$(BIN)/python -m pytest

bench: $(VENV)/.installed
	$(BIN)/python scripts/bench.py

clean:
	rm -rf _build
