package net.anycastdns.server.query;

import java.net.InetAddress;
import java.util.function.LongSupplier;
import net.anycastdns.server.cookies.CookieSecrets;
import net.anycastdns.server.cookies.ServerCookies;
import net.anycastdns.server.wire.Query;

/**
 * The cookie stage (RFC 7873 section 5.2): a query with a COOKIE option gets one back, with the
 * client's cookie and a server cookie (RFC 9018) for it. Every such query is answered as usual
 * (section 5.2.3 choice 3); what its cookie was is left in the workspace, where rate limiting finds
 * it: a valid server cookie proves the client's address, so that query is never limited, and a
 * limited query with a cookie that is not valid may be answered BADCOOKIE (section 5.2.3 choice 2).
 *
 * <p>A server cookie is valid when it is one of ours for this client cookie and address, made with
 * either secret, and stamped at most an hour ago or at most five minutes ahead (RFC 9018 section
 * 4.3, which allows the skew between the clocks of an anycast set). A valid one made with the
 * current secret in the last half hour is sent back as it came; any other gets a new one, made now
 * with the current secret. A malformed option never gets here: the parser answers FORMERR.
 */
public final class CookieCheck implements RequestCheck {
  /** No COOKIE option (what {@link QueryWorkspace#cookie()} reads). */
  public static final int NONE = 0;

  /** A client cookie alone: a client's first query, or one that does not keep server cookies. */
  public static final int CLIENT_ONLY = 1;

  /** A server cookie of ours, within its lifetime. */
  public static final int VALID = 2;

  /** A server cookie not of ours, or no longer (or not yet) within its lifetime. */
  public static final int INVALID = 3;

  private static final int LIFETIME = 3600;
  private static final int SKEW = 300;
  private static final int RENEW_AFTER = 1800;
  private static final int OPTION = ServerCookies.CLIENT_LENGTH + ServerCookies.LENGTH;

  private final LongSupplier epochSeconds;
  private volatile CookieSecrets secrets;

  /**
   * @param epochSeconds the clock cookies are stamped with: seconds since 1970
   */
  public CookieCheck(CookieSecrets secrets, LongSupplier epochSeconds) {
    this.secrets = secrets;
    this.epochSeconds = epochSeconds;
  }

  /** Makes and checks cookies with {@code next} from now on (a secret file read again). */
  public void use(CookieSecrets next) {
    secrets = next;
  }

  @Override
  public int check(QueryWorkspace ws, boolean tcp, InetAddress client) {
    Query q = ws.query;
    int length = q.cookieLength();
    if (length == 0) {
      return PASS;
    }
    byte[] in = q.cookie();
    byte[] out = q.responseCookie();
    byte[] address = ws.client.of(client);
    long now = epochSeconds.getAsLong();
    CookieSecrets s = secrets;
    int verdict = length == ServerCookies.CLIENT_LENGTH ? CLIENT_ONLY : INVALID;
    boolean resend = false;
    if (length == OPTION) {
      int age = ServerCookies.age(ServerCookies.timestamp(in, ServerCookies.CLIENT_LENGTH), now);
      if (age >= -SKEW && age <= LIFETIME) {
        if (ours(s.current(), in, address, ws)) {
          verdict = VALID;
          resend = age >= 0 && age <= RENEW_AFTER;
        } else if (s.other() != null && ours(s.other(), in, address, ws)) {
          verdict = VALID;
        }
      }
    }
    if (resend) {
      System.arraycopy(in, 0, out, 0, OPTION);
    } else {
      System.arraycopy(in, 0, out, 0, ServerCookies.CLIENT_LENGTH);
      ServerCookies.make(
          s.current(), in, 0, now, address, out, ServerCookies.CLIENT_LENGTH, ws.cookieScratch);
    }
    q.answerCookie(OPTION);
    ws.cookie = verdict;
    return PASS;
  }

  private static boolean ours(
      CookieSecrets.Secret secret, byte[] option, byte[] address, QueryWorkspace ws) {
    return ServerCookies.matches(
        secret, option, 0, option, ServerCookies.CLIENT_LENGTH, address, ws.cookieScratch);
  }
}
