#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test (unit, integration,
# end-to-end) with ctest. Exits non-zero on any failure.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
"$root/scripts/build.sh"
cd "$root/build"
ctest --output-on-failure -j2 --timeout 300
