package net.anycastdns.sidecar.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import net.anycastdns.sidecar.testing.FakeDnsServer;
import net.anycastdns.sidecar.testing.Probes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A probe fails on timeout, wrong rcode, missing AA, wrong data or a slow answer, over UDP and TCP
 * alike; the verdict and its wording come from real exchanges with a fake server.
 */
class ProbeVerdictTest {
  private static FakeDnsServer server;

  @BeforeAll
  static void start() throws Exception {
    server = new FakeDnsServer();
    server.slowBy(Duration.ofMillis(120));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @ParameterizedTest(name = "{0} {1} {2}/{3} rcode {4} expect [{5}] limit {6}ms: {7}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      textBlock =
          """
      GOOD       | udp | www.example.com.   | A   | NOERROR  | 192.0.2.10            | -  | OK         | -
      GOOD       | tcp | www.example.com.   | A   | NOERROR  | 192.0.2.10            | -  | OK         | -
      GOOD       | udp | WWW.Example.COM.   | A   | NOERROR  | 192.0.2.10            | -  | OK         | -
      GOOD       | udp | alias.example.com. | A   | NOERROR  | 192.0.2.10            | -  | OK         | -
      GOOD       | tcp | example.com.       | SOA | NOERROR  | -                     | -  | OK         | -
      GOOD       | udp | example.com.       | SOA | NOERROR  | NS1.example.com. hostmaster.example.com. 1 3600 900 604800 300 | - | OK | -
      GOOD       | udp | nope.example.com.  | A   | NXDOMAIN | -                     | -  | OK         | -
      GOOD       | udp | nope.example.com.  | A   | NOERROR  | -                     | -  | RCODE      | rcode NXDOMAIN, expected NOERROR
      GOOD       | udp | example.org.       | A   | NOERROR  | -                     | -  | RCODE      | rcode REFUSED, expected NOERROR
      GOOD       | udp | www.example.com.   | A   | NOERROR  | 192.0.2.10;192.0.2.11 | -  | DATA       | answer [192.0.2.10], expected [192.0.2.10, 192.0.2.11]
      SERVFAIL   | udp | www.example.com.   | A   | NOERROR  | 192.0.2.10            | -  | RCODE      | rcode SERVFAIL, expected NOERROR
      SERVFAIL   | tcp | www.example.com.   | A   | NOERROR  | 192.0.2.10            | -  | RCODE      | rcode SERVFAIL, expected NOERROR
      NO_AA      | udp | www.example.com.   | A   | NOERROR  | 192.0.2.10            | -  | NO_AA      | AA not set in the answer
      NO_AA      | tcp | www.example.com.   | A   | NOERROR  | 192.0.2.10            | -  | NO_AA      | AA not set in the answer
      WRONG_DATA | udp | www.example.com.   | A   | NOERROR  | 192.0.2.10            | -  | DATA       | answer [192.0.2.99], expected [192.0.2.10]
      WRONG_DATA | tcp | alias.example.com. | A   | NOERROR  | 192.0.2.10            | -  | DATA       | answer [192.0.2.99], expected [192.0.2.10]
      WRONG_DATA | udp | example.com.       | SOA | NOERROR  | -                     | -  | OK         | -
      SLOW       | udp | www.example.com.   | A   | NOERROR  | 192.0.2.10            | 50 | SLOW       | limit 50ms
      SLOW       | tcp | www.example.com.   | A   | NOERROR  | 192.0.2.10            | 50 | SLOW       | limit 50ms
      SLOW       | udp | www.example.com.   | A   | NOERROR  | 192.0.2.10            | -  | OK         | -
      SILENT     | udp | www.example.com.   | A   | NOERROR  | 192.0.2.10            | -  | TIMEOUT    | no answer within 300ms
      SILENT     | tcp | www.example.com.   | A   | NOERROR  | 192.0.2.10            | -  | TIMEOUT    | no answer within 300ms
      """)
  void verdict(
      FakeDnsServer.Mode mode,
      String transport,
      String name,
      String type,
      String rcode,
      String expect,
      Long limitMillis,
      Verdict verdict,
      String detail) {
    server.mode(mode);
    SelfTest test =
        new SelfTest(
            server.address(),
            List.of(),
            List.of(),
            Duration.ofMillis(300),
            new DnsClient(),
            Clock.systemUTC());
    ProbeResult r =
        test.probe(
            server.address(),
            Probes.probe(
                name,
                type,
                transport,
                rcode,
                expect,
                limitMillis == null ? null : Duration.ofMillis(limitMillis)));
    assertEquals(verdict, r.verdict(), r.describe());
    if (detail == null) {
      assertTrue(r.ok());
      assertTrue(r.latency().isPresent());
    } else {
      assertFalse(r.ok());
      assertTrue(r.detail().contains(detail), r.detail());
    }
  }
}
