#!/usr/bin/env bash
# GeoDNS answers with the DO bit against the same answers without it, on one server: the
# conformance zones signed here (keys of ../shared/conformance/signed/keys) with the conformance
# geo.yaml (PoP fra1), queried for the geo services' A and AAAA records only. Saturating dnsperf
# runs of SECONDS_PER_RUN s (default 10), alternating plain and DO, ROUNDS times (default 3); the
# answers with DO carry RRSIGs made when the zone and geo.yaml were loaded, so no query waits
# for a signature.
#   usage: flock /tmp/bench.lock bench/geo-dnssec.sh [ROUNDS]   (after ./mvnw -B package)
set -euo pipefail
rounds=${1:-3}
secs=${SECONDS_PER_RUN:-10}
shared=$(cd "$(dirname "$0")/../../shared" && pwd)
w=$(mktemp -d)
pid=""
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$w"' EXIT
mkdir -p "$w/zones" "$w/keys"
cp "$shared/conformance/zones/"*.zone "$shared/conformance/geo/geo.yaml" "$w/zones/"
cp "$shared/conformance/signed/keys/"* "$w/keys/"
chmod 700 "$w/keys"
chmod 600 "$w/keys/"*
printf 'geo.example.org. A\ngeo.example.org. AAAA\npair.example.org. A\n' > "$w/queries.txt"
port=$((20000 + RANDOM % 20000))
# shellcheck disable=SC2046 # the README's JVM options, word by word (bench/readme-java-options.sh)
java $(bench/readme-java-options.sh) \
  -jar server/target/anycast-dns.jar serve --zones "$w/zones" --pop fra1 --dnssec-keys "$w/keys" \
  --listen "127.0.0.1:$port" --http 127.0.0.1:0 > "$w/serve.log" 2>&1 &
pid=$!
until dig +dnssec +tries=1 +time=1 @127.0.0.1 -p "$port" geo.example.org A 2>/dev/null |
  grep -q RRSIG; do
  sleep 0.2
done
perf() {
  dnsperf -s 127.0.0.1 -p "$port" -d "$w/queries.txt" -l "$1" -c 4 -q 500 ${2:-} 2>&1 |
    awk '/Queries per second/ {q = $4} /Average Latency/ {l = $4} END {printf "%.0f qps, average latency %.3f ms", q, l * 1000}'
}
perf 10 > /dev/null
perf 10 -D > /dev/null
for r in $(seq "$rounds"); do
  echo "round $r: plain $(perf "$secs") | DO $(perf "$secs" -D)"
done
