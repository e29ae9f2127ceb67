package net.anycastdns.zones;

import org.xbill.DNS.Record;

/**
 * A record from a zone file with the line it starts on, so that checks can point at it.
 *
 * @param record the record as dnsjava parsed it
 * @param line 1-based line of the record's first token
 */
public record ParsedRecord(Record record, int line) {}
