#!/usr/bin/env python3
"""What a reflection flood gets from the server with response rate limiting on, measured on loopback.

    bench/rrl-flood.py [--jar server/target/anycast-dns.jar] [--rate 100] [--slip 2]
                       [--seconds 10] [--flood-qps 20000] [--other-qps 200]

Starts the server (java -jar JAR serve --rrl-rate RATE --rrl-slip SLIP, loopback not exempt) on a
zone whose one name has an answer of about 1 kB, then, at once:
  - a flood from 127.0.1.2 asking for that answer at --flood-qps, as a spoofed flood aimed at
    127.0.1.2 would: it counts the full answers it gets each second, the truncated slips, and the
    octets both ways (amplification = octets received / octets sent);
  - a client of another /24, 127.0.2.2, asking at --other-qps for 20 names of the zone in turn
    (so 1/20 of its rate each), which must get every answer.
Prints the figures and ends with a verdict line: the flood gets at most RATE full answers a second
(a full bucket at once, then what the bucket regains, which a flood in debt never does) and no more
octets than it sends; the other client gets every answer. --rate 0 shows the same flood without
rate limiting. Run it under `flock /tmp/bench.lock` (see the README).
"""
import argparse
import multiprocessing
import os
import random
import shutil
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import time

ZONE = "flood.test."
BIG = "big." + ZONE
NAMES = ["n%d.%s" % (i, ZONE) for i in range(20)]


def zone_text():
    lines = ["$TTL 300", "@ SOA ns1 hostmaster 1 3600 900 1209600 300", "@ NS ns1", "ns1 A 192.0.2.1"]
    # Four TXT strings of 230 octets: an answer of about 1 kB (EDNS lets it go over UDP).
    for c in "abcd":
        lines.append('big TXT "%s"' % (c * 230))
    for i in range(20):
        lines.append("n%d A 192.0.2.%d" % (i, 10 + i))
    return "\n".join(lines) + "\n"


def query(name, qtype, qid):
    header = struct.pack("!HHHHHH", qid, 0, 1, 0, 0, 1)
    qname = b"".join(bytes([len(l)]) + l.encode() for l in name.rstrip(".").split(".")) + b"\0"
    opt = b"\0" + struct.pack("!HHIH", 41, 1232, 0, 0)  # EDNS(0), 1232 octets, no options
    return header + qname + struct.pack("!HH", qtype, 1) + opt


def flags_and_ancount(packet):
    _, flags, _, ancount = struct.unpack("!HHHH", packet[:8])
    return flags, ancount


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_server(port, deadline):
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.bind(("127.0.3.3", 0))
        s.settimeout(0.5)
        while time.time() < deadline:
            try:
                s.sendto(query(NAMES[0], 1, 1), ("127.0.0.1", port))
                s.recvfrom(4096)
                return True
            except OSError:
                time.sleep(0.2)
    return False


def paced_sender(sock, port, qps, seconds, make, sent):
    """Sends make(i) at qps for seconds, in batches of a millisecond; counts octets in sent."""
    start = time.perf_counter()
    total = int(qps * seconds)
    i = 0
    octets = 0
    while i < total:
        due = min(total, int((time.perf_counter() - start) * qps) + 1)
        while i < due:
            q = make(i)
            try:
                sock.sendto(q, ("127.0.0.1", port))
                octets += len(q)
            except BlockingIOError:
                pass
            i += 1
        time.sleep(0.0005)
    sent["queries"] = total
    sent["octets"] = octets
    sent["seconds"] = time.perf_counter() - start


def receiver(sock, stop, counts, start):
    sock.settimeout(0.2)
    while not stop.is_set():
        try:
            packet, _ = sock.recvfrom(65535)
        except socket.timeout:
            continue
        flags, ancount = flags_and_ancount(packet)
        second = int(time.perf_counter() - start)
        counts["octets"] += len(packet)
        if flags & 0x0200:
            counts["truncated"] += 1
        elif ancount > 0:
            counts["full"] += 1
            counts["per_second"][second] = counts["per_second"].get(second, 0) + 1
        else:
            counts["other"] += 1


def flood(port, qps, seconds, out):
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 8 << 20)
    sock.bind(("127.0.1.2", 0))
    counts = {"full": 0, "truncated": 0, "other": 0, "octets": 0, "per_second": {}}
    stop = threading.Event()
    start = time.perf_counter()
    t = threading.Thread(target=receiver, args=(sock, stop, counts, start))
    t.start()
    sent = {}
    wire = [query(BIG, 16, qid) for qid in range(65536)]
    paced_sender(sock, port, qps, seconds, lambda i: wire[i & 0xFFFF], sent)
    time.sleep(1.0)  # the last responses
    stop.set()
    t.join()
    out.put(("flood", sent, counts))


