package net.anycastdns.common.cli;

import picocli.CommandLine;

/**
 * {@code --version} for both jars: the command's name and the implementation version of the jar it
 * runs from (its manifest), or {@code dev} when run from classes.
 */
public final class ManifestVersion implements CommandLine.IVersionProvider {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public String[] getVersion() {
    CommandLine.Model.CommandSpec root = spec.root();
    return new String[] {root.name() + " " + of(root.userObject().getClass())};
  }

  /** The implementation version of the jar holding {@code type}, or {@code dev}. */
  public static String of(Class<?> type) {
    String v = type.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }
}
