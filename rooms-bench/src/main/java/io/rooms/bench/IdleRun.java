package io.rooms.bench;

import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * The end of an idle run: the connections held for the run's duration, then the server's heap and
 * RSS per connection, against the figures read before they connected.
 */
final class IdleRun {
    private IdleRun() {
    }

    static RunResult result(LoadRun.Plan plan, ServerProbe probe, List<BenchClient> members, long connectMillis,
            double heapBefore, ProcStats rssBefore) {
        LockSupport.parkNanos(plan.duration().toNanos()); // hold the connections idle for the run's duration
        double heapAfter = probe.heapBytes();
        ProcStats rssAfter = probe.stats();
        int connections = members.size();
        double heapPerConnection = (heapAfter - heapBefore) / 1024 / connections;
        double rssMb = rssAfter == null ? Double.NaN : rssAfter.rssKb() / 1024.0;
        double rssPerConnectionKb = rssAfter == null ? Double.NaN
                : (double) (rssAfter.rssKb() - rssBefore.rssKb()) / connections;
        members.forEach(BenchClient::close);
        return new RunResult(plan.label(), plan.scenario() + " (RSS KB/conn " + Math.round(rssPerConnectionKb) + ")",
                plan.rooms(), plan.clientsPerRoom(), 0, 0, plan.duration().toNanos() / 1e9, 0, connectMillis, 0, 0, 0, 0,
                0, 0, 0, Double.NaN, rssMb, heapPerConnection, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }
}
