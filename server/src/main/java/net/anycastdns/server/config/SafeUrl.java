package net.anycastdns.server.config;

import java.net.URISyntaxException;
import java.util.regex.Pattern;
import org.eclipse.jgit.transport.URIish;

/**
 * A git remote URL as it may be shown: without the user and password of its userinfo, which for
 * https remotes is often an access token ({@code https://TOKEN@host/...}, {@code
 * https://x-access-token:TOKEN@host/...}). Every log line, HTTP answer and metric that names the
 * remote uses {@link #toString()}, and every message from the transport passes {@link #scrub}
 * first, since those quote the URL as given.
 */
public final class SafeUrl {
  /** The userinfo of any URL in a text: {@code scheme://userinfo@}. */
  private static final Pattern USERINFO =
      Pattern.compile("(\\b[a-zA-Z][a-zA-Z0-9+.-]*://)[^/@\\s]+@");

  private static final String HIDDEN = "***";

  private final String raw;
  private final String shown;

  /** Secrets to take out of messages wherever they appear: the password, and an https user. */
  private final String[] secrets;

  public SafeUrl(String raw) {
    this.raw = raw;
    String shownUrl;
    String[] found;
    try {
      URIish u = new URIish(raw);
      shownUrl = u.setUser(null).setPass(null).toString();
      boolean http = u.getScheme() != null && u.getScheme().startsWith("http");
      found = new String[] {u.getPass(), http ? u.getUser() : null};
    } catch (URISyntaxException e) {
      shownUrl = USERINFO.matcher(raw).replaceAll("$1");
      found = new String[0];
    }
    this.shown = shownUrl;
    this.secrets = found;
  }

  /** The URL as given, for the transport only. */
  public String raw() {
    return raw;
  }

  /** {@code text} with the URL shown without credentials and no credential left in it. */
  public String scrub(String text) {
    if (text == null) {
      return "";
    }
    String s = text.replace(raw, shown);
    s = USERINFO.matcher(s).replaceAll("$1");
    for (String secret : secrets) {
      if (secret != null && !secret.isEmpty()) {
        s = s.replace(secret, HIDDEN);
      }
    }
    return s;
  }

  @Override
  public String toString() {
    return shown;
  }
}
