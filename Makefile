# Two commands on a fresh clone: `make site` builds the offline HTML into site/,
# `make test` runs the test suite. Everything installs into .venv and node_modules.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export PYTHONPATH := $(CURDIR)/hooks
# Material 9.7 prints a banner about MkDocs 2.0 on every build; the project knows.
export NO_MKDOCS_2_WARNING := true
CHROMIUM ?= /usr/bin/chromium
LIGHTHOUSE := tests/bench/lighthouse

.PHONY: site site-published test check spell guide new-development new-source serve linkcheck bench clean release

site: $(VENV)/.site-deps node_modules/.installed
	$(BIN)/mkdocs build --strict

# The site for the web: canonical addresses, sitemap and "edit this page" links from
# extra.publication in mkdocs.yml (the Pages workflow runs this).
site-published: $(VENV)/.site-deps node_modules/.installed
	SITE_PUBLISH=1 $(BIN)/mkdocs build --strict

test: $(VENV)/.test-deps node_modules/.installed $(CHROMIUM)
	$(BIN)/python -m pytest

check: $(VENV)/.site-deps
	$(BIN)/python -m sitecheck

# Scaffolding: a page or a source from a template, in the right place, refusing an id
# or key that exists. make new-source KEY=<key> REC=<recommendation id> (or SECTION=...),
# then make new-development ID=<id> REC=<recommendation id> SOURCE=<key>.
new-development: $(VENV)/.site-deps
	$(BIN)/python -m sitecheck.scaffold development --id "$(ID)" --rec "$(REC)" --source "$(SOURCE)"

new-source: $(VENV)/.site-deps
	$(BIN)/python -m sitecheck.scaffold source --key "$(KEY)" --rec "$(REC)" --section "$(SECTION)"

# The generated parts of docs/contributing.md: allowed values, .bib files by section,
# and the exact message of each common slip (a test fails while they are out of date).
guide: $(VENV)/.site-deps
	$(BIN)/python -m sitecheck.guide

# codespell with the site's vocabulary (.codespellrc, .codespell-words.txt).
spell: $(VENV)/.test-deps
	$(BIN)/codespell

# make serve ADDR=0.0.0.0:8001 to listen elsewhere than 127.0.0.1:8000.
ADDR ?= 127.0.0.1:8000
serve: $(VENV)/.site-deps node_modules/.installed
	$(BIN)/mkdocs serve --strict --dev-addr $(ADDR)

linkcheck: $(VENV)/.site-deps
	$(BIN)/python -m sitecheck.linkcheck

bench: $(VENV)/.bench-deps node_modules/.installed $(LIGHTHOUSE)/node_modules/.installed $(CHROMIUM)
	PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/python tests/bench/run.py

# Lighthouse for the bench only, in its own folder: make site and make test never need it.
$(LIGHTHOUSE)/node_modules/.installed: $(LIGHTHOUSE)/package.json $(LIGHTHOUSE)/package-lock.json
	npm ci --prefix $(LIGHTHOUSE) --no-audit --no-fund --loglevel=error
	touch $@

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.site-deps: requirements.txt | $(VENV)/bin/python
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.test-deps: requirements-test.txt $(VENV)/.site-deps
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-test.txt
	touch $@

$(VENV)/.bench-deps: requirements-bench.txt $(VENV)/.test-deps
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-bench.txt
	touch $@

# The iframe-worker shim lets search run from file://; the build copies it into site/.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Debian's Chromium for the browser tests (root on CI; sudo elsewhere).
$(CHROMIUM):
	$(if $(filter 0,$(shell id -u)),,sudo) sh -c 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium'

# A dated, versioned snapshot: the offline site as a zip and the data package (make release VERSION=v2026.12.6).
VERSION ?= $(shell git describe --tags --always 2>/dev/null || date +%Y.%m.%d)
release: site
	rm -rf dist && mkdir -p dist
	cd site && ../$(BIN)/python -m zipfile -c ../dist/sanya-tracker-$(VERSION)-site.zip .
	cd site/data && ../../$(BIN)/python -m zipfile -c ../../dist/sanya-tracker-$(VERSION)-data.zip .

clean:
	rm -rf site .cache dist
