# Werkkaarten: every target works on a fresh machine with Python 3.11 and make.
# Targets only call tools and scripts; the logic lives in macros/ and scripts/.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
SITE   := site
# Silence the banners about MkDocs 2 (from Material and from mkdocs-redirects): we pin MkDocs 1.x.
export NO_MKDOCS_2_WARNING := 1
export DISABLE_MKDOCS_2_WARNING := true

.PHONY: serve build test lint format clean chromium nginx contract offline bench publish

# The site's packages; reinstalled when the pins change.
$(VENV)/.site: requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

# Test and lint tools on top.
$(VENV)/.test: $(VENV)/.site requirements-test.txt
	$(BIN)/python -m pip install --quiet -r requirements-test.txt
	touch $@

serve: $(VENV)/.site  ## set up, then serve the site on http://127.0.0.1:8000/werkkaarten/ (the sub-path of site_url)
	$(BIN)/mkdocs serve --strict -a 127.0.0.1:8000

build: $(VENV)/.test chromium  ## the publishable site in site/: strict build, checklist PDFs, security headers
	$(BIN)/mkdocs build --strict --clean -d $(SITE)
	$(BIN)/python scripts/make_pdfs.py --site $(SITE)
	$(BIN)/python scripts/security_headers.py --site $(SITE)

chromium:  ## Debian's Chromium for PDFs and browser tests (installed with apt when missing)
	scripts/ensure_chromium.sh

nginx:  ## Debian's nginx: the browser tests serve site/ with it, as production does (installed with apt when missing)
	scripts/ensure_nginx.sh

test: build node_modules nginx  ## set up, then run the whole test suite (builds the real site)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/pytest

lint: $(VENV)/.test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.test
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(SITE) build .pytest_cache

contract: build $(VENV)/.test  ## append newly published addresses to tests/url-contract.txt, then check it
	$(BIN)/python scripts/url_contract.py --site $(SITE) --update

offline: build node_modules  ## the offline edition as a zip, for training rooms (works from file://, PDFs included)
	rm -rf build/offline && mkdir -p build
	WERKKAARTEN_OFFLINE=true $(BIN)/mkdocs build --strict -d build/offline/werkkaarten
	cp node_modules/iframe-worker/shim/index.js build/offline/werkkaarten/assets/javascripts/iframe-worker-shim.js
	cp -r $(SITE)/pdf build/offline/werkkaarten/pdf
	cd build/offline && rm -f ../werkkaarten-offline.zip && python3 -m zipfile -c ../werkkaarten-offline.zip werkkaarten
	@echo "build/werkkaarten-offline.zip: unzip and open werkkaarten/index.html"

node_modules: package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	touch $@

bench: $(VENV)/.test chromium  ## benchmark: build ratio, scale 1×/10×/30×, page weight, Lighthouse, PDFs
	$(BIN)/python scripts/bench.py

publish: build  ## copy site/ to $(DEST) (any static host or CDN directory; no server code)
	@test -n "$(DEST)" || { echo "usage: make publish DEST=/path/or/host:path (rsync target)"; exit 1; }
	rsync -a --delete $(SITE)/ $(DEST)/
