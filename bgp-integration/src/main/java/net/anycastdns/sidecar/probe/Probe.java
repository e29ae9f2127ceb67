package net.anycastdns.sidecar.probe;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * One query of the self-test and what its answer must be.
 *
 * @param name the query name (absolute)
 * @param type the query type, a dnsjava {@link Type} value
 * @param transport UDP or TCP
 * @param rcode the expected rcode, a dnsjava {@link Rcode} value
 * @param expect the records of the query type the answer section must hold, exactly (owner names
 *     and TTLs are not compared); empty to check only rcode and AA
 * @param maxLatency the slowest acceptable answer; empty for no limit but the timeout
 */
public record Probe(
    Name name,
    int type,
    Transport transport,
    int rcode,
    List<Record> expect,
    Optional<Duration> maxLatency) {

  public Probe {
    if (!name.isAbsolute()) {
      throw new IllegalArgumentException("probe name must be absolute: " + name);
    }
    expect = List.copyOf(expect);
  }

  /** How logs and metrics name the probe: {@code www.example.com./A/tcp}. */
  public String label() {
    return name + "/" + Type.string(type) + "/" + transport.label();
  }

  @Override
  public String toString() {
    return label();
  }
}
