package net.anycastdns.sidecar.probe;

import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One round of the self-test against the local server.
 *
 * @param startedAt when the round began
 * @param results one per probe, in the configured order
 */
public record SelfTestResult(Instant startedAt, List<ProbeResult> results) {

  public SelfTestResult {
    results = List.copyOf(results);
  }

  /** True when every probe passed. */
  public boolean healthy() {
    return results.stream().allMatch(ProbeResult::ok);
  }

  /** The probes that failed. */
  public List<Probe> failedProbes() {
    return results.stream().filter(r -> !r.ok()).map(ProbeResult::probe).toList();
  }

  /**
   * True when the self-test failed only through wrong answers (see {@link Verdict#wrongAnswer()}):
   * only then may the fault lie in the data rather than in this PoP, and the peers are asked.
   */
  public boolean failedOnlyByWrongAnswers() {
    return !healthy()
        && results.stream().filter(r -> !r.ok()).allMatch(r -> r.verdict().wrongAnswer());
  }

  /** For the decision log: what failed, or that every probe passed. */
  public String summary() {
    if (healthy()) {
      return "all " + results.size() + " probes pass";
    }
    return results.stream()
        .filter(r -> !r.ok())
        .map(ProbeResult::describe)
        .collect(Collectors.joining("; "));
  }
}
