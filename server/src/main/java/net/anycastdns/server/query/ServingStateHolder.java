package net.anycastdns.server.query;

import java.util.concurrent.atomic.AtomicReference;

/**
 * The one mutable place of what is served: the {@link ServingState} now published. A reload builds
 * a whole new state aside and publishes it here in one step; a query reads the reference once and
 * uses that state to the end, so it never sees half of a reload and never waits for one.
 */
public final class ServingStateHolder {
  private final AtomicReference<ServingState> current = new AtomicReference<>(ServingState.EMPTY);

  /** The state to answer the next query from. */
  public ServingState current() {
    return current.get();
  }

  /** Makes {@code next} the served state; returns the state it replaced. */
  public ServingState publish(ServingState next) {
    return current.getAndSet(next);
  }
}
