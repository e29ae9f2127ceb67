package net.anycastdns.server;

import static net.anycastdns.server.Queries.edns;
import static net.anycastdns.server.Queries.query;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.anycastdns.server.query.ServerIdentity;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/** CHAOS-class identity and version queries (RFC 4892), and refusal of what is not ours. */
class ChaosTest {
  private static final TestServer SERVER = TestServer.of(TestServer.EXAMPLE_ORG);
  private static final TestServer HIDDEN =
      TestServer.of(
          new ServerIdentity("pop-hidden", null),
          TestServer.MAX_UDP,
          TestServer.zone("example.org.", TestServer.EXAMPLE_ORG));

  @ParameterizedTest(name = "{0} TXT -> {1}")
  @CsvSource({
    "id.server.,       test-pop-1",
    "hostname.bind.,   test-pop-1",
    "ID.SERVER.,       test-pop-1",
    "HostName.Bind.,   test-pop-1",
    "version.bind.,    anycast-dns test",
    "version.server.,  anycast-dns test",
    "VERSION.BIND.,    anycast-dns test",
  })
  void identityAndVersion(String name, String text) {
    for (Message q :
        List.of(
            query(name, Type.TXT, DClass.CH),
            edns(query(name, Type.TXT, DClass.CH), 1232, false))) {
      Message r = SERVER.udp(q).message();
      assertAll(
          () -> assertEquals(Rcode.NOERROR, r.getRcode()),
          () -> assertTrue(r.getHeader().getFlag(Flags.AA), "AA"),
          () -> assertEquals(name, r.getQuestion().getName().toString()),
          () -> assertEquals(DClass.CH, r.getQuestion().getDClass()));
      List<Record> answer = r.getSection(Section.ANSWER);
      assertEquals(1, answer.size());
      TXTRecord txt = assertInstanceOf(TXTRecord.class, answer.get(0));
      assertEquals(DClass.CH, txt.getDClass());
      assertEquals(List.of(text), txt.getStrings());
      assertTrue(txt.getName().equals(Queries.name(name)), "owner " + txt.getName());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"id.server.", "hostname.bind."})
  void identityWhenVersionHidden(String name) {
    Message r = HIDDEN.udp(query(name, Type.TXT, DClass.CH)).message();
    assertEquals(Rcode.NOERROR, r.getRcode());
    assertEquals(
        List.of("pop-hidden"), ((TXTRecord) r.getSection(Section.ANSWER).get(0)).getStrings());
  }

  @ParameterizedTest
  @ValueSource(strings = {"version.bind.", "version.server.", "VERSION.Server."})
  void hiddenVersionRefused(String name) {
    Message r = HIDDEN.udp(query(name, Type.TXT, DClass.CH)).message();
    assertAll(
        () -> assertEquals(Rcode.REFUSED, r.getRcode()),
        () -> assertFalse(r.getHeader().getFlag(Flags.AA), "AA"),
        () -> assertEquals(0, r.getSection(Section.ANSWER).size()),
        () -> assertEquals(name, r.getQuestion().getName().toString()));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "authors.bind.",
        "server.",
        "bind.",
        ".",
        "id.server.example.org.",
        "x.id.server.",
        "version.bind.example.",
        "www.example.org."
      })
  void otherChaosNamesRefused(String name) {
    Message r = SERVER.udp(query(name, Type.TXT, DClass.CH)).message();
    assertAll(
        () -> assertEquals(Rcode.REFUSED, r.getRcode()),
        () -> assertFalse(r.getHeader().getFlag(Flags.AA), "AA"),
        () -> assertEquals(0, r.getSection(Section.ANSWER).size()));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "www.example.com.",
        "example.",
        "org.",
        ".",
        "id.server.",
        "version.bind.",
        "example.org.example.com.",
        "xexample.org."
      })
  void classInOutsideEveryZoneRefused(String name) {
    Message r = SERVER.udp(query(name, Type.A)).message();
    assertAll(
        () -> assertEquals(Rcode.REFUSED, r.getRcode()),
        () -> assertFalse(r.getHeader().getFlag(Flags.AA), "AA"),
        () -> assertEquals(0, r.getSection(Section.ANSWER).size()),
        () -> assertEquals(0, r.getSection(Section.AUTHORITY).size()));
  }

  @ParameterizedTest
  @ValueSource(ints = {Type.A, Type.AAAA, Type.NS})
  void otherTypesOfOurNamesHaveNoData(int type) {
    Message r = SERVER.udp(query("id.server.", type, DClass.CH)).message();
    assertEquals(Rcode.NOERROR, r.getRcode());
    assertEquals(0, r.getSection(Section.ANSWER).size());
  }

  @ParameterizedTest
  @ValueSource(strings = {"id.server.", "version.bind."})
  void anyAnswersTheTxt(String name) {
    Message r = SERVER.udp(query(name, Type.ANY, DClass.CH)).message();
    assertEquals(Rcode.NOERROR, r.getRcode());
    assertEquals(Type.TXT, r.getSection(Section.ANSWER).get(0).getType());
  }
}
