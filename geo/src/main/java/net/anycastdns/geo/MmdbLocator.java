package net.anycastdns.geo;

import com.maxmind.db.CHMCache;
import com.maxmind.db.DatabaseRecord;
import com.maxmind.db.DeserializationException;
import com.maxmind.db.Reader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Map;

/**
 * Client locations from a MaxMind database of the City schema ({@code location.latitude}, {@code
 * location.longitude}), GeoLite2-City or anything laid out like it.
 *
 * <p>The database is read whole into memory when geo.yaml loads, so the file may be replaced (by a
 * git pull or geoipupdate) under a running server; a reload reads the new one.
 */
final class MmdbLocator {
  /**
   * What the database says of one address.
   *
   * @param lat latitude in degrees, NaN when the record has no location (or there is no record)
   * @param lon longitude in degrees, NaN likewise
   * @param prefixLength the length of the network the database's record (or empty slot) covers, in
   *     the client's family: every address in it gets the same answer from the database
   */
  record Lookup(double lat, double lon, int prefixLength) {
    boolean located() {
      return !Double.isNaN(lat) && !Double.isNaN(lon);
    }
  }

  private final Reader reader;
  private final String name;
  private final boolean ipv6;

  private MmdbLocator(Reader reader, String name) {
    this.reader = reader;
    this.name = name;
    this.ipv6 = reader.getMetadata().ipVersion() == 6;
  }

  /**
   * Opens a database read whole into memory: a git commit's file has no path to map, and a folder's
   * file may be replaced by the next deployment while it is served.
   *
   * @param name how logs and locations name it
   * @throws IOException when it is not a MaxMind database
   */
  static MmdbLocator open(byte[] database, String name) throws IOException {
    return new MmdbLocator(new Reader(new ByteArrayInputStream(database), new CHMCache()), name);
  }

  /** Drops the database; only for a locator never handed out (its config failed to load). */
  void close() {
    try {
      reader.close();
    } catch (IOException e) {
      // Closing an in-memory reader only drops its buffer; there is nothing to report.
    }
  }

  /** The file name, for messages. */
  String name() {
    return name;
  }

  /**
   * Whether the database can place addresses of {@code family}: an IPv4-only database (ip_version
   * 4) has nothing to say about IPv6 clients, and the reader would walk its tree with the wrong
   * bits.
   */
  boolean covers(int family) {
    return family == 1 || ipv6;
  }

  /**
   * Looks the client's address up. A database that cannot be read at this address (it is corrupt
   * there) gives no location for the client's full address only, so that nothing wider is cached.
   */
  Lookup lookup(ClientSubnet client) {
    try {
      DatabaseRecord<?> r = reader.getRecord(client.inetAddress(), Map.class);
      int prefix = Math.min(r.network().prefixLength(), client.maxPrefix());
      Object location = r.data() instanceof Map<?, ?> m ? m.get("location") : null;
      if (location instanceof Map<?, ?> loc
          && loc.get("latitude") instanceof Number lat
          && loc.get("longitude") instanceof Number lon) {
        return new Lookup(lat.doubleValue(), lon.doubleValue(), prefix);
      }
      return new Lookup(Double.NaN, Double.NaN, prefix);
    } catch (IOException | DeserializationException e) {
      return new Lookup(Double.NaN, Double.NaN, client.maxPrefix());
    }
  }
}
