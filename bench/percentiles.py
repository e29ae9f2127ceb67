#!/usr/bin/python3
"""Latency percentiles of a dnsperf -v run, read from standard input.

dnsperf -v writes one line per answer, ending in its latency in seconds
("> NOERROR www.example. A 0.000093"); this prints the count, p50, p99, p99.9 and the largest,
in milliseconds, on one line, after the label given as the first argument. It then says how the
answers slower than SLOW milliseconds (default 1) fall: slow answers fewer than 200 answers apart
(10 ms at 20,000 queries a second) count as one burst. A few long bursts are stalls that held every
answer back (a collection pause, a server or dnsperf waiting for a core); many single slow answers
would be slow queries.
  usage: dnsperf ... -v | bench/percentiles.py LABEL [SLOW]
"""
import sys

GAP = 200

lat = []
for line in sys.stdin:
    if line.startswith(">"):
        try:
            lat.append(float(line.split()[-1]))
        except ValueError:
            pass
slow_ms = float(sys.argv[2]) if len(sys.argv) > 2 else 1.0
slow = [i for i, x in enumerate(lat) if x * 1e3 > slow_ms]
bursts = []
for i in slow:
    if bursts and i - bursts[-1][1] <= GAP:
        bursts[-1][1] = i
        bursts[-1][2] += 1
    else:
        bursts.append([i, i, 1])
largest = max((b[2] for b in bursts), default=0)
lat.sort()


def pct(p):
    return lat[min(len(lat) - 1, int(len(lat) * p))] * 1e3 if lat else float("nan")


print(
    f"{sys.argv[1] if len(sys.argv) > 1 else 'latency'}: {len(lat)} answers, "
    f"p50 {pct(0.50):.3f} ms, p99 {pct(0.99):.3f} ms, p99.9 {pct(0.999):.3f} ms, "
    f"max {lat[-1] * 1e3 if lat else float('nan'):.3f} ms; "
    f"over {slow_ms:g} ms: {len(slow)} in {len(bursts)} bursts, the largest {largest}"
)
