#!/usr/bin/env bash
# Signing time and memory of this server against Knot DNS, on the zone of ../shared/bench/genzone.py
# with N names, ECDSA P-256 (a KSK and a ZSK), NSEC:
#   - this server: `serve --dnssec-keys` with the README's JVM options, from process start until the
#     zone's last name answers with an RRSIG; peak and idle resident memory;
#   - Knot: `kzonesign` (keys made by its policy), elapsed and user time, peak resident memory.
# Run it alone on the machine: flock /tmp/bench.lock bench/sign.sh N
#   usage: bench/sign.sh N   (from the repository root, after ./mvnw -B package)
set -euo pipefail
n=${1:?usage: bench/sign.sh N}
w=$(mktemp -d)
trap 'rm -rf "$w"' EXIT
mkdir -p "$w/zones" "$w/keys" "$w/knot"
python3 ../shared/bench/genzone.py "$w/zones" "$n"
chmod 700 "$w/keys"
(cd "$w/keys" && dnssec-keygen -q -a ECDSAP256SHA256 -f KSK bench.test >/dev/null &&
  dnssec-keygen -q -a ECDSAP256SHA256 bench.test >/dev/null)
last=$(tail -1 "$w/zones/bench.test.zone" | cut -d' ' -f1)
type=$(tail -1 "$w/zones/bench.test.zone" | cut -d' ' -f3)
port=$((20000 + RANDOM % 20000))
start=$(date +%s.%N)
# shellcheck disable=SC2046 # the README's JVM options, word by word
java $(grep -m1 '^    java -XX' README.md | sed 's/^ *java //; s/-jar.*//') \
  -jar server/target/anycast-dns.jar serve --zones "$w/zones" --dnssec-keys "$w/keys" \
  --listen "127.0.0.1:$port" --http 127.0.0.1:0 > "$w/serve.log" 2>&1 &
pid=$!
until dig +dnssec +tries=1 +time=1 @127.0.0.1 -p "$port" "$last.bench.test" "$type" 2>/dev/null |
  grep -q RRSIG; do
  sleep 0.2
done
end=$(date +%s.%N)
peak=$(awk '/VmHWM/ {print $2}' "/proc/$pid/status")
sleep 3
idle=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
kill "$pid"
echo "anycast-dns: $n names signed and served in $(echo "$end - $start" | bc) s, peak RSS $((peak / 1024)) MB, idle $((idle / 1024)) MB"
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
