# zhclean: two commands on a fresh machine (Python 3.11+ and make).
#   make run   - create the virtualenv, install, run the flow on raw/ into output/
#   make test  - create the virtualenv, install, lint the code and its import contracts, run the tests
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
EPUBCHECK_JAR := /usr/share/java/epubcheck.jar

.PHONY: run test lint-text benchmark mutation system-deps clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -qq --upgrade pip
	$(BIN)/python -m pip install -qq -e ".[test]"
	touch $(STAMP)

# The project's modules are byte-compiled first (quick when nothing changed): an editable install
# is not, and where PYTHONDONTWRITEBYTECODE is set every process of a run (the flow's, the
# document workers', the database's) would compile them again at its start, 0.15 s each.
COMPILE := $(BIN)/python -m compileall -q zhclean flows tasks

run: $(STAMP)
	$(COMPILE)
	$(BIN)/zhclean run --raw raw --out output

test: $(STAMP) system-deps
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python tools/lint_imports.py
	$(BIN)/pytest

# Debian packages the tests use (root or sudo, once): epubcheck validates every EPUB,
# chromium is the real browser (driven by Playwright) that opens the served pages and the review
# pages, fonts-noto-cjk the font their Chinese is drawn in, unzip (Info-ZIP) a second reader of
# the zips we write.
system-deps:
	@missing=""; \
	{ [ -f $(EPUBCHECK_JAR) ] && command -v java >/dev/null; } || missing="$$missing epubcheck"; \
	command -v chromium >/dev/null || missing="$$missing chromium"; \
	dpkg -s fonts-noto-cjk >/dev/null 2>&1 || missing="$$missing fonts-noto-cjk"; \
	command -v unzip >/dev/null || missing="$$missing unzip"; \
	if [ -n "$$missing" ]; then \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  echo "installing$$missing (Debian packages)"; \
	  $$SUDO apt-get update -qq && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	fi

lint-text: $(STAMP)
	$(BIN)/zhclean lint output

# Speed and memory figures (prints them; no test is timed): the stages on raw/, then the real
# flow on generated corpora of 10, 100 and 1,000 documents (benchmarks/scale.py --all adds 5,000).
benchmark: $(STAMP)
	$(COMPILE)
	$(BIN)/python benchmarks/run_benchmarks.py
	$(BIN)/python benchmarks/scale.py

# Structure figures on the development set (devset/: real documents with hand-written gold); writes benchmarks/EVAL.md.
eval: $(STAMP)
	$(BIN)/python benchmarks/eval.py --write

# Mutation testing (outside CI: about an hour for 300 mutants on 2 cores); writes benchmarks/MUTATION.md.
mutation: $(STAMP)
	$(BIN)/python -m pip install -qq -e ".[test,mutation]"
	$(BIN)/python benchmarks/mutation.py --sample 300

clean:
	rm -rf $(VENV) output/.runs output/current output/json output/markdown output/epub output/report
