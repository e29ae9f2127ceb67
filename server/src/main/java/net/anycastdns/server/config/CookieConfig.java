package net.anycastdns.server.config;

import java.nio.file.Path;

/**
 * DNS cookies ({@code cookies: {...}}, RFC 7873).
 *
 * @param secretFile the file holding the server secret that every server of the anycast set shares,
 *     and optionally a second secret also accepted; null for a random secret of this process alone
 */
public record CookieConfig(Path secretFile) {}
