#!/usr/bin/env bash
# Checks that flatpak-builder accepts the Flatpak manifest: it must parse,
# and every key must be one flatpak-builder knows, with a value of the right
# type (flatpak-builder only warns about those, so warnings fail here).
# Works offline and without the runtime installed.
#
# Usage: check-flatpak-manifest.sh FLATPAK_BUILDER MANIFEST

set -u

if [ "$#" -ne 2 ]; then
  echo "usage: $0 FLATPAK_BUILDER MANIFEST" >&2
  exit 2
fi

flatpak_builder=$1
manifest=$(realpath "$2") || exit 1

# flatpak-builder creates its state directory (.flatpak-builder) in the
# current directory, even for --show-manifest: keep it out of the tree.
workdir=$(mktemp -d) || exit 1
trap 'rm -rf "$workdir"' EXIT

cd "$workdir" || exit 1

if ! "$flatpak_builder" --show-manifest "$manifest" >"$workdir/out.json" 2>"$workdir/err.txt"; then
  echo "FAIL: flatpak-builder cannot load $manifest:"
  cat "$workdir/err.txt"
  exit 1
fi

if grep -E -q 'WARNING|CRITICAL' "$workdir/err.txt"; then
  echo "FAIL: flatpak-builder warns about $manifest:"
  cat "$workdir/err.txt"
  exit 1
fi

echo "ok: flatpak-builder loads $manifest"
exit 0
