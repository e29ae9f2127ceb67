package net.anycastdns.sidecar.testing;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.anycastdns.sidecar.probe.Probe;
import net.anycastdns.sidecar.probe.Transport;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/** Builds probes for tests from the words a configuration would use. */
public final class Probes {
  private Probes() {}

  /** {@code probe("www.example.com.", "A", "udp", "NOERROR", "192.0.2.10", null)}. */
  public static Probe probe(
      String name,
      String type,
      String transport,
      String rcode,
      String expect,
      Duration maxLatency) {
    int t = Type.value(type);
    List<Record> records = new ArrayList<>();
    if (expect != null && !expect.isBlank()) {
      for (String e : expect.split(";")) {
        try {
          records.add(Record.fromString(Name.root, t, DClass.IN, 0, e.trim(), Name.root));
        } catch (IOException ex) {
          throw new IllegalArgumentException(ex);
        }
      }
    }
    try {
      return new Probe(
          Name.fromString(name),
          t,
          Transport.valueOf(transport.toUpperCase()),
          Rcode.value(rcode),
          records,
          Optional.ofNullable(maxLatency));
    } catch (IOException e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** A passing probe of the fake server: www.example.com A 192.0.2.10 over {@code transport}. */
  public static Probe www(String transport) {
    return probe("www.example.com.", "A", transport, "NOERROR", "192.0.2.10", null);
  }
}
