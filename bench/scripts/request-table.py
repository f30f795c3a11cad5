#!/usr/bin/env python3
"""Turns AuthenticatedRequestBenchmark JSON results (-rf json, one file per round) into BENCHMARKS.md's tables.

Usage: request-table.py round1.json [round2.json ...]
Per webapp: the median requests/s over the rounds with the lowest and highest, µs per request and the allocation
per request (-prof gc). Then, per round, how much lower Gatehouse's throughput is than each servlet without it, and
the microseconds Gatehouse adds to a request; the median and range over the rounds.
"""
import json
import statistics
import sys

WEBAPPS = ["bare", "plain", "gatehouse"]
LABELS = {"bare": "`/bare`: servlet, no filter, no session",
          "plain": "`/plain`: servlet using a container session, no filter",
          "gatehouse": "`/app`: Gatehouse filter, signed in"}

rounds = []  # one {webapp: (ops/s, bytes/op)} per file
for name in sys.argv[1:]:
    found = {}
    for r in json.load(open(name)):
        alloc = r.get("secondaryMetrics", {}).get("gc.alloc.rate.norm", {}).get("score")
        found[r["params"]["webapp"]] = (r["primaryMetric"]["score"], alloc)
    if all(w in found for w in WEBAPPS):
        rounds.append(found)
if not rounds:
    sys.exit("no complete round (bare, plain and gatehouse) in " + " ".join(sys.argv[1:]))


def summary(values, fmt):
    return f"{fmt(statistics.median(values))} [{fmt(min(values))}-{fmt(max(values))}]"


print(f"{len(rounds)} rounds; median [lowest-highest] over the rounds\n")
print("| webapp | requests/s | µs per request | allocated per request |")
print("|---|---:|---:|---:|")
for w in WEBAPPS:
    ops = [r[w][0] for r in rounds]
    alloc = [r[w][1] for r in rounds if r[w][1] is not None]
    alloc_text = f"{statistics.median(alloc):,.0f} B" if alloc else ""
    print(f"| {LABELS[w]} | {summary(ops, lambda v: f'{v:,.0f}')} "
          f"| {summary([1e6 / o for o in ops], lambda v: f'{v:.2f}')} | {alloc_text} |")

print("\n| per round | median | range | rounds above 5% |")
print("|---|---:|---:|---:|")
for base in ["plain", "bare"]:
    below = [100 * (1 - r["gatehouse"][0] / r[base][0]) for r in rounds]
    print(f"| Gatehouse's throughput below `/{base}` | {statistics.median(below):.1f}% "
          f"| {min(below):.1f}% to {max(below):.1f}% | {sum(1 for b in below if b > 5)} of {len(below)} |")
for base in ["plain", "bare"]:
    added = [1e6 / r["gatehouse"][0] - 1e6 / r[base][0] for r in rounds]
    print(f"| µs Gatehouse adds to a request of `/{base}` | {statistics.median(added):.2f} "
          f"| {min(added):.2f} to {max(added):.2f} | |")
session = [100 * (1 - r["plain"][0] / r["bare"][0]) for r in rounds]
print(f"| for scale: `/plain`'s throughput below `/bare` (the container session) | {statistics.median(session):.1f}% "
      f"| {min(session):.1f}% to {max(session):.1f}% | |")
