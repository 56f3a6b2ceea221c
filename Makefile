# Two commands do all the set-up on a fresh machine:
#   make serve   run the API and maps on the embedded store (http://127.0.0.1:8000)
#   make test    lint, type-check and run the whole test suite (starts a real Neo4j)
# Ports:  make serve PORT=8080 HOST=0.0.0.0   make neo4j NEO4J_PORT=7688
PYTHON ?= python3
VENV ?= .venv
PORT ?= 8000
HOST ?= 127.0.0.1
NEO4J_PORT ?= 7687
PY := $(VENV)/bin/python
RUNTIME_STAMP := $(VENV)/.runtime-stamp
DEV_STAMP := $(VENV)/.installed-stamp
# setuptools' editable build warns that folders named like the package may shadow it on
# import (our folders are mapped under chainkg.*, so none does): only that warning is hidden
PIP := PYTHONWARNINGS="ignore:Editable installation" $(PY) -m pip install -q

.PHONY: install install-runtime lint typecheck test test-fast mutation known-mutations check-wheel serve validate reconcile neo4j neo4j-stop clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PIP) --upgrade pip

# runtime dependencies only: what `make serve` needs
$(RUNTIME_STAMP): pyproject.toml | $(PY)
	$(PIP) -e .
	touch $(RUNTIME_STAMP)

# the dev tools on top (pytest, ruff, mypy, playwright …): what `make test` needs
$(DEV_STAMP): $(RUNTIME_STAMP)
	$(PIP) -e '.[dev]'
	touch $(DEV_STAMP)

install-runtime: $(RUNTIME_STAMP)

install: $(DEV_STAMP)

lint: install typecheck
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

# mypy reads the installed layout (chainkg.graph_loader is graph_loader/ …) from a link tree
typecheck: install
	$(PY) tools/typecheck_tree.py >/dev/null
	MYPYPATH=build/typecheck $(VENV)/bin/mypy -p chainkg -p tests -p bench -p tools

test: lint
	$(PY) -m pytest $(PYTEST_ARGS)

# no Neo4j, no browser, no multi-server tests: the quick loop while editing (under 2 minutes)
test-fast: install
	$(PY) -m pytest -m "not neo4j and not browser and not slow" -p no:cacheprovider -q $(PYTEST_ARGS)

# mutation testing of the core modules listed in tools/mutation.toml (not part of CI; long):
# MODULE=graph_loader/search.py for one, MUTATION_ARGS=--resume to go on (docs/testing.md)
mutation: install
	$(PY) tools/mutation.py $(MODULE) $(MUTATION_ARGS)

# issue 15's hand-made mutations: each must make the fast subset fail (--neo4j: the Cypher ones)
known-mutations: install
	$(PY) -m tools.known_mutations $(MUTATION_ARGS)

# the wheel in a fresh venv outside the checkout, used from another directory (CI runs it)
check-wheel:
	tools/check_wheel.sh

serve: install-runtime
	$(VENV)/bin/chainkg serve --host $(HOST) --port $(PORT)

validate: install-runtime
	$(VENV)/bin/chainkg validate

reconcile: install-runtime
	$(VENV)/bin/chainkg reconcile

# a local Neo4j 5.26 (built with Maven on first use); prints the export line to paste
neo4j: install-runtime
	@$(PY) tools/neo4j_server.py start --port $(NEO4J_PORT)

neo4j-stop:
	@$(PY) tools/neo4j_server.py stop

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache neo4j-embedded/target
