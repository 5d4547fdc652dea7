#!/usr/bin/env python3
"""Launches interleaved in the same minutes, each with `exit` on its standard input: wall time to
the first byte of output (the first prompt; hello's `hello`), to the end, and the CPU time
(user + sys) of the whole process tree; best and median of each.

    bench/launch-ab.py N 'LABEL=COMMAND' ...
    e.g. bench/launch-ab.py 20 "hello=java -cp /tmp/h Hello" "launcher=bin/routerlab console" \\
             "before=env RL_JAR=/tmp/before/target/routerlab.jar bin/routerlab console"

With PROBES="a b" set, lines `PROBE a NANOTIME [THREAD_CPU_NANOS]` on standard error (temporary
probes printing System.nanoTime, which shares CLOCK_MONOTONIC with this script) are reported too,
in ms since the launch.
"""
import os, sys, time, resource, subprocess, statistics, collections

n = int(sys.argv[1])
probes = os.environ.get("PROBES", "").split()
variants = [tuple(a.split('=', 1)) for a in sys.argv[2:]]
res = {label: collections.defaultdict(list) for label, _ in variants}
for _ in range(n):
    for label, cmd in variants:
        r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.monotonic_ns()
        p = subprocess.Popen(cmd, shell=True, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE if probes else subprocess.DEVNULL)
        p.stdin.write(b"exit\n")
        p.stdin.close()
        p.stdout.read(1)
        t1 = time.monotonic_ns()
        p.stdout.read()
        err = p.stderr.read().decode() if probes else ""
        p.wait()
        t2 = time.monotonic_ns()
        r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        d = res[label]
        d["first"].append((t1 - t0) / 1e6)
        d["end"].append((t2 - t0) / 1e6)
        d["cpu"].append(((r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)) * 1000)
        for line in err.splitlines():
            f = line.split()
            if len(f) >= 3 and f[0] == "PROBE" and f[1] in probes:
                d[f[1]].append((int(f[2]) - t0) / 1e6)
                if len(f) > 3:
                    d[f[1] + ".cpu"].append(int(f[3]) / 1e6)


def best_median(x):
    if not x:
        return "     -      -"
    x = sorted(x)
    return "%6.1f %6.1f" % (x[0], statistics.median(x))


cols = ["first", "end", "cpu"] + probes + [p + ".cpu" for p in probes]
print("%-12s " % "best/median" + " ".join("%-14s" % c for c in cols) + "  (ms)")
for label, _ in variants:
    print("%-12s " % label + " ".join(best_median(res[label][c]) + " " for c in cols))
print(os.popen("uptime").read().strip())
