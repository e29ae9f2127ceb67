package net.anycastdns.server.transport;

import io.netty.util.concurrent.FastThreadLocal;
import net.anycastdns.server.query.QueryWorkspace;

/** One {@link QueryWorkspace} per event-loop thread, shared by its UDP and TCP channels. */
final class Workspaces {
  private static final FastThreadLocal<QueryWorkspace> WORKSPACE =
      new FastThreadLocal<>() {
        @Override
        protected QueryWorkspace initialValue() {
          return new QueryWorkspace();
        }
      };

  private Workspaces() {}

  static QueryWorkspace get() {
    return WORKSPACE.get();
  }
}
