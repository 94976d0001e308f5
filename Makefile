# Two commands do all the set-up on a fresh machine: `make site` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1

.PHONY: site serve test check catalogs bench golden lock system-deps clean

$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $(STAMP)

site: $(STAMP)
	$(BIN)/gwr build
	@echo "View it: make serve (live preview at http://127.0.0.1:8000/), or serve site/ with any static web server."

serve: $(STAMP)
	$(BIN)/mkdocs serve --no-strict --dev-addr 127.0.0.1:8000

# Translation catalogs: check them (file:line for every problem), merge the Chinese into them.
check: $(STAMP)
	$(BIN)/gwr check

catalogs: $(STAMP)
	$(BIN)/gwr update

# Benchmarks with budgets: build time, PO file saved -> English page reloaded in `mkdocs serve`,
# and search as readers use it: hit rates, bytes and latency per language (on the site `make site` built).
bench: site system-deps
	$(BIN)/python benchmarks/editor_loop.py
	$(BIN)/python benchmarks/search_hits.py

# Debian packages the tests use: chromium (browser tests) and gettext (msgfmt --check).
system-deps:
	@command -v chromium >/dev/null && command -v msgfmt >/dev/null || \
	  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium gettext >/dev/null; }

test: $(STAMP) system-deps
	$(BIN)/pytest

# Refresh the golden JSON after an intended change to the parser or the seed; review the diff.
golden: $(STAMP)
	$(BIN)/gwr json -o tests/golden/report.json

lock: $(STAMP)
	$(BIN)/pip freeze --exclude-editable | sed '1i # Pinned dependencies (pip freeze of a working environment). Update: make lock' > requirements.lock

clean:
	rm -rf site .site.staging .site.previous docs/*/*.md
