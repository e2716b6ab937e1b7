#!/usr/bin/env bash
# Installs the stand-in: the declared packages with npm ci, then @push.rocks/smartmongo 2.2.0 unpacked by
# hand (npm cannot resolve all of its declared dependencies, and CongoDB needs none of the others).
set -euo pipefail
cd "$(dirname "$0")"
npm ci --no-audit --no-fund --loglevel=error
target=node_modules/@push.rocks/smartmongo
if [ ! -f "$target/dist_ts/congodb/index.js" ]; then
  work="$(mktemp -d)"
  (cd "$work" && npm pack @push.rocks/smartmongo@2.2.0 --silent >/dev/null && tar xzf push.rocks-smartmongo-2.2.0.tgz)
  mkdir -p "$target"
  cp -r "$work/package/." "$target/"
  rm -rf "$work"
fi
