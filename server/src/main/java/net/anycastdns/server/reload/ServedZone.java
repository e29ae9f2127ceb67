package net.anycastdns.server.reload;

import net.anycastdns.zones.ZoneSnapshot;

/**
 * A zone served, with the blob id of the file it was compiled from: a later revision whose file has
 * the same blob id reuses the snapshot instead of parsing the file again, unless the zone is signed
 * here and what it is signed with changed or its signatures are due to be made again.
 *
 * @param signedWith for a zone signed here, its key files' digest and signing policy; else null
 */
public record ServedZone(String blobId, ZoneSnapshot zone, String signedWith) {}
