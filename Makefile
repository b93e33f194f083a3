# The workshop's two commands: `make run` starts the most advanced step, `make test`
# runs every test. Both set up what they need first. Windows: see README.md.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STEP ?= steps/04_refresh_tokens
PORT ?= 8000

.PHONY: run test lint docs setup client-setup e2e e2e-setup bench

run: setup
	@echo "Swagger UI: http://127.0.0.1:$(PORT)/docs"
	$(BIN)/uvicorn main:app --reload --app-dir $(STEP) --port $(PORT)

test: setup lint docs client-setup
	$(BIN)/pytest
ifdef TEST_POSTGRES_URL
	TEST_DATABASE_URL=$(TEST_POSTGRES_URL) $(BIN)/pytest steps/04_refresh_tokens
else
	@echo "TEST_POSTGRES_URL is not set: step 04 was tested on SQLite only."
endif
	$(BIN)/workshop verify
	cd client_rn && npm run lint && npm test && npm run typecheck

# The web client and the docs site in headless Chromium, against step 04. Needs
# Chromium (/usr/bin/chromium, or CHROMIUM_PATH) and never downloads one.
e2e: setup client-setup e2e-setup
	cd e2e && npm run lint && npm test

# On demand, not part of `make test`: about two minutes; see docs/benchmarks.md.
bench: setup
	$(BIN)/python -m benchmarks.run

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# The docs site into site/, as it is published. --strict makes every warning fail:
# a broken link, or a code region a page includes that no longer exists.
docs: setup
	$(BIN)/mkdocs build --strict

setup: $(VENV)/installed

# Re-installs whenever the pins change.
$(VENV)/installed: pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[dev]"
	touch $@

client-setup: client_rn/node_modules/.installed

# The client's packages, exactly as locked; again whenever the lock changes.
client_rn/node_modules/.installed: client_rn/package-lock.json
	cd client_rn && npm ci
	touch $@

e2e-setup: e2e/node_modules/.installed

# The end-to-end tests' packages, exactly as locked; again whenever the lock changes.
e2e/node_modules/.installed: e2e/package-lock.json
	cd e2e && npm ci
	touch $@
