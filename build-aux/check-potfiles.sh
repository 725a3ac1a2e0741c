#!/usr/bin/env bash
# Every source, template and data file with translatable strings must be in
# po/POTFILES.in, or its strings silently stay English.
set -u
root=${1:?usage: check-potfiles.sh SOURCE_ROOT}
cd "$root" || exit 1
status=0
listed=$(grep -v '^#' po/POTFILES.in | sed '/^$/d' | sort)
found=$(grep -lE '(^|[^A-Za-z0-9_])(_|N_|C_|NC_|g_dngettext) *\(|translatable="yes"' \
          --include='*.c' --include='*.ui' --include='*.in' --include='*.gschema.xml' \
          -r app ui data 2>/dev/null | sort)
for f in $found; do
  if ! grep -qxF "$f" <<<"$listed"; then
    echo "missing from po/POTFILES.in: $f"
    status=1
  fi
done
for f in $listed; do
  if [ ! -f "$f" ]; then
    echo "listed in po/POTFILES.in but missing: $f"
    status=1
  fi
done
# A format macro inside a translatable string cuts it short for xgettext:
# the catalogue then holds a fragment that never matches at run time.
cut=$(grep -nE '(^|[^A-Za-z0-9_])N?_ *\("[^"]*" *G_G(U?INT64|SIZE|SSIZE)_FORMAT' -r app 2>/dev/null)
if [ -n "$cut" ]; then
  echo "translatable strings cut short by a format macro (use %lld with a cast):"
  echo "$cut"
  status=1
fi
[ $status -eq 0 ] && echo "POTFILES.in lists all $(wc -w <<<"$found") files with translatable strings"
exit $status
