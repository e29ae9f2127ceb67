#!/usr/bin/python3
"""Zone load time and memory of this server, Knot DNS and NSD, side by side.

Each server is started as it is normally started (this one exactly as the README's run command
says), on the same generated zones, and timed from process start until the last name answers;
peak resident memory is the largest VmHWM of the server's processes at that moment, CPU time their
user and system time until then (steadier than wall-clock time on a shared machine). Then one
record of the zone is changed, the server is sent SIGHUP (all three reload on it), and the time
until the new answer is served and the memory peak during the reload are measured (VmHWM is reset
through /proc/PID/clear_refs first).

  usage: load.py [--names N] [--zones Z] [--servers anycast-dns,knot,nsd] [--jar JAR] [--rounds R]
                 [--java-option OPTION ...]

--jar runs another build of this server, with a class-data archive of its own, made as the build
makes one (the README's archive fits only server/target/anycast-dns.jar).

Run it under `flock /tmp/bench.lock` on a shared machine. The numbers are noisy when others build
meanwhile: compare the servers within one run.
"""
import argparse
import os
import shlex
import shutil
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
def readme_command():
    """The run command of the README's quick start (JVM options included), as a format string for
    --zones and --listen; --http 127.0.0.1:0 keeps the benchmark off the default metrics port,
    which another server on the machine may hold."""
    with open(os.path.join(ROOT, "README.md")) as f:
        for line in f:
            line = line.strip()
            if line.startswith("java ") and line.endswith("-jar server/target/anycast-dns.jar serve"):
                return line + " --zones {zones} --listen 127.0.0.1:{port} --http 127.0.0.1:0"
    raise SystemExit("README.md has no run command 'java ... -jar server/target/anycast-dns.jar serve'")


def big_zone(d, n):
    """The 1,000,000-name zone of ../shared/bench/genzone.py: names h0 ... h{n-1}."""
    gen = os.path.join(ROOT, "..", "shared", "bench", "genzone.py")
    subprocess.run([sys.executable, gen, d, str(n)], check=True)
    # The first and the last name of the file, each with the type it has.
    types = [1, 28, 16, 15]  # A, AAAA, TXT, MX in turn
    names = [("h0.bench.test.", 1), (f"h{n - 1}.bench.test.", types[(n - 1) % 4])]
    return names, os.path.join(d, "bench.test.zone"), "h0.bench.test."


def small_zones(d, count):
    """`count` zones z0.test. ... of ten records each."""
    for i in range(count):
        with open(os.path.join(d, f"z{i}.test.zone"), "w") as f:
            f.write(
                f"$ORIGIN z{i}.test.\n$TTL 3600\n"
                "@ SOA ns1 hostmaster 1 7200 900 1209600 300\n"
                "@ NS ns1\n@ NS ns2\n"
                f"ns1 A 192.0.2.{i % 250 + 1}\nns2 A 198.51.100.{i % 250 + 1}\n"
                f"@ MX 10 mail\nmail A 203.0.113.{i % 250 + 1}\n"
                f"www A 192.0.2.{(i * 7) % 250 + 1}\nwww AAAA 2001:db8::{i:x}\n"
                f'@ TXT "zone {i}"\n'
            )
    names = [(f"www.z{i}.test.", 1) for i in range(count)]
    return names, os.path.join(d, f"z{count - 1}.test.zone"), f"www.z{count - 1}.test."


def query(name, qid, qtype=1):
    q = struct.pack(">HHHHHH", qid, 0, 1, 0, 0, 0)
    for label in name.rstrip(".").split("."):
        q += bytes([len(label)]) + label.encode()
    return q + b"\0" + struct.pack(">HH", qtype, 1)


def wait_answers(port, names, deadline, want=None):
    """Polls until every (name, type) has an answer (NOERROR, at least one record; `want` bytes in it when
    given). Returns the time it happened, or None at the deadline."""
    assert len(names) <= 0x10000, "one query id per name"
    pending = dict(enumerate(names))
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4 << 20)
    s.connect(("127.0.0.1", port))
    while pending and time.monotonic() < deadline:
        sent = 0
        for i, name in list(pending.items()):
            try:
                s.send(query(name[0], i, name[1]))
                sent += 1
            except ConnectionRefusedError:
                pass
            if sent % 500 == 0:
                drain(s, pending, want, 0.002)
        drain(s, pending, want, 0.02)
    s.close()
    return time.monotonic() if not pending else None


