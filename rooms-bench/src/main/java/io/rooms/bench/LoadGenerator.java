package io.rooms.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The WebSocket load generator: {@code java -jar rooms-bench.jar --url ws://127.0.0.1:7070/ws ...}.
 * Prints one JSON line per run, and a Markdown table after a sweep.
 */
@Command(name = "rooms-bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Load generator for any server that speaks the rooms contract.")
public final class LoadGenerator implements Callable<Integer> {
    @Option(names = "--url", required = true, split = ",",
            description = "WebSocket URL, e.g. ws://127.0.0.1:7070/ws; several (a cluster's nodes) spread each room's clients")
    List<URI> urls;

    @Option(names = "--label", defaultValue = "server", description = "name of the server in the output")
    String label;

    @Option(names = "--scenario", defaultValue = "load", description = "name of the scenario in the output")
    String scenario;

    @Option(names = "--rooms", defaultValue = "100")
    int rooms;

    @Option(names = "--clients-per-room", defaultValue = "10")
    int clientsPerRoom;

    @Option(names = "--senders-per-room", description = "clients per room that send (default: all)")
    Integer sendersPerRoom;

    @Option(names = "--rate", defaultValue = "10000", description = "total offered messages per second")
    int rate;

    @Option(names = "--sweep", split = ",", description = "several offered rates, one run each")
    List<Integer> sweep;

    @Option(names = "--duration-s", defaultValue = "10", description = "measured seconds (idle: seconds held)")
    int durationSeconds;

    @Option(names = "--warmup-s", defaultValue = "3", description = "unmeasured seconds first, at the same rate")
    int warmupSeconds;

    @Option(names = "--payload-bytes", defaultValue = "64")
    int payloadBytes;

    @Option(names = "--server-pid", split = ",",
            description = "for the server's CPU and memory from /proc; several (a cluster's nodes) are summed")
    List<Long> serverPids = new ArrayList<>();

    @Option(names = "--heap-metrics", description = "the server's /metrics URL, for heap per idle connection (JVM)")
    URI heapMetrics;

    @Option(names = "--idle", description = "connect and join, send nothing, and measure memory per connection")
    boolean idle;

    @Option(names = "--rooms-per-client", defaultValue = "1",
            description = "rooms each client joins over its one socket (Rooms only; --clients-per-room stays members per room)")
    int roomsPerClient;

    @Option(names = "--hub", description = "one more client, in every room, that only listens (Rooms only)")
    boolean hub;

    @Option(names = "--presence-per-member-s", defaultValue = "0",
            description = "presence updates each member sets per second, beside the messages (Rooms only; 0: none)")
    double presencePerMemberPerSecond;

    @Option(names = "--burst-ms", defaultValue = "0",
            description = "bursty sends: every N ms, that interval's messages back to back from random senders (0: even)")
    int burstMillis;

    @Option(names = "--out", description = "also append the JSON lines to this file")
    Path out;

    @Option(names = "--timeline-ms", defaultValue = "0",
            description = "print latency by send time in slots of this many ms, to stderr (0: off)")
    int timelineMillis;

    public static void main(String[] args) {
        System.exit(new CommandLine(new LoadGenerator()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        List<Integer> rates = sweep == null || sweep.isEmpty() ? List.of(rate) : sweep;
        List<RunResult> results = new ArrayList<>();
        for (int offered : rates) {
            LoadRun.Plan plan = new LoadRun.Plan(urls, label, scenario, rooms, clientsPerRoom,
                    sendersPerRoom == null ? clientsPerRoom : sendersPerRoom, offered, Duration.ofSeconds(warmupSeconds),
                    Duration.ofSeconds(durationSeconds), payloadBytes, serverPids, heapMetrics, idle, timelineMillis,
                    new Layout(rooms, clientsPerRoom, roomsPerClient, hub), presencePerMemberPerSecond,
                    burstMillis);
            LoadRun run = new LoadRun(plan);
            RunResult result = run.run();
            results.add(result);
            emit(result.toJson());
            if (run.presenceJson() != null) {
                emit(run.presenceJson());
            }
        }
        if (results.size() > 1) {
            System.out.println(RunResult.markdownHeader());
            results.forEach(r -> System.out.println(r.markdownRow()));
        }
        return 0;
    }

    private void emit(String line) throws IOException {
        System.out.println(line);
        if (out != null) {
            Files.writeString(out, line + System.lineSeparator(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
    }
}
