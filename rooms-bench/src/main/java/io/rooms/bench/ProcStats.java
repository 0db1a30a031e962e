package io.rooms.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** CPU time and resident memory of a process, read from Linux's /proc. */
record ProcStats(long cpuTicks, long rssKb) {
    /** Clock ticks per second of /proc/PID/stat's utime and stime (CLK_TCK, 100 on Linux). */
    static final double TICKS_PER_SECOND = 100.0;

    static ProcStats of(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            // Fields after the command name, which is in parentheses and may hold spaces.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long utime = Long.parseLong(fields[11]);
            long stime = Long.parseLong(fields[12]);
            long rss = Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status")).stream()
                    .filter(line -> line.startsWith("VmRSS:"))
                    .mapToLong(line -> Long.parseLong(line.replaceAll("\\D", "")))
                    .findFirst().orElse(0);
            return new ProcStats(utime + stime, rss);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc/" + pid + ": " + e.getMessage(), e);
        }
    }

    static ProcStats self() {
        return of(ProcessHandle.current().pid());
    }

    double cpuSecondsSince(ProcStats earlier) {
        return (cpuTicks - earlier.cpuTicks) / TICKS_PER_SECOND;
    }
}