def drain(s, pending, want, timeout):
    s.settimeout(timeout)
    while True:
        try:
            r = s.recv(4096)
        except (socket.timeout, ConnectionRefusedError):
            return
        qid, flags, _, an = struct.unpack(">HHHH", r[:8])
        if flags & 0xF == 0 and an > 0 and (want is None or want in r):
            pending.pop(qid, None)


def tree(pid):
    """pid and its descendants."""
    children = {}
    for p in os.listdir("/proc"):
        if p.isdigit():
            try:
                with open(f"/proc/{p}/stat") as f:
                    ppid = int(f.read().rsplit(")", 1)[1].split()[1])
                children.setdefault(ppid, []).append(int(p))
            except (OSError, IndexError):
                pass
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(children.get(p, []))
    return out


def status_mb(pid, field):
    """The largest value of a /proc status field (VmHWM, VmRSS) among pid and its descendants."""
    largest = 0
    for p in tree(pid):
        try:
            with open(f"/proc/{p}/status") as f:
                for line in f:
                    if line.startswith(field + ":"):
                        largest = max(largest, int(line.split()[1]))
        except OSError:
            pass
    return largest / 1024


def peak_rss_mb(pid):
    return status_mb(pid, "VmHWM")


def cpu_s(pid):
    """CPU time (user and system) of pid and its descendants, and of the children they waited for:
    it varies less than wall-clock time on a machine that others share."""
    ticks = 0
    for p in tree(pid):
        try:
            with open(f"/proc/{p}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            ticks += sum(int(v) for v in fields[11:15])
        except OSError:
            pass
    return ticks / os.sysconf("SC_CLK_TCK")


def reset_peak(pid):
    for p in tree(pid):
        try:
            with open(f"/proc/{p}/clear_refs", "w") as f:
                f.write("5")
        except OSError:
            pass


def knot_command(work, zones, port):
    conf = os.path.join(work, "knot.conf")
    os.makedirs(os.path.join(work, "knot"), exist_ok=True)
    with open(conf, "w") as f:
        f.write(f"server:\n  listen: 127.0.0.1@{port}\n  rundir: {work}/knot\n")
        f.write(f"database:\n  storage: {work}/knot\n")
        f.write("template:\n  - id: default\n    zonefile-sync: -1\n    journal-content: none\n")
        f.write("zone:\n")
        for z in sorted(os.listdir(zones)):
            f.write(f"  - domain: {z[:-5]}\n    file: {zones}/{z}\n")
    return ["knotd", "-c", conf]


def nsd_command(work, zones, port):
    conf = os.path.join(work, "nsd.conf")
    with open(conf, "w") as f:
        f.write(
            f'server:\n  ip-address: 127.0.0.1\n  port: {port}\n  username: ""\n  chroot: ""\n'
            f'  database: ""\n  zonesdir: "{zones}"\n  pidfile: "{work}/nsd.pid"\n'
            f'  zonelistfile: "{work}/zone.list"\n  xfrdfile: "{work}/xfrd.state"\n'
            f'  xfrdir: "{work}"\n  logfile: "{work}/nsd.log"\n'
            "remote-control:\n  control-enable: no\n"
        )
        for z in sorted(os.listdir(zones)):
            f.write(f'zone:\n  name: {z[:-5]}\n  zonefile: "{z}"\n')
    return ["nsd", "-d", "-c", conf]


def ours_command(jar, zones, port, java_options):
    cmd = shlex.split(readme_command().format(zones=zones, port=port))
    if jar:
        jar = os.path.abspath(jar)
        cmd[cmd.index("-jar") + 1] = jar
        # The README's class-data archive fits only the jar it was made for, at its path: this jar
        # gets its own, made as the build makes it.
        archive = os.path.splitext(jar)[0] + ".jsa"
        train_class_archive(jar, archive)
        cmd = [f"-XX:SharedArchiveFile={archive}" if c.startswith("-XX:SharedArchiveFile=") else c
               for c in cmd]
    at = cmd.index("-jar")
    return cmd[:at] + java_options + cmd[at:]


def train_class_archive(jar, archive):
    """Writes the class-data archive of `jar` (as server/pom.xml does) unless one newer is there. A
    jar from before `ClassArchiveTraining --write` gets the archive its build made (written by the
    JVM as the training exits); one older still (without ClassArchiveTraining) runs without one, as
    it did then."""
    if os.path.exists(archive) and os.path.getmtime(archive) >= os.path.getmtime(jar):
        return
    training_class = "net.anycastdns.server.cli.ClassArchiveTraining"
    zones = os.path.join(ROOT, "test-zones")
    training = subprocess.run(["java", "-cp", jar, training_class, "--write", archive, zones],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if training.returncode != 0:
        training = subprocess.run(
            ["java", f"-XX:ArchiveClassesAtExit={archive}", "-Xlog:cds=off",
             "-Xlog:cds+dynamic=off", "-cp", jar, training_class, zones],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if training.returncode != 0:
        print(f"(no class-data archive for {jar}: {training.stderr.strip().splitlines()[-1:]})",
              flush=True)


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def change_one_record(zone_file, name):
    """Raises the SOA serial and changes the first A record of `name` to 192.0.2.254."""
    with open(zone_file) as f:
        text = f.read()
    label = name.split(".")[0]
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if " SOA " in line:
            parts = line.split()
            at = parts.index("SOA")
            parts[at + 3] = str(int(parts[at + 3]) + 1)
            lines[i] = " ".join(parts)
        elif line.split()[:1] == [label] and " A " in line:
            lines[i] = f"{label} IN A 192.0.2.254"
    with open(zone_file, "w") as f:
        f.write("\n".join(lines))


def run(server, command, port, names, zone_file, changed, work, cwd):
    log = open(os.path.join(work, f"{server}.log"), "w")
    start = time.monotonic()
    # SIGHUP as the default in the server even when this script runs under nohup, which would
    # otherwise pass its "ignore" on: a server that ignores SIGHUP does not reload on it.
    proc = subprocess.Popen(
        command, stdout=log, stderr=subprocess.STDOUT, cwd=cwd,
        preexec_fn=lambda: signal.signal(signal.SIGHUP, signal.SIG_DFL))
    try:
        served = wait_answers(port, names, start + 120)
        if served is None:
            return f"{server}: did not answer within 120 s; its log ends:\n{tail(log.name)}"
        load_s, load_mb, load_cpu = served - start, peak_rss_mb(proc.pid), cpu_s(proc.pid)
        time.sleep(1)
        idle_mb = rss_mb(proc.pid)
        original = zone_file + ".orig"
        shutil.copy(zone_file, original)
        change_one_record(zone_file, changed)
        reset_peak(proc.pid)
        hup = time.monotonic()
        os.kill(proc.pid, signal.SIGHUP)
        reloaded = wait_answers(port, [(changed, 1)], hup + 120, want=bytes([192, 0, 2, 254]))
        shutil.move(original, zone_file)
        reload = "no new answer in 120 s" if reloaded is None else f"{reloaded - hup:6.2f} s"
        return (
            f"{server:12} load {load_s:6.2f} s  CPU {load_cpu:5.1f} s  peak RSS {load_mb:6.0f} MB"
            f"  idle RSS {idle_mb:6.0f} MB"
            f" | reload {reload}  peak RSS {peak_rss_mb(proc.pid):6.0f} MB"
        )
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


def tail(path, lines=5):
    """The last lines of a server's log: the work folder holding it is removed at the end."""
    with open(path, errors="replace") as f:
        return "".join(f.readlines()[-lines:])


def rss_mb(pid):
    return status_mb(pid, "VmRSS")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--names", type=int, default=1_000_000, help="names of the big zone (0: skip)")
    ap.add_argument("--zones", type=int, default=10_000, help="number of small zones (0: skip)")
    ap.add_argument("--servers", default="anycast-dns,knot,nsd")
    ap.add_argument("--jar", help="this jar instead of server/target/anycast-dns.jar")
    ap.add_argument("--rounds", type=int, default=1)
    ap.add_argument("--java-option", action="append", default=[],
                    help="a JVM option added to the README's (repeat for more), to try one")
    args = ap.parse_args()
    work = tempfile.mkdtemp(prefix="load-bench-")
    try:
        sets = []
        if args.names:
            d = os.path.join(work, "big")
            os.makedirs(d)
            sets.append((f"{args.names:,} names in one zone", d, big_zone(d, args.names)))
        if args.zones:
            d = os.path.join(work, "small")
            os.makedirs(d)
            sets.append((f"{args.zones:,} zones of ten records", d, small_zones(d, args.zones)))
        for title, zones, (names, zone_file, changed) in sets:
            print(f"== {title}", flush=True)
            for r in range(args.rounds):
                for server in args.servers.split(","):
                    port = free_port()
                    sw = os.path.join(work, f"{server}-{r}")
                    os.makedirs(sw, exist_ok=True)
                    if server == "knot":
                        cmd = knot_command(sw, zones, port)
                    elif server == "nsd":
                        cmd = nsd_command(sw, zones, port)
                    else:
                        cmd = ours_command(args.jar, zones, port, args.java_option)
                    print(run(server, cmd, port, names, zone_file, changed, sw, ROOT), flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
