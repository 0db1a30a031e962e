package io.rooms.server;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.rooms.ErrorCode;
import io.rooms.Recovery;
import io.rooms.EngineStats;
import io.rooms.spi.ClusterView;

/** The server's Prometheus registry: the engine's counters under the contract's names, plus the JVM's. */
final class Metrics {
    private Metrics() {}

    static PrometheusMeterRegistry create(EngineStats stats, ClusterView cluster) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Gauge.builder("rooms.connections", stats, EngineStats::connections)
                .description("open WebSocket connections").register(registry);
        Gauge.builder("rooms.rooms", stats, EngineStats::rooms)
                .description("rooms with members").register(registry);
        FunctionCounter.builder("rooms.messages.in", stats, EngineStats::messagesIn)
                .description("frames received from clients").register(registry);
        FunctionCounter.builder("rooms.messages.out", stats, EngineStats::messagesOut)
                .description("frames written to clients").register(registry);
        FunctionCounter.builder("rooms.state.saves", stats, EngineStats::stateSaves)
                .description("room states written to the store").register(registry);
        FunctionCounter.builder("rooms.state.saves.skipped", stats, EngineStats::stateSavesSkipped)
                .description("room states not written: unchanged, similar, or superseded within the interval")
                .register(registry);
        FunctionCounter.builder("rooms.store.failures", stats, EngineStats::storeFailures)
                .description("failed store writes (each is retried)").register(registry);
        for (ErrorCode code : ErrorCode.values()) {
            FunctionCounter.builder("rooms.errors", stats, s -> s.errors(code))
                    .tag("code", code.wire())
                    .description("error messages sent to clients").register(registry);
        }
        for (Recovery outcome : Recovery.values()) {
            FunctionCounter.builder("rooms.recoveries", stats, st -> st.recoveries(outcome))
                    .tag("outcome", outcome.label())
                    .description("newClient with resume, by outcome").register(registry);
        }
        FunctionCounter.builder("rooms.replayed", stats, EngineStats::replayed)
                .description("messages replayed to resumed members").register(registry);
        for (boolean coalesced : new boolean[] {false, true}) {
            FunctionCounter.builder("rooms.presence.updates", stats, st -> st.presenceUpdates(coalesced))
                    .tag("outcome", coalesced ? "coalesced" : "sent")
                    .description("presence updates sent on, or replaced by a later one within 100 ms").register(registry);
        }
        Gauge.builder("rooms.history.messages", stats, EngineStats::historySize)
                .description("messages kept for resuming members, in all rooms (in memory; in a cluster Redis keeps them)")
                .register(registry);
        if (cluster.isShared()) {
            ClusterView link = cluster;
            Gauge.builder("rooms.cluster.connected", link, c -> c.isConnected() ? 1 : 0)
                    .description("1 while this node's link to the cluster (Redis) is up").register(registry);
            FunctionCounter.builder("rooms.cluster.disconnects", link, ClusterView::disconnects)
                    .description("times the link to the cluster was lost").register(registry);
            FunctionCounter.builder("rooms.cluster.failures", stats, EngineStats::clusterFailures)
                    .description("cluster operations that failed; the node served its own members alone")
                    .register(registry);
        }
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        return registry;
    }
}
