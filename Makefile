# Liaise — the two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-from-lock
# Every dependency pinned with its hashes (`make lock` makes it anew from pyproject.toml's ranges).
LOCK   := requirements.lock
SYSTEM_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core

.PHONY: install run test test-postgres lint format bench messages lock clean

# (Re)install the virtual environment only when the lock file or pyproject.toml changed: the exact versions and
# hashes of the lock, then Liaise itself without touching them.
$(STAMP): pyproject.toml $(LOCK)
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Liaise needs Python 3.11 or newer")'
	@# WeasyPrint (certificates) needs Pango and HarfBuzz from Debian.
	@ldconfig -p | grep -q libpangoft2-1.0 && ldconfig -p | grep -q libharfbuzz-subset || \
	  (apt-get install -y -qq $(SYSTEM_PACKAGES) || (apt-get update -qq && apt-get install -y -qq $(SYSTEM_PACKAGES))) \
	  || echo "Install $(SYSTEM_PACKAGES) for certificates (WeasyPrint)"
	@# GNU gettext: `make messages` and the test that the catalogues hold every string of the code.
	@command -v xgettext >/dev/null || (apt-get install -y -qq gettext || (apt-get update -qq && \
	  apt-get install -y -qq gettext)) || echo "Install gettext to update the translations"
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes -r $(LOCK)
	$(BIN)/python -m pip install --quiet --no-deps -e .
	@touch $(STAMP)

install: $(STAMP)

run: install
	$(BIN)/liaise serve

# The suite runs on every core (pytest-xdist; PYTEST_WORKERS=1 runs it in one process). Tests that share a server
# are kept on one worker (their xdist_group, tests/conftest.py).
PYTEST_WORKERS ?= auto
PYTEST_PARALLEL = $(if $(filter 1,$(PYTEST_WORKERS)),,-n $(PYTEST_WORKERS) --dist loadgroup)

test: install
	$(BIN)/pytest $(PYTEST_PARALLEL)

test-postgres: install
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test} $(BIN)/pytest $(PYTEST_PARALLEL)

lint: install
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	$(BIN)/liaise makemigrations --check --dry-run

format: install
	$(BIN)/ruff check --fix .

bench: install
	@command -v wrk >/dev/null || (apt-get install -y -qq wrk || (apt-get update -qq && apt-get install -y -qq wrk))
	$(BIN)/python bench/pages.py
	env -u DATABASE_URL $(BIN)/python bench/registration.py
	env -u DATABASE_URL $(BIN)/python bench/registration_mail.py
	env -u DATABASE_URL $(BIN)/python bench/live.py
	$(BIN)/python bench/search.py
	$(BIN)/python bench/newsletter.py

messages: install
	cd src/liaise && ../../$(BIN)/liaise makemessages -l fr -l es -l de -l it --no-obsolete && \
	  ../../$(BIN)/liaise compilemessages -l fr -l es -l de -l it

# Pin anew after changing the dependencies in pyproject.toml (uv resolves; it is not needed to install).
lock:
	@test -x $(VENV)/bin/uv || $(BIN)/python -m pip install --quiet uv
	$(BIN)/uv pip compile pyproject.toml --extra dev --universal --python-version 3.11 --generate-hashes \
	  --quiet -o $(LOCK)

clean:
	rm -rf $(VENV) var .pytest_cache
