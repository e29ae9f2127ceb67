package net.anycastdns.server.tsig;

import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.TSIGRecord;

/**
 * TSIG (RFC 8945) on messages this server reads and writes as bytes: checking a request's
 * signature, and signing a response, one message or a stream of them. The HMAC work is dnsjava's
 * ({@link TSIG}, {@link TSIG.StreamGenerator}); what is here is the glue between its {@link
 * Message} objects and the byte arrays the server writes, so that no response is rendered twice.
 *
 * <p>None of this runs for a request without a TSIG record: the query path only looks at whether
 * the parser saw one.
 */
public final class Tsig {
  /** Octets of the header's ARCOUNT. */
  private static final int ARCOUNT = 10;

  private Tsig() {}

  /**
   * Checks the TSIG record of the request {@code message[0, length)}, which must be the last record
   * (the caller checked). A key of another algorithm than the request's counts as unknown (RFC 8945
   * section 5.2.1).
   *
   * @return the verdict, or null when the message cannot be read
   */
  public static SignedRequest check(byte[] message, int length, TsigKeyring keys) {
    byte[] wire = Arrays.copyOf(message, length);
    Message m;
    try {
      m = new Message(wire);
    } catch (IOException | RuntimeException e) {
      return null;
    }
    TSIGRecord record = m.getTSIG();
    if (record == null) {
      return null;
    }
    TsigKey key = keys.find(record.getName());
    if (key == null || !key.algorithmName().equals(record.getAlgorithm())) {
      return new SignedRequest(null, record, Rcode.BADKEY);
    }
    return new SignedRequest(key, record, key.tsig().verify(m, wire, null));
  }

  /**
   * Appends to the response {@code message[0, length)} the TSIG record that answers {@code
   * request}: signed with its key when the request verified (or when only its time was off, RFC
   * 8945 section 5.2.3), with no MAC when the key is unknown or the signature bad (sections 5.2.1,
   * 5.2.2).
   *
   * @param limit the longest the signed message may be
   * @return the new length, or -1 when the record does not fit under {@code limit}
   */
  public static int sign(SignedRequest request, byte[] message, int length, int limit) {
    TSIGRecord record;
    int id = u16(message, 0);
    if (request.error() == Rcode.NOERROR || request.error() == Rcode.BADTIME) {
      record =
          request
              .key()
              .tsig()
              .generate(
                  new Message(id),
                  Arrays.copyOf(message, length),
                  request.error(),
                  request.record(),
                  true);
    } else {
      TSIGRecord r = request.record();
      record =
          new TSIGRecord(
              r.getName(),
              DClass.ANY,
              0,
              r.getAlgorithm(),
              Instant.now(),
              TSIG.FUDGE,
              new byte[0],
              id,
              request.error(),
              null);
    }
    return append(record, message, length, limit);
  }

  /** Signs the request {@code m} with {@code key} (a NOTIFY we send); returns its wire form. */
  public static byte[] signed(Message m, TsigKey key) {
    key.tsig().apply(m, null);
    return m.toWire();
  }

  /**
   * Checks the TSIG of a response to a request we signed with {@code key}.
   *
   * @return the rcode of the check: NOERROR when it verified
   */
  public static int verifyResponse(Message response, byte[] wire, TsigKey key, TSIGRecord request) {
    return key.tsig().verify(response, wire, request);
  }

  /** Writes {@code record} after {@code message[0, length)} and counts it in ARCOUNT. */
  static int append(TSIGRecord record, byte[] message, int length, int limit) {
    byte[] wire = record.toWire(Section.ADDITIONAL);
    if (length + wire.length > Math.min(limit, message.length)) {
      return -1;
    }
    System.arraycopy(wire, 0, message, length, wire.length);
    int count = u16(message, ARCOUNT) + 1;
    message[ARCOUNT] = (byte) (count >>> 8);
    message[ARCOUNT + 1] = (byte) count;
    return length + wire.length;
  }

  /** Octets a TSIG record of {@code key} takes at most, to keep room for it in a message. */
  public static int room(TsigKey key) {
    // Name and algorithm uncompressed, 10 octets of RR header, 16 of fixed fields, the MAC of the
    // longest digest (SHA-512), and 6 octets of other data (BADTIME).
    return key.name().length() + key.algorithmName().length() + 10 + 16 + 64 + 6;
  }

  private static int u16(byte[] b, int off) {
    return ((b[off] & 0xff) << 8) | (b[off + 1] & 0xff);
  }

  /**
   * Signs the messages of one multi-message response, each of them, as RFC 8945 section 5.3.1 asks:
   * the first with the request's MAC, each later one with the MAC before it. dnsjava's {@link
   * TSIG.StreamGenerator} does the chaining; it is given each message as the bytes already written.
   */
  public static final class StreamSigner {
    private final TSIG.StreamGenerator generator;

    /**
     * @param request a verified request
     */
    public StreamSigner(SignedRequest request) {
      this.generator = new TSIG.StreamGenerator(request.key().tsig(), request.record());
    }

    /**
     * Appends the TSIG record to {@code message[0, length)}.
     *
     * @return the new length, or -1 when it does not fit in {@code message}
     */
    public int sign(byte[] message, int length) {
      Rendered m = new Rendered(Arrays.copyOf(message, length));
      generator.generate(m);
      return append(m.getTSIG(), message, length, message.length);
    }
  }

  /** A message dnsjava takes as already written: its wire form is the bytes given. */
  private static final class Rendered extends Message {
    private final byte[] wire;

    Rendered(byte[] wire) {
      super(u16(wire, 0));
      this.wire = wire;
    }

    @Override
    public byte[] toWire() {
      return wire;
    }
  }
}
