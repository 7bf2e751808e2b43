#!/usr/bin/env bash
# Installs what is missing and builds the project (Release) into build/.
# Usage: scripts/build.sh [target…]   (default: everything, tests included)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
"$root/scripts/setup.sh"
cmake -S "$root" -B "$root/build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DTALENT_WERROR=ON >/dev/null
if [ $# -gt 0 ]; then
  cmake --build "$root/build" -j2 --target "$@"
else
  cmake --build "$root/build" -j2
fi
