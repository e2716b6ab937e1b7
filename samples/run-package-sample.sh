#!/usr/bin/env bash
# Packs Cdp.Rules, Cdp.Rules.Mongo and Cdp.Rules.EntityFrameworkCore at one version, then builds each package README's
# program from those packages through a local folder feed (with a fresh package cache, so a stale copy can never be
# used) and runs it: each sample must be its README's code exactly and print exactly what the README says
# (readme_sample.py). Proof the packages work as packages, and that their READMEs tell the truth.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
version="0.1.0-local.$(date +%s)"
rm -rf "$root/artifacts/packages" "$root/artifacts/sample-packages"
# One version: the targets' dependency on Cdp.Rules then resolves to the package just packed.
# Each is checked alike: package and symbols there, README, XML docs and the language reference inside.
for project in Cdp.Rules Cdp.Rules.Mongo Cdp.Rules.EntityFrameworkCore; do
  dotnet pack "$root/src/$project/$project.csproj" -c Release -o "$root/artifacts/packages" -p:Version="$version" --nologo -v quiet
  for file in "$root/artifacts/packages/$project.$version.nupkg" "$root/artifacts/packages/$project.$version.snupkg"; do
    [ -f "$file" ] || { echo "missing $file" >&2; exit 1; }
  done
  # The listing is read whole first: `... | grep -q` stops reading at the first match, and under pipefail the
  # lister's broken pipe would fail the check (it did once in CI).
  listing="$(python3 -m zipfile -l "$root/artifacts/packages/$project.$version.nupkg")"
  grep -q "README.md" <<<"$listing" || { echo "$project package has no README.md" >&2; exit 1; }
  grep -q "lib/net10.0/$project.xml" <<<"$listing" || { echo "$project package has no XML docs" >&2; exit 1; }
  grep -q "docs/rule-language.md" <<<"$listing" || { echo "$project package has no docs/rule-language.md" >&2; exit 1; }
done
for readme in src/Cdp.Rules/README.md src/Cdp.Rules.Mongo/README.md src/Cdp.Rules.EntityFrameworkCore/README.md; do
  python3 "$root/samples/readme_sample.py" "$readme" "$version" "$root/artifacts/sample-packages"
done
