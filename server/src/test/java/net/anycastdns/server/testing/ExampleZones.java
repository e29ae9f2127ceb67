package net.anycastdns.server.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Zone files for end-to-end tests, written into a zone folder as {@code serve} reads it. */
public final class ExampleZones {
  private ExampleZones() {}

  /**
   * A zone with a name of every kind DNSSEC proofs tell apart: data, a wildcard, an empty
   * non-terminal, a CNAME, a DNAME, a secure delegation (with glue) and an insecure one. Its origin
   * is the file's name.
   */
  public static final String PROOFS =
      """
      $TTL 3600
      @          SOA   ns1 hostmaster 1 7200 900 1209600 300
                 NS    ns1
      ns1        A     192.0.2.53
      www        A     192.0.2.80
      www        TXT   "www"
      alias      CNAME www
      *.users    TXT   "wildcard user"
      a.b.ent    TXT   "below empty non-terminals"
      secure     NS    ns.secure
      secure     DS    12345 13 2 0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
      ns.secure  A     192.0.2.1
      insecure   NS    ns.elsewhere.example.
      redirect   DNAME users
      """;

  /**
   * The zone {@code example.test.} with the given serial: SOA, NS, MX, three A, one AAAA and ten
   * TXT records of 200 octets at {@code big} (too many for one UDP answer).
   */
  public static String exampleTest(long serial) {
    StringBuilder big = new StringBuilder();
    for (int i = 0; i < 10; i++) {
      big.append("big TXT \"").append(String.valueOf((char) ('a' + i)).repeat(200)).append("\"\n");
    }
    return "$TTL 300\n"
        + "@ SOA ns1 hostmaster "
        + serial
        + " 3600 900 1209600 300\n"
        + "@ NS ns1\n"
        + "@ MX 10 mail\n"
        + "ns1 A 192.0.2.1\n"
        + "mail A 192.0.2.25\n"
        + "www A 192.0.2.80\n"
        + "www AAAA 2001:db8::80\n"
        + big;
  }

  /** The zone {@code other.test.}, serial 42, three records. */
  public static String otherTest() {
    return "$TTL 300\n"
        + "@ SOA ns1 hostmaster 42 3600 900 1209600 300\n"
        + "@ NS ns1\n"
        + "ns1 A 192.0.2.2\n";
  }

  /**
   * Writes {@code text} as the file of zone {@code origin} ({@code origin + "zone"}) in {@code
   * dir}.
   */
  public static Path write(Path dir, String origin, String text) {
    try {
      return Files.writeString(dir.resolve(origin + "zone"), text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A zone folder in {@code dir} holding {@code example.test.} (serial 7). */
  public static Path exampleFolder(Path dir) {
    write(dir, "example.test.", exampleTest(7));
    return dir;
  }
}
