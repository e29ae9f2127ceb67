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
    String transferred = "zone transfers (AXFR and IXFR over TCP) by outcome";
    byResult(
        registry, "dns.transfers", "completed", transfers, TransferService::completed, transferred);
    byResult(registry, "dns.transfers", "failed", transfers, TransferService::failed, transferred);
    FunctionCounter.builder("dns.transfers.refused", processor, QueryProcessor::transfersRefused)
        .description("transfer requests refused: no transfer allow rule matched, or AXFR over UDP")
        .register(registry);
    FunctionCounter.builder("dns.transfers.incremental", transfers, TransferService::incremental)
        .description("IXFRs answered with differences rather than the whole zone")
        .register(registry);
    Gauge.builder("dns.transfers.active", transfers, TransferService::active)
        .description("zone transfers being sent now")
        .register(registry);
    String told = "NOTIFY messages to secondaries by outcome, each counted once";
    byResult(registry, "dns.notify", "acknowledged", notifier, NotifySender::acknowledged, told);
    byResult(registry, "dns.notify", "refused", notifier, NotifySender::refused, told);
    byResult(registry, "dns.notify", "unanswered", notifier, NotifySender::unanswered, told);
    FunctionCounter.builder("dns.notify.resent", notifier, NotifySender::resent)
        .description("NOTIFY messages sent again after an attempt went unanswered")
        .register(registry);
    FunctionCounter.builder("dns.tsig.errors", processor, QueryProcessor::tsigErrors)
        .description("signed requests answered NOTAUTH: BADKEY, BADSIG or BADTIME")
        .register(registry);
  }

  private static <T> void byResult(
      MeterRegistry registry,
      String name,
      String result,
      T source,
      ToDoubleFunction<T> count,
      String description) {
    FunctionCounter.builder(name, source, count)
        .tag("result", result)
        .description(description)
        .register(registry);
  }
}
