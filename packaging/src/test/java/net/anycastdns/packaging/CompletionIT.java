package net.anycastdns.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The bash completion scripts complete commands and options when bash sources them. */
class CompletionIT {
  @ParameterizedTest
  @CsvSource({
    "anycast-dns, se, serve",
    "anycast-dns-sidecar, dr, drain",
    "anycast-dns-sidecar, drain --ca, --cancel",
  })
  void completes(String command, String typed, String expected) {
    String script =
        InstalledPackage.path("/usr/share/bash-completion/completions/" + command).toString();
    Commands.Result bash =
        Commands.run(List.of("bash", completeSh(), script, command + " " + typed));

    assertEquals(0, bash.exit(), bash.toString());
    assertEquals(expected + "\n", bash.out(), bash.toString());
  }

  private static String completeSh() {
    try {
      return Path.of(CompletionIT.class.getResource("/complete.sh").toURI()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
