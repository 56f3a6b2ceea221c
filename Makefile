# Two commands do all the set-up on a fresh machine:
#   make serve   run the API and maps on the embedded store (http://127.0.0.1:8000)
#   make test    lint, type-check and run the whole test suite (starts a real Neo4j)
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp

.PHONY: install lint typecheck test test-fast mutation known-mutations check-wheel serve validate reconcile neo4j neo4j-stop clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

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

serve: install
	$(VENV)/bin/chainkg serve --host 127.0.0.1 --port 8000

validate: install
	$(VENV)/bin/chainkg validate

reconcile: install
	$(VENV)/bin/chainkg reconcile

neo4j: install
	$(PY) tools/neo4j_server.py start

neo4j-stop:
	$(PY) tools/neo4j_server.py stop

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache neo4j-embedded/target
