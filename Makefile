# zhclean: two commands on a fresh machine (Python 3.11+ and make).
#   make run   - create the virtualenv, install, run the flow on raw/ into output/
#   make test  - create the virtualenv, install, lint the code, run the tests
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
EPUBCHECK_JAR := /usr/share/java/epubcheck.jar

.PHONY: run test lint-text benchmark epubcheck clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/zhclean run --raw raw --out output

test: $(STAMP) epubcheck
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/pytest

# epubcheck (Debian package) validates the EPUB editions in the tests; needs root or sudo once.
epubcheck:
	@if [ ! -f $(EPUBCHECK_JAR) ] || ! command -v java >/dev/null; then \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq epubcheck >/dev/null; \
	fi

lint-text: $(STAMP)
	$(BIN)/zhclean lint output

benchmark: $(STAMP)
	$(BIN)/python benchmarks/run_benchmarks.py

clean:
	rm -rf $(VENV) output/.runs output/current output/json output/markdown output/epub output/report
