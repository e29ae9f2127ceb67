package net.anycastdns.server.query;

import java.net.InetAddress;

/**
 * A check a decoded query passes before it is answered: the first stage of the query path, where
 * checks that may refuse or drop a request plug in (protocol rules now; cookies, TSIG, access lists
 * and rate limits as they come), each a class of its own, run in order by {@link QueryProcessor}. A
 * check runs for every query, so it must not block, lock or allocate.
 */
public interface RequestCheck {
  /** The query goes on to the next check, then to the answer. */
  int PASS = -1;

  /** The query is dropped without an answer. */
  int DROP = -2;

  /**
   * Checks the query decoded in {@code ws}.
   *
   * @param tcp whether it came over TCP
   * @param client the address it came from
   * @return {@link #PASS}, {@link #DROP}, or the rcode to answer with (and no data)
   */
  int check(QueryWorkspace ws, boolean tcp, InetAddress client);
}
