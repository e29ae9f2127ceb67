package net.anycastdns.server.transfer;

import java.io.IOException;
import net.anycastdns.server.tsig.Tsig;
import net.anycastdns.server.wire.MessageWriter;
import net.anycastdns.server.wire.Query;
import net.anycastdns.zones.RRset;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Rcode;

/**
 * Writes one transfer's answer as a stream of messages of up to 64 KiB (RFC 5936 section 2.2):
 * records go into the current message until the next does not fit, then the message is signed (each
 * one, RFC 8945 section 5.3.1, with room kept for its TSIG record) and sent, and the next begins.
 * Every message repeats the question and has AA set; an RRset may span two messages, as AXFR
 * allows. Names are compressed as in any answer ({@link MessageWriter}).
 */
final class TransferWriter {
  private static final int MAX_MESSAGE = 65_535;

  private final byte[] buffer = new byte[MAX_MESSAGE];
  private final MessageWriter writer = new MessageWriter();
  private final TransferSink sink;
  private final byte[] request;
  private final Query query;
  private final Tsig.StreamSigner signer;
  private final int limit;
  private final int flags;
  private boolean open;
  private int messages;
  private long records;

  /**
   * @param query the request, decoded
   */
  TransferWriter(TransferRequest r, Query query, TransferSink sink) {
    this.sink = sink;
    this.request = r.request();
    this.query = query;
    this.signer = r.tsig() == null ? null : new Tsig.StreamSigner(r.tsig());
    this.limit = MAX_MESSAGE - (r.tsig() == null ? 0 : Tsig.room(r.tsig().key()));
    this.flags =
        MessageWriter.FLAG_QR
            | MessageWriter.FLAG_AA
            | (query.flags() & (MessageWriter.FLAG_RD | MessageWriter.FLAG_CD));
  }

  /** Adds every record of {@code rrset}. */
  void add(RRset rrset) throws IOException {
    for (int i = 0; i < rrset.size(); i++) {
      if (!open) {
        begin(Rcode.NOERROR);
      }
      if (!write(rrset, i)) {
        flush();
        begin(Rcode.NOERROR);
        if (!write(rrset, i)) {
          throw new IllegalStateException("a record of " + rrset + " is longer than a message");
        }
      }
      records++;
    }
  }

  /** Answers with {@code rcode} and no data, in one message. */
  void error(int rcode) throws IOException {
    begin(rcode);
    flush();
  }

  /** Sends the last message. */
  void finish() throws IOException {
    if (open) {
      flush();
    }
  }

  int messages() {
    return messages;
  }

  long records() {
    return records;
  }

  private boolean write(RRset rrset, int i) {
    return writer.writeRecord(
        1, rrset.owner(), rrset.type(), DClass.IN, (int) rrset.ttl(), rrset.rdata(i));
  }

  private void begin(int rcode) {
    writer.begin(buffer, limit, request, query, flags, rcode);
    open = true;
  }

  private void flush() throws IOException {
    int n = writer.finish();
    if (signer != null) {
      n = signer.sign(buffer, n);
    }
    sink.write(buffer, n);
    messages++;
    open = false;
  }
}
