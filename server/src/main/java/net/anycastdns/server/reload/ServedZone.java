package net.anycastdns.server.reload;

import net.anycastdns.zones.ZoneSnapshot;

/**
 * A zone served, with the blob id of the file it was compiled from: a later revision whose file has
 * the same blob id reuses the snapshot instead of parsing the file again.
 */
public record ServedZone(String blobId, ZoneSnapshot zone) {}
