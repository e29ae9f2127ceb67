package net.anycastdns.sidecar.run;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import net.anycastdns.sidecar.health.Announcement;
import net.anycastdns.sidecar.speaker.Speaker;
import net.anycastdns.sidecar.speaker.SpeakerException;

/** Records what the sidecar applies; can fail the first calls. */
final class RecordingSpeaker implements Speaker {
  private final List<Announcement> applied = new ArrayList<>();
  private final AtomicInteger failuresLeft;
  volatile boolean closed;

  RecordingSpeaker(int failFirst) {
    failuresLeft = new AtomicInteger(failFirst);
  }

  @Override
  public String name() {
    return "recording";
  }

  @Override
  public synchronized void apply(Announcement state) throws SpeakerException {
    if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      throw new SpeakerException("refused on purpose");
    }
    applied.add(state);
  }

  synchronized List<Announcement> applied() {
    return List.copyOf(applied);
  }

  synchronized Announcement last() {
    return applied.isEmpty() ? null : applied.get(applied.size() - 1);
  }

  @Override
  public void close() {
    closed = true;
  }
}
