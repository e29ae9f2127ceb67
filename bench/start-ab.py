#!/usr/bin/python3
"""Start time of two builds, in turns.

Each round starts this server from each checkout's build (as the README's run command does, with
the class-data archive its build wrote beside its jar) on the same zone folder, and times it from
process start until NAME SOA is answered; it then reads the CPU time the server used until then
and its peak resident memory. Prints the median of each over the rounds. Turns rather than one
build after the other, since a shared machine is slower in some minutes than in others.

  usage: bench/start-ab.py OLD-CHECKOUT NEW-CHECKOUT ZONE-FOLDER NAME [ROUNDS]
  e.g.:  git worktree add /tmp/old HEAD~1 && (cd /tmp/old && ./mvnw -B -q package -DskipTests)
         flock /tmp/bench.lock bench/start-ab.py /tmp/old . test-zones example.com 12
"""
import os
import statistics
import subprocess
import sys
import time

from load import cpu_s, free_port, ours_command, peak_rss_mb, wait_answers

SOA = 6


def start(checkout, zones, name):
    """One start of the checkout's server: seconds until NAME SOA answers, CPU seconds, peak MB."""
    port = free_port()
    jar = os.path.join(checkout, "server", "target", "anycast-dns.jar")
    began = time.monotonic()
    proc = subprocess.Popen(ours_command(jar, zones, port, []),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        served = wait_answers(port, [(name, SOA)], began + 120)
        if served is None:
            raise SystemExit(f"{checkout}: {name} SOA not answered in 120 s")
        return served - began, cpu_s(proc.pid), peak_rss_mb(proc.pid)
    finally:
        proc.terminate()
        proc.wait()


def main():
    if len(sys.argv) not in (5, 6):
        raise SystemExit(__doc__.split("\n\n", 2)[2].rstrip())
    old, new, zones = (os.path.abspath(a) for a in sys.argv[1:4])
    name = sys.argv[4]
    rounds = int(sys.argv[5]) if len(sys.argv) == 6 else 10
    runs = {old: [], new: []}
    for _ in range(rounds):
        for checkout in runs:
            runs[checkout].append(start(checkout, zones, name))
    for checkout, r in runs.items():
        print(f"{checkout}: served in {statistics.median(x[0] for x in r) * 1e3:.0f} ms"
              f" ({' '.join(f'{x[0] * 1e3:.0f}' for x in r)}),"
              f" CPU {statistics.median(x[1] for x in r) * 1e3:.0f} ms,"
              f" peak RSS {statistics.median(x[2] for x in r):.1f} MB (medians of {len(r)})")


if __name__ == "__main__":
    main()
