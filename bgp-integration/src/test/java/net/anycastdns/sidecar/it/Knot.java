package net.anycastdns.sidecar.it;

import java.nio.file.Files;
import java.util.Map;

/**
 * The DNS server under test: Knot DNS in the PoP namespace, on the anycast addresses, serving
 * example.com. Stopped with SIGTERM to make the PoP fail, started again to recover.
 */
final class Knot {
  private final Lab lab;
  private Process process;

  Knot(Lab lab) throws Exception {
    this.lab = lab;
    Files.createDirectories(lab.dir.resolve("knot"));
    lab.write(
        "example.com.zone",
        """
        $TTL 300
        @    SOA ns1 hostmaster 1 3600 900 604800 300
        @    NS  ns1
        ns1  A   192.0.2.53
        www  A   192.0.2.10
        """);
    lab.write(
        "knot.conf",
        """
        server:
            rundir: "%1$s/knot"
            listen: [ 192.0.2.53@53, 2001:db8:53::53@53 ]
        database:
            storage: "%1$s/knot"
        log:
          - target: stderr
            any: info
        zone:
          - domain: example.com.
            file: "%1$s/example.com.zone"
        """
            .formatted(lab.dir));
  }

  /** Starts knotd and waits until it answers (at most 10 s). */
  void start() throws Exception {
    process =
        lab.start(
            lab.pop, "knot.log", Map.of(), "knotd", "-c", lab.dir.resolve("knot.conf").toString());
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (true) {
      try {
        String out =
            lab.run(
                lab.pop,
                5,
                "kdig",
                "+tcp",
                "+norec",
                "+time=1",
                "+retry=0",
                "@192.0.2.53",
                "example.com.",
                "SOA");
        if (out.contains("status: NOERROR")) {
          return;
        }
      } catch (Lab.ExecException e) {
        // not up yet
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("knotd did not answer within 10s\n" + lab.logTails());
      }
      Thread.sleep(50);
    }
  }

  /** SIGTERM; returns once knotd has exited. */
  void stop() throws InterruptedException {
    Lab.terminate(process);
  }
}
