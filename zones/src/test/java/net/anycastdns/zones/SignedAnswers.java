package net.anycastdns.zones;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.aggregator.ArgumentsAccessor;
import org.xbill.DNS.DClass;
import org.xbill.DNS.DNSSEC;
import org.xbill.DNS.DSRecord;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSEC3PARAMRecord;
import org.xbill.DNS.NSEC3Record;
import org.xbill.DNS.NSECRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.Section;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.Type;
import org.xbill.DNS.dnssec.ValidatingResolver;
import org.xbill.DNS.utils.base32;

/**
 * Answers with the DO bit from a signed snapshot, the way the server assembles them (lookup, then
 * the DNSSEC stage), as dnsjava messages, and has them judged by dnsjava's validating resolver: a
 * validator that knows nothing of how the proofs were chosen.
 */
final class SignedAnswers {
  /** When the test zones' signatures (2026 to 2036) are valid. */
  static final Clock VALID_TIME =
      Clock.fixed(Instant.parse("2027-06-01T00:00:00Z"), ZoneOffset.UTC);

  private SignedAnswers() {}

  /** The zone {@code text} signed each way, compiled. */
  static Map<TestSigner.Denial, ZoneSnapshot> signEachWay(String origin, String text) {
    Map<TestSigner.Denial, ZoneSnapshot> zones = new EnumMap<>(TestSigner.Denial.class);
    for (TestSigner.Denial d : TestSigner.Denial.values()) {
      zones.put(d, TestZones.compile(origin, TestSigner.sign(origin, text, d)));
    }
    return zones;
  }

  /**
   * Asserts one row of a proof table against the zone signed each way ({@link #signEachWay}): the
   * columns qname, qtype, status, answer, authority, nsec, nsec3, opt-out, validation, as {@link
   * #assertRow(Map, String, String, String, String, String, String, String, String, String)} has
   * them.
   */
  static void assertRow(Map<TestSigner.Denial, ZoneSnapshot> zones, ArgumentsAccessor row) {
    assertRow(
        zones,
        row.getString(0),
        row.getString(1),
        row.getString(2),
        row.getString(3),
        row.getString(4),
        row.getString(5),
        row.getString(6),
        row.getString(7),
        row.getString(8));
  }

  /**
   * Asserts one row of a proof table against the zone signed each way ({@link #signEachWay}).
   *
   * @param answer the answer section as {@link #entries} writes it
   * @param authority the authority section without NSEC and NSEC3, as {@link #entries} writes it
   * @param nsec the NSEC records of the authority section as claims ({@link #assertProof})
   * @param nsec3 the same for NSEC3
   * @param optOut the same for NSEC3 with opt-out; "=" when as {@code nsec3}
   * @param validation what a validator makes of the answer: "secure", "-" (not asked: referrals are
   *     no answers a validator judges), or one word per way of signing
   */
  static void assertRow(
      Map<TestSigner.Denial, ZoneSnapshot> zones,
      String qname,
      String qtype,
      String status,
      String answer,
      String authority,
      String nsec,
      String nsec3,
      String optOut,
      String validation) {
    List<Executable> checks = new ArrayList<>();
    String[] validations = validation == null ? null : validation.split(" ", -1);
    int k = 0;
    for (Map.Entry<TestSigner.Denial, ZoneSnapshot> e : zones.entrySet()) {
      TestSigner.Denial d = e.getKey();
      ZoneSnapshot zone = e.getValue();
      String proof =
          switch (d) {
            case NSEC -> nsec;
            case NSEC3 -> nsec3;
            case NSEC3_OPT_OUT -> "=".equals(optOut) ? nsec3 : optOut;
          };
      String expected = validations == null ? null : validations[validations.length == 1 ? 0 : k];
      k++;
      LookupResult r = lookup(zone, qname, qtype);
      checks.add(() -> assertEquals(status, TestZones.status(r), d + ": rcode, kind, AA"));
      checks.add(() -> assertEquals(cell(answer), entries(r.answer(), false), d + ": answer"));
      checks.add(
          () -> assertEquals(cell(authority), entries(r.authority(), true), d + ": authority"));
      checks.add(() -> assertProof(zone, r.authority(), cell(proof), d + ": proof"));
      if (expected != null) {
        checks.add(() -> assertEquals(expected, validate(zone, qname, qtype), d + ": validation"));
      }
    }
    assertAll(checks);
  }

  private static String cell(String s) {
    return s == null ? "" : s;
  }

