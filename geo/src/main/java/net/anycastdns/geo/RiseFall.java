package net.anycastdns.geo;

/**
 * The up/down state of one checked address and the length of the current run of results that
 * disagree with it. Pure: the next state follows from this one and one check result.
 *
 * @param up whether the address is answered
 * @param streak consecutive results against {@code up} so far (failures while up, successes while
 *     down); one result the other way resets it
 */
record RiseFall(boolean up, int streak) {
  /** Before the first result an address counts as up: a restart must not empty the answers. */
  static final RiseFall INITIAL = new RiseFall(true, 0);

  /**
   * The state after one check: {@code fall} failures in a row go down, {@code rise} successes up.
   */
  RiseFall next(boolean reachable, int rise, int fall) {
    if (reachable == up) {
      return streak == 0 ? this : new RiseFall(up, 0);
    }
    int s = streak + 1;
    return s >= (up ? fall : rise) ? new RiseFall(!up, 0) : new RiseFall(up, s);
  }
}
