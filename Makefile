# Kinerja: every set-up step lives here, so a fresh machine needs only Python 3.11.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
MANAGE := $(PY) manage.py
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml constraints.txt | sha1sum | cut -c1-12)
DEMO_SIZE ?= small
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: demo test bench lint format install messages serve migrate chromium wrk clean

# The demo queues long work (large imports) in the database and runs a task worker beside the
# web server, as production does; stopping `make demo` stops both.
DEMO_ENV := KINERJA_DEBUG=true KINERJA_TASK_BACKEND=django_tasks_db.DatabaseBackend

demo: install messages
	mkdir -p var
	$(DEMO_ENV) $(MANAGE) migrate --noinput
	$(DEMO_ENV) $(MANAGE) seed_demo --size $(DEMO_SIZE) --if-empty
	$(DEMO_ENV) $(MANAGE) demo_logins
	@echo "Serving Kinerja on http://$(HOST):$(PORT)/ (Ctrl+C to stop)"
	@$(DEMO_ENV) $(MANAGE) db_worker --interval 0.5 --no-startup-delay > var/worker.log 2>&1 & \
		worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
		$(DEMO_ENV) $(MANAGE) runserver --noreload $(HOST):$(PORT)

# The slowest tests are listed at the end, to keep the whole run short.
test: install chromium messages
	KINERJA_DEBUG=true $(BIN)/pytest -n 2 --dist loadfile --durations=20 $(PYTEST_ARGS)

# The load section (bench/load.py) drives gunicorn with wrk; BENCH_ARGS="--only load" runs it
# alone, BENCH_ARGS="--only postgresql" skips it.
bench: install wrk
	KINERJA_DEBUG=true $(PY) -m bench $(BENCH_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

install: $(STAMP)

$(STAMP):
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c constraints.txt -e '.[dev]'
	$(MAKE) messages
	rm -f $(VENV)/.installed-*
	touch $@

# The catalogue is compiled before every demo and test run (a second), so a pulled translation
# is never read from a stale .mo.
messages:
	@bash scripts/ensure_gettext.sh
	KINERJA_DEBUG=true $(MANAGE) compilemessages --verbosity 0 --ignore '.venv/*' 

chromium:
	@bash scripts/ensure_chromium.sh

wrk:
	@bash scripts/ensure_wrk.sh

clean:
	rm -rf $(VENV) var/static
