/**
 * DNS cookies (RFC 7873) with server cookies made as RFC 9018 has them, so that the servers of an
 * anycast set that share a secret accept each other's: {@link
 * net.anycastdns.server.cookies.ServerCookies} makes and checks one, {@link
 * net.anycastdns.server.cookies.CookieSecrets} is the secret (from the secret file, or random). The
 * query-path stage that uses them is {@code query.CookieCheck}.
 */
package net.anycastdns.server.cookies;
