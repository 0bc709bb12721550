#!/usr/bin/env bash
# Runs the API locally on http://127.0.0.1:7071/v1 with the settings of local.settings.sample.json
# (or local.settings.json), which are for local development only.
#
# Cosmos DB: by default the project's in-memory Cosmos test server on https://127.0.0.1:8081/ (data is lost
# when it stops). Set Cosmos__Endpoint to use something else instead:
#   Cosmos__Endpoint=https://localhost:8081/ bash src/run.sh                     # the Cosmos DB emulator
#   Cosmos__Endpoint=https://<account>.documents.azure.com:443/ Cosmos__Key= bash src/run.sh   # Azure, Entra ID
# Blob storage (the PDFs, and the Functions host's AzureWebJobsStorage): by default Azurite (tools/azurite) on
# 127.0.0.1:10000-10002, in memory. Set Storage__BlobEndpoint to use another account instead:
#   Storage__BlobEndpoint=https://<account>.blob.core.windows.net/ Storage__Key= bash src/run.sh   # Azure, Entra ID
# Host: `func start` (Azure Functions Core Tools) when `func` is installed, else the Kestrel host.
# Set RECEIVABLES_HOST=kestrel to use the Kestrel host even where `func` is installed.
set -euo pipefail
cd "$(dirname "$0")/.."

pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; }
trap cleanup EXIT INT TERM

# Waits (60 s at most) until the last started process writes <text> to <log>; shows the log if it exits or never does.
await_line() {
  local log=$1 text=$2 what=$3
  for _ in $(seq 1 120); do
    grep -q "$text" "$log" && return 0
    if ! kill -0 "${pids[-1]}" 2>/dev/null; then cat "$log" >&2; exit 1; fi
    sleep 0.5
  done
  cat "$log" >&2; echo "$what did not start" >&2; exit 1
}

if [ -z "${Cosmos__Endpoint:-}" ]; then
  server=tests/cosmos-test-server
  if [ ! -d "$server/node_modules" ]; then
    npm ci --prefix "$server" --no-audit --no-fund --loglevel=error
  fi
  dotnet build "$server" --nologo -v quiet
  log="$(mktemp "${TMPDIR:-/tmp}/cosmos-test-server.XXXXXX")"
  dotnet run --project "$server" --no-build -- --port 8081 >"$log" 2>&1 &
  pids+=($!)
  await_line "$log" "listening on" "the Cosmos test server"
  echo "Cosmos DB test server (in memory) on https://127.0.0.1:8081/"
  export Cosmos__Endpoint=https://127.0.0.1:8081/
fi

if [ -z "${Storage__BlobEndpoint:-}" ]; then
  azurite=tools/azurite
  if [ ! -d "$azurite/node_modules" ] || [ "$azurite/package-lock.json" -nt "$azurite/node_modules/.package-lock.json" ]; then
    npm ci --prefix "$azurite" --no-audit --no-fund --loglevel=error
  fi
  log="$(mktemp "${TMPDIR:-/tmp}/azurite.XXXXXX")"
  # Blob, queue and table (the Functions host uses all three through UseDevelopmentStorage=true), loopback only.
  node "$azurite/node_modules/azurite/dist/src/azurite.js" --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 \
    --inMemoryPersistence --extentMemoryLimit 512 --disableTelemetry --skipApiVersionCheck --silent >"$log" 2>&1 &
  pids+=($!)
  await_line "$log" "Table service is successfully listening" "Azurite"
  echo "Azurite (in memory) on http://127.0.0.1:10000/devstoreaccount1 (blob), :10001 (queue), :10002 (table)"
  export Storage__BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1
fi

if command -v func >/dev/null 2>&1 && [ "${RECEIVABLES_HOST:-}" != "kestrel" ]; then
  functions=src/Receivables.Functions
  [ -f "$functions/local.settings.json" ] || cp local.settings.sample.json "$functions/local.settings.json"
  echo "Starting the Azure Functions host (func start) on http://127.0.0.1:7071/v1"
  (cd "$functions" && func start --port 7071) &
else
  echo "Starting the Kestrel host on http://127.0.0.1:7071/v1 (install Azure Functions Core Tools to use func start)"
  dotnet run --project src/Receivables.Host &
fi
pids+=($!)
wait "${pids[-1]}"
