# Two commands do all the set-up on a fresh machine: `make site` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1
# apt-get needs root: as root (this machine, a container) nothing is prefixed; elsewhere (a GitHub runner) sudo.
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)

.PHONY: venv site serve test check catalogs bench golden lock system-deps web-tools clean

$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $(STAMP)

# The environment alone (.venv from requirements.lock); `make site` and `make test` make it too.
venv: $(STAMP)

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
# search as readers use it (hit rates, bytes, latency), and Lighthouse and axe-core on the built site.
bench: site system-deps web-tools
	$(BIN)/python benchmarks/editor_loop.py
	$(BIN)/python benchmarks/search_hits.py
	$(BIN)/python benchmarks/web_quality.py

# Web quality tools from the npm registry, pinned in package-lock.json: axe-core and Lighthouse.
# Lighthouse's trace engine asks for two packages at "latest"; package.json's overrides pin them to the
# locked versions, so that `npm ci` does not fail on a clean clone when the registry moves on.
web-tools: node_modules/.installed
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	touch $@

# Debian packages the tests use: chromium (browser tests), gettext (msgfmt --check), shellcheck (the
# workflows' scripts, through actionlint) and CJK fonts (so that pages are laid out in a browser as a reader
# sees them). Only what is missing is installed: a GitHub runner (Ubuntu) has /usr/bin/chromium and
# shellcheck already, and Ubuntu has no chromium .deb to install.
system-deps:
	@missing=""; \
	  command -v chromium >/dev/null || missing="$$missing chromium"; \
	  command -v msgfmt >/dev/null || missing="$$missing gettext"; \
	  command -v shellcheck >/dev/null || missing="$$missing shellcheck"; \
	  fc-list :lang=zh 2>/dev/null | grep -q . || missing="$$missing fonts-noto-cjk"; \
	  [ -z "$$missing" ] || { echo "installing:$$missing"; $(SUDO) apt-get update -qq && \
	    $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; }

test: $(STAMP) system-deps web-tools
	$(BIN)/pytest

# Refresh the golden JSON after an intended change to the parser or the seed; review the diff.
golden: $(STAMP)
	$(BIN)/gwr json -o tests/golden/report.json

lock: $(STAMP)
	$(BIN)/pip freeze --exclude-editable | sed '1i # Pinned dependencies (pip freeze of a working environment). Update: make lock' > requirements.lock

clean:
	rm -rf site .site.staging .site.previous docs/*/*.md
