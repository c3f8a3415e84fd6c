# Werkkaarten: every target works on a fresh machine with Python 3.11 and make.
# Targets only call tools and scripts; the logic lives in macros/ and scripts/.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
# Zensical, the second builder, in its own environment (see requirements-zensical.txt).
ZVENV  := .venv-zensical
SITE   := site
# Silence Material's banner about MkDocs 2: we pin MkDocs 1.x.
export NO_MKDOCS_2_WARNING := 1

.PHONY: help serve build build-zensical external-links test check lint format clean chromium desktop-chromium nginx hunspell poppler rsync contract offline bench publish vastleggen bronwijziging

help:  ## list the targets (the quick start is make serve and make test)
	@grep -E '^[a-z-]+:.*## ' Makefile | sed -E 's/^([a-z-]+):.*## /  make \1\t/' | expand -t 24

# The site's packages; reinstalled when the pins change.
$(VENV)/.site: requirements.txt requirements-common.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $@

# Test and lint tools on top.
$(VENV)/.test: $(VENV)/.site requirements-test.txt
	$(BIN)/python -m pip install --quiet -r requirements-test.txt
	touch $@

# make serve HOST=0.0.0.0 lets a phone on the same network open http://<this machine>:8000/werkkaarten/
HOST ?= 127.0.0.1
PORT ?= 8000

serve: $(VENV)/.site  ## set up, then serve the site on http://$(HOST):$(PORT)/werkkaarten/ (the sub-path of site_url)
	$(BIN)/mkdocs serve --strict -a $(HOST):$(PORT)

build: $(VENV)/.site chromium  ## the publishable site in site/: pages, exports, PDFs, security check; swapped in only when all pass
	$(BIN)/python scripts/build.py --site $(SITE)

$(ZVENV)/.zensical: requirements-zensical.txt requirements-common.txt pyproject.toml
	test -x $(ZVENV)/bin/python || $(PYTHON) -m venv $(ZVENV)
	$(ZVENV)/bin/python -m pip install --quiet --upgrade pip
	$(ZVENV)/bin/python -m pip install --quiet -r requirements-zensical.txt
	$(ZVENV)/bin/python -m pip install --quiet --no-deps -e .
	touch $@

build-zensical: $(ZVENV)/.zensical $(VENV)/.site chromium  ## the same site built with Zensical, into build/site-zensical/ (same steps as make build)
	$(BIN)/python scripts/build.py --site build/site-zensical --builder zensical

chromium:  ## Debian's Chromium without a window (its headless shell) for PDFs and browser tests (installed with apt when missing)
	scripts/ensure_debian_package.sh chromium-headless-shell CHROMIUM chromium-headless-shell fonts-dejavu-core

desktop-chromium:  ## Debian's desktop Chromium, for Lighthouse in the benchmark (installed with apt when missing)
	scripts/ensure_debian_package.sh chromium CHROMIUM chromium fonts-dejavu-core

nginx:  ## Debian's nginx: the browser tests serve site/ with it, as production does (installed with apt when missing)
	scripts/ensure_debian_package.sh nginx NGINX nginx
	scripts/ensure_debian_package.sh /usr/lib/nginx/modules/ngx_http_brotli_static_module.so NGINX libnginx-mod-http-brotli-static

poppler:  ## poppler's pdfinfo: the PDF tests read the structure tree's text with it (installed with apt when missing)
	scripts/ensure_debian_package.sh pdfinfo PDFINFO poppler-utils

hunspell:  ## Debian's Dutch hunspell dictionary, for the spelling test (installed with apt when missing)
	scripts/ensure_debian_package.sh /usr/share/hunspell/nl.dic HUNSPELL hunspell hunspell-nl

test: lint chromium $(ZVENV)/.zensical node_modules nginx hunspell poppler  ## set up, lint, then run the whole test suite on every core (it builds the real site once)
	$(BIN)/pytest

check: $(VENV)/.test  ## the fast tier: every test that needs no built site (pytest -m unit)
	$(BIN)/pytest -m unit -q

lint: $(VENV)/.test  ## ruff (lint and format) and mypy on macros/ and scripts/
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

format: $(VENV)/.test
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(SITE) build .pytest_cache

contract: build $(VENV)/.test  ## append newly published addresses to tests/url-contract.txt, then check it
	$(BIN)/python scripts/url_contract.py --site $(SITE) --update

vastleggen: $(VENV)/.site  ## record the content as it is now, after its changes are noted (docs/_data/vastgelegd.yml)
	$(BIN)/python scripts/content_lock.py --update

bronwijziging: $(VENV)/.site  ## which cards to review when a source is revised: make bronwijziging BRON=003 TEKST=nieuw.txt (exit 1: a section is gone)
	@test -n "$(BRON)" -a -n "$(TEKST)" || { echo "usage: make bronwijziging BRON=003 TEKST=path/to/new-version.txt [OUD=old.txt]"; exit 2; }
	$(BIN)/python scripts/bronwijziging.py $(BRON) $(TEKST) $(if $(OUD),--oud $(OUD))

offline: build node_modules  ## the offline edition as a zip, for training rooms (works from file://, PDFs included; links and policy checked)
	$(BIN)/python scripts/offline.py --site $(SITE) --zip build/werkkaarten-offline.zip

external-links: build  ## list every link to another host with the pages it is on (never fetched), in build/external-links.txt
	$(BIN)/python scripts/external_links.py --site $(SITE)

node_modules: package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	touch $@

bench: $(VENV)/.test chromium desktop-chromium  ## benchmark: build ratio, scale 1×/10×/30×, page weight, Lighthouse, PDFs
	$(BIN)/python scripts/bench.py

rsync:  ## rsync copies the site to its host in make publish (installed with apt when missing)
	scripts/ensure_debian_package.sh rsync RSYNC rsync

publish: $(VENV)/.site chromium rsync  ## build for SITE_URL and the publisher's settings (refuses what is missing), then copy site/ to $(DEST)
	@test -n "$(DEST)" || { echo "usage: make publish SITE_URL=https://… DEST=/path/or/host:path (rsync target)"; exit 1; }
	$(BIN)/python scripts/build.py --site $(SITE) --publish
	rsync -a --delete $(SITE)/ $(DEST)/