  /**
   * One item per entry: owner and type, "+RRSIG" when its RRSIGs are written with it, "RRSIG(A)"
   * for the RRSIGs alone.
   */
  static String entries(LookupResult.Section s, boolean skipDenial) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < s.size(); i++) {
      int type = s.rrset(i).type();
      if (skipDenial && (type == Type.NSEC || type == Type.NSEC3)) {
        continue;
      }
      String owner = WireName.toString(s.owner(i));
      if (!s.records(i)) {
        out.add(owner + " RRSIG(" + Type.string(type) + ")");
      } else {
        out.add(owner + " " + Type.string(type) + (s.signatures(i) ? "+RRSIG" : ""));
      }
    }
    return String.join(", ", out);
  }

  /**
   * Asserts that the NSEC or NSEC3 records of {@code authority} are the proof {@code claims}
   * describes: claims such as "matches www.example." (the record of that name: for NSEC3, of its
   * hash), "covers nx.example." (the record whose span holds that name or its hash), "covers
   * a.example. optout" (and has the opt-out flag), separated by "; ". Every claim needs a record,
   * every record must serve a claim, none may come twice, and each comes with its RRSIGs.
   */
  static void assertProof(
      ZoneSnapshot zone, LookupResult.Section authority, String claims, String what) {
    List<Record> proofs = new ArrayList<>();
    for (int i = 0; i < authority.size(); i++) {
      RRset rrset = authority.rrset(i);
      if (rrset.type() == Type.NSEC || rrset.type() == Type.NSEC3) {
        assertTrue(authority.signatures(i), what + ": " + rrset + " without RRSIGs");
        proofs.add(
            Record.newRecord(
                WireName.toName(authority.owner(i)),
                rrset.type(),
                DClass.IN,
                rrset.ttl(),
                rrset.rdata(0)));
      }
    }
    assertEquals(
        proofs.size(), new java.util.HashSet<>(proofs).size(), what + ": a record twice " + proofs);
    List<String> wanted = claims.isEmpty() ? List.of() : List.of(claims.split("; ", -1));
    boolean[] used = new boolean[proofs.size()];
    for (String claim : wanted) {
      boolean met = false;
      for (int i = 0; i < proofs.size(); i++) {
        if (meets(zone, proofs.get(i), claim)) {
          used[i] = met = true;
        }
      }
      assertTrue(met, what + ": nothing " + claim + " in " + proofs);
    }
    for (int i = 0; i < proofs.size(); i++) {
      assertTrue(used[i], what + ": " + proofs.get(i) + " proves nothing claimed (" + claims + ")");
    }
  }

  private static boolean meets(ZoneSnapshot zone, Record proof, String claim) {
    String[] words = claim.split(" ", -1);
    Name name = TestZones.name(words[1]);
    boolean covers = words[0].equals("covers");
    if (proof instanceof NSECRecord nsec) {
      if (!covers) {
        return nsec.getName().equals(name);
      }
      return between(nsec.getName(), name, nsec.getNext(), Name::compareTo);
    }
    NSEC3Record nsec3 = (NSEC3Record) proof;
    if (words.length > 2 && (nsec3.getFlags() & NSEC3Record.Flags.OPT_OUT) == 0) {
      return false;
    }
    byte[] owner =
        new base32(base32.Alphabet.BASE32HEX, false, false)
            .fromString(nsec3.getName().getLabelString(0).toUpperCase(java.util.Locale.ROOT));
    byte[] hash = hash(zone, name);
    if (!covers) {
      return Arrays.equals(owner, hash);
    }
    return between(owner, hash, nsec3.getNext(), Arrays::compareUnsigned);
  }

  /** True when {@code x} lies strictly between {@code from} and {@code to}, the chain wrapping. */
  private static <T> boolean between(T from, T x, T to, java.util.Comparator<T> order) {
    if (order.compare(from, to) < 0) {
      return order.compare(from, x) < 0 && order.compare(x, to) < 0;
    }
    return order.compare(from, x) < 0 || order.compare(x, to) < 0;
  }

  /** The NSEC3 hash of {@code name} with the parameters of the zone's NSEC3PARAM. */
  static byte[] hash(ZoneSnapshot zone, Name name) {
    RRset param = zone.apex().rrset(Type.NSEC3PARAM);
    try {
      return ((NSEC3PARAMRecord)
              Record.newRecord(zone.origin(), Type.NSEC3PARAM, DClass.IN, 0, param.rdata(0)))
          .hashName(name);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Looks up {@code qname} and type as a query with the DO bit; ANY and RRSIG answer one RRset. */
  static LookupResult lookup(ZoneSnapshot zone, String qname, String qtype) {
    return lookup(zone, qname, qtype, false);
  }

  static LookupResult lookup(ZoneSnapshot zone, String qname, String qtype, boolean allOfAny) {
    LookupResult result = TestZones.lookup(zone, qname, qtype, allOfAny);
    new DnssecProofs().addTo(zone, result);
    return result;
  }

  /**
   * How a validating resolver whose trust anchor is the test key of {@code zone} judges the answer
   * to {@code qname qtype}: "secure", "insecure", or "bogus" with the reason.
   */
  static String validate(ZoneSnapshot zone, String qname, String qtype) {
    ValidatingResolver validator = new ValidatingResolver(new ZoneAsResolver(zone), VALID_TIME);
    validator.setAddReasonToAdditional(true);
    String anchor =
        new DSRecord(
                zone.origin(),
                DClass.IN,
                3600,
                DNSSEC.Digest.SHA256,
                TestSigner.dnskey(zone.origin().toString(), 3600))
            .toString();
    try {
      validator.loadTrustAnchors(new ByteArrayInputStream(anchor.getBytes(StandardCharsets.UTF_8)));
      Record question = Record.newRecord(TestZones.name(qname), Type.value(qtype), DClass.IN);
      Message answer = validator.send(Message.newQuery(question));
      if (answer.getHeader().getFlag(Flags.AD)) {
        return "secure";
      }
      if (answer.getRcode() == Rcode.SERVFAIL) {
        return "bogus " + answer.sectionToString(Section.ADDITIONAL).trim();
      }
      return "insecure";
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The response to {@code query}: the sections of a lookup, with the DNSSEC stage when DO. */
  static Message respond(ZoneSnapshot zone, Message query) {
    Record q = query.getQuestion();
    boolean dnssecOk =
        query.getOPT() != null && (query.getOPT().getFlags() & ExtendedFlags.DO) != 0;
    Message m = new Message(query.getHeader().getID());
    m.getHeader().setFlag(Flags.QR);
    m.addRecord(q, Section.QUESTION);
    if (!q.getName().subdomain(zone.origin())) {
      m.getHeader().setRcode(Rcode.REFUSED);
      return m;
    }
    LookupResult r = new LookupResult();
    r.reset();
    ZoneLookup.lookup(zone, WireName.of(q.getName()), q.getType(), true, r);
    if (dnssecOk) {
      new DnssecProofs().addTo(zone, r);
    }
    if (r.authoritative()) {
      m.getHeader().setFlag(Flags.AA);
    }
    m.getHeader().setRcode(r.rcode());
    addSection(m, Section.ANSWER, r.answer());
    addSection(m, Section.AUTHORITY, r.authority());
    addSection(m, Section.ADDITIONAL, r.additional());
    if (query.getOPT() != null) {
      m.addRecord(new OPTRecord(1232, 0, 0, dnssecOk ? ExtendedFlags.DO : 0), Section.ADDITIONAL);
    }
    return m;
  }

  private static void addSection(Message m, int section, LookupResult.Section s) {
    for (int i = 0; i < s.size(); i++) {
      Name owner = WireName.toName(s.owner(i));
      RRset rrset = s.rrset(i);
      if (s.records(i)) {
        for (int j = 0; j < rrset.size(); j++) {
          m.addRecord(
              Record.newRecord(owner, rrset.type(), DClass.IN, rrset.ttl(), rrset.rdata(j)),
              section);
        }
      }
      if (s.signatures(i)) {
        for (int j = 0; j < rrset.signatureCount(); j++) {
          m.addRecord(
              Record.newRecord(owner, Type.RRSIG, DClass.IN, rrset.ttl(), rrset.signature(j)),
              section);
        }
      }
    }
  }

  /**
   * A resolver whose every answer comes from one snapshot, in process. Like dnsjava's resolvers it
   * adds the OPT record it was told to ({@link #setEDNS}), which is how the validator asks for DO.
   */
  private static final class ZoneAsResolver implements Resolver {
    private final ZoneSnapshot zone;
    private int ednsFlags = -1;

    ZoneAsResolver(ZoneSnapshot zone) {
      this.zone = zone;
    }

    @Override
    public CompletionStage<Message> sendAsync(Message query, Executor executor) {
      Message q = query.clone();
      if (ednsFlags >= 0 && q.getOPT() == null) {
        q.addRecord(new OPTRecord(1232, 0, 0, ednsFlags), Section.ADDITIONAL);
      }
      return CompletableFuture.completedFuture(respond(zone, q));
    }

    @Override
    public void setPort(int port) {}

    @Override
    public void setTCP(boolean flag) {}

    @Override
    public void setIgnoreTruncation(boolean flag) {}

    @Override
    public void setEDNS(int version, int payloadSize, int flags, List<EDNSOption> options) {
      this.ednsFlags = version < 0 ? -1 : flags;
    }

    @Override
    public void setTSIGKey(TSIG key) {}

    @Override
    public void setTimeout(Duration timeout) {}
  }
}
