package net.anycastdns.geo;

import java.io.IOException;

/**
 * How {@code geo.yaml} reaches the files it names (the MaxMind database), by names relative to its
 * own folder: on disk for a zone folder, from git objects for a commit.
 */
@FunctionalInterface
public interface GeoFiles {
  /** The bytes of the file {@code name}, or null when there is no such file. */
  byte[] read(String name) throws IOException;
}
