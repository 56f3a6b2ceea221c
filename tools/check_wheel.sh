#!/usr/bin/env bash
# Build the wheel, install it into a fresh venv outside the checkout, and use it from another
# directory as a new user would: validate, ask, reconcile, maps --out, serve until /api/v1/health
# answers. Fails when the wheel misses the seed or the Cypher, or installs top-level modules
# other than chainkg.   Usage: tools/check_wheel.sh   (make check-wheel; .ci/run runs it)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
python="${PYTHON:-python3}"
work="$(mktemp -d)"
server=""
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

step() { printf '\n== %s\n' "$*"; }

step "build the wheel"
"$python" -m venv "$work/venv"
venv="$work/venv/bin"
"$venv/pip" install -q --upgrade pip
"$venv/pip" wheel -q --no-deps -w "$work/dist" "$root"
ls "$work/dist"

step "install it into a fresh venv"
"$venv/pip" install -q "$work"/dist/chainkg-*.whl
site="$("$venv/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')"
test -f "$site/chainkg/__init__.py"
for name in api viz graph_loader records cypher seed cli tests tools; do
  if [ -e "$site/$name" ] || [ -e "$site/$name.py" ]; then
    echo "the wheel installs a top-level '$name' into site-packages" >&2
    exit 1
  fi
done
echo "site-packages has chainkg and no top-level api, viz or graph_loader"

mkdir "$work/elsewhere"
cd "$work/elsewhere"   # far from the checkout: nothing may be read from it

unset CHAINKG_SEED_DIR NEO4J_URI
export CHAINKG_DATA_DIR="$work/data"   # records of `chainkg serve`: not the user's

step "chainkg validate"
"$venv/chainkg" validate | tail -n 3
step "chainkg ask"
"$venv/chainkg" ask "光伏在哪些园区？" --json | "$venv/python" -c 'import json, sys; a = json.load(sys.stdin); assert a["answered"] and a["intent"] == "chain_parks", a; print(a["text"])'
step "chainkg reconcile"
"$venv/chainkg" reconcile --json | "$venv/python" -c 'import json, sys; rows = json.load(sys.stdin); assert len(rows) >= 10, rows; print(len(rows), "rows")'
step "chainkg maps --out site"
"$venv/chainkg" maps --out site
test -f site/index.html && test -f site/maps/chains/chain.pv.html
test -f site/lists/chainkg-chains.xlsx

step "chainkg recommend and chainkg lists"
"$venv/chainkg" recommend "钠离子电池电芯" --json | "$venv/python" -c 'import json, sys; r = json.load(sys.stdin); assert r["matched"] and r["chains"][0]["id"] == "chain.lithium_battery", r; print(r["chains"][0]["name"], r["chains"][0]["score"])'
"$venv/chainkg" lists --out lists --format xlsx >/dev/null
test -f "lists/产业链清单.xlsx" && echo "lists written"

step "chainkg serve"
port="$("$venv/python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
"$venv/chainkg" serve --port "$port" >"$work/serve.log" 2>&1 &
server=$!
for _ in $(seq 1 120); do
  if "$venv/python" -c "import urllib.request, sys; sys.exit(urllib.request.urlopen('http://127.0.0.1:$port/api/v1/health', timeout=2).status != 200)" 2>/dev/null; then
    echo "/api/v1/health answers on port $port"
    exit 0
  fi
  if ! kill -0 "$server" 2>/dev/null; then break; fi
  sleep 0.5
done
echo "chainkg serve did not answer /api/v1/health:" >&2
cat "$work/serve.log" >&2
exit 1
