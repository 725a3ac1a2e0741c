#!/usr/bin/env bash
# Checks on an AppStream metainfo file that `appstreamcli validate` from
# AppStream 0.16 does not make, but Flathub and software centres rely on.
#
# Usage: check-metainfo.sh METAINFO_FILE DESKTOP_FILE
#
# Prints one line per failed check and exits 1 if any failed, 0 otherwise.

set -u

if [ "$#" -ne 2 ]; then
  echo "usage: $0 METAINFO_FILE DESKTOP_FILE" >&2
  exit 2
fi

metainfo=$1
desktop=$2

if ! command -v xmllint >/dev/null 2>&1; then
  echo "check-metainfo: xmllint not found" >&2
  exit 2
fi

if ! xmllint --noout --nonet "$metainfo"; then
  echo "FAIL: $metainfo is not well-formed XML"
  exit 1
fi

failures=0

# Evaluate an XPath expression that yields a string, a number or a boolean.
# Node-set expressions are avoided: xmllint reports an empty set as an error.
xpath ()
{
  xmllint --nonet --xpath "$1" "$metainfo" 2>/dev/null
}

# check DESCRIPTION XPATH-BOOLEAN-EXPRESSION
check ()
{
  local result
  result=$(xpath "boolean($2)")
  if [ "$result" = "true" ]; then
    echo "ok: $1"
  else
    echo "FAIL: $1"
    failures=$((failures + 1))
  fi
}

nonempty='normalize-space(.) != ""'
hex_colour='string-length(normalize-space(.)) = 7 and starts-with(normalize-space(.), "#") and translate(substring(normalize-space(.), 2), "0123456789abcdefABCDEF", "") = ""'

check "root is a desktop-application component" \
  '/component[@type = "desktop-application"]'

check "developer has an id and a name" \
  "/component/developer[normalize-space(@id) != \"\"]/name[$nonempty]"

check "launchable of type desktop-id" \
  "/component/launchable[@type = \"desktop-id\"][$nonempty]"

check "content_rating of type oars-1.x" \
  '/component/content_rating[starts-with(@type, "oars-1.")]'

check "branding has a light primary colour (#rrggbb)" \
  "/component/branding/color[@type = \"primary\"][@scheme_preference = \"light\"][$hex_colour]"

check "branding has a dark primary colour (#rrggbb)" \
  "/component/branding/color[@type = \"primary\"][@scheme_preference = \"dark\"][$hex_colour]"

check "at least one release with a version, a date and a description" \
  '/component/releases/release[normalize-space(@version) != ""][normalize-space(@date) != ""][description/*]'

check "at least one screenshot with an image and a caption" \
  "/component/screenshots/screenshot[image[$nonempty]][caption[$nonempty]]"

check "url of type homepage" \
  "/component/url[@type = \"homepage\"][starts-with(normalize-space(.), \"https://\")]"

check "url of type bugtracker" \
  "/component/url[@type = \"bugtracker\"][starts-with(normalize-space(.), \"https://\")]"

check "provides the binary aplomb" \
  '/component/provides/binary[normalize-space(.) = "aplomb"]'

# The component id, the launchable and the desktop file must all agree.
desktop_base=$(basename "$desktop")
desktop_base=${desktop_base%.in}
desktop_id=${desktop_base%.desktop}
component_id=$(xpath 'normalize-space(/component/id)')
launchable=$(xpath 'normalize-space(/component/launchable[@type = "desktop-id"])')

if [ -n "$component_id" ] && [ "$component_id" = "$desktop_id" ]; then
  echo "ok: id equals the desktop file's basename ($desktop_id)"
else
  echo "FAIL: id '$component_id' does not equal the desktop file's basename '$desktop_id'"
  failures=$((failures + 1))
fi

if [ "$launchable" = "$desktop_base" ]; then
  echo "ok: launchable names the desktop file ($desktop_base)"
else
  echo "FAIL: launchable '$launchable' does not name the desktop file '$desktop_base'"
  failures=$((failures + 1))
fi

if [ "$failures" -ne 0 ]; then
  echo "$failures check(s) failed on $metainfo"
  exit 1
fi
exit 0
