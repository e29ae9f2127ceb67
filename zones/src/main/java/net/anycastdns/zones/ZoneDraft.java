package net.anycastdns.zones;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * A parsed zone grouped by owner name, the shape both {@link ZoneChecks} and {@link ZoneCompiler}
 * work on, so that the grouping is done once per load. Owners are keyed by lowercase wire name:
 * dnsjava's {@code Name.hashCode} collides too often to key a million names.
 *
 * <p>Records that cannot belong to the zone at all (another class, outside the origin, an SOA below
 * the apex) are not grouped but reported as problems right here.
 */
public final class ZoneDraft {
  /** The records of one owner name, in file order. */
  static final class Owner {
    final byte[] name;
    final List<ParsedRecord> records = new ArrayList<>(2);

    Owner(byte[] name) {
      this.name = name;
    }

    boolean has(int type) {
      for (ParsedRecord r : records) {
        if (r.record().getType() == type) {
          return true;
        }
      }
      return false;
    }
  }

  final String file;
  final Name origin;
  final byte[] apexName;
  final Map<ByteBuffer, Owner> owners;
  final List<ZoneProblem> problems = new ArrayList<>();

  private ZoneDraft(String file, Name origin, int expected) {
    this.file = file;
    this.origin = origin;
    this.apexName = WireName.of(origin);
    this.owners = new HashMap<>(Math.max(16, expected * 4 / 3 + 1));
  }

  /** Groups the records of zone {@code origin} from {@code file}. */
  public static ZoneDraft of(String file, Name origin, List<ParsedRecord> records) {
    ZoneDraft d = new ZoneDraft(file, origin, records.size());
    Name lastName = null;
    Owner last = null;
    for (ParsedRecord pr : records) {
      Record r = pr.record();
      Name name = r.getName();
      if (r.getDClass() != DClass.IN) {
        d.problems.add(
            ZoneProblem.error(
                file,
                pr.line(),
                "class " + DClass.string(r.getDClass()) + " at " + name + ": only IN is served"));
        continue;
      }
      if (!name.subdomain(origin)) {
        d.problems.add(
            ZoneProblem.error(
                file,
                pr.line(),
                "out-of-zone record "
                    + name
                    + " "
                    + Type.string(r.getType())
                    + " in zone "
                    + origin));
        continue;
      }
      if (r.getType() == Type.SOA && !name.equals(origin)) {
        d.problems.add(
            ZoneProblem.error(file, pr.line(), "SOA at " + name + ", not at the apex " + origin));
        continue;
      }
      // Records of one owner usually follow each other and share the parser's Name object.
      if (name != lastName) {
        byte[] wire = WireName.of(name);
        last = d.owners.computeIfAbsent(ByteBuffer.wrap(wire), k -> new Owner(wire));
        lastName = name;
      }
      last.records.add(pr);
    }
    return d;
  }

  /** The owner with this lowercase wire name, or null. */
  Owner owner(byte[] name) {
    return owners.get(ByteBuffer.wrap(name));
  }

  /** The owner of the suffix {@code name[off, name.length)}, or null. */
  Owner owner(byte[] name, int off) {
    return owners.get(ByteBuffer.wrap(name, off, name.length - off));
  }

  Owner apex() {
    return owner(apexName);
  }
}
