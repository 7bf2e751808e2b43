#!/usr/bin/env bash
# Installs every Debian 12 package the project needs to build, test, run the
# demo and the benchmark. Idempotent: packages already present are skipped.
set -euo pipefail

packages=(
  build-essential cmake pkg-config ninja-build procps bc
  protobuf-compiler libprotobuf-dev
  protobuf-compiler-grpc libgrpc++-dev libgrpc-dev
  libabsl-dev
  libsqlite3-dev sqlite3
  libgtest-dev libgmock-dev
  libcli11-dev
  libsodium-dev
  libunistring-dev
  openssl ca-certificates
  libcairo2-dev libpango1.0-dev fonts-noto-cjk libqrencode-dev
  libxlsxwriter-dev python3-openpyxl     # -o xlsx, and the tests that read it back
  libmicrohttpd-dev nlohmann-json3-dev
  prometheus-cpp-dev python3-prometheus-client   # /metrics, and the tests that parse it
  poppler-utils chromium zbar-tools
  wrk curl python3
  clang-14 libclang-rt-14-dev            # libFuzzer, ASan, UBSan (scripts/fuzz.sh)
  help2man dpkg-dev                      # man pages; dpkg-shlibdeps for the packages' dependencies
  man-db zsh systemd                     # the packaging tests: man, zsh completion, systemd-analyze
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
echo "setup: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
