#!/usr/bin/env bash
# Runs the query tests of PowerDNS's authoritative regression suite against anycast-dns, the way
# the suite's ext-nsd contexts run them against NSD: the suite's zones served as they are
# (unsigned), or signed beforehand with ldns-signzone (--signed nsec, nsec3 or nsec3-optout: the
# contexts ext-nsd-nsec, ext-nsd-nsec3 and ext-nsd-nsec3-optout); tests skipped for the reasons
# those contexts give, and for PowerDNS's own ALIAS type (noalias). See README.md, "PowerDNS
# regression tests".
#
#   tools/pdns-regression.sh [--signed nsec|nsec3|nsec3-optout] REGRESSION_TESTS_DIR [WORK_DIR] [JAR]
#
# REGRESSION_TESTS_DIR is regression-tests/ of a PowerDNS checkout or tarball (tag auth-4.7.3); it
# is copied into WORK_DIR (default /tmp/pdnsrun) and never written. Needs sdig and nsec3dig
# (Debian's pdns-tools), drill and ldns-signzone (ldnsutils) and unbound-host. Prints one line per
# test and a summary; WORK_DIR/regression-tests/tests/NAME/diff holds each failure's difference.
set -euo pipefail

signed=unsigned
if [ "${1:-}" = "--signed" ]; then
  signed=${2:?--signed takes nsec, nsec3 or nsec3-optout}
  shift 2
fi
case $signed in
  unsigned) extracontexts="extnsd" skipreasons="nsd nodnssec nodyndns" ;;
  nsec) extracontexts="extnsd dnssec" skipreasons="nsd nodyndns" ;;
  nsec3) extracontexts="extnsd dnssec nsec3" skipreasons="nsd nsec3 nodyndns" ;;
  nsec3-optout) extracontexts="extnsd dnssec nsec3 nsec3-optout" skipreasons="nsd optout nodyndns" ;;
  *) echo "--signed takes nsec, nsec3 or nsec3-optout" >&2; exit 2 ;;
esac
skipreasons="$skipreasons nolua noalias"
suite=$(realpath "${1:?usage: $0 REGRESSION_TESTS_DIR [WORK_DIR] [JAR]}")
work=${2:-/tmp/pdnsrun}
project=$(cd "$(dirname "$0")/.." && pwd)
jar=$(realpath "${3:-$project/server/target/anycast-dns.jar}")
for tool in sdig nsec3dig drill ldns-signzone ldns-keygen ldns-read-zone unbound-host java dig; do
  command -v "$tool" >/dev/null || { echo "missing $tool" >&2; exit 2; }
done

mkdir -p "$work"
rm -rf "$work/regression-tests" "$work/zones" "$work/keys"
cp -r "$suite" "$work/regression-tests"
cd "$work/regression-tests"

# Every zone of the suite's named.conf as NAME.zone (the dynamic-update zones from their .orig),
# with the changes the suite's own nsdfix makes for NSD, for what PowerDNS alone accepts: TXT
# strings over 255 octets (PowerDNS splits them), records outside the zone, and its ALIAS type.
mkdir -p "$work/zones" "$work/keys"
for zone in $(grep 'zone ' named.conf | cut -f2 -d'"'); do
  src=zones/$zone
  [ -f "$src.orig" ] && src=$src.orig
  sed -e 's/"A very .*"/"shorter"/' -e '/^xautosplit/s/^/;/' -e '/\sALIAS\s/s/^/;/' \
    -e '/^testnonzone\.com\./s/^/;/' -e '/^NZTEST\.COM\.NET\./s/^/;/' "$src" > "$work/zones/$zone.zone"
  [ "$signed" = unsigned ] && continue
  # Signed as PowerDNS signs the zones its expected results come from (one ECDSA P-256 key, DNSKEY
  # and NSEC3PARAM with the SOA minimum as TTL, NSEC3 with 1 iteration and salt abcd), so that the
  # suite's expected results hold; secure-delegated keeps the suite's own key, whose DS its parent
  # holds. The suite's tonsd signs with RSA instead, which no expected result shows.
  unsignedfile=$work/zones/$zone.unsigned
  mv "$work/zones/$zone.zone" "$unsignedfile"
  if [ "${zone:0:16}" = "secure-delegated" ]; then
    key=$PWD/secure-delegated.dnssec-parent.com
  else
    key=$work/keys/$(cd "$work/keys" && ldns-keygen -a ECDSAP256SHA256 -k "$zone")
  fi
  minimum=$(ldns-read-zone "$unsignedfile" | awk '$4 == "SOA" && !m {m = $11} END {print m}')
  echo >> "$unsignedfile" # some files end without a newline
  sed -e "s/^\(\S*\)\s*IN/\1\t$minimum\tIN/" -e 's/;.*//' "$key.key" >> "$unsignedfile"
  nsec3=()
  case $signed in
    nsec3) nsec3=(-n -a 1 -s abcd -t 1) ;;
    nsec3-optout) nsec3=(-n -p -a 1 -s abcd -t 1) ;;
  esac
  if [ "$signed" != nsec ]; then
    printf '%s.\t%s\tIN\tNSEC3PARAM\t1 0 1 abcd\n' "$zone" "$minimum" >> "$unsignedfile"
  fi
  ldns-signzone "${nsec3[@]}" -f "$work/zones/$zone.zone" "$unsignedfile" "$key"
  if [ "$signed" = nsec3-optout ] && [ "$zone" = "dnssec-parent.com" ]; then
    printf 'insecure.dnssec-parent.com.\tIN\tNS\tns.insecure.dnssec-parent.com.\n' >> "$work/zones/$zone.zone"
  fi
  rm "$unsignedfile"
