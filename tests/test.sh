#!/usr/bin/env bash
# The project's test command: installs the npm packages of the Cosmos test server, Azurite and the browser test (from their lockfiles), builds the
# whole solution (the Azure Functions project included: tests read its generated functions.metadata and
# deps.json; and tools/bicep, which downloads the Bicep CLI from NuGet, lints infra/ failing on any warning and
# compiles infra/main.bicep to the ARM template the deployment tests read) and runs every test project, then
# prints one line "N passed, N failed, N skipped" totalled over all of them. Exits non-zero when anything failed.
#
#   bash tests/test.sh                 # against the project's Cosmos test server (started by the tests)
#   COSMOS_TEST_ENDPOINT=https://localhost:8081/ COSMOS_TEST_KEY=... bash tests/test.sh   # the emulator
set -euo pipefail
cd "$(dirname "$0")/.."

solution=Receivables.Functions.sln
results="$(mktemp -d "${TMPDIR:-/tmp}/receivables-tests.XXXXXX")"
trap 'rm -rf "$results"' EXIT

# npm packages from their lockfiles: the Cosmos test server, Azurite (blob storage for the PDF tests), and
# the browser tests' packages (playwright-core, which drives Debian's chromium, no browser downloaded; @monite/sdk-react
# and esbuild, whose platform binary is an npm package too).
for dir in tests/cosmos-test-server tools/azurite tests/browser; do
  if [ ! -d "$dir/node_modules" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
    npm ci --prefix "$dir" --no-audit --no-fund --loglevel=error
  fi
done

dotnet build "$solution" --configuration Release --nologo -v quiet

# The test projects: every project path in the solution's `Project(...) = "Name", "dir\X.csproj", "{guid}"`
# lines whose file name contains "Tests" (the .sln writes paths with backslashes).
projects=$(grep -E '^Project\(' "$solution" | grep -oE '"[^"]*\.csproj"' | tr -d '"' | tr '\\' '/' \
  | while read -r path; do case "$(basename "$path")" in *Tests*) echo "$path" ;; esac; done)
if [ -z "$projects" ]; then
  echo "no test project found in $solution" >&2
  exit 1
fi

status=0
# One run per test project, each with its own results folder, so no TRX file can overwrite another.
for project in $projects; do
  name=$(basename "$project" .csproj)
  dotnet test "$project" --configuration Release --no-build --nologo \
    --logger trx --logger "console;verbosity=minimal" --results-directory "$results/$name" || status=$?
done

# Total the counters of every project's TRX file: dotnet test prints one summary per project only.
passed=0 failed=0 skipped=0 files=0
for trx in "$results"/*/*.trx; do
  [ -e "$trx" ] || continue
  files=$((files + 1))
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  value() { printf '%s' "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
  total=$(value total); executed=$(value executed)
  passed=$((passed + $(value passed)))
  failed=$((failed + $(value failed) + $(value error) + $(value timeout) + $(value aborted)))
  skipped=$((skipped + total - executed))
done

if [ "$files" -eq 0 ]; then
  echo "no test results were written" >&2
  status=1
fi
if [ "$failed" -gt 0 ] && [ "$status" -eq 0 ]; then status=1; fi
echo "$passed passed, $failed failed, $skipped skipped"
exit "$status"
