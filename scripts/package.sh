#!/usr/bin/env bash
# Builds what we ship, under dist/: a Native AOT `streams` binary and a .deb per architecture.
#
#   scripts/package.sh [linux-x64] [linux-arm64]     (default: both)
#
#   dist/streams-<version>-linux-x64        the binary (runs on glibc 2.31+: Debian 11+, Raspberry Pi OS 11+)
#   dist/streams_<version>_amd64.deb        /usr/bin/streams, /etc/streams/streams.yaml, the systemd unit
#   dist/streams-<version>-linux-arm64, dist/streams_<version>_arm64.deb
#
# The version comes from git: a tag vX.Y.Z on HEAD gives X.Y.Z, anything else
# <Version in Directory.Build.props>+git<commit date>.<short hash> (".dirty" with local changes).
# arm64 is cross-compiled on an x64 machine with clang, lld and Debian's aarch64 cross libc
# (scripts/test.sh installs them). A build whose inputs have not changed since the last one is
# reused (dist/.<rid>.inputs), so running the tests twice does not compile twice. The architectures
# are compiled at the same time, each in its own artifacts directory (so neither they nor a
# `dotnet build` of the solution running meanwhile share an obj/ folder); a second package.sh waits
# for the first (dist/.lock) and then finds its builds up to date.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p dist
exec 9>dist/.lock
flock 9

rids=("$@")
((${#rids[@]})) || rids=(linux-x64 linux-arm64)

base=$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' Directory.Build.props | head -1)
if tag=$(git describe --tags --exact-match --match 'v[0-9]*' 2>/dev/null); then
  version=${tag#v}
else
  version="$base+git$(git log -1 --format=%cd --date=format:%Y%m%d).$(git rev-parse --short=9 HEAD)"
  git diff --quiet HEAD -- 2>/dev/null || version+=".dirty"
fi

# What a build depends on: the tracked and changed files that go into it, and the version.
inputs() {
  {
    echo "$version $1"
    git ls-files -s -- src packaging scripts/package.sh Directory.Build.props Directory.Packages.props
    git diff HEAD -- src packaging scripts/package.sh Directory.Build.props Directory.Packages.props
    git ls-files --others --exclude-standard -- src packaging | xargs -r sha1sum
  } | sha1sum | cut -d' ' -f1
}

publish() {
  local rid=$1 out=dist/build/$1
  local cross=()
  if [ "$rid" = linux-arm64 ] && [ "$(uname -m)" != aarch64 ]; then
    # Debian's aarch64 libc.so is a linker script with absolute paths, so no --sysroot: clang
    # finds the cross libc through its --target triple (/usr/aarch64-linux-gnu).
    cross=(-p:CppCompilerAndLinker=clang -p:LinkerFlavor=lld -p:SysRoot= -p:LinkerArg=--target=aarch64-linux-gnu)
  fi
  rm -rf "$out"
  dotnet publish src/App -c Release -r "$rid" --nologo -o "$out" --artifacts-path "dist/build/artifacts-$rid" \
    -p:InformationalVersion="$version" -p:IncludeSourceRevisionInInformationalVersion=false \
    "${cross[@]}"
  install -m 0755 "$out/streams" "dist/streams-$version-$rid"
}

# Publishes one runtime unless its inputs are unchanged; its output goes to dist/build/<rid>.log.
build() {
  local rid=$1 stamp=dist/.$1.inputs digest
  digest=$(inputs "$rid")
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$digest" ] && [ -x "dist/streams-$version-$rid" ]; then
    echo "dist/streams-$version-$rid is up to date"
    return
  fi
  rm -f "$stamp"
  local started=$SECONDS
  if publish "$rid" >"dist/build/$rid.log" 2>&1; then
    echo "$digest" >"$stamp"
    echo "dist/streams-$version-$rid built in $((SECONDS - started)) s"
  else
    cat "dist/build/$rid.log" >&2
    echo "publishing $rid failed" >&2
    return 1
  fi
}

deb_arch() {
  case $1 in
    linux-x64) echo amd64 ;;
    linux-arm64) echo arm64 ;;
    *) echo "unknown runtime $1" >&2; return 1 ;;
  esac
}

deb() {
  local rid=$1 arch root
  arch=$(deb_arch "$rid")
  root=dist/build/deb-$arch
  rm -rf "$root"
  install -d "$root/DEBIAN" "$root/usr/bin" "$root/etc/streams" "$root/lib/systemd/system" \
    "$root/usr/share/doc/streams/examples"
  install -m 0755 "dist/streams-$version-$rid" "$root/usr/bin/streams"
  # Native libraries a dependency brings (e.g. libsodium) must sit beside the binary, where the
  # runtime looks for them: then the binary lives in /usr/lib/streams and /usr/bin has a link.
  if compgen -G "dist/build/$rid/*.so*" >/dev/null; then
    install -d "$root/usr/lib/streams"
    mv "$root/usr/bin/streams" "$root/usr/lib/streams/streams"
    install -m 0644 "dist/build/$rid"/*.so* "$root/usr/lib/streams/"
    ln -s ../lib/streams/streams "$root/usr/bin/streams"
  fi
  install -m 0644 packaging/streams.yaml "$root/etc/streams/streams.yaml"
  install -m 0644 packaging/streams.service "$root/lib/systemd/system/streams.service"
  install -m 0644 README.md "$root/usr/share/doc/streams/README.md"
  install -m 0644 config/example.yaml config/seed-example.yaml "$root/usr/share/doc/streams/examples/"
  install -m 0755 packaging/postinst packaging/prerm packaging/postrm "$root/DEBIAN/"
  echo /etc/streams/streams.yaml >"$root/DEBIAN/conffiles"
  cat >"$root/DEBIAN/control" <<CONTROL
Package: streams
Version: $version
Architecture: $arch
Maintainer: Streams developers <streams@localhost>
Section: net
Priority: optional
Depends: libc6 (>= 2.31), passwd
Recommends: libssl3 | libssl1.1
Suggests: mosquitto, bluez
Installed-Size: $(du -sk --exclude=DEBIAN "$root" | cut -f1)
Description: battery BMS telemetry to MQTT and Home Assistant
 Streams reads the battery-management systems of home solar batteries (EG4
 LifePower4 v2 over Modbus RTU, legacy EG4 7E, JBD/Xiaoxiang over UART or
 Bluetooth LE) and publishes their telemetry to an MQTT broker, where Home
 Assistant discovers it. One native binary and a hardened systemd service that
 runs as the streams user.
CONTROL
  dpkg-deb --root-owner-group --build "$root" "dist/streams_${version}_$arch.deb" >/dev/null
  echo "dist/streams_${version}_$arch.deb"
}

mkdir -p dist/build
pids=()
for rid in "${rids[@]}"; do
  deb_arch "$rid" >/dev/null
  build "$rid" &
  pids+=($!)
done
failed=0
for pid in "${pids[@]}"; do
  wait "$pid" || failed=1
done
((failed == 0)) || exit 1
for rid in "${rids[@]}"; do
  deb "$rid"
done
echo "$version" >dist/VERSION
