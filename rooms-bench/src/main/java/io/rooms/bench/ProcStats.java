package io.rooms.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** CPU time and resident memory of a process, read from Linux's /proc. */
record ProcStats(long cpuTicks, long rssKb, long compilerTicks) {
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
            return new ProcStats(utime + stime, rss, compilerTicks(pid));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc/" + pid + ": " + e.getMessage(), e);
        }
    }

    /**
     * CPU ticks of the process's JIT compiler threads (HotSpot's "C1 CompilerThre..." and "C2
     * CompilerThre..."): how much of a window the JVM spent still compiling. 0 for other processes.
     */
    private static long compilerTicks(long pid) {
        long ticks = 0;
        try (var tasks = Files.list(Path.of("/proc", String.valueOf(pid), "task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    if (name.contains("CompilerThre")) {
                        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                    }
                } catch (IOException threadGone) {
                    // a thread that ended meanwhile
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return ticks;
    }

    double compilerSecondsSince(ProcStats earlier) {
        return (compilerTicks - earlier.compilerTicks) / TICKS_PER_SECOND;
    }

    static ProcStats self() {
        return of(ProcessHandle.current().pid());
    }

    double cpuSecondsSince(ProcStats earlier) {
        return (cpuTicks - earlier.cpuTicks) / TICKS_PER_SECOND;
    }
}
