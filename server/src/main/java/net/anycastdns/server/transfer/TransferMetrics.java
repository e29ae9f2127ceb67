package net.anycastdns.server.transfer;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.function.ToDoubleFunction;
import net.anycastdns.server.query.QueryProcessor;

/**
 * The meters of transfers, NOTIFY and TSIG: read from the counters of the classes that count (no
 * meter on any path of their own), so that they cost nothing but a scrape.
 */
public final class TransferMetrics implements MeterBinder {
  private final TransferService transfers;
  private final NotifySender notifier;
  private final QueryProcessor processor;

  public TransferMetrics(
      TransferService transfers, NotifySender notifier, QueryProcessor processor) {
    this.transfers = transfers;
    this.notifier = notifier;
    this.processor = processor;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    transfers(registry, "completed", TransferService::completed);
    transfers(registry, "failed", TransferService::failed);
    FunctionCounter.builder("dns.transfers.refused", processor, QueryProcessor::transfersRefused)
        .description("transfer requests refused: no transfer allow rule matched, or AXFR over UDP")
        .register(registry);
    FunctionCounter.builder("dns.transfers.incremental", transfers, TransferService::incremental)
        .description("IXFRs answered with differences rather than the whole zone")
        .register(registry);
    Gauge.builder("dns.transfers.active", transfers, TransferService::active)
        .description("zone transfers being sent now")
        .register(registry);
    notify(registry, "acknowledged", NotifySender::acknowledged);
    notify(registry, "refused", NotifySender::refused);
    notify(registry, "unanswered", NotifySender::unanswered);
    FunctionCounter.builder("dns.notify.resent", notifier, NotifySender::resent)
        .description("NOTIFY messages sent again after an attempt went unanswered")
        .register(registry);
    FunctionCounter.builder("dns.tsig.errors", processor, QueryProcessor::tsigErrors)
        .description("signed requests answered NOTAUTH: BADKEY, BADSIG or BADTIME")
        .register(registry);
  }

  private void transfers(
      MeterRegistry registry, String result, ToDoubleFunction<TransferService> f) {
    FunctionCounter.builder("dns.transfers", transfers, f)
        .tag("result", result)
        .description("zone transfers (AXFR and IXFR over TCP) by outcome")
        .register(registry);
  }

  private void notify(MeterRegistry registry, String result, ToDoubleFunction<NotifySender> f) {
    FunctionCounter.builder("dns.notify", notifier, f)
        .tag("result", result)
        .description("NOTIFY messages to secondaries by outcome, each counted once")
        .register(registry);
  }
}
