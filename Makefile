# One command to run the app, one to run every test. Both set up what they need.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8501
STAMP := $(VENV)/.installed

.PHONY: setup run classroom test lint bench chromium nginx node live clean screenshots

setup: $(STAMP)

$(STAMP): requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $(STAMP)

# Debian's Chromium for the browser tests (never a browser download of playwright's own).
chromium:
	@if ! command -v chromium >/dev/null 2>&1; then \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; \
	fi

# Debian's nginx for the classroom setup (its own config per launch; the system service
# that the package starts is stopped again, so port 80 stays free).
nginx:
	@if [ ! -x /usr/sbin/nginx ]; then \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq nginx-light >/dev/null; \
		$$SUDO service nginx stop >/dev/null 2>&1 || true; \
	fi

# Node.js for the browser code's tests (node --test): Debian's, if the machine has none.
node:
	@if ! command -v node >/dev/null 2>&1; then \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq nodejs npm >/dev/null; \
	fi

# The live explorer's browser dependencies (the partial plotly.js bundle), exactly as
# kl_ui/live/web/package-lock.json pins them; the app serves them itself (static/).
LIVE := kl_ui/live/web
live: $(LIVE)/node_modules/.installed

$(LIVE)/node_modules/.installed: $(LIVE)/package.json $(LIVE)/package-lock.json
	@$(MAKE) --no-print-directory node
	cd $(LIVE) && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	touch $@

# Tuned server (serve.py runs serving/server.py). HOST=0.0.0.0 make run listens on the network.
HOST ?= 127.0.0.1
run: setup live
	HOST=$(HOST) PORT=$(PORT) $(PY) serve.py

# A lecture hall: one replica per core behind nginx (serving/classroom.py). REPLICAS=n to choose.
classroom: setup nginx live
	HOST=$(HOST) PORT=$(PORT) $(PY) classroom.py

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

test: setup chromium nginx live lint
	cd $(LIVE) && node --test test/
	$(PY) -m pytest

# Full-page PNGs of every page and preset on the phone, laptop and projector, in
# screenshots/ (ignored by git), and the layout defects found on each.
screenshots: setup chromium live
	$(PY) tests/e2e/screenshots.py

bench: setup
	$(PY) bench/bench_core.py
	$(PY) bench/bench_asymmetry.py
	$(PY) bench/bench_pages.py
	$(PY) bench/serve.py
	$(PY) bench/browser.py
	$(PY) bench/frontend_costs.py
	$(PY) bench/first_view.py
	$(PY) bench/preload.py
	$(PY) bench/load.py
	$(PY) bench/flood.py
	$(PY) bench/budget.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis $(LIVE)/node_modules
