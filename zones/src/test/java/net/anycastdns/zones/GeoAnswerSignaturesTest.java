package net.anycastdns.zones;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.nio.file.Path;
import java.time.Instant;
import net.anycastdns.zones.keys.KeyFolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Name;
import org.xbill.DNS.Type;

/**
 * A GeoDNS answer in a zone signed here is signed once per set of records and then shared. The
 * query path builds the answer under the query's name, a buffer its thread reuses for the next
 * query of that length: what the signatures are kept by must not change with it. ECDSA signatures
 * differ each time they are made, so an answer signed again would show.
 */
class GeoAnswerSignaturesTest {
  @Test
  void anAnswerIsSignedOnceWhateverBecomesOfTheQueryBuffer(@TempDir Path keys) throws Exception {
    TestKeys.write(keys, "example.", 13, TestKeys.ZSK, TestKeys.Times.NONE);
    OnlineSigning online =
        new OnlineSigning(
            1,
            Instant.parse("2030-01-01T00:00:00Z"),
            KeyFolder.read(keys).keys().get(Name.fromConstantString("example.")),
            Instant.parse("2026-01-01T00:00:00Z"),
            Instant.parse("2030-01-01T00:00:00Z"),
            0,
            0);
    byte[][] rdata = {{(byte) 192, 0, 2, 1}};

    byte[] buffer = WireName.of("www.example.");
    RRset first = RRset.of(buffer, Type.A, 60, rdata);
    online.signAnswer(first);
    // The next query of the same length on this thread overwrites the buffer.
    System.arraycopy(WireName.of("ftp.example."), 0, buffer, 0, buffer.length);
    RRset again = RRset.of(WireName.of("www.example."), Type.A, 60, rdata);
    online.signAnswer(again);

    assertArrayEquals(first.signature(0), again.signature(0), "the same signature, kept");
  }
}
