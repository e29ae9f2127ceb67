#!/usr/bin/env bash
# Start time of two builds, in turns: each round starts the server of each build (as the README's
# run command does, each with the class-data archive its build wrote beside its jar) on the same
# zone folder and times it from process start until NAME SOA is answered; it then reads the CPU time
# the server used until then and its peak resident memory (VmHWM). Prints the median of each over
# the rounds. Turns rather than one build after the other, since a shared machine is slower in some
# minutes than in others.
#
#   usage: bench/start-ab.sh OLD-CHECKOUT NEW-CHECKOUT ZONE-FOLDER NAME [ROUNDS]
#   e.g.:  git worktree add /tmp/old HEAD~1 && (cd /tmp/old && ./mvnw -B -q package -DskipTests)
#          flock /tmp/bench.lock bench/start-ab.sh /tmp/old . test-zones example.com 12
set -euo pipefail
[ $# -ge 4 ] || { sed -n 9,11p "$0"; exit 2; }
old=$(cd "$1" && pwd); new=$(cd "$2" && pwd); zones=$(cd "$3" && pwd); name=$4; rounds=${5:-10}
here=$(cd "$(dirname "$0")" && pwd)
options=$("$here/readme-java-options.sh" | sed 's#-XX:SharedArchiveFile=[^ ]*##')
tck=$(getconf CLK_TCK)
port=$(python3 -c 'import socket; s=socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
out=$(mktemp)
trap 'rm -f "$out"' EXIT
for _ in $(seq "$rounds"); do
  for build in "$old" "$new"; do
    t0=$(date +%s%N)
    # shellcheck disable=SC2086
    java $options -XX:SharedArchiveFile="$build/server/target/anycast-dns.jsa" \
      -jar "$build/server/target/anycast-dns.jar" serve --zones "$zones" \
      --listen "127.0.0.1:$port" --http 127.0.0.1:0 >/dev/null 2>&1 &
    pid=$!
    python3 - "$port" "$name" <<'EOF'
import socket, struct, sys
port, name = int(sys.argv[1]), sys.argv[2]
labels = b"".join(bytes([len(l)]) + l.encode() for l in name.rstrip(".").split("."))
query = struct.pack(">HHHHHH", 1, 0, 1, 0, 0, 0) + labels + b"\0" + struct.pack(">HH", 6, 1)
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.connect(("127.0.0.1", port))
s.settimeout(0.01)
while True:
    try:
        s.send(query)
        _, flags, _, answers = struct.unpack(">HHHH", s.recv(4096)[:8])
        if flags & 0xF == 0 and answers > 0:
            break
    except (socket.timeout, ConnectionRefusedError):
        pass
EOF
    t1=$(date +%s%N)
    cpu=$(awk -v t="$tck" '{print int(($14 + $15) * 1000 / t)}' "/proc/$pid/stat")
    hwm=$(awk '/VmHWM/ {print $2}' "/proc/$pid/status")
    echo "$build $(( (t1 - t0) / 1000000 )) $cpu $hwm" >>"$out"
    kill "$pid"; wait "$pid" 2>/dev/null || true
  done
done
python3 - "$out" <<'EOF'
import collections, statistics, sys
runs = collections.defaultdict(list)
for line in open(sys.argv[1]):
    build, wall, cpu, hwm = line.split()
    runs[build].append((int(wall), int(cpu), int(hwm)))
for build, r in runs.items():
    print(f"{build}: served in {statistics.median(x[0] for x in r):.0f} ms"
          f" ({' '.join(str(x[0]) for x in r)}), CPU {statistics.median(x[1] for x in r):.0f} ms,"
          f" peak RSS {statistics.median(x[2] for x in r) / 1024:.1f} MB (medians of {len(r)})")
EOF
