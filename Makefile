# pairjobs: `make run` serves the demo on http://127.0.0.1:5000, `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PORT ?= 5000
export FLASK_APP := pairjobs
# `flask run` serves there, and commands that build links outside a request (mail) use the same address.
export FLASK_RUN_HOST := 127.0.0.1
export FLASK_RUN_PORT := $(PORT)
# Run as root, or through sudo, to install Debian packages (Chromium for the tests, wrk for the bench).
SUDO := $(shell [ "$$(id -u)" -eq 0 ] || echo sudo)

.PHONY: run test test-fast lint bench install translations messages clean chromium

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# Reinstall when the dependencies change.
$(STAMP): setup.cfg pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test,postgres]'
	touch $(STAMP)

install: $(STAMP) translations

translations: $(STAMP)
	$(BIN)/pybabel compile --use-fuzzy -d pairjobs/translations

run: install
	$(BIN)/flask db upgrade
	$(BIN)/flask demo
	@echo "pairjobs is served on http://127.0.0.1:$(PORT) (Ctrl-C to stop)"
	$(BIN)/flask run

# The browser tests drive Debian's headless Chromium, never a browser downloaded by a test tool.
chromium:
	@[ -x /usr/lib/chromium/chromium-headless-shell ] || { $(SUDO) apt-get update -qq && \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium-headless-shell >/dev/null; }

# The suite runs on every core (pytest-xdist; each worker has its own database). PYTEST_ARGS adds options,
# e.g. PYTEST_ARGS='-n 0 -x tests/functional/test_api.py'.
PYTEST := $(BIN)/python -m pytest -n auto

test: install chromium
	$(PYTEST) $(PYTEST_ARGS)

# Everything but the browser tests (tests/e2e, marked `browser`): no Chromium needed.
test-fast: install
	$(PYTEST) -m "not browser" $(PYTEST_ARGS)

# ruff (the rules and the one line length are in pyproject.toml), mypy (setup.cfg) and the import
# contracts (.importlinter).
lint: install
	$(BIN)/ruff check pairjobs tests migrations bench
	$(BIN)/mypy pairjobs
	$(BIN)/lint-imports

# Not part of the tests: pairjobs and a bare Flask baseline under gunicorn, measured with wrk.
bench: install
	@command -v wrk >/dev/null || { $(SUDO) apt-get update -qq && \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk; }
	$(BIN)/python bench/run.py $(BENCH_ARGS)

# Refresh the message catalogue after changing user-facing strings.
messages: $(STAMP)
	$(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_gettext -o pairjobs/translations/messages.pot --no-location --sort-output pairjobs templates
	$(BIN)/pybabel update -i pairjobs/translations/messages.pot -d pairjobs/translations --no-fuzzy-matching

clean:
	rm -rf $(VENV) instance/pairjobs.sqlite* .pytest_cache