def other(port, qps, seconds, out):
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.bind(("127.0.2.2", 0))
    counts = {"full": 0, "truncated": 0, "other": 0, "octets": 0, "per_second": {}}
    stop = threading.Event()
    t = threading.Thread(target=receiver, args=(sock, stop, counts, time.perf_counter()))
    t.start()
    sent = {}
    paced_sender(sock, port, qps, seconds,
                 lambda i: query(NAMES[i % len(NAMES)], 1, i & 0xFFFF), sent)
    time.sleep(1.0)
    stop.set()
    t.join()
    out.put(("other", sent, counts))


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--jar", default=os.path.join(here, "..", "server", "target", "anycast-dns.jar"))
    p.add_argument("--rate", type=int, default=100)
    p.add_argument("--slip", type=int, default=2)
    p.add_argument("--seconds", type=float, default=10)
    p.add_argument("--flood-qps", type=int, default=20000)
    p.add_argument("--other-qps", type=int, default=200)
    a = p.parse_args()

    work = tempfile.mkdtemp(prefix="rrl-flood-")
    server = None
    try:
        zones = os.path.join(work, "zones")
        os.mkdir(zones)
        with open(os.path.join(zones, ZONE + "zone"), "w") as f:
            f.write(zone_text())
        port = free_port()
        config = os.path.join(work, "serve.yaml")
        with open(config, "w") as f:
            f.write("zones: %s\nlisten: [\"127.0.0.1:%d\"]\nhttp: 127.0.0.1:0\n"
                    "rrl: {exempt: []}\n" % (zones, port))
        log = open(os.path.join(work, "server.log"), "w")
        server = subprocess.Popen(
            ["java", "-jar", a.jar, "serve", "--config", config,
             "--rrl-rate", str(a.rate), "--rrl-slip", str(a.slip)],
            stdout=log, stderr=subprocess.STDOUT)
        if not wait_for_server(port, time.time() + 60):
            print("the server did not answer; its log:")
            print(open(os.path.join(work, "server.log")).read()[-3000:])
            return 1
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            s.bind(("127.0.3.3", 0))
            s.settimeout(2)
            s.sendto(query(BIG, 16, 7), ("127.0.0.1", port))
            answer_size = len(s.recvfrom(65535)[0])

        out = multiprocessing.Queue()
        procs = [multiprocessing.Process(target=flood, args=(port, a.flood_qps, a.seconds, out)),
                 multiprocessing.Process(target=other, args=(port, a.other_qps, a.seconds, out))]
        for pr in procs:
            pr.start()
        results = dict((name, (sent, counts)) for name, sent, counts in (out.get() for _ in procs))
        for pr in procs:
            pr.join()

        print("server: serve --rrl-rate %d --rrl-slip %d, loopback not exempt; the flooded answer"
              " is %d octets" % (a.rate, a.slip, answer_size))
        sent, c = results["flood"]
        secs = sent["seconds"]
        per_second = [c["per_second"].get(i, 0) for i in range(int(secs + 0.999))]
        amplification = c["octets"] / sent["octets"]
        print("flood from 127.0.1.2: %d queries in %.1f s (%.0f qps), %d octets sent"
              % (sent["queries"], secs, sent["queries"] / secs, sent["octets"]))
        print("  full answers: %d, by second: %s" % (c["full"], per_second))
        print("  truncated slips: %d; dropped: %d" % (
            c["truncated"], sent["queries"] - c["full"] - c["truncated"] - c["other"]))
        print("  octets received: %d: amplification %.2f" % (c["octets"], amplification))
        osent, oc = results["other"]
        print("other /24 from 127.0.2.2: %d queries in %.1f s (%.0f qps) for %d names: %d full"
              " answers, %d truncated, %d missing" % (
                  osent["queries"], osent["seconds"], osent["queries"] / osent["seconds"],
                  len(NAMES), oc["full"], oc["truncated"], osent["queries"] - oc["full"]
                  - oc["truncated"]))
        # A token bucket gives its full bucket (RATE) at once and RATE a second after, so no
        # second can see more than twice the rate, and the run no more than RATE per second.
        full_rate = c["full"] / secs
        ok = (a.rate == 0 or (full_rate <= a.rate and max(per_second) <= 2 * a.rate)) \
            and amplification <= 1.0 and oc["full"] == osent["queries"]
        print("verdict: %s (flood: %.1f full answers a second over the run, %d in the busiest"
              " second; amplification %.2f; other /24: %d of %d answered in full)" % (
                  "ok" if ok else "NOT OK", full_rate, max(per_second), amplification,
                  oc["full"], osent["queries"]))
        return 0 if ok else 1
    finally:
        if server is not None:
            server.terminate()
            server.wait()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
