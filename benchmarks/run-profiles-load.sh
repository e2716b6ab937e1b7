#!/usr/bin/env bash
# Loading profiles into PostgreSQL: a throw-away server (Debian's postgresql, on a free port), profiles
# computed by the embedded ETL from generated events, then timed `cdp profiles load --to postgres`.
# Usage: benchmarks/run-profiles-load.sh [EVENTS] [USERS]   (default 12,000,000 events, 1,200,000 users)
set -euo pipefail
cd "$(dirname "$0")/.."
events="${1:-12000000}"; users="${2:-1200000}"
work="$(mktemp -d)"; chmod 755 "$work"
bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
port=$((20000 + RANDOM % 20000))
as_postgres() { if [ "$(id -u)" -eq 0 ]; then su postgres -s /bin/sh -c "$*"; else sh -c "$*"; fi; }
mkdir -p "$work/pg"; [ "$(id -u)" -eq 0 ] && chown postgres "$work/pg"
as_postgres "$bin/initdb -D $work/pg/data -U postgres -A trust --no-sync -E UTF8 --locale=C.UTF-8" >/dev/null
as_postgres "$bin/pg_ctl -D $work/pg/data -w -l $work/pg/log -o \"-c listen_addresses=127.0.0.1 -p $port -k $work/pg -c fsync=off\" start" >/dev/null
trap 'as_postgres "$bin/pg_ctl -D $work/pg/data -m immediate stop" >/dev/null; rm -rf "$work"' EXIT
dotnet build -c Release src/Cdp.Host --nologo -v quiet >/dev/null
cdp() { dotnet run -c Release --no-build --project src/Cdp.Host -- "$@"; }
cdp generate --events "$events" --users "$users" --days 30 --seed 1 --out "$work/events.csv" 2>/dev/null >/dev/null
cdp ingest --input "$work/events.csv" --data "$work/data" 2>/dev/null
rm "$work/events.csv"
cdp etl --data "$work/data" --as-of 2019-10-30 2>/dev/null
/usr/bin/time -f "load process: wall=%e s, peak RSS=%M KiB" dotnet run -c Release --no-build --project src/Cdp.Host -- \
  profiles load --data "$work/data" --to postgres --connection "Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
