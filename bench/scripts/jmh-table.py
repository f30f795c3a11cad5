#!/usr/bin/env python3
"""Turns AcsValidationBenchmark JSON results (-rf json) into the Markdown tables of BENCHMARKS.md.

Usage: jmh-table.py round1.json [round2.json ...]
Each file is one repetition (a round: every variant and path once, one fork each, as acs-rounds.sh runs them), so
the paths compared in a round ran minutes apart, not tens of minutes: on a shared machine whose speed drifts, a ratio
is only meaningful between measurements taken close together. Per variant and path: the median ops/s over the
repetitions with the lowest and highest, the allocation per validation (-prof gc), and Gatehouse's speed-up over the
path taken per repetition, then its median and range. A single file with several forks is read the old way: each
fork is a repetition, and the ratios are taken between the medians.
"""
import json
import statistics
import sys

PATHS = ["gatehouse", "openSaml", "keycloak", "javaSaml", "cryptoFloor", "parseFloor"]
VARIANTS = ["ASSERTION_SIGNED", "BOTH_SIGNED", "MANY_VALUES", "ENCRYPTED"]

# repetitions[(variant, path)] = [ops/s of repetition 1, 2, ...]; allocation[(variant, path)] = [bytes/op, ...]
repetitions, allocation, threads = {}, {}, set()
paired = len(sys.argv) > 2
for name in sys.argv[1:]:
    for r in json.load(open(name)):
        key = (r["params"]["variant"], r["params"]["path"])
        forks = [statistics.mean(fork) for fork in r["primaryMetric"]["rawData"]]
        repetitions.setdefault(key, []).extend([statistics.mean(forks)] if paired else forks)
        alloc = r.get("secondaryMetrics", {}).get("gc.alloc.rate.norm", {}).get("score")
        if alloc is not None:
            allocation.setdefault(key, []).append(alloc)
        threads.add(r["threads"])


def spread(values, fmt):
    return f"{fmt(min(values))}-{fmt(max(values))}"


def ratios(numerator, denominator):
    """Per-repetition ratios when the repetitions are paired rounds, else the one ratio of the medians."""
    if paired and len(numerator) == len(denominator):
        return [a / b for a, b in zip(numerator, denominator)]
    return [statistics.median(numerator) / statistics.median(denominator)]


def ratio_text(values):
    if len(values) == 1:
        return f"{values[0]:.2f}x"
    return f"{statistics.median(values):.2f}x ({min(values):.2f}-{max(values):.2f})"


count = max(len(v) for v in repetitions.values())
print(f"Threads: {', '.join(map(str, sorted(threads)))}; {count} {'rounds' if paired else 'forks'}; ops/s = median "
      f"[lowest-highest]; alloc = bytes allocated per validation (-prof gc); speed-up = Gatehouse's ops/s over the "
      f"path's, {'per round, median (range)' if paired else 'of the medians'}\n")
for variant in [v for v in VARIANTS if (v, "gatehouse") in repetitions]:
    gatehouse = repetitions[(variant, "gatehouse")]
    print(f"**{variant}**\n")
    print("| path | ops/s | spread | µs/op | alloc/op | Gatehouse speed-up |")
    print("|---|---:|---:|---:|---:|---:|")
    for path in PATHS:
        values = repetitions.get((variant, path))
        if values is None:
            continue
        median = statistics.median(values)
        alloc = allocation.get((variant, path))
        alloc_text = f"{statistics.median(alloc) / 1024:.0f} KB" if alloc else ""
        speedup = "" if path == "gatehouse" else ratio_text(ratios(gatehouse, values))
        print(f"| {path} | {median:,.0f} | {spread(values, lambda v: f'{v:,.0f}')} ({len(values)}) "
              f"| {1e6 / median:,.0f} | {alloc_text} | {speedup} |")
    crypto, parse = repetitions.get((variant, "cryptoFloor")), repetitions.get((variant, "parseFloor"))
    if crypto and parse:
        if paired and len(crypto) == len(parse) == len(gatehouse):
            floors = [1 / (1 / c + 1 / p) for c, p in zip(crypto, parse)]
        else:
            floors = [1 / (1 / statistics.median(crypto) + 1 / statistics.median(parse))]
        floor = statistics.median(floors)
        print(f"\nCrypto + parse floor: {floor:,.0f} ops/s ({1e6 / floor:,.0f} µs); Gatehouse takes "
              f"{ratio_text(ratios(floors, gatehouse))} the floor's time.\n")
