# The portal's commands. A fresh machine needs Python 3.11+ and make:
#   make run    the portal with demo data on http://127.0.0.1:8000/
#   make mail   (in a second terminal) prints the e-mails the portal queued
#   make test   the test suite (SQLite, or PostgreSQL when DATABASE_URL is set)
#   make test-browser  the journeys and accessibility checks in Chromium
#   make bench  the benchmark (PostgreSQL and Redis; README, "Benchmark")

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
# make is for development: debug on, so no secret key is needed.
export DJANGO_DEBUG ?= 1

.PHONY: install run mail test test-browser bench lint format check-migrations messages lock collectstatic clean

install: $(VENV)/.installed

$(VENV)/.installed: requirements-dev.lock
	@$(PYTHON) -c 'import sys; sys.exit(0) if sys.version_info >= (3, 11) else sys.exit("Python 3.11 or newer is needed, found " + sys.version.split()[0] + ": run make with PYTHON=python3.11 (or newer).")'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements-dev.lock
	@touch $@

run: install
	$(MANAGE) migrate --noinput
	$(MANAGE) seed_demo
	$(MANAGE) runserver 127.0.0.1:8000

# The e-mail worker: delivers the queue every 2 seconds; with the default
# EMAIL_URL (consolemail://) it prints the e-mails here.
mail: install
	$(MANAGE) deliver_mail --loop --interval 2

test: install
	$(BIN)/pytest --ignore=tests/browser $(PYTEST_ARGS)

# The journeys and the accessibility checks in Chromium (tests/browser),
# which `make test` leaves out: they need Debian's chromium
# (apt-get install chromium) or ASSKOMM_CHROMIUM naming one.
CHROMIUM ?= $(or $(ASSKOMM_CHROMIUM),$(shell command -v chromium),/usr/bin/chromium)
test-browser: install
	@test -x "$(CHROMIUM)" || { echo "Chromium is needed for the browser tests: apt-get install chromium (or set ASSKOMM_CHROMIUM)."; exit 1; }
	ASSKOMM_CHROMIUM="$(CHROMIUM)" $(BIN)/pytest tests/browser $(PYTEST_ARGS)

# The benchmark of issue 13: throwaway databases asskomm_bench_* on the
# server of BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432),
# Redis on 127.0.0.1:6379; results in bench/results/. BENCH_ARGS, e.g.
# "--quick" or "--scales 1 10 --duration 5".
bench: install
	DJANGO_DEBUG=0 $(BIN)/python -m bench $(BENCH_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

check-migrations: install
	$(MANAGE) makemigrations --check --dry-run

# Needs GNU gettext; a fresh machine does not, because the .mo files are committed.
messages: install
	$(MANAGE) makemessages --locale de --add-location file --no-obsolete --ignore '.venv/*' --ignore 'var/*'
	$(MANAGE) compilemessages --locale de --ignore '.venv/*'

# Upgrade the pinned versions within the ranges of pyproject.toml (uv resolves
# in seconds where pip-compile backtracked for many minutes over botocore).
LOCK := $(BIN)/uv pip compile --quiet --upgrade --generate-hashes --universal --python-version 3.11 --index-url https://pypi.org/simple
lock: install
	$(LOCK) -o requirements.lock pyproject.toml
	$(LOCK) --extra dev -o requirements-dev.lock pyproject.toml

collectstatic: install
	$(MANAGE) collectstatic --noinput

clean:
	rm -rf $(VENV) var
