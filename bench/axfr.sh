#!/usr/bin/env bash
# AXFR of a large zone from this server beside Knot DNS, and query latency while transfers run.
#
#   flock /tmp/bench.lock bench/axfr.sh [NAMES] [ROUNDS]
#
# Writes a zone of NAMES names (default 1,000,000) with ../shared/bench/genzone.py, serves it with
# this server (transfers allowed from loopback) and with knotd, then:
#  1. times `kdig AXFR` of the whole zone from each, ROUNDS times, alternating;
#  2. measures dnsperf's average latency at RATE qps (default 20000) against each server, alone,
#     while AXFRs of the zone from it run back to back, and (a control: the same client load, the
#     transfers served by the other process) while AXFRs from the other server run.
# The machine is shared and noisy: compare the figures of one run, and repeat when in doubt.
set -euo pipefail
cd "$(dirname "$0")/.."
names=${1:-1000000}
rounds=${2:-3}
rate=${RATE:-20000}
secs=${SECONDS_PER_RUN:-10}
work=$(mktemp -d)
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"' EXIT

# BENCH_CACHE=DIR keeps the zone and the queries (slow to make) for the next run.
cache=${BENCH_CACHE:-$work}
mkdir -p "$cache"
if [ ! -s "$cache/queries-$names" ]; then
  /usr/bin/python3 ../shared/bench/genzone.py "$cache" "$names"
  /usr/bin/python3 ../shared/bench/genqueries.py "$cache" 200000 > "$cache/queries-$names"
  cp "$cache/bench.test.zone" "$cache/bench.test.zone-$names"
fi
cp "$cache/bench.test.zone-$names" "$work/bench.test.zone"
cp "$cache/queries-$names" "$work/queries"
port() { /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
ours=$(port)
knot=$(port)

cat > "$work/serve.yaml" <<YAML
zones: $work
listen: ["127.0.0.1:$ours"]
http: 127.0.0.1:0
transfer: {allow: [{from: 127.0.0.0/8}]}
YAML
java -jar server/target/anycast-dns.jar serve --config "$work/serve.yaml" > "$work/ours.log" 2>&1 &
pids+=($!)
mkdir -p "$work/knot-db"
cat > "$work/knot.conf" <<CONF
server:
    listen: 127.0.0.1@$knot
    rundir: $work
database:
    storage: $work/knot-db
acl:
  - id: loopback
    address: 127.0.0.0/8
    action: transfer
template:
  - id: default
    storage: $work
    file: bench.test.zone
    zonefile-sync: -1
    journal-content: none
    acl: loopback
zone:
  - domain: bench.test.
CONF
knotd -c "$work/knot.conf" > "$work/knot.log" 2>&1 &
pids+=($!)
for p in $ours $knot; do
  for _ in $(seq 600); do kdig +short +retry=0 +timeout=1 @127.0.0.1 -p "$p" bench.test SOA 2>/dev/null | grep -q hostmaster && break; sleep 0.2; done
done

axfr() { kdig @127.0.0.1 -p "$1" bench.test AXFR +noall +stat 2>&1 | awk '/^;; From/{print $(NF-1)}'; }
axfr "$ours" >/dev/null; axfr "$knot" >/dev/null   # warm-up
for r in $(seq "$rounds"); do
  echo "round $r: AXFR of $names names: knot $(axfr "$knot") ms, anycast-dns $(axfr "$ours") ms"
done

latency() { dnsperf -s 127.0.0.1 -p "$1" -d "$work/queries" -l "$secs" -c 4 -q 500 -Q "$rate" 2>&1 | awk '/Average Latency/{printf "%.3f", $4 * 1000}'; }
during() {
  ( while true; do kdig @127.0.0.1 -p "$2" bench.test AXFR +noall > /dev/null 2>&1; done ) &
  local loop=$!
  sleep 1
  latency "$1"
  kill "$loop"; wait "$loop" 2>/dev/null || true
}
latency "$ours" >/dev/null; latency "$knot" >/dev/null   # warm-up
for r in $(seq "$rounds"); do
  echo "round $r: average latency (ms) at $rate qps:" \
    "knot alone $(latency "$knot"), during AXFRs from knot $(during "$knot" "$knot"), during AXFRs from anycast-dns $(during "$knot" "$ours") |" \
    "anycast-dns alone $(latency "$ours"), during AXFRs from anycast-dns $(during "$ours" "$ours"), during AXFRs from knot $(during "$ours" "$knot")"
done
echo "transfers sent by anycast-dns: $(grep -c "AXFR of bench.test." "$work/ours.log" || true)"
