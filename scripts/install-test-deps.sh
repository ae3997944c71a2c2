#!/usr/bin/env bash
# Installs (apt) the programs the test suite uses: headless Chromium and its driver for the report and
# dashboard tests, xz for the IoT Sentinel archive, Wireshark's tools, tshark and tcpdump for capture tests,
# PostgreSQL for the store tests (started by start-postgres.sh), softflowd as a real NetFlow/IPFIX
# exporter, libpcap for live capture, nftables, iproute2 and dnsmasq for the enforcement tests in network
# namespaces, FreeRADIUS (a NAS's CoA listener) and radclient (a switch) for the RADIUS tests.
# Does nothing when they are present; when it cannot install (not root, no apt), says so and the
# tests that need a missing program skip.
set -uo pipefail
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v chromedriver >/dev/null 2>&1 || need+=(chromium-driver)
command -v xz >/dev/null 2>&1 || need+=(xz-utils)
command -v editcap >/dev/null 2>&1 || need+=(wireshark-common)
command -v tshark >/dev/null 2>&1 || need+=(tshark)
command -v tcpdump >/dev/null 2>&1 || need+=(tcpdump)
command -v mosquitto >/dev/null 2>&1 || need+=(mosquitto)
command -v pg_lsclusters >/dev/null 2>&1 || need+=(postgresql)
command -v softflowd >/dev/null 2>&1 || [ -x /usr/sbin/softflowd ] || need+=(softflowd)
command -v nft >/dev/null 2>&1 || [ -x /usr/sbin/nft ] || need+=(nftables)
command -v ip >/dev/null 2>&1 || [ -x /usr/sbin/ip ] || need+=(iproute2)
[ -x /usr/sbin/dnsmasq ] || need+=(dnsmasq-base)
command -v radclient >/dev/null 2>&1 || need+=(freeradius-utils)
[ -x /usr/sbin/freeradius ] || need+=(freeradius)
ls /usr/lib/x86_64-linux-gnu/libpcap.so.0.8 /usr/lib/*/libpcap.so.0.8 >/dev/null 2>&1 || need+=(libpcap0.8)
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
if [ ${#need[@]} -eq 0 ]; then "$here/start-postgres.sh"; exit 0; fi
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "test setup: missing ${need[*]} and cannot install them here (needs root and apt); the tests that need them will skip" >&2
  exit 0
fi
echo "test setup: installing ${need[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null 2>&1 || true
if ! apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null 2>&1; then
  # one package that cannot be installed must not keep the others out: one by one
  for p in "${need[@]}"; do
    apt-get install -y -qq --no-install-recommends "$p" >/dev/null 2>&1 \
      || echo "test setup: apt-get install $p failed; the tests that need it will skip" >&2
  done
fi
"$here/start-postgres.sh"
exit 0
