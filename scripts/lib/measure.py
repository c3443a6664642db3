#!/usr/bin/env python3
"""Runs a command REPEATS times and prints one line:
   seconds=<median wall seconds> min_seconds=<fastest> peak_mib=<largest peak resident memory, MiB>
Peak memory is the child's ru_maxrss (Linux: KiB), read per run with wait4,
so it needs nothing beyond Python's standard library (no GNU time on a
fresh machine). The command's stdout is discarded; its stderr passes through.
Usage: measure.py REPEATS command [args...]"""
import os
import statistics
import subprocess
import sys
import time

def main():
    repeats = int(sys.argv[1])
    command = sys.argv[2:]
    times, peaks = [], []
    for _ in range(repeats):
        start = time.perf_counter()
        child = subprocess.Popen(command, stdout=subprocess.DEVNULL)
        _, status, usage = os.wait4(child.pid, 0)
        times.append(time.perf_counter() - start)
        if os.waitstatus_to_exitcode(status) != 0:
            sys.exit(f"measure.py: {' '.join(command)} failed with status {os.waitstatus_to_exitcode(status)}")
        peaks.append(usage.ru_maxrss / 1024)
    print(f"seconds={statistics.median(times):.3f} min_seconds={min(times):.3f} peak_mib={max(peaks):.1f}")

if __name__ == "__main__":
    main()
