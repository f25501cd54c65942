#!/usr/bin/env bash
# Creates (up) or removes (down) a network namespace whose client is not on loopback: a veth pair with
# 10.213.0.1 on this machine's side and 10.213.0.2 inside the namespace. The security tests send their
# requests from inside it (ip netns exec capa-remote curl http://10.213.0.1:PORT/...), and only there.
# Needs root (ip netns); prints nothing on success.
set -euo pipefail
ns=${CAPA_NETNS:-capa-remote}
host_if=${ns:0:10}-h
ns_if=${ns:0:10}-n
case "${1:-up}" in
  up)
    ip netns del "$ns" 2>/dev/null || true
    ip link del "$host_if" 2>/dev/null || true
    ip netns add "$ns"
    ip link add "$host_if" type veth peer name "$ns_if"
    ip link set "$ns_if" netns "$ns"
    ip addr add 10.213.0.1/30 dev "$host_if"
    ip link set "$host_if" up
    ip netns exec "$ns" ip addr add 10.213.0.2/30 dev "$ns_if"
    ip netns exec "$ns" ip link set "$ns_if" up
    ip netns exec "$ns" ip link set lo up
    ;;
  down)
    ip netns del "$ns" 2>/dev/null || true
    ip link del "$host_if" 2>/dev/null || true
    ;;
  *) echo "usage: $0 up|down" >&2; exit 2 ;;
esac
