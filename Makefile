# The two commands a new user needs are `make run` and `make test`; CI calls the same targets.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install run serve test lint pytest bench loadtest screenshots clean

# Re-install only when a requirements file changes.
$(VENV)/.installed: requirements.txt requirements-dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed

# The public address the pages write (canonical, feeds, sitemap...) is where runserver listens.
run: export SITE_URL ?= http://$(HOST):$(PORT)
run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo_content
	$(BIN)/python manage.py update_index
	$(BIN)/python manage.py rebuild_suggestions
	$(BIN)/python manage.py ensure_admin
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

# Production: hashed static files, then gunicorn (workers from WEB_CONCURRENCY/GUNICORN_WORKERS,
# bound to HOST:PORT, access log on stdout). Migrations are a release step: see docs/deployment.md.
serve: export DJANGO_SETTINGS_MODULE ?= hubsite.settings.production
serve: install
	$(BIN)/python manage.py collectstatic --noinput
	HOST=$(HOST) PORT=$(PORT) exec $(BIN)/gunicorn hubsite.wsgi --config python:hubsite.gunicorn

# Timings live here, never in tests. Needs PostgreSQL and Redis on 127.0.0.1, and wrk, Varnish and nginx
# (Debian packages wrk, varnish, nginx-light). BENCH_PAGES=1000 make bench for a quicker run.
bench: install
	command -v wrk >/dev/null || { [ "$$(id -u)" = 0 ] && apt-get install -y -qq wrk; } || { echo "install wrk"; exit 1; }
	PATH="$$PATH:/usr/sbin"; command -v varnishd >/dev/null && command -v nginx >/dev/null || { [ "$$(id -u)" = 0 ] && apt-get install -y -qq varnish nginx-light; } || { echo "install varnish and nginx-light"; exit 1; }
	$(BIN)/python benchmarks/bench.py
	$(BIN)/python benchmarks/bench_front_cache.py
	$(BIN)/python benchmarks/bench_search.py --pages $${BENCH_PAGES:-10000}
	$(BIN)/python benchmarks/bench_editor.py
	$(BIN)/python benchmarks/lighthouse.py
	$(MAKE) loadtest

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports  # the layers in pyproject.toml: no app imports one above it
	$(BIN)/python manage.py makemigrations --check --dry-run

# Two pytest-xdist workers, one per core of the machine the targets are measured on; the tests that share
# the production site built once per session stay on one of them (conftest.py). PYTEST_WORKERS=0 for one process.
PYTEST_WORKERS ?= 2
pytest: install
	$(BIN)/pytest -n $(PYTEST_WORKERS) --dist loadgroup $(PYTEST_ARGS)

test: lint pytest

# Benchmarks (never part of `make test` or CI's pytest runs). The load test needs PostgreSQL and
# Redis on 127.0.0.1; LOAD_SECONDS (default 300 per phase) and LOAD_USERS (50) shorten or grow it.
loadtest: install
	$(BIN)/python benchmarks/load.py

# Every page type, search and the 404 at 390 and 1280 px, light and dark, as PNGs in screenshots/
# (SCREENSHOTS_DIR to change it). Builds its own demo site; needs Debian's Chromium.
screenshots: install
	$(BIN)/python benchmarks/screenshots.py

clean:
	rm -rf $(VENV) db.sqlite3 media staticfiles .pytest_cache .ruff_cache screenshots .lighthouse
