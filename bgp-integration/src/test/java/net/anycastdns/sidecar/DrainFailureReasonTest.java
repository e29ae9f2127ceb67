package net.anycastdns.sidecar;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.ClosedChannelException;
import org.junit.jupiter.api.Test;

/**
 * {@code drain} says in words why it could not reach the sidecar, also where the JDK's HTTP client
 * gives an exception without a message.
 */
class DrainFailureReasonTest {
  @Test
  void reasons() {
    ConnectException refused = new ConnectException();
    refused.initCause(new ClosedChannelException());
    assertEquals("could not connect", DrainCommand.reason(refused));
    assertEquals(
        "no connection within 5 s", DrainCommand.reason(new HttpConnectTimeoutException("x")));
    assertEquals(
        "no answer within 40 s",
        DrainCommand.reason(new HttpTimeoutException("request timed out")));
    assertEquals(
        "Connection reset",
        DrainCommand.reason(new IOException(null, new IOException("Connection reset"))));
  }
}