done

# The suite's TSIG key, as HMAC-SHA256: the suite's default, HMAC-MD5, is refused by design. A
# server that knows no zone transfers yet gets the configuration without them.
export ALGORITHM=hmac-sha256 KEY="kp4/24gyYsEzbuTVJRUMoqGFmN3LYgVDzJ/3oRSP7ys="
port=$((30000 + RANDOM % 20000))
cat > "$work/server.yaml" <<YAML
zones: $work/zones
listen: ["127.0.0.1:$port"]
http: 127.0.0.1:0
tsig-keys: [{name: test., algorithm: $ALGORITHM, secret: "$KEY"}]
transfer: {allow: [{from: 127.0.0.0/8}]}
zone-settings:
  tsig.com.: {transfer: {allow: [{from: 127.0.0.0/8, key: test.}]}}
YAML
if ! java -jar "$jar" serve --config "$work/server.yaml" --print-config > /dev/null 2>&1; then
  echo "(this server has no zone transfers: transfer tests will fail)"
  head -3 "$work/server.yaml" > "$work/server.yaml.new" && mv "$work/server.yaml.new" "$work/server.yaml"
fi
java -jar "$jar" serve --config "$work/server.yaml" > "$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 240); do
  dig +short +tries=1 +time=1 @127.0.0.1 -p "$port" example.com SOA 2>/dev/null | grep -q . && break
  kill -0 "$server" 2>/dev/null || { cat "$work/server.log" >&2; exit 1; }
  sleep 0.5
done

context=ext-nsd optout=0
[ "$signed" = unsigned ] || context=ext-nsd-$signed
[ "$signed" = nsec3-optout ] && optout=1
export nameserver=127.0.0.1 port testsdir=tests context optout
export SDIG="timeout 5 sdig" NSEC3DIG="timeout 5 nsec3dig" SAXFR="timeout 30 saxfr"
export PATH=.:$PATH

: > passed_tests; : > failed_tests; : > skipped_tests
for dir in $(find tests -mindepth 1 -maxdepth 1 -type d | LC_ALL=C sort); do
  [ -x "$dir/command" ] || continue
  testname=$(basename "$dir"); export testname
  skip=""
  [ -e "$dir/skip" ] && skip=always
  for reason in $skipreasons $context; do
    [ -z "$skip" ] && [ -e "$dir/skip.$reason" ] && skip=$reason
  done
  if [ -n "$skip" ]; then
    echo "$testname" >> skipped_tests
    continue
  fi
  expectfail=""
  for reason in $skipreasons $context; do
    [ -e "$dir/fail.$reason" ] && expectfail=$reason
  done
  "$dir/command" > "$dir/real_result" 2>&1 || true
  expected=$dir/expected_result
  for extra in $extracontexts $context; do
    [ -e "$dir/expected_result.$extra" ] && expected=$dir/expected_result.$extra
  done
  if diff -u "$expected" "$dir/real_result" > "$dir/diff" 2>&1; then
    ok=yes
  else
    ok=no
  fi
  if { [ $ok = yes ] && [ -z "$expectfail" ]; } || { [ $ok = no ] && [ -n "$expectfail" ]; }; then
    echo "$testname" >> passed_tests
    echo "passed $testname"
  else
    echo "$testname" >> failed_tests
    echo "FAILED $testname"
  fi
done
passed=$(wc -l < passed_tests); failed=$(wc -l < failed_tests); skipped=$(wc -l < skipped_tests)
echo "$passed out of $((passed + failed)) tests passed, $skipped skipped"
