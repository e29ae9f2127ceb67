package net.anycastdns.server.tsig;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xbill.DNS.Name;

/**
 * The TSIG keys of the configuration ({@code tsig-keys}), by name. Immutable; read again with the
 * zone policies on every reload, so that a key can be added or rotated without a restart.
 */
public final class TsigKeyring {
  /** No key at all: every signed request is answered BADKEY. */
  public static final TsigKeyring EMPTY = new TsigKeyring(List.of());

  private final Map<Name, TsigKey> byName = new LinkedHashMap<>();

  /**
   * @param keys the keys; their names are distinct
   */
  public TsigKeyring(Collection<TsigKey> keys) {
    for (TsigKey k : keys) {
      byName.put(k.name(), k);
    }
  }

  /** The key of this name (names compare case-insensitively), or null. */
  public TsigKey find(Name name) {
    return byName.get(name);
  }

  /** Every key, in the configuration's order. */
  public Collection<TsigKey> keys() {
    return byName.values();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TsigKeyring k && k.byName.equals(byName);
  }

  @Override
  public int hashCode() {
    return byName.hashCode();
  }

  @Override
  public String toString() {
    return byName.values().toString();
  }
}
