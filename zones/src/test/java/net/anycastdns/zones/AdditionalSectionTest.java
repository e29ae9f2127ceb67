package net.anycastdns.zones;

import static net.anycastdns.zones.TestZones.lookup;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.xbill.DNS.Type;

/**
 * Additional-section processing (RFC 1035 3.3): in-zone targets of NS, MX and SRV, A before AAAA.
 */
class AdditionalSectionTest {
  private static final ZoneSnapshot ZONE =
      TestZones.compile(
          "example.",
          """
      $TTL 3600
      @          SOA   ns1 hostmaster 1 7200 900 1209600 300
                 NS    ns1
                 NS    ns.example.net.
                 MX    10 mail
                 MX    20 mx.example.net.
      ns1        AAAA  2001:db8::53
      ns1        A     192.0.2.53
      mail       AAAA  2001:db8::25
      mail       A     192.0.2.25
      mail2      A     192.0.2.26
      mail2      AAAA  2001:db8::26
      v4only     A     192.0.2.27
      two        MX    10 mail
      two        MX    20 mail2
      mixed      MX    10 v4only
      mixed      MX    20 mail
      outside    MX    10 mx.example.net.
      dangling   MX    10 nohost
      _sip._tcp  SRV   0 5 5060 sip
      sip        AAAA  2001:db8::5
      sip        A     192.0.2.5
      """);

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      textBlock =
          """
      # qname              | qtype | additional
      example.             | NS    | ns1.example. 3600 A 192.0.2.53, ns1.example. 3600 AAAA 2001:db8:0:0:0:0:0:53
      example.             | MX    | mail.example. 3600 A 192.0.2.25, mail.example. 3600 AAAA 2001:db8:0:0:0:0:0:25
      two.example.         | MX    | mail.example. 3600 A 192.0.2.25, mail2.example. 3600 A 192.0.2.26, mail.example. 3600 AAAA 2001:db8:0:0:0:0:0:25, mail2.example. 3600 AAAA 2001:db8:0:0:0:0:0:26
      mixed.example.       | MX    | v4only.example. 3600 A 192.0.2.27, mail.example. 3600 A 192.0.2.25, mail.example. 3600 AAAA 2001:db8:0:0:0:0:0:25
      _sip._tcp.example.   | SRV   | sip.example. 3600 A 192.0.2.5, sip.example. 3600 AAAA 2001:db8:0:0:0:0:0:5
      # targets outside the zone, or with no address, add nothing
      outside.example.     | MX    | -
      dangling.example.    | MX    | -
      # other types have no additional data
      mail.example.        | A     | -
      """)
  void additional(String qname, String qtype, String additional) {
    LookupResult r = lookup(ZONE, qname, qtype);
    assertAll(
        () -> assertEquals("NOERROR ANSWER aa", TestZones.status(r)),
        () -> assertEquals(1, r.answer().size(), "one RRset in the answer"),
        () -> assertEquals(qtype, Type.string(r.answer().rrset(0).type())),
        () -> assertEquals(0, r.authority().size(), "authority"),
        () -> assertEquals(additional == null ? "" : additional, TestZones.text(r.additional())));
  }
}
