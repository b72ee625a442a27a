# Two commands do everything on a fresh machine with Python 3.11: `make run` and `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
# The targets here run the embedded demo: config/settings.py refuses its demo key and hosts otherwise.
export EMBEDDED_DEMO ?= 1

.PHONY: run test install demo browser lint format check clean timers catalogues gettext messages

# uv installs the same requirements from PyPI in seconds instead of pip's minute and a half; pip if uv fails.
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip uv
	$(BIN)/uv pip install --quiet --python $(BIN)/python -e '.[dev]' || $(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

## catalogues: compile the translation catalogues (locale/<lang>/LC_MESSAGES/*.po, kept in git) into .mo files
CATALOGUES := $(patsubst %.po,%.mo,$(wildcard locale/*/LC_MESSAGES/*.po))
catalogues: $(CATALOGUES)
locale/%.mo: locale/%.po | gettext
	msgfmt --check-format -o $@.tmp $< && mv $@.tmp $@

## gettext: install GNU gettext (msgfmt, xgettext, msgmerge) with apt-get where it is missing
gettext:
	@command -v msgfmt >/dev/null 2>&1 || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gettext)

## messages: extract new messages into every catalogue and merge the translations of locale/tools/translations/
messages: $(STAMP) gettext
	$(BIN)/python locale/tools/catalogues.py

## run: the app with demo data on the embedded SQLite database, http://$(HOST):$(PORT)
run: $(STAMP) catalogues
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py ensure_signing_key
	$(BIN)/python manage.py load_demo
	@echo "Deadline reminders: 'manage.py workflow_timers' runs every minute alongside the server."
	@( while sleep 60; do $(BIN)/python manage.py workflow_timers >/dev/null 2>&1; done ) & \
	  trap 'kill $$!' EXIT INT TERM; \
	  $(BIN)/python manage.py runserver $(HOST):$(PORT)

## test: the whole suite (SQLite by default; set DATABASE_URL for PostgreSQL), across the machine's cores
PYTEST_WORKERS ?= auto
test: $(STAMP) catalogues
	@if command -v chromium >/dev/null 2>&1; then \
	  echo "Browser tests: using $$(command -v chromium)."; \
	  $(BIN)/pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS); \
	else \
	  echo "Browser tests SKIPPED: Debian's chromium is not installed (run 'make browser' to install it)."; \
	  $(BIN)/pytest -n $(PYTEST_WORKERS) -m "not browser" $(PYTEST_ARGS); \
	fi

## browser: install Debian's chromium for the browser tests (never a Playwright download), the PDF's fallback font, and poppler's pdfsig (a PDF reader's signature check)
browser:
	command -v chromium >/dev/null 2>&1 || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core)
	test -f /usr/share/fonts/truetype/ancient-scripts/Symbola_hint.ttf || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-symbola)
	command -v pdfsig >/dev/null 2>&1 || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

check: $(STAMP)
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/python manage.py check

timers: $(STAMP)
	$(BIN)/python manage.py workflow_timers

clean:
	rm -rf $(VENV) var/db.sqlite3
