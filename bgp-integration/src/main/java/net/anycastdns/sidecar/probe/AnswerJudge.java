package net.anycastdns.sidecar.probe;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

/**
 * Judges an answer against its probe, in the order a resolver cares: the rcode, then AA, then the
 * data, then the time it took. The first problem found is the verdict.
 */
final class AnswerJudge {
  private AnswerJudge() {}

  static ProbeResult judge(Probe probe, DnsClient.Answer answer) {
    Message m = answer.message();
    Optional<java.time.Duration> latency = Optional.of(answer.latency());
    int rcode = m.getRcode();
    if (rcode != probe.rcode()) {
      return new ProbeResult(
          probe,
          Verdict.RCODE,
          latency,
          "rcode " + Rcode.string(rcode) + ", expected " + Rcode.string(probe.rcode()));
    }
    if (!m.getHeader().getFlag(Flags.AA)) {
      return new ProbeResult(probe, Verdict.NO_AA, latency, "AA not set in the answer");
    }
    if (!probe.expect().isEmpty()) {
      List<Record> got = new ArrayList<>();
      for (Record r : m.getSection(Section.ANSWER)) {
        if (r.getType() == probe.type()) {
          got.add(r);
        }
      }
      if (!keys(got).equals(keys(probe.expect()))) {
        return new ProbeResult(
            probe,
            Verdict.DATA,
            latency,
            "answer "
                + texts(got)
                + ", expected "
                + texts(probe.expect())
                + (m.getHeader().getFlag(Flags.TC) ? " (answer truncated)" : ""));
      }
    }
    if (probe.maxLatency().isPresent()
        && answer.latency().compareTo(probe.maxLatency().get()) > 0) {
      return new ProbeResult(
          probe,
          Verdict.SLOW,
          latency,
          "answered in "
              + ProbeResult.millis(answer.latency())
              + ", limit "
              + probe.maxLatency().get().toMillis()
              + "ms");
    }
    return new ProbeResult(probe, Verdict.OK, latency, "");
  }

  /**
   * Records compared by their canonical rdata (RFC 4034 section 6.2: names in lowercase), so that
   * letter case and the way the operator wrote the data do not matter; owner and TTL do not count.
   */
  private static TreeSet<String> keys(List<Record> records) {
    TreeSet<String> keys = new TreeSet<>();
    for (Record r : records) {
      keys.add(r.getType() + ":" + Base64.getEncoder().encodeToString(r.rdataToWireCanonical()));
    }
    return keys;
  }

  private static String texts(List<Record> records) {
    TreeSet<String> texts = new TreeSet<>();
    for (Record r : records) {
      texts.add(r.rdataToString());
    }
    return texts.toString();
  }
}
