#!/usr/bin/env bash
# The one test command (README, and .ci/run calls it): installs what the tests need, builds with
# warnings as errors, runs every test project, then proves the NuGet package works as a package.
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

dotnet build Cdp.slnx -c Release --nologo -v quiet

results="$(mktemp -d)"
status=0
dotnet test Cdp.slnx -c Release --no-build --nologo --logger "trx" --results-directory "$results" || status=$?

# One plain closing line over all test projects, read from the TRX files.
passed=0; failed=0; skipped=0
for trx in "$results"/*.trx; do
  counters="$(grep -o '<Counters [^>]*>' "$trx")"
  p="$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")"
  f="$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")"
  n="$(sed -n 's/.* notExecuted="\([0-9]*\)".*/\1/p' <<<"$counters")"
  passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + n))
done

echo "== package sample (Cdp.Rules restored from a local feed)"
if ./samples/run-package-sample.sh; then passed=$((passed + 1)); else failed=$((failed + 1)); status=1; fi

echo "tests: $passed passed, $failed failed, $skipped skipped"
exit "$status"
