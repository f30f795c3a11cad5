#!/usr/bin/env python3
"""Turns AcsValidationBenchmark JSON results (-rf json) into the Markdown tables of BENCHMARKS.md.

Usage: jmh-table.py results.json
Per variant and path: the median of the fork means with the lowest and highest fork mean (the spread over the
repetitions), the allocation per validation when run with -prof gc, and ratios against Gatehouse.
"""
import json
import statistics
import sys

PATHS = ["gatehouse", "openSaml", "keycloak", "javaSaml", "cryptoFloor", "parseFloor"]
results = json.load(open(sys.argv[1]))
by_key = {}
threads = set()
for r in results:
    fork_means = [statistics.mean(fork) for fork in r["primaryMetric"]["rawData"]]
    alloc = r.get("secondaryMetrics", {}).get("gc.alloc.rate.norm", {}).get("score")
    by_key[(r["params"]["variant"], r["params"]["path"])] = (statistics.median(fork_means), min(fork_means),
                                                               max(fork_means), len(fork_means), alloc)
    threads.add(r["threads"])
print(f"Threads: {', '.join(map(str, sorted(threads)))}; ops/s = median of the fork means [lowest-highest fork]; "
      "alloc = bytes allocated per validation (-prof gc)\n")
variants = sorted({v for v, _ in by_key}, key=lambda v: ["ASSERTION_SIGNED", "BOTH_SIGNED", "MANY_VALUES",
                                                          "ENCRYPTED"].index(v))
for variant in variants:
    gh = by_key.get((variant, "gatehouse"))
    crypto = by_key.get((variant, "cryptoFloor"))
    parse = by_key.get((variant, "parseFloor"))
    print(f"**{variant}**\n")
    print("| path | ops/s | spread (forks) | µs/op | alloc/op | Gatehouse speed-up |")
    print("|---|---:|---:|---:|---:|---:|")
    for path in PATHS:
        row = by_key.get((variant, path))
        if row is None:
            continue
        median, low, high, forks, alloc = row
        ratio = f"{gh[0] / median:.2f}x" if gh and path != "gatehouse" else ""
        alloc_text = f"{alloc / 1024:.0f} KB" if alloc is not None else ""
        print(f"| {path} | {median:,.0f} | {low:,.0f}-{high:,.0f} ({forks}) | {1e6 / median:,.0f} | {alloc_text} "
              f"| {ratio} |")
    if gh and crypto and parse:
        floor = 1 / (1 / crypto[0] + 1 / parse[0])
        print(f"\nCrypto + parse floor: {floor:,.0f} ops/s ({1e6 / floor:,.0f} µs); Gatehouse takes "
              f"{floor / gh[0]:.2f}x the floor's time.\n")
