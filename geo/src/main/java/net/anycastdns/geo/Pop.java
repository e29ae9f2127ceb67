package net.anycastdns.geo;

/**
 * A point of presence from geo.yaml's {@code pops}.
 *
 * @param name as written, e.g. {@code fra1}
 * @param index position in the file; ties in distance go to the earlier PoP
 * @param lat latitude in degrees, -90 to 90
 * @param lon longitude in degrees, -180 to 180
 */
record Pop(String name, int index, double lat, double lon) {}
