package dev.routerlab.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;

/**
 * Where a benchmark's wall time went, from a start mark: the calling thread's CPU, the whole
 * process's CPU (JIT compilers and GC threads included), GC pauses (count and time) and JIT
 * compilation time, with the load average at both ends. On a shared machine wall time is mostly
 * waiting for a core; this says how much of it was this process working.
 */
public final class Meter {
    private final long wall0 = System.nanoTime();
    private final long cpu0 = threadCpu();
    private final long proc0 = processCpu();
    private final long gcCount0 = gcCount();
    private final long gcMillis0 = gcMillis();
    private final long jit0 = jitMillis();
    private final double load0 = load();

    /** The figures since this meter was made, on one line. */
    public String since() {
        return String.format("%.2f s wall, %.2f s CPU of the lab's thread, %.2f s CPU of the process (JIT %.2f s), %d GC pauses %.2f s; load %.1f-%.1f",
            (System.nanoTime() - wall0) / 1e9, (threadCpu() - cpu0) / 1e9, (processCpu() - proc0) / 1e9,
            (jitMillis() - jit0) / 1e3, gcCount() - gcCount0, (gcMillis() - gcMillis0) / 1e3, load0, load());
    }

    static long threadCpu() { return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime(); }

    static long processCpu() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os ? os.getProcessCpuTime() : 0;
    }

    static double load() { return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(); }

    static long gcCount() {
        long n = 0;
        for (GarbageCollectorMXBean g : ManagementFactory.getGarbageCollectorMXBeans()) n += Math.max(0, g.getCollectionCount());
        return n;
    }

    static long gcMillis() {
        long n = 0;
        for (GarbageCollectorMXBean g : ManagementFactory.getGarbageCollectorMXBeans()) {
            // G1's concurrent cycle is not a pause
            if (!g.getName().contains("Concurrent")) n += Math.max(0, g.getCollectionTime());
        }
        return n;
    }

    static long jitMillis() {
        var c = ManagementFactory.getCompilationMXBean();
        return c != null && c.isCompilationTimeMonitoringSupported() ? c.getTotalCompilationTime() : 0;
    }
}
