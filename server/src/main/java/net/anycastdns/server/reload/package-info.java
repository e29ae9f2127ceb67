/**
 * Reloads: zones from a folder or a git branch, loaded beside the served set, validated whole and
 * swapped in one step.
 *
 * <p>Where to start: {@link net.anycastdns.server.reload.Reloader} owns the one reload thread; it
 * asks a {@link net.anycastdns.server.reload.ZoneSource} ({@link
 * net.anycastdns.server.reload.DirectoryZoneSource} for {@code --zones}, {@link
 * net.anycastdns.server.reload.GitZoneSource} for {@code --zones-git}) for the newest {@link
 * net.anycastdns.server.reload.Revision}, has {@link net.anycastdns.server.reload.ZoneSetLoader}
 * build the next {@link net.anycastdns.server.reload.ServingState} (reusing the snapshots of files
 * whose blob id did not change, applying the {@link net.anycastdns.server.reload.SerialPolicy},
 * reading {@code geo.yaml} through {@link net.anycastdns.server.reload.GeoStep}) and publishes its
 * zone set through the {@link net.anycastdns.zones.ZoneSetHolder}. {@link
 * net.anycastdns.server.reload.SyncObserver}s (the metrics, the readiness check) hear of every swap
 * and every {@link net.anycastdns.server.reload.SyncStatus}; {@code POST /sync} and {@link
 * net.anycastdns.server.reload.HangupSignal} ask for a sync through {@link
 * net.anycastdns.server.reload.SyncRequests}.
 */
package net.anycastdns.server.reload;
