#!/usr/bin/env python3
"""Check the sandbox permissions of the Flatpak manifest.

Aplomb runs fully offline and reaches files only through portals, so the
manifest must ask for exactly the permissions a GTK application needs to
draw itself, and nothing more: no file system access, no network.

Usage: check-flatpak-permissions.py MANIFEST.json

Prints one line per failed check and exits 1 if any failed, 0 otherwise.
"""

import json
import os
import sys

EXPECTED_FINISH_ARGS = {
    "--share=ipc",
    "--socket=fallback-x11",
    "--socket=wayland",
    "--device=dri",
}

FORBIDDEN_PREFIXES = (
    "--filesystem",
    "--share=network",
)


def walk_strings(value, path="$"):
    """Yield (json_path, string) for every string anywhere in the manifest."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from walk_strings(item, f"{path}[{index}]")
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from walk_strings(item, f"{path}.{key}")


def check(manifest_path):
    failures = []

    try:
        with open(manifest_path, encoding="utf-8") as manifest_file:
            manifest = json.load(manifest_file)
    except (OSError, ValueError) as error:
        return [f"cannot read {manifest_path} as JSON: {error}"]

    if not isinstance(manifest, dict):
        return [f"{manifest_path}: the top level is not a JSON object"]

    expected_id = os.path.basename(manifest_path)
    if expected_id.endswith(".json"):
        expected_id = expected_id[: -len(".json")]
    app_id = manifest.get("app-id", manifest.get("id"))
    if app_id != expected_id:
        failures.append(f"app-id is {app_id!r}, expected {expected_id!r} (the file name)")

    finish_args = manifest.get("finish-args")
    if not isinstance(finish_args, list) or not all(isinstance(a, str) for a in finish_args):
        failures.append("finish-args is missing or is not a list of strings")
    else:
        if len(finish_args) != len(set(finish_args)):
            failures.append(f"finish-args has duplicates: {finish_args}")
        extra = sorted(set(finish_args) - EXPECTED_FINISH_ARGS)
        missing = sorted(EXPECTED_FINISH_ARGS - set(finish_args))
        if extra:
            failures.append(f"finish-args asks for more than it should: {', '.join(extra)}")
        if missing:
            failures.append(f"finish-args lacks: {', '.join(missing)}")

    for json_path, string in walk_strings(manifest):
        if string.startswith(FORBIDDEN_PREFIXES):
            failures.append(f"{json_path} grants {string!r}: no file system or network access is allowed")

    return failures


def main(argv):
    if len(argv) != 2:
        print(f"usage: {argv[0]} MANIFEST.json", file=sys.stderr)
        return 2

    failures = check(argv[1])
    for failure in failures:
        print(f"FAIL: {failure}")
    if failures:
        return 1
    print(f"ok: {argv[1]} asks for exactly {', '.join(sorted(EXPECTED_FINISH_ARGS))}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
