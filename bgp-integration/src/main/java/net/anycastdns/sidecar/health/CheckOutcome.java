package net.anycastdns.sidecar.health;

import java.time.Instant;

/**
 * The outcome of one self-test round against the local server.
 *
 * @param startedAt when the round began; the next round is paced from here
 * @param healthy every probe passed
 * @param summary what passed or, when not healthy, what failed (for the decision log)
 * @param peers what the peers answered to the failed probes ({@link PeerVerdict#NONE} if not asked)
 */
public record CheckOutcome(Instant startedAt, boolean healthy, String summary, PeerVerdict peers) {}
