#!/usr/bin/env python3
"""Summarises a JFR recording's CPU samples: the hottest methods by self time and by total (inclusive) time.

Usage: jfr-hot.py profile.jfr [filter-substring] [top]
The optional filter keeps only samples whose stack contains the substring (e.g. dev.gatehouse.bench.Acs).
"""
import collections
import json
import subprocess
import sys

path = sys.argv[1]
only = sys.argv[2] if len(sys.argv) > 2 else ""
top = int(sys.argv[3]) if len(sys.argv) > 3 else 25
raw = subprocess.run(["jfr", "print", "--json", "--stack-depth", "128", "--events", "jdk.ExecutionSample", path],
                     check=True, capture_output=True, text=True).stdout
events = json.loads(raw)["recording"]["events"]
self_time = collections.Counter()
total_time = collections.Counter()
samples = 0
for event in events:
    frames = event["values"]["stackTrace"]["frames"]
    names = [f["method"]["type"]["name"] + "." + f["method"]["name"] for f in frames]
    if only and not any(only in n for n in names):
        continue
    samples += 1
    self_time[names[0]] += 1
    for n in set(names):
        total_time[n] += 1
print(f"{samples} samples")
print("-- self --")
for name, count in self_time.most_common(top):
    print(f"{100.0 * count / samples:5.1f}%  {name}")
print("-- total --")
for name, count in total_time.most_common(top * 2):
    print(f"{100.0 * count / samples:5.1f}%  {name}")
