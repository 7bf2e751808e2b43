#!/usr/bin/env bash
# The Debian packages as an operator gets them: builds them with cpack from
# the build directory ($1), checks their control data (names, declared
# dependencies, conffiles, maintainer scripts) and contents, unpacks both
# with `dpkg-deb -x` into a temporary root, and runs the binaries from
# there: --version (the build's revision), --help, the man pages, bash
# completion from the packaged script, and a real `talentd init` + `talentd
# serve --config` of the packaged example configuration answered by the
# packaged talentctl. Exits non-zero, saying what was wrong, on any failure.
set -euo pipefail
build="$(cd "$1" && pwd)"
work="$(mktemp -d)"
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then kill -KILL "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

fail() { echo "deb_test: $*" >&2; exit 1; }
# expect_eq WHAT ACTUAL EXPECTED
expect_eq() { [ "$2" = "$3" ] || fail "$1: got '$2', expected '$3'"; }
# expect_has WHAT TEXT NEEDLE
expect_has() { case "$2" in *"$3"*) ;; *) fail "$1: '$3' not in: $2" ;; esac; }

(cd "$build" && cpack -G DEB -B "$work/out" >"$work/cpack.log" 2>&1) ||
  { cat "$work/cpack.log" >&2; fail "cpack failed"; }
server_deb="$(ls "$work"/out/talentd_*.deb)"
client_deb="$(ls "$work"/out/talentctl_*.deb)"
arch="$(dpkg --print-architecture)"
expect_eq "talentd package file" "$(basename "$server_deb")" "talentd_0.1.0_$arch.deb"
expect_eq "talentctl package file" "$(basename "$client_deb")" "talentctl_0.1.0_$arch.deb"

# Control data: the dependencies are the Debian packages of the libraries
# the binaries link (dpkg-shlibdeps), plus what they need at run time.
expect_eq "talentd Package" "$(dpkg-deb -f "$server_deb" Package)" talentd
expect_eq "talentctl Package" "$(dpkg-deb -f "$client_deb" Package)" talentctl
server_depends="$(dpkg-deb -f "$server_deb" Depends)"
for dep in "libgrpc++1.51" libprotobuf32 libsqlite3-0 libsodium23 libmicrohttpd12 libc6 \
           "systemd | adduser"; do
  expect_has "talentd Depends" "$server_depends" "$dep"
done
client_depends="$(dpkg-deb -f "$client_deb" Depends)"
for dep in "libgrpc++1.51" libprotobuf32 libcairo2 libpango-1.0-0 libqrencode4 fonts-noto-cjk; do
  expect_has "talentctl Depends" "$client_depends" "$dep"
done
case "$client_depends" in *libsqlite3*) fail "talentctl depends on SQLite: $client_depends" ;; esac
mkdir "$work/control"
dpkg-deb -e "$server_deb" "$work/control"
expect_eq "talentd conffiles" "$(cat "$work/control/conffiles")" "/etc/talentd/talentd.toml"
for script in postinst prerm postrm; do
  [ -x "$work/control/$script" ] || fail "talentd $script is missing or not executable"
  sh -n "$work/control/$script" || fail "talentd $script is not valid sh"
done

# Contents.
server_files="$(dpkg-deb -c "$server_deb" | awk '{print $6}')"
for f in ./usr/bin/talentd ./usr/share/man/man1/talentd.1.gz \
         ./usr/lib/systemd/system/talentd.service ./usr/lib/sysusers.d/talentd.conf \
         ./etc/talentd/talentd.toml; do
  expect_has "talentd contents" "$server_files" "$f"
done
client_files="$(dpkg-deb -c "$client_deb" | awk '{print $6}')"
for f in ./usr/bin/talentctl ./usr/share/man/man1/talentctl.1.gz \
         ./usr/share/bash-completion/completions/talentctl \
         ./usr/share/zsh/vendor-completions/_talentctl; do
  expect_has "talentctl contents" "$client_files" "$f"
done

root="$work/root"
dpkg-deb -x "$server_deb" "$root"
dpkg-deb -x "$client_deb" "$root"
talentd="$root/usr/bin/talentd"
talentctl="$root/usr/bin/talentctl"

# The packaged binaries are the build's (stripped): the same version line.
expect_eq "talentd --version" "$("$talentd" --version)" "$("$build/server/talentd" --version)"
expect_eq "talentctl --version" "$("$talentctl" --version)" "$("$build/client/talentctl" --version)"
case "$("$talentd" --version)" in "talentd 0.1.0 ("*")") ;; *) fail "talentd --version: $("$talentd" --version)" ;; esac
expect_has "talentd --help" "$("$talentd" --help)" "serve"
expect_has "talentctl --help" "$("$talentctl" --help)" "completion"

# The man pages, as man shows them.
server_man="$(MANWIDTH=200 man -l "$root/usr/share/man/man1/talentd.1.gz" 2>/dev/null)"
expect_has "man talentd" "$server_man" "talentd serve"
expect_has "man talentd" "$server_man" "--config"
expect_has "man talentd" "$server_man" "/etc/talentd/talentd.toml"
client_man="$(MANWIDTH=200 man -l "$root/usr/share/man/man1/talentctl.1.gz" 2>/dev/null)"
expect_has "man talentctl" "$client_man" "talentctl cert verify"
expect_has "man talentctl" "$client_man" "~/.config/talentctl/config"

# The packaged bash completion.
offered="$(bash --norc -c 'source "$1" && COMP_WORDS=(talentctl ce) && COMP_CWORD=1 && _talentctl &&
  printf "%s\n" "${COMPREPLY[@]}"' sh "$root/usr/share/bash-completion/completions/talentctl")"
expect_eq "completion of 'talentctl ce'" "$offered" "cert"
zsh -n "$root/usr/share/zsh/vendor-completions/_talentctl" || fail "_talentctl is not valid zsh"

# The user the unit runs as.
expect_has "sysusers" "$(systemd-sysusers --root="$work/sysroot" --dry-run \
  "$root/usr/lib/sysusers.d/talentd.conf" 2>&1)" "talentd"

# A real server from the package: init, then serve with the packaged
# configuration (its paths and ports moved into the temporary directory).
"$talentd" init --db "$work/talent.db" --admin admin >"$work/admin.token" 2>"$work/init.log" ||
  { cat "$work/init.log" >&2; fail "talentd init failed"; }
"$talentd" serve --config "$root/etc/talentd/talentd.toml" --db "$work/talent.db" \
  --listen 127.0.0.1:0 --port-file "$work/port" --http-listen 127.0.0.1:0 \
  --http-port-file "$work/http-port" --metrics-listen 127.0.0.1:0 2>"$work/talentd.log" &
server_pid=$!
# The gRPC port file is written last, once every port is bound.
for _ in $(seq 100); do [ -s "$work/port" ] && break; sleep 0.1; done
[ -s "$work/port" ] || { cat "$work/talentd.log" >&2; fail "talentd serve did not start"; }
whoami="$("$talentctl" --server "127.0.0.1:$(cat "$work/port")" --token-file "$work/admin.token" \
  -o csv whoami)"
expect_has "talentctl whoami" "$whoami" "admin"
expect_eq "GET /healthz" "$(curl -s "http://127.0.0.1:$(cat "$work/http-port")/healthz")" "ok"
kill -TERM "$server_pid"
wait "$server_pid" || fail "talentd did not stop cleanly: $(cat "$work/talentd.log")"
server_pid=""
echo "deb_test: $(basename "$server_deb") and $(basename "$client_deb") install and run"
