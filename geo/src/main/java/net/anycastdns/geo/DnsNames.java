package net.anycastdns.geo;

import java.util.Locale;

/**
 * Service names: written in geo.yaml as text, looked up by the server as lowercase wire format.
 * Only host-name characters (and {@code _}) are accepted: a geo service is a name clients resolve
 * to addresses, and escapes or a {@code *} (which would not act as a wildcard here) are more likely
 * mistakes than intent.
 */
final class DnsNames {
  private DnsNames() {}

  /**
   * The absolute lowercase form of {@code text}, with its trailing dot; a name written without the
   * dot is taken as absolute all the same, as geo.yaml has no origin to append.
   *
   * @throws IllegalArgumentException with the reason, to follow "bad service name 'x': "
   */
  static String normalize(String text) {
    String name = text.toLowerCase(Locale.ROOT);
    if (!name.endsWith(".")) {
      name = name + ".";
    }
    if (name.equals(".")) {
      throw new IllegalArgumentException("the root cannot be a geo service");
    }
    String[] labels = name.substring(0, name.length() - 1).split("\\.", -1);
    int wireLength = 1;
    for (String label : labels) {
      if (label.isEmpty()) {
        throw new IllegalArgumentException("empty label");
      }
      if (label.equals("*")) {
        throw new IllegalArgumentException("wildcards are not supported, list each name");
      }
      if (label.length() > 63) {
        throw new IllegalArgumentException("label longer than 63 octets");
      }
      for (int i = 0; i < label.length(); i++) {
        char c = label.charAt(i);
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_')) {
          throw new IllegalArgumentException(
              "character '" + c + "' (use letters, digits, - and _)");
        }
      }
      wireLength += 1 + label.length();
    }
    if (wireLength > 255) {
      throw new IllegalArgumentException("longer than 255 octets");
    }
    return name;
  }
}
