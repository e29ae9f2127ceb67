#!/bin/bash
# Runs in a container booted by systemd (SystemdBootIT): installs the package as an operator
# would and checks what systemd makes of it. One line per check in /out/result.txt ("ok NAME" or
# "FAIL NAME"), what the checks printed in /out/detail.txt, "done" at the end.
set -u
exec >>/out/detail.txt 2>&1
result=/out/result.txt
routes=/var/lib/anycast-dns/routes

check() {
  local name=$1
  shift
  echo "== $name: $*"
  if "$@"; then echo "ok $name" >>"$result"; else echo "FAIL $name" >>"$result"; fi
}

# Runs "$@" every 100 ms until it succeeds, for at most $1 seconds.
within() {
  local seconds=$1
  shift
  for ((i = 0; i < seconds * 10; i++)); do
    "$@" >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  "$@"
}

answers() { dig +time=1 +tries=1 @127.0.0.1 example.com SOA | grep -q 'status: NOERROR'; }
main_pid() { systemctl show -p MainPID --value "$1"; }
last_route_is() { tail -n 1 "$routes" | grep -q "^$1 "; }
stopped_cleanly() {
  [ "$(systemctl show -p Result --value "$1")" = success ] && ! systemctl --quiet is-active "$1"
}

# The image may forbid starting services from maintainer scripts (a docker-style policy-rc.d).
rm -f /usr/sbin/policy-rc.d

check install dpkg -i /pkg/anycast-dns.deb
check user getent passwd anycast-dns
check server-enabled systemctl --quiet is-enabled anycast-dns
check sidecar-disabled sh -c '! systemctl --quiet is-enabled anycast-dns-sidecar'
check server-answers-on-port-53 within 60 answers
pid=$(main_pid anycast-dns)
check runs-as-anycast-dns sh -c "[ \"\$(ps -o user= -p $pid)\" = anycast-dns ]"
# postinst's training run made the class-data archive, and the server started from it.
check class-archive-made test -s /var/cache/anycast-dns/anycast-dns.jsa
check server-maps-the-class-archive grep -q /var/cache/anycast-dns/anycast-dns.jsa "/proc/$pid/maps"
check only-cap-net-bind-service grep -q '^CapEff:	0000000000000400$' "/proc/$pid/status"
check reload-keeps-the-process sh -c "systemctl reload anycast-dns && [ \$(systemctl show -p MainPID --value anycast-dns) = $pid ]"
check still-answers-after-reload within 10 answers

# The sidecar with a command speaker that writes each call to a file, and fast timers.
cat >/etc/anycast-dns/sidecar.yaml <<YAML
selftest:
  server: 127.0.0.1:53
  interval: 500ms
  timeout: 400ms
  rise: 2
  fall: 2
  probes:
    - {name: example.com., type: SOA, transport: udp}
prefixes: [192.0.2.53/32]
drain-delay: 1s
speaker:
  type: command
  announce: [/bin/sh, -c, 'echo "announce \$0" >> $routes', "{prefix}"]
  withdraw: [/bin/sh, -c, 'echo "withdraw \$0" >> $routes', "{prefix}"]
YAML
check sidecar-starts systemctl start anycast-dns-sidecar
check sidecar-announces within 60 last_route_is announce
check drain-finds-the-sidecar anycast-dns-sidecar drain
check drain-withdraws within 30 last_route_is withdraw
check drain-cancel anycast-dns-sidecar drain --cancel
check announces-again within 30 last_route_is announce

# Fail-closed: a sidecar killed with SIGKILL leaves nothing announced (ExecStopPost=withdraw).
mkdir -p /etc/systemd/system/anycast-dns-sidecar.service.d
printf '[Service]\nRestart=no\n' >/etc/systemd/system/anycast-dns-sidecar.service.d/test.conf
systemctl daemon-reload
check sigkill systemctl kill --signal=KILL anycast-dns-sidecar
check withdrawn-after-sigkill within 30 sh -c "! systemctl --quiet is-active anycast-dns-sidecar && tail -n 1 $routes | grep -q '^withdraw '"
rm -r /etc/systemd/system/anycast-dns-sidecar.service.d
systemctl daemon-reload

# An upgrade with the sidecar running: it withdraws, the server restarts, it announces again.
check sidecar-restarts systemctl start anycast-dns-sidecar
check announced-before-upgrade within 60 last_route_is announce
before=$(wc -l <"$routes")
check upgrade dpkg -i /pkg/anycast-dns.deb
check server-restarted sh -c "[ \$(systemctl show -p MainPID --value anycast-dns) != $pid ]"
check answers-after-upgrade within 60 answers
check announced-after-upgrade within 60 last_route_is announce
check withdrew-during-upgrade sh -c "tail -n +$((before + 1)) $routes | grep -q '^withdraw '"
cat "$routes"

# Stopping the server stops the sidecar first (PartOf=, After=): it withdraws while the server
# still answers.
since=$(date '+%Y-%m-%d %H:%M:%S')
check server-stops systemctl stop anycast-dns
check server-stopped-cleanly stopped_cleanly anycast-dns
check sidecar-stopped-cleanly stopped_cleanly anycast-dns-sidecar
check withdrawn-after-stop last_route_is withdraw
check sidecar-stopped-first sh -c "journalctl -o cat --since '$since' -u anycast-dns -u anycast-dns-sidecar | grep -E '^(Stopping|Stopped) anycast-dns' | head -n 2 | grep -c sidecar | grep -qx 2"
journalctl --no-pager -u anycast-dns -u anycast-dns-sidecar | tail -n 60
echo done >>"$result"
