#!/usr/bin/env bash
# What clients see while a large zone is reloaded: this server, started with the README's JVM
# options, serves the 1,000,000-name zone of ../shared/bench/genzone.py; dnsperf asks it RATE
# queries a second (default 10000) for 24 s, during which four pushes (one record changed and the
# serial raised, then POST /sync) are loaded, one every 3 s. Prints the answers' percentiles and
# their bursts over 10 ms (bench/percentiles.py), each reload's time from the server's log, the
# collector's pauses during the run (-Xlog:gc), the CPU time the server used during the run, and its
# peak resident memory; then the CPU time it uses in 10 s idle, which shows a collector that keeps
# collecting with nothing to collect.
#   usage: flock /tmp/bench.lock bench/push-latency.sh [LABEL]   (after ./mvnw -B package)
# ANYCAST_DNS_JAVA_OPTS adds JVM options to the README's; COLLECTOR replaces the README's
# -XX:+UseG1GC (the JVM refuses two collectors), e.g.
#   COLLECTOR=-XX:+UseShenandoahGC ANYCAST_DNS_JAVA_OPTS=-Xmx1g bench/push-latency.sh
set -euo pipefail
label=${1:-anycast-dns}
rate=${RATE:-10000}
cd "$(dirname "$0")/.."
shared=$(cd ../shared && pwd)
w=$(mktemp -d)
pid=""
cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null
  sleep 0.3
  rm -rf "$w"
}
trap cleanup EXIT
mkdir -p "$w/zones"
/usr/bin/python3 "$shared/bench/genzone.py" "$w" 1000000
cp "$w/bench.test.zone" "$w/zones/"
/usr/bin/python3 "$shared/bench/genqueries.py" "$w/zones" 100000 > "$w/queries.txt"
port=$((20000 + RANDOM % 10000))
options=$(bench/readme-java-options.sh | sed "s/-XX:+UseG1GC/${COLLECTOR:--XX:+UseG1GC}/")
# shellcheck disable=SC2086 # the README's JVM options and ANYCAST_DNS_JAVA_OPTS, word by word
java $options ${ANYCAST_DNS_JAVA_OPTS:-} "-Xlog:gc:file=$w/gc.log:uptime" \
  -jar server/target/anycast-dns.jar serve --zones "$w/zones" \
  --listen "127.0.0.1:$port" --http "127.0.0.1:$((port + 1))" > "$w/serve.log" 2>&1 &
pid=$!
until dig +tries=1 +time=1 @127.0.0.1 -p "$port" h999999.bench.test MX 2>/dev/null | grep -q NOERROR; do
  kill -0 "$pid" 2>/dev/null || { cat "$w/serve.log"; exit 1; }
  sleep 0.1
done
# Warm-up (JIT, caches).
dnsperf -s 127.0.0.1 -p "$port" -d "$w/queries.txt" -l 8 -Q "$rate" -c 4 > /dev/null 2>&1
from=$(($(wc -l < "$w/gc.log") + 1))
# The server's user and system time, in clock ticks (fields 14 and 15 of /proc/PID/stat).
ticks() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
hz=$(getconf CLK_TCK)
busy=$(ticks)
dnsperf -s 127.0.0.1 -p "$port" -d "$w/queries.txt" -l 24 -Q "$rate" -c 4 -v 2>/dev/null |
  bench/percentiles.py "$label" 10 > "$w/latency.txt" &
clients=$!
for serial in 2 3 4 5; do
  sleep 3
  sed -e "s/^@ IN SOA ns1 hostmaster 1 /@ IN SOA ns1 hostmaster $serial /" \
    -e "s/^h0 IN A 10.0.0.0\$/h0 IN A 192.0.2.$serial/" "$w/bench.test.zone" > "$w/next.zone"
  mv "$w/next.zone" "$w/zones/bench.test.zone"
  curl -s -X POST "http://127.0.0.1:$((port + 1))/sync" > /dev/null
done
wait "$clients"
busy=$(($(ticks) - busy))
idle=$(ticks)
sleep 10
idle=$(($(ticks) - idle))
cat "$w/latency.txt"
reloads=$(grep 'serving folder' "$w/serve.log" | tail -4 | grep -o 'in [0-9]* ms' | cut -d' ' -f2 | paste -sd' ')
pauses=$(tail -n +"$from" "$w/gc.log" | { grep Pause || true; } |
  awk '{v = $NF + 0; s += v; n++; if (v > m) m = v} END {printf "%d, longest %.1f ms, %.0f ms in all", n, m, s}')
echo "  reloads: $reloads ms; collector pauses: $pauses;" \
  "peak RSS $(awk '/VmHWM/{print int($2 / 1024)}' "/proc/$pid/status") MB"
echo "  CPU time: $((busy * 1000 / hz)) ms during the run, $((idle * 1000 / hz)) ms in 10 s idle after it"
