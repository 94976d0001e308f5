# Two commands do all the set-up on a fresh machine: `make site` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev
export NO_MKDOCS_2_WARNING := 1
# apt-get needs root: as root (this machine, a container) nothing is prefixed; elsewhere (a GitHub runner) sudo.
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)

.PHONY: venv dev site serve test check catalogs bench golden lock system-deps web-tools clean

# The environment of `make site`: what building needs, from requirements.lock, every file checked against its
# sha256 (pip install --require-hashes): the build backend first, then the lock, then the project itself with
# that build backend (--no-build-isolation), so nothing is fetched that the lock does not name.
# scripts/install.py runs pip and, when the package index cannot be reached, says so in one line.
$(STAMP): requirements.lock pyproject.toml scripts/install.py
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python scripts/install.py site
	touch $(STAMP)

# What `make test` adds (pytest, Playwright, ruff, actionlint, pre-commit): requirements-dev.lock, hashed too.
$(DEV_STAMP): $(STAMP) requirements-dev.lock
	$(BIN)/python scripts/install.py test
	touch $(DEV_STAMP)

# The environment alone (.venv from requirements.lock); `make site` and `make test` make it too.
venv: $(STAMP)

# The environment of `make test` alone (pre-commit hooks: `.venv/bin/pre-commit install` after it).
dev: $(DEV_STAMP)

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
# search as readers use it (hit rates, bytes, latency), Lighthouse and axe-core on the built site,
# `gwr build` against MkDocs + Material + mkdocs-static-i18n on the same Markdown and `gwr check` alone, and
# `gwr build` of a report 16 times longer against the real one (scale.py: at most 3.7 times the time).
# Every benchmark runs, whatever an earlier one found; the target fails at the end if any was over budget.
BENCHMARKS := editor_loop search_hits web_quality peer scale
bench: site $(DEV_STAMP) system-deps web-tools
	@over=""; for name in $(BENCHMARKS); do \
	  echo "== benchmarks/$$name.py"; $(BIN)/python benchmarks/$$name.py || over="$$over $$name"; \
	done; [ -z "$$over" ] || { echo "over budget or failed:$$over"; exit 1; }

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

test: $(DEV_STAMP) system-deps web-tools
	$(BIN)/pytest

# Refresh the golden JSON after an intended change to the parser or the seed; review the diff.
golden: $(STAMP)
	$(BIN)/gwr json -o tests/golden/report.json

# Both locks again, with pip: pyproject.toml's dependencies and build backend -> requirements.lock,
# requirements-dev.in -> requirements-dev.lock. Versions stay as pinned (`.venv/bin/python scripts/lock.py
# --upgrade NAME` moves one); every file of each release is hashed; this platform's files are then downloaded
# and checked against their hashes. Needs the package index.
lock: $(STAMP)
	$(BIN)/python scripts/lock.py

clean:
	rm -rf site .site.staging* .site.previous* docs/*/*.md
