#!/usr/bin/env bash
# Signing time and memory of this server against Knot DNS, on the zone of ../shared/bench/genzone.py
# with N names, ECDSA P-256 (a KSK and a ZSK), NSEC:
#   1. this server: `serve --dnssec-keys` with the README's JVM options, from process start until
#      the zone's last name answers with an RRSIG; peak and idle resident memory;
#   2. a push that changes one record (and raises the serial), SIGHUP: the time until the new
#      record answers signed (only what changed is signed again);
#   3. query latency at RATE qps (default 20000; dnsperf -D on the zone's names, per-query
#      latencies) for SECONDS s (default 30) before, then for as long while the whole zone is
#      signed again (a new ZSK starts signing: every data RRset gets a new signature);
#   4. the same server without keys, and the same push: the unsigned reload, for comparison;
#   5. Knot: `kzonesign` (keys made by its policy), elapsed and user time, peak resident memory.
# Run it alone on the machine: flock /tmp/bench.lock bench/sign.sh N
#   usage: bench/sign.sh N   (from the repository root, after ./mvnw -B package)
set -euo pipefail
n=${1:?usage: bench/sign.sh N}
rate=${RATE:-20000}
secs=${SECONDS_PER_RUN:-30}
w=$(mktemp -d)
pid=""
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$w"' EXIT
mkdir -p "$w/zones" "$w/keys" "$w/knot"
python3 ../shared/bench/genzone.py "$w/zones" "$n"
cp "$w/zones/bench.test.zone" "$w/original.zone"
chmod 700 "$w/keys"
(cd "$w/keys" && dnssec-keygen -q -a ECDSAP256SHA256 -f KSK bench.test >/dev/null &&
  dnssec-keygen -q -a ECDSAP256SHA256 bench.test >/dev/null)
last=$(tail -1 "$w/zones/bench.test.zone" | cut -d' ' -f1)
type=$(tail -1 "$w/zones/bench.test.zone" | cut -d' ' -f3)
# Queries: every 7th name of the zone with its type, 10% names that do not exist.
awk 'NR > 6 && NR % 7 == 0 {print $1 ".bench.test " $3} NR % 70 == 0 {print "nx" NR ".bench.test A"}' \
  "$w/zones/bench.test.zone" > "$w/queries.txt"
now() { date +%s.%N; }
since() { echo "$(now) - $1" | bc; }

# Starts the server on the zones (with the key folder, or none); waits until the last name answers.
start() {
  port=$((20000 + RANDOM % 20000))
  # shellcheck disable=SC2046 # the README's JVM options, word by word (bench/readme-java-options.sh)
  java $(bench/readme-java-options.sh) \
    -jar server/target/anycast-dns.jar serve --zones "$w/zones" "$@" \
    --listen "127.0.0.1:$port" --http 127.0.0.1:0 > "$w/serve.log" 2>&1 &
  pid=$!
  until dig +dnssec +tries=1 +time=1 @127.0.0.1 -p "$port" "$last.bench.test" "$type" 2>/dev/null |
    grep -q "status: NOERROR"; do
    sleep 0.2
  done
}

# Changes h0's A record and raises the serial; SIGHUP; waits until the new record answers.
push() {
  sed -e 's/^@ IN SOA ns1 hostmaster 1 /@ IN SOA ns1 hostmaster 2 /' \
    -e 's/^h0 IN A 10.0.0.0$/h0 IN A 192.0.2.254/' "$w/original.zone" > "$w/zones/bench.test.zone"
  local t0
  t0=$(now)
  kill -HUP "$pid"
  until dig +dnssec +tries=1 +time=1 @127.0.0.1 -p "$port" h0.bench.test A 2>/dev/null |
    grep -q "192.0.2.254"; do
    sleep 0.05
  done
  since "$t0"
}

latency() {
  dnsperf -s 127.0.0.1 -p "$port" -d "$w/queries.txt" -l "$secs" -Q "$rate" -c 4 -D -v 2>/dev/null |
    bench/percentiles.py "$1"
}

t0=$(now)
start --dnssec-keys "$w/keys"
signed=$(since "$t0")
peak=$(awk '/VmHWM/ {print $2}' "/proc/$pid/status")
sleep 3
idle=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
echo "anycast-dns: $n names signed and served in $signed s, peak RSS $((peak / 1024)) MB, idle $((idle / 1024)) MB"
echo "anycast-dns: one record changed, SIGHUP: the new record served signed in $(push) s ($(grep -o 'signed: [^)]*' "$w/serve.log" | tail -1))"
# Warm-up (JIT), then the baseline.
dnsperf -s 127.0.0.1 -p "$port" -d "$w/queries.txt" -l 10 -Q "$rate" -c 4 -D > /dev/null 2>&1
latency "anycast-dns at $rate qps with DO, $secs s, not signing"
(cd "$w/keys" && dnssec-keygen -q -a ECDSAP256SHA256 bench.test >/dev/null)
kill -HUP "$pid"
latency "anycast-dns at $rate qps with DO, $secs s, the whole zone being signed again"
grep -q "signed: " <(grep "serial 2 -> 3" "$w/serve.log") &&
  echo "(the signing ended within the run: it did not cover the whole run)"
kill "$pid"
wait "$pid" 2>/dev/null || true
pid=""

cp "$w/original.zone" "$w/zones/bench.test.zone"
t0=$(now)
start
echo "anycast-dns without keys: $n names served in $(since "$t0") s; one record changed, SIGHUP: served in $(push) s"
kill "$pid"
wait "$pid" 2>/dev/null || true
pid=""

cp "$w/original.zone" "$w/zones/bench.test.zone"
cat > "$w/knot/knot.conf" <<CONF
database:
    storage: $w/knot
    kasp-db: $w/knot/kasp
policy:
  - id: p256
    algorithm: ecdsap256sha256
    nsec3: off
template:
  - id: default
    storage: $w/zones
    dnssec-signing: on
    dnssec-policy: p256
zone:
  - domain: bench.test
    file: bench.test.zone
CONF
mkdir -p "$w/knot/out"
/usr/bin/time -f "knot kzonesign: $n names signed in %e s (%U s user), peak RSS %M kB" \
  kzonesign -c "$w/knot/knot.conf" -o "$w/knot/out" -r bench.test
