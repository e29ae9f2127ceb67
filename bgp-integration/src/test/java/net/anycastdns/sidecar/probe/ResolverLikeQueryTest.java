package net.anycastdns.sidecar.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import net.anycastdns.sidecar.testing.FakeDnsServer;
import net.anycastdns.sidecar.testing.Probes;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Type;

/** Probes ask as a resolver asks an authoritative server: RD clear, EDNS(0) with 1232 octets. */
class ResolverLikeQueryTest {

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"udp", "tcp"})
  void queriesLookLikeAResolvers(String transport) throws Exception {
    try (FakeDnsServer server = new FakeDnsServer()) {
      SelfTest test =
          new SelfTest(
              server.address(),
              List.of(Probes.www(transport)),
              List.of(),
              Duration.ofSeconds(1),
              new DnsClient(),
              Clock.systemUTC());
      test.run();
      Message q = server.lastQuery();
      assertNotNull(q);
      assertFalse(q.getHeader().getFlag(Flags.RD));
      assertEquals(Type.A, q.getQuestion().getType());
      assertNotNull(q.getOPT());
      assertEquals(1232, q.getOPT().getPayloadSize());
      assertEquals(0, q.getOPT().getVersion());
    }
  }
}
