#!/usr/bin/env bash
# The systemd unit as systemd reads it: `systemd-analyze verify` of the
# unit the build made ($1/packaging/talentd.service), in a temporary root
# holding the host's own units and talentd where the unit says it is. Any
# message fails the test, and a unit with a mistake in it must fail too.
# Exits 77 (ctest: skipped) where systemd-analyze is not installed.
set -euo pipefail
build="$(cd "$1" && pwd)"
if ! command -v systemd-analyze >/dev/null; then
  echo "unit_verify_test: SKIPPED: systemd-analyze is not installed (Debian package systemd)"
  exit 77
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
root="$work/root"
mkdir -p "$root/usr/lib/systemd/system" "$root/usr/bin"
cp -r /usr/lib/systemd/system/. "$root/usr/lib/systemd/system/"
cp "$build/server/talentd" "$root/usr/bin/talentd"
unit="$root/usr/lib/systemd/system/talentd.service"

verify() {  # prints what systemd-analyze says; fails when it says anything
  local said
  said="$(systemd-analyze verify --man=no --root="$root" "$unit" 2>&1)" && [ -z "$said" ] ||
    { echo "$said"; return 1; }
}
cp "$build/packaging/talentd.service" "$unit"
grep -q '^ExecStart=/usr/bin/talentd serve --config /etc/talentd/talentd.toml$' "$unit" ||
  { echo "unit_verify_test: unexpected ExecStart in $unit" >&2; exit 1; }
if ! said="$(verify)"; then
  echo "unit_verify_test: systemd-analyze verify refused talentd.service: $said" >&2
  exit 1
fi
# The check can fail: a misspelt setting is reported.
sed 's/^NoNewPrivileges=yes$/NoNewPrivilege=yes/' "$build/packaging/talentd.service" >"$unit"
if said="$(verify)"; then
  echo "unit_verify_test: a unit with NoNewPrivilege= passed systemd-analyze verify" >&2
  exit 1
fi
case "$said" in
  *"Unknown key 'NoNewPrivilege'"*) ;;
  *) echo "unit_verify_test: unexpected message for a misspelt key: $said" >&2; exit 1 ;;
esac
echo "unit_verify_test: talentd.service passes systemd-analyze verify"
