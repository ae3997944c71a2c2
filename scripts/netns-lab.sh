# Shared by the scripts that record lab captures (scripts/record-netns-*.sh), sourced: network
# namespaces joined by one LAN bridge, veth links into it, and a cleanup that removes all of it
# (and nothing else) when the script exits.
#   lab_start BRIDGE NS...          namespaces (loopback up) and the bridge; sets W, a scratch directory
#   lab_no_ipv6                     IPv6 off on the bridge and in every namespace (no router
#                                   solicitations or DAD in the recordings)
#   lab_lan NS IF MAC [ADDR/LEN]    a veth from the bridge into NS, named IF there
#   lab_wan RNS RIF RADDR ONS OIF OADDR
#                                   a routed link from the router RNS to "outside" ONS: addresses
#                                   (ADDR/LEN), the router forwards, the outside routes back through it
lab_start() {
  LAB_BR=$1
  shift
  LAB_NS="$*"
  LAB_LINKS=""
  W=$(mktemp -d)
  trap lab_cleanup EXIT
  for n in $LAB_NS; do ip netns add "$n"; ip -n "$n" link set lo up; done
  ip link add "$LAB_BR" type bridge
  ip link set "$LAB_BR" up
}

lab_no_ipv6() {
  sysctl -qw "net.ipv6.conf.$LAB_BR.disable_ipv6=1"
  for n in $LAB_NS; do
    ip netns exec "$n" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
  done
}

lab_lan() {
  ip link add "$2" type veth peer name "$2-b"
  LAB_LINKS="$LAB_LINKS $2-b"
  ip link set "$2" netns "$1"
  ip link set "$2-b" master "$LAB_BR" up
  ip -n "$1" link set "$2" address "$3"
  if [ -n "${4:-}" ]; then ip -n "$1" addr add "$4" dev "$2"; fi
  ip -n "$1" link set "$2" up
}

lab_wan() {
  ip link add "$2" netns "$1" type veth peer name "$5" netns "$4"
  ip -n "$1" addr add "$3" dev "$2"
  ip -n "$1" link set "$2" up
  ip -n "$4" addr add "$6" dev "$5"
  ip -n "$4" link set "$5" up
  ip -n "$4" route add default via "${3%/*}"
  ip netns exec "$1" sysctl -qw net.ipv4.ip_forward=1
}

lab_cleanup() {
  kill $(jobs -p) 2>/dev/null || true
  for n in $LAB_NS; do ip netns pids "$n" 2>/dev/null | xargs -r kill 2>/dev/null || true; done
  for n in $LAB_NS; do ip netns del "$n" 2>/dev/null || true; done
  for l in $LAB_LINKS; do ip link del "$l" 2>/dev/null || true; done
  ip link del "$LAB_BR" 2>/dev/null || true
  rm -rf "$W"
}
