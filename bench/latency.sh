#!/usr/bin/env bash
# Tail latency of this server against Knot DNS at a fixed rate, on the zones and query mix of
# ../shared/bench/compare.sh (the conformance zones, a generated zone of 100,000 names; 80% existing
# names, 10% NXDOMAIN, 10% wildcard names): dnsperf -v gives each answer's latency, and
# bench/percentiles.py prints p50, p99, p99.9 and the largest, and how the answers over 1 ms fall in
# bursts, for each server in alternating rounds, with the CPU time the server used in the round.
# This server runs with the README's JVM options plus a GC and safepoint log, and each of its rounds
# also prints the collector's pauses and the safepoints during that round: where a tail comes from.
#   usage: flock /tmp/bench.lock bench/latency.sh [ROUNDS]   (after ./mvnw -B package)
# ANYCAST_DNS_JAVA_OPTS adds JVM options to the README's, as for the Debian package's launcher.
#   RATE (default 20000) and SECONDS_PER_RUN (default 20) change the rate and a round's length.
set -euo pipefail
rounds=${1:-3}
rate=${RATE:-20000}
secs=${SECONDS_PER_RUN:-20}
shared=$(cd "$(dirname "$0")/../../shared" && pwd)
w=$(mktemp -d)
pid=""
cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null
  [ -f "$w/knot.pid" ] && kill "$(cat "$w/knot.pid")" 2>/dev/null
  sleep 0.3
  rm -rf "$w"
}
trap cleanup EXIT
mkdir -p "$w/zones" "$w/knot"
cp "$shared/conformance/zones/"*.zone "$w/zones/"
/usr/bin/python3 "$shared/bench/genzone.py" "$w/zones" 100000
/usr/bin/python3 "$shared/bench/genqueries.py" "$w/zones" 100000 > "$w/queries.txt"
kp=$((20000 + RANDOM % 10000))
tp=$((kp + 1))
{
  echo "server:"
  echo "  listen: 127.0.0.1@$kp"
  echo "  rundir: $w/knot"
  echo "  pidfile: $w/knot.pid"
  echo "database:"
  echo "  storage: $w/knot"
  echo "template:"
  echo "  - id: default"
  echo "    zonefile-sync: -1"
  echo "    journal-content: none"
  echo "    semantic-checks: off"
  echo "zone:"
  for f in "$w/zones"/*.zone; do
    echo "  - domain: $(basename "$f" .zone)"
    echo "    file: $f"
  done
} > "$w/knot.conf"
knotd -d -c "$w/knot.conf"
# shellcheck disable=SC2046 # the README's JVM options, word by word (bench/readme-java-options.sh)
# shellcheck disable=SC2086 # ANYCAST_DNS_JAVA_OPTS: options to try, separated by spaces
java $(bench/readme-java-options.sh) ${ANYCAST_DNS_JAVA_OPTS:-} \
  "-Xlog:gc,safepoint:file=$w/gc.log:uptime" \
  -jar server/target/anycast-dns.jar serve --zones "$w/zones" \
  --listen "127.0.0.1:$tp" --http 127.0.0.1:0 > "$w/serve.log" 2>&1 &
pid=$!
for p in $kp $tp; do
  until dig +short +tries=1 +time=1 @127.0.0.1 -p "$p" bench.test SOA 2>/dev/null | grep -q .; do
    sleep 0.2
  done
done
# CPU time (user and system, all threads) a process has used, in clock ticks (1/hz s).
ticks() {
  awk '{print $14 + $15}' "/proc/$1/stat"
}
hz=$(getconf CLK_TCK)
# A round against port $1, labelled $2, of the server whose process is $3: its percentiles, the
# bursts of answers over 1 ms, and the CPU time the server took for the round.
run() {
  local before
  before=$(ticks "$3")
  dnsperf -s 127.0.0.1 -p "$1" -d "$w/queries.txt" -l "$secs" -Q "$rate" -c 4 -v 2>/dev/null |
    bench/percentiles.py "$2"
  echo "  its CPU time: $((($(ticks "$3") - before) * 1000 / hz)) ms for $((rate * secs)) queries"
}
# Warm-up (JIT, caches).
for p in $kp $tp; do
  dnsperf -s 127.0.0.1 -p "$p" -d "$w/queries.txt" -l 10 -Q "$rate" -c 4 > /dev/null 2>&1
done
# The GC log's pause and safepoint lines written while a round ran: count and longest.
pauses() {
  tail -n +"$1" "$w/gc.log" | /usr/bin/python3 -c '
import re, sys
gc, sp = [], []
for line in sys.stdin:
    m = re.search(r"Pause .* (\d+\.\d+)ms$", line)
    if m:
        gc.append(float(m.group(1)))
    m = re.search(r"Safepoint .*Total: (\d+) ns", line)
    if m:
        sp.append(int(m.group(1)) / 1e6)
print(f"  its GC pauses: {len(gc)}, longest {max(gc, default=0):.2f} ms; "
      f"safepoints: {len(sp)}, longest {max(sp, default=0):.2f} ms")'
}
for r in $(seq "$rounds"); do
  if [ $((r % 2)) = 1 ]; then
    run "$kp" "round $r knot       " "$(cat "$w/knot.pid")"
  fi
  from=$(($(wc -l < "$w/gc.log") + 1))
  run "$tp" "round $r anycast-dns" "$pid"
  pauses "$from"
  if [ $((r % 2)) = 0 ]; then
    run "$kp" "round $r knot       " "$(cat "$w/knot.pid")"
  fi
done
