# Two commands do all the set-up on a fresh machine:
#   make serve   run the API and maps on the embedded store (http://127.0.0.1:8000)
#   make test    lint, type-check and run the whole test suite (starts a real Neo4j)
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp

.PHONY: install lint test serve validate reconcile neo4j neo4j-stop clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy graph_loader api viz tests bench

test: lint
	$(PY) -m pytest $(PYTEST_ARGS)

serve: install
	$(VENV)/bin/chainkg serve --host 127.0.0.1 --port 8000

validate: install
	$(VENV)/bin/chainkg validate

reconcile: install
	$(VENV)/bin/chainkg reconcile

neo4j: install
	$(PY) tests/neo4j_server.py start

neo4j-stop:
	$(PY) tests/neo4j_server.py stop

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache neo4j-embedded/target
