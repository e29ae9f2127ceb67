package net.anycastdns.zones;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Queries for the DNSSEC types themselves, and ANY, in a signed zone. DNSKEY, CDS, CDNSKEY and
 * NSEC3PARAM are apex data answered with their RRSIGs; an NSEC is data of its name. A query for
 * RRSIG gets the RRSIGs of the name's RRsets, of one RRset over UDP and of all over TCP, as ANY
 * gets RRsets (RFC 8482 section 4.2: Knot answers one, NSD all), an NSEC only with every RRset and
 * DO; RRSIGs are not signed. An NSEC3 owner is no name (RFC 5155 section 7.2.9, in {@link
 * NegativeProofTest}). Without the DO bit nothing DNSSEC is added; what is asked for by type is
 * answered all the same.
 */
class DnssecQueryTypesTest {
  private static final Map<TestSigner.Denial, ZoneSnapshot> ZONES =
      SignedAnswers.signEachWay(
          "example.",
          """
      $TTL 3600
      @     SOA      ns1 hostmaster 1 7200 900 1209600 300
            NS       ns1
            CDS      0 0 0 00
            CDNSKEY  0 3 0 AA==
      ns1   A        192.0.2.53
      www   A        192.0.2.80
      www   TXT      "www"
      only  HTTPS    1 . alpn=h2
      alias CNAME    www
      """);

  @ParameterizedTest(name = "{0} {1} {2} tcp={3} -> {4}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      textBlock =
          """
      # signed with | qname        | qtype      | tcp   | status            | answer                                                     | authority          | proof
      NSEC          | example.     | DNSKEY     | false | NOERROR ANSWER aa | example. DNSKEY+RRSIG                                      | -                  | -
      NSEC          | example.     | CDS        | false | NOERROR ANSWER aa | example. CDS+RRSIG                                         | -                  | -
      NSEC          | example.     | CDNSKEY    | false | NOERROR ANSWER aa | example. CDNSKEY+RRSIG                                     | -                  | -
      NSEC3         | example.     | NSEC3PARAM | false | NOERROR ANSWER aa | example. NSEC3PARAM+RRSIG                                  | -                  | -
      NSEC          | example.     | NSEC3PARAM | false | NOERROR NODATA aa | -                                                          | example. SOA+RRSIG | matches example.
      # an NSEC is data of its name; under NSEC3 there is none to answer
      NSEC          | www.example. | NSEC       | false | NOERROR ANSWER aa | www.example. NSEC+RRSIG                                    | -                  | -
      NSEC3         | www.example. | NSEC       | false | NOERROR NODATA aa | -                                                          | example. SOA+RRSIG | matches www.example.
      NSEC3         | www.example. | NSEC3      | false | NOERROR NODATA aa | -                                                          | example. SOA+RRSIG | matches www.example.
      # RRSIG: the RRSIGs of the first RRset over UDP, of every RRset over TCP
      NSEC          | www.example. | RRSIG      | false | NOERROR ANSWER aa | www.example. RRSIG(A)                                      | -                  | -
      NSEC          | www.example. | RRSIG      | true  | NOERROR ANSWER aa | www.example. RRSIG(A), www.example. RRSIG(TXT), www.example. RRSIG(NSEC) | - | -
      NSEC3         | www.example. | RRSIG      | true  | NOERROR ANSWER aa | www.example. RRSIG(A), www.example. RRSIG(TXT)             | -                  | -
      NSEC3         | nx.example.  | RRSIG      | true  | NXDOMAIN NXDOMAIN aa | -                                                       | example. SOA+RRSIG | matches example.; covers nx.example.; covers *.example.
      # ANY: one RRset over UDP (the lowest type), each with its RRSIGs
      NSEC          | example.     | ANY        | false | NOERROR ANSWER aa | example. NS+RRSIG                                          | -                  | -
      NSEC3         | www.example. | ANY        | true  | NOERROR ANSWER aa | www.example. A+RRSIG, www.example. TXT+RRSIG               | -                  | -
      # the NSEC is no RRset ANY chooses over UDP; with every RRset over TCP, the DNSSEC stage adds it
      NSEC          | only.example. | ANY       | false | NOERROR ANSWER aa | only.example. HTTPS+RRSIG                                 | -                  | -
      NSEC          | www.example. | ANY        | true  | NOERROR ANSWER aa | www.example. A+RRSIG, www.example. TXT+RRSIG, www.example. NSEC+RRSIG | - | -
      NSEC          | alias.example. | ANY      | true  | NOERROR ANSWER aa | alias.example. CNAME+RRSIG                                 | -                  | -
      """)
  void dnssecTypes(
      TestSigner.Denial denial,
      String qname,
      String qtype,
      boolean tcp,
      String status,
      String answer,
      String authority,
      String proof) {
    ZoneSnapshot zone = ZONES.get(denial);
    LookupResult r = SignedAnswers.lookup(zone, qname, qtype, tcp);
    assertAll(
        () -> assertEquals(status, TestZones.status(r), "rcode, kind, AA"),
        () -> assertEquals(cell(answer), SignedAnswers.entries(r.answer(), false), "answer"),
        () ->
            assertEquals(cell(authority), SignedAnswers.entries(r.authority(), true), "authority"),
        () -> SignedAnswers.assertProof(zone, r.authority(), cell(proof), "proof"));
  }

  @Test
  void withoutTheDoBitNothingIsAdded() {
    ZoneSnapshot zone = ZONES.get(TestSigner.Denial.NSEC3);
    LookupResult positive = TestZones.lookup(zone, "www.example.", "A");
    LookupResult negative = TestZones.lookup(zone, "nx.example.", "A");
    LookupResult signatures = TestZones.lookup(zone, "www.example.", "RRSIG");
    // RFC 3225 section 3: an NSEC only to a resolver that asks for its type or sets DO.
    LookupResult any =
        TestZones.lookup(ZONES.get(TestSigner.Denial.NSEC), "www.example.", "ANY", true);
    assertAll(
        () -> assertEquals("www.example. A", SignedAnswers.entries(positive.answer(), false)),
        () -> assertEquals("example. SOA", SignedAnswers.entries(negative.authority(), false)),
        () ->
            assertEquals(
                "www.example. RRSIG(A)", SignedAnswers.entries(signatures.answer(), false)),
        () ->
            assertEquals(
                "www.example. A, www.example. TXT", SignedAnswers.entries(any.answer(), false)));
  }

  private static String cell(String s) {
    return s == null ? "" : s;
  }
}
