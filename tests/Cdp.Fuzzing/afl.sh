#!/usr/bin/env bash
# The long fuzz run (not in CI): AFL++ (Debian's afl++) drives the targets of Cdp.Fuzzing with the assemblies
# instrumented by SharpFuzz. Usage: tests/Cdp.Fuzzing/afl.sh rule|event [SECONDS] (default 600).
# Findings go to /tmp/cdp-afl-TARGET (crashes/ and hangs/); replay them with
#   dotnet run -c Release --project tests/Cdp.Fuzzing -- replay TARGET /tmp/cdp-afl-TARGET/default/crashes
set -euo pipefail
cd "$(dirname "$0")/../.."
target="${1:?rule or event}"
seconds="${2:-600}"
command -v afl-fuzz >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq afl++; }
dotnet tool restore >/dev/null
out="$(mktemp -d)"
dotnet publish tests/Cdp.Fuzzing -c Release -o "$out" --nologo -v quiet
for assembly in Cdp.Rules.dll Cdp.Pipeline.dll; do
  dotnet tool run sharpfuzz "$out/$assembly"
done
findings="/tmp/cdp-afl-$target"
rm -rf "$findings"
export AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_UI=1 AFL_SKIP_BIN_CHECK=1 # dotnet itself is not instrumented; the assemblies are
afl-fuzz -V "$seconds" -t 5000 -m none -i "tests/Cdp.Fuzzing/corpus/$target" -o "$findings" -- dotnet "$out/Cdp.Fuzzing.dll" afl "$target"
stats="$findings/default/fuzzer_stats"
grep -E '^(run_time|execs_done|execs_per_sec|corpus_count|saved_crashes|saved_hangs|bitmap_cvg)' "$stats"
