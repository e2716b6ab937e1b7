#!/usr/bin/env bash
# Embedded ingest throughput: a generated events file straight into the Parquet lake, one process,
# measured with /usr/bin/time (wall clock includes process start and the final flush to disk).
# Usage: benchmarks/run-ingest-embedded.sh [EVENTS]   (default 5,000,000)
set -euo pipefail
cd "$(dirname "$0")/.."
events="${1:-5000000}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
dotnet build -c Release src/Cdp.Host --nologo -v quiet >/dev/null
dotnet run -c Release --no-build --project src/Cdp.Host -- generate --events "$events" --users $((events / 25)) --days 30 --seed 1 --out "$work/events.csv" 2>/dev/null >/dev/null
echo "input: $events events, $(du -h "$work/events.csv" | cut -f1) of CSV"
/usr/bin/time -f "wall=%e s, peak RSS=%M KiB" dotnet run -c Release --no-build --project src/Cdp.Host -- ingest --input "$work/events.csv" --data "$work/data" 2>&1 >/dev/null | tr '\r' '\n' | grep -E "wall=|refused" || true
echo "lake: $(find "$work/data/events" -name '*.parquet' | wc -l) files, $(du -sh "$work/data/events" | cut -f1)"
