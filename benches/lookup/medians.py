#!/usr/bin/env python3
"""Prints criterion's median time per lookup from the last
`cargo bench --bench lookup` run: the median per iteration divided by the
number of lookups in one iteration (the input set's length).

    cargo bench --bench lookup && ./medians.py
"""
import json
import pathlib
import sys

root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "target/criterion")
rows = {}
for estimates in root.glob("n*/*/new/estimates.json"):
    bench = json.loads((estimates.parent / "benchmark.json").read_text())
    median = json.loads(estimates.read_text())["median"]["point_estimate"]
    per_lookup = median / bench["throughput"]["Elements"]
    strategy, input_set = bench["function_id"].split("/")
    size = int(bench["group_id"][1:])
    rows.setdefault((size, input_set), {})[strategy] = per_lookup

print(f"{'size':>6}  {'set':<12} {'match ns':>9} {'phf ns':>9} {'phf/match':>10}")
order = ["hits", "skewed hits", "near misses", "random"]
for (size, input_set), r in sorted(rows.items(), key=lambda kv: (kv[0][0], order.index(kv[0][1]) if kv[0][1] in order else 9)):
    m, p = r.get("match"), r.get("phf")
    ratio = f"{p / m:10.2f}" if m and p else ""
    print(f"{size:>6}  {input_set:<12} {m or 0:9.2f} {p or 0:9.2f} {ratio}")
