#!/usr/bin/env bash
# A translation must be valid and complete: every string of the current
# sources translated, none fuzzy. French is a first-class language.
set -u
root=${1:?usage: check-translation.sh SOURCE_ROOT LANG}
lang=${2:?usage: check-translation.sh SOURCE_ROOT LANG}
po="$root/po/$lang.po"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

msgfmt --check --check-format -o /dev/null "$po" || { echo "$po: msgfmt --check failed"; exit 1; }

(cd "$root" && xgettext --from-code=UTF-8 --add-comments=Translators \
   --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
   --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 \
   --files-from=<(grep -v '^#' po/POTFILES.in | sed '/^$/d') \
   -o "$tmp/aplomb.pot") || { echo "xgettext failed"; exit 1; }

msgmerge --quiet --no-fuzzy-matching -o "$tmp/merged.po" "$po" "$tmp/aplomb.pot" || exit 1
stats=$(LC_ALL=C msgfmt --statistics -o /dev/null "$tmp/merged.po" 2>&1)
echo "$lang: $stats"
if grep -qE 'untranslated|fuzzy' <<<"$stats"; then
  echo "$lang is not complete; untranslated or fuzzy strings:"
  msgattrib --untranslated --only-fuzzy "$tmp/merged.po" 2>/dev/null | grep '^msgid' | head -n 40
  msgattrib --untranslated "$tmp/merged.po" | grep -A1 '^msgid' | head -n 40
  exit 1
fi
# Strings in the .po that the sources no longer use are left-overs.
obsolete=$(msgattrib --only-obsolete "$tmp/merged.po" | grep -c '^#~ msgid' || true)
if [ "$obsolete" -gt 0 ]; then
  echo "$lang has $obsolete obsolete strings: run msgmerge to drop them"
  exit 1
fi
exit 0
