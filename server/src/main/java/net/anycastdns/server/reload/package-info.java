/**
 * Reloads: zones from a folder or a git branch, loaded beside what is served, validated whole and
 * swapped in one step.
 *
 * <p>Where to start: {@link net.anycastdns.server.reload.Reloader} owns the one reload thread; it
 * reads the configuration file again (zone policies apply with the zones), asks a {@link
 * net.anycastdns.server.reload.ZoneSource} ({@link
 * net.anycastdns.server.reload.DirectoryZoneSource} for {@code zones}, {@link
 * net.anycastdns.server.reload.GitZoneSource} for {@code zones-git}; {@link
 * net.anycastdns.server.reload.ZoneSources} opens the one configured) for the newest {@link
 * net.anycastdns.server.reload.Revision}, has {@link net.anycastdns.server.reload.ZoneSetLoader}
 * build the next {@link net.anycastdns.server.reload.ServedRevision} (reusing the snapshots of
 * files whose blob id did not change, applying each zone's serial policy, reading {@code geo.yaml}
 * through {@link net.anycastdns.server.reload.GeoStep}) and publishes it as one {@link
 * net.anycastdns.server.query.ServingState}. The same loader serves {@code check} and {@code
 * geo-test}, so that they accept and refuse what {@code serve} does. {@link
 * net.anycastdns.server.reload.SyncObserver}s (the metrics, the readiness check) hear of every swap
 * and every {@link net.anycastdns.server.reload.SyncStatus}; {@code POST /sync} and {@link
 * net.anycastdns.server.reload.HangupSignal} ask for a sync through {@link
 * net.anycastdns.server.reload.SyncRequests}.
 */
package net.anycastdns.server.reload;
