#!/usr/bin/python3
"""Latency percentiles of a dnsperf -v run, read from standard input.

dnsperf -v writes one line per answer, ending in its latency in seconds
("> NOERROR www.example. A 0.000093"); this prints the count, p50, p99, p99.9 and the largest,
in milliseconds, on one line, after the label given as the first argument.
  usage: dnsperf ... -v | bench/percentiles.py LABEL
"""
import sys

lat = []
for line in sys.stdin:
    if line.startswith(">"):
        try:
            lat.append(float(line.split()[-1]))
        except ValueError:
            pass
lat.sort()


def pct(p):
    return lat[min(len(lat) - 1, int(len(lat) * p))] * 1e3 if lat else float("nan")


print(
    f"{sys.argv[1] if len(sys.argv) > 1 else 'latency'}: {len(lat)} answers, "
    f"p50 {pct(0.50):.3f} ms, p99 {pct(0.99):.3f} ms, p99.9 {pct(0.999):.3f} ms, "
    f"max {lat[-1] * 1e3 if lat else float('nan'):.3f} ms"
)
