#!/usr/bin/env bash
# Runs every test: installs the real peers the integration tests talk to (when missing),
# then the whole solution's test suite, and prints one closing summary line.
set -euo pipefail
cd "$(dirname "$0")/.."

# The peers the integration tests start: a broker, pty tools, a private D-Bus, a reference Modbus slave.
peers=(mosquitto mosquitto-clients socat dbus python3-dbus python3-gi libmodbus-dev pkg-config gcc)
# Node runs the fake ESPHome proxy and the independent npm client that checks it.
command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 || peers+=(nodejs npm)
# What scripts/package.sh and the packaging tests need: the Native AOT linker (clang, lld), the
# aarch64 cross libc for the arm64 binary, qemu-user to run it, systemd-analyze for the unit.
peers+=(clang lld zlib1g-dev gcc-aarch64-linux-gnu libc6-dev-arm64-cross binutils-aarch64-linux-gnu qemu-user-static systemd)
missing=()
for pkg in "${peers[@]}"; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if ((${#missing[@]})); then
  echo "installing test peers: ${missing[*]}"
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -qq
  "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# The fake ESPHome proxy's packages, pinned by tests/esphome-proxy/package-lock.json.
(cd tests/esphome-proxy && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)

log=$(mktemp)
package_log=$(mktemp)
trap 'rm -f "$log" "$package_log"' EXIT
set +e
# The shipped binaries and .deb files, once per run, compiled while the solution builds and the
# other tests run: the packaging tests (tests/Streams.IntegrationTests/Packaging) run the same
# script, which waits for this one (dist/.lock) and then finds them up to date. A failure here is
# not fatal by itself: those tests fail and are counted below.
started=$SECONDS
(
  bash scripts/package.sh >"$package_log" 2>&1
  echo "scripts/package.sh: exit $?, $((SECONDS - started)) s" >>"$package_log"
) &
packaging=$!
dotnet test Streams.sln -c Release --nologo 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
wait "$packaging"
cat "$package_log"
echo "whole suite: $((SECONDS - started)) s"
set -e

# dotnet test prints one "Passed!/Failed!" line per test assembly; add them up into one line.
awk '/(Passed|Failed)! +- +Failed: / {
        for (i = 1; i <= NF; i++) {
          if ($i == "Failed:") { gsub(",", "", $(i+1)); failed += $(i+1) }
          if ($i == "Passed:") { gsub(",", "", $(i+1)); passed += $(i+1) }
          if ($i == "Skipped:") { gsub(",", "", $(i+1)); skipped += $(i+1) }
        }
        assemblies++
     }
     END {
        if (assemblies == 0) { print "no test assembly reported results"; exit 1 }
        printf "Tests: %d passed, %d failed, %d skipped\n", passed, failed, skipped
        if (skipped > 0) { print "skipped tests are not allowed"; exit 1 }
     }' "$log" || status=1
if [ "$status" -ne 0 ]; then
  echo "FAILED: the build or a test run failed (dotnet test exit code $status); see above"
fi
exit "$status"
