package net.anycastdns.sidecar.speaker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Records the programs a driver would run and answers for them. */
final class FakeRunner extends ProcessRunner {
  final List<List<String>> calls = new ArrayList<>();
  final List<Map<String, String>> environments = new ArrayList<>();
  private final Function<List<String>, Result> answer;

  FakeRunner(Function<List<String>, Result> answer) {
    this.answer = answer;
  }

  static FakeRunner succeeding(String output) {
    return new FakeRunner(argv -> new Result(0, output));
  }

  @Override
  public Result run(List<String> argv, Map<String, String> environment, Duration timeout) {
    calls.add(List.copyOf(argv));
    environments.add(Map.copyOf(environment));
    return answer.apply(argv);
  }
}
