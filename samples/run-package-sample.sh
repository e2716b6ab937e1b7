#!/usr/bin/env bash
# Packs Cdp.Rules and Cdp.Rules.Mongo, restores the sample from those packages through a local folder feed (with a fresh
# package cache, so a stale copy can never be used) and runs it: proof the packages work as packages.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
version="0.1.0-local.$(date +%s)"
rm -rf "$root/artifacts/packages" "$root/artifacts/sample-packages"
# Both packages, one version: Cdp.Rules.Mongo's dependency on Cdp.Rules then resolves to the package just packed.
# Each is checked alike: package and symbols there, README and XML docs inside.
for project in Cdp.Rules Cdp.Rules.Mongo; do
  dotnet pack "$root/src/$project/$project.csproj" -c Release -o "$root/artifacts/packages" -p:Version="$version" --nologo -v quiet
  for file in "$root/artifacts/packages/$project.$version.nupkg" "$root/artifacts/packages/$project.$version.snupkg"; do
    [ -f "$file" ] || { echo "missing $file" >&2; exit 1; }
  done
  # The listing is read whole first: `... | grep -q` stops reading at the first match, and under pipefail the
  # lister's broken pipe would fail the check (it did once in CI).
  listing="$(python3 -m zipfile -l "$root/artifacts/packages/$project.$version.nupkg")"
  grep -q "README.md" <<<"$listing" || { echo "$project package has no README.md" >&2; exit 1; }
  grep -q "lib/net10.0/$project.xml" <<<"$listing" || { echo "$project package has no XML docs" >&2; exit 1; }
done
cd "$root/samples"
dotnet run --project Cdp.Rules.Sample -p:CdpRulesVersion="$version" --packages "$root/artifacts/sample-packages" --nologo
