package net.anycastdns.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * lintian, Debian's package checker, finds no error in the package. Its whole report is printed
 * (warnings and pedantic notes included), so that CI's log shows it.
 */
class LintianIT {
  @Test
  void findsNoError() {
    Tools.require("lintian");
    Commands.Result lintian =
        Commands.run(
            List.of("lintian", "--pedantic", "--display-info", InstalledPackage.deb().toString()),
            Duration.ofMinutes(5));
    System.out.println("lintian: " + lintian);

    assertEquals(
        List.of(), lintian.out().lines().filter(l -> l.startsWith("E: ")).toList(), lintian.out());
    assertEquals(0, lintian.exit(), lintian.toString());
  }
}
