#!/usr/bin/env bash
# The one test command (README, and .ci/run calls it): installs what the tests need, builds with
# warnings as errors, runs every test project, then proves the NuGet package works as a package.
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# Services and tools the tests start themselves: Debian's PostgreSQL server, Node.js and the npm
# packages under tools/ (Spark SQL grammar check, MongoDB semantics).
need_apt=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need_apt+=(postgresql)
command -v node >/dev/null 2>&1 || need_apt+=(nodejs npm)
[ -x /usr/bin/chromium ] || need_apt+=(chromium)   # the web app's browser tests (Playwright drives it)
command -v gcc >/dev/null 2>&1 || need_apt+=(gcc)  # the native link of cdp-rules (Native AOT)
[ -e /usr/lib/x86_64-linux-gnu/libz.so ] || need_apt+=(zlib1g-dev)
[ -e /usr/share/zoneinfo/Pacific/Chatham ] || need_apt+=(tzdata)  # the rule tests in a far time zone (below)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "== installing ${need_apt[*]}"
  if [ "$(id -u)" -ne 0 ]; then sudo=sudo; else sudo=; fi
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need_apt[@]}"
fi
for tool in tools/*/; do
  if [ -x "$tool/install.sh" ]; then
    "$tool/install.sh"
  elif [ -f "$tool/package-lock.json" ]; then
    npm ci --prefix "$tool" --no-audit --no-fund --loglevel=error
  fi
done

dotnet build Cdp.slnx -c Release --nologo -v quiet
# The rule commands as a native executable (./cdp rules check|format runs it; its tests compare it with the host).
dotnet publish src/Cdp.Rules.Cli -c Release -r linux-x64 --nologo -v quiet -o artifacts/cdp-rules

results="$(mktemp -d)"
status=0
dotnet test Cdp.slnx -c Release --no-build --nologo --logger "trx" --results-directory "$results" || status=$?
# The columnar evaluator picks Vector512, Vector256 or scalar loops by the machine: its tests again with AVX-512 off and
# with every hardware intrinsic off, so each path is proven here whatever this machine has.
for knob in EnableAVX512 EnableHWIntrinsic; do
  echo "== columnar and evaluation tests with DOTNET_$knob=0"
  env "DOTNET_$knob=0" dotnet test tests/Cdp.Rules.Tests -c Release --no-build --nologo --filter "FullyQualifiedName~Columnar|FullyQualifiedName~Evaluation" \
    --logger "trx;LogFileName=rules-without-$knob.trx" --results-directory "$results" || status=$?
done
# The rule library on a machine whose local time is far from UTC (UTC+12:45, +13:45 in summer): a local DateTime a
# developer passes is converted, never taken as UTC, and nothing depends on this machine's own zone.
echo "== rule tests with TZ=Pacific/Chatham"
if [ "$(TZ=Pacific/Chatham date +%z)" = "+0000" ]; then echo "Pacific/Chatham is unknown here (tzdata)"; status=1; fi
env TZ=Pacific/Chatham dotnet test tests/Cdp.Rules.Tests -c Release --no-build --nologo \
  --logger "trx;LogFileName=rules-in-chatham.trx" --results-directory "$results" || status=$?

# One plain closing line over all test projects, read from the TRX files.
passed=0; failed=0; skipped=0
for trx in "$results"/*.trx; do
  counters="$(grep -o '<Counters [^>]*>' "$trx")"
  p="$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")"
  f="$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")"
  n="$(sed -n 's/.* notExecuted="\([0-9]*\)".*/\1/p' <<<"$counters")"
  passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + n))
done

echo "== ESLint over the web app's scripts and their tests (tools/web-checks/eslint.config.js)"
if tools/web-checks/node_modules/.bin/eslint --config tools/web-checks/eslint.config.js src/Cdp.Host/wwwroot/js tests/web; then passed=$((passed + 1)); else failed=$((failed + 1)); status=1; fi

echo "== the web app's pure functions (tokens, completion, number formats, version diff) under node's test runner"
node_log="$(mktemp)"
if node --test tests/web/ >"$node_log" 2>&1; then :; else status=1; fi
tail -n 9 "$node_log"
passed=$((passed + $(sed -n 's/^# pass \([0-9]*\)$/\1/p' "$node_log")))
failed=$((failed + $(sed -n 's/^# fail \([0-9]*\)$/\1/p' "$node_log")))

echo "== package samples (the three package READMEs, built from the packed packages restored from a local feed)"
if ./samples/run-package-sample.sh; then passed=$((passed + 1)); else failed=$((failed + 1)); status=1; fi

echo "== every command of the README, from the root, as written (small inputs where they generate data)"
if python3 tests/readme_commands.py; then passed=$((passed + 1)); else failed=$((failed + 1)); status=1; fi

echo "== fuzz targets, a short deterministic run (the long run under AFL: docs/fuzzing.md)"
for target in rule event; do
  if dotnet run -c Release --no-build --project tests/Cdp.Fuzzing -- smoke "$target" --iterations 50000 --seed 1; then passed=$((passed + 1)); else failed=$((failed + 1)); status=1; fi
done

echo "== backend suite, quick mode: every backend and peer agrees on every count (timings are not checked)"
if dotnet run -c Release --no-build --project benchmarks/Cdp.Benchmarks -- suite --quick; then passed=$((passed + 1)); else failed=$((failed + 1)); status=1; fi

if [ "$failed" -gt 0 ]; then
  echo "== what failed (name and first line of its message, from the TRX files)"
  python3 tests/failed_tests.py "$results"/*.trx || true
fi
echo "tests: $passed passed, $failed failed, $skipped skipped"
exit "$status"
