package net.anycastdns.server.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import net.anycastdns.common.IpLiterals;
import net.anycastdns.common.SipHash;
import net.anycastdns.server.Queries;
import net.anycastdns.server.TestServer;
import net.anycastdns.server.cookies.CookieSecrets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.xbill.DNS.CookieOption;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.GenericEDNSOption;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

/**
 * The cookie stage, query in and response out (RFC 7873 section 5.2, RFC 9018): the examples of RFC
 * 9018 appendix A through the whole query path, the lifetime of a server cookie to the second, the
 * second secret of a rotation, and malformed options. Each row: the secrets (current, then the
 * other one after a slash), the client's address, the time, the COOKIE option sent, then the one
 * expected back ({@code -} for none, {@code FORMERR}) and what the stage judged it.
 */
class CookieStageTest {
  private static final HexFormat HEX = HexFormat.of();
  private static final String A1 = "2464c4abcf10c957010000005cf79f111f8130c3eee29480";
  private static final String A1_SERVER = A1.substring(16);
  private static final long A1_TIME = 1559731985;

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      A.1 a client cookie alone | e5e973e5a6b2a43f48e7dc849e37bfcf | 198.51.100.100 | 1559731985 | 2464c4abcf10c957 | 2464c4abcf10c957010000005cf79f111f8130c3eee29480 | CLIENT_ONLY
      A.2 forty minutes on: renewed | e5e973e5a6b2a43f48e7dc849e37bfcf | 198.51.100.100 | 1559734385 | A1 | 2464c4abcf10c957010000005cf7a871d4a564a1442aca77 | VALID
      half an hour on: sent back | e5e973e5a6b2a43f48e7dc849e37bfcf | 198.51.100.100 | +1800 | A1 | A1 | VALID
      a second more: renewed | e5e973e5a6b2a43f48e7dc849e37bfcf | 198.51.100.100 | +1801 | A1 | NEW | VALID
      an hour on: still valid | e5e973e5a6b2a43f48e7dc849e37bfcf | 198.51.100.100 | +3600 | A1 | NEW | VALID
      a second more: not valid | e5e973e5a6b2a43f48e7dc849e37bfcf | 198.51.100.100 | +3601 | A1 | NEW | INVALID
      five minutes ahead: valid, renewed | e5e973e5a6b2a43f48e7dc849e37bfcf | 198.51.100.100 | -300 | A1 | NEW | VALID
      a second further ahead: not valid | e5e973e5a6b2a43f48e7dc849e37bfcf | 198.51.100.100 | -301 | A1 | NEW | INVALID
      from another address | e5e973e5a6b2a43f48e7dc849e37bfcf | 198.51.100.101 | +1 | A1 | NEW | INVALID
      under another secret | 445536bcd2513298075a5d379663c962 | 198.51.100.100 | +1 | A1 | NEW | INVALID
      A.3 outside its hour: a new one | e5e973e5a6b2a43f48e7dc849e37bfcf | 203.0.113.203 | 1559734700 | fc93fc62807ddb8601abcdef5cf78f71a314227b6679ebf5 | fc93fc62807ddb86010000005cf7a9acf73a7810aca2381e | INVALID
      A.3 within it: valid, sent back | e5e973e5a6b2a43f48e7dc849e37bfcf | 203.0.113.203 | 1559728000 | fc93fc62807ddb8601abcdef5cf78f71a314227b6679ebf5 | fc93fc62807ddb8601abcdef5cf78f71a314227b6679ebf5 | VALID
      A.4 made with the other secret | 445536bcd2513298075a5d379663c962/dd3bdf9344b678b185a6f5cb60fca715 | 2001:db8:220:1:59de:d0f4:8769:82b8 | 1559741961 | 22681ab97d52c298010000005cf7c57926556bd0934c72f8 | 22681ab97d52c298010000005cf7c609a6bb79d16625507a | VALID
      A.4 without the other secret | 445536bcd2513298075a5d379663c962 | 2001:db8:220:1:59de:d0f4:8769:82b8 | 1559741961 | 22681ab97d52c298010000005cf7c57926556bd0934c72f8 | 22681ab97d52c298010000005cf7c609a6bb79d16625507a | INVALID
      a server cookie of another form | e5e973e5a6b2a43f48e7dc849e37bfcf | 198.51.100.100 | +1 | 2464c4abcf10c9570102030405060708 | NEW | INVALID
      the longest server cookie | e5e973e5a6b2a43f48e7dc849e37bfcf | 198.51.100.100 | +1 | 2464c4abcf10c957 + 32 | NEW | INVALID
      no cookie | e5e973e5a6b2a43f48e7dc849e37bfcf | 198.51.100.100 | +1 | - | - | NONE
      7 octets | e5e973e5a6b2a43f48e7dc849e37bfcf | 198.51.100.100 | +1 | 2464c4abcf10c9 | FORMERR | NONE
      9 octets | e5e973e5a6b2a43f48e7dc849e37bfcf | 198.51.100.100 | +1 | 2464c4abcf10c95701 | FORMERR | NONE
      15 octets | e5e973e5a6b2a43f48e7dc849e37bfcf | 198.51.100.100 | +1 | 2464c4abcf10c957 + 7 | FORMERR | NONE
      41 octets | e5e973e5a6b2a43f48e7dc849e37bfcf | 198.51.100.100 | +1 | 2464c4abcf10c957 + 33 | FORMERR | NONE
      """)
  void answered(
      String what,
      String secrets,
      String client,
      String time,
      String sent,
      String expected,
      String verdict)
      throws Exception {
    long now =
        time.startsWith("+") || time.startsWith("-")
            ? A1_TIME + Long.parseLong(time)
            : Long.parseLong(time);
    CookieCheck check = new CookieCheck(secrets(secrets), () -> now);
    QueryProcessor processor =
        new QueryProcessor(
            TestServer.serving(TestServer.zone("example.org.", TestServer.EXAMPLE_ORG)),
            new ResponseAssembler(new ServerIdentity("test", "test"), 1232),
            List.of(check));
    QueryWorkspace ws = new QueryWorkspace();
    Message q = Queries.query("www.example.org.", Type.A);
    byte[] option = option(sent);
    Queries.edns(
        q,
        1232,
        false,
        option == null
            ? new EDNSOption[0]
            : new EDNSOption[] {new GenericEDNSOption(EDNSOption.Code.COOKIE, option)});
    for (boolean tcp : new boolean[] {false, true}) {
      byte[] wire = q.toWire();
      System.arraycopy(wire, 0, ws.request(), 0, wire.length);
      InetAddress from = IpLiterals.toInetAddress(IpLiterals.parse(client));
      int n = processor.process(ws, wire.length, tcp, from);
      Message r = new Message(Arrays.copyOf(ws.response(), n));
      assertEquals(verdictOf(verdict), ws.cookie(), what + ": the stage's verdict");
      if (expected.equals("FORMERR")) {
        assertEquals(Rcode.FORMERR, r.getRcode(), what);
        assertNull(r.getOPT(), what + ": no OPT after FORMERR");
        continue;
      }
      assertEquals(Rcode.NOERROR, r.getRcode(), what);
      String back = cookieOf(r.getOPT());
      if (expected.equals("-")) {
        assertNull(back, what);
      } else if (expected.equals("NEW")) {
        // A fresh cookie: the client's, version 1, stamped now, and valid for this client.
        assertEquals(
            HEX.formatHex(option, 0, 8) + "01000000" + String.format("%08x", now),
            back.substring(0, 32),
            what);
        assertEquals(48, back.length(), what);
      } else {
        assertEquals(expected.replace("A1", A1), back, what);
      }
    }
  }

  private static int verdictOf(String name) {
    return switch (name) {
      case "NONE" -> CookieCheck.NONE;
      case "CLIENT_ONLY" -> CookieCheck.CLIENT_ONLY;
      case "VALID" -> CookieCheck.VALID;
      default -> CookieCheck.INVALID;
    };
  }

  /** The option's octets: hex, {@code A1}, or hex {@code + N} zero octets more; null for -. */
  private static byte[] option(String sent) {
    if (sent.equals("-")) {
      return null;
    }
    String[] parts = sent.replace("A1", A1).split(" \\+ ");
    String hex = parts[0] + (parts.length == 2 ? "00".repeat(Integer.parseInt(parts[1])) : "");
    return HEX.parseHex(hex);
  }

  private static String cookieOf(OPTRecord opt) {
    List<EDNSOption> options = opt.getOptions(EDNSOption.Code.COOKIE);
    if (options.isEmpty()) {
      return null;
    }
    CookieOption c = (CookieOption) options.get(0);
    return HEX.formatHex(c.getClientCookie()) + c.getServerCookie().map(HEX::formatHex).orElse("");
  }

  private static CookieSecrets secrets(String hex) {
    String[] parts = hex.split("/");
    return new CookieSecrets(secret(parts[0]), parts.length == 2 ? secret(parts[1]) : null);
  }

  private static CookieSecrets.Secret secret(String hex) {
    byte[] key = HEX.parseHex(hex);
    return new CookieSecrets.Secret(SipHash.keyHalf(key, 0), SipHash.keyHalf(key, 1));
  }
}
