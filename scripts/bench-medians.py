#!/usr/bin/env python3
"""Prints criterion's median estimate of every benchmark of the last
`cargo bench --bench parse` run, grouped, with each group's ratio of the
apple-errors figure to the other (baseline) figures.

    cargo bench --bench parse && scripts/bench-medians.py
"""
import json
import pathlib
import sys

root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "target/criterion")
groups = {}
for estimates in sorted(root.glob("*/*/new/estimates.json")):
    bench = json.loads((estimates.parent / "benchmark.json").read_text())
    median = json.loads(estimates.read_text())["median"]["point_estimate"]
    groups.setdefault(bench["group_id"], []).append((bench["function_id"], median))

for group, rows in groups.items():
    ours = [m for name, m in rows if name.startswith("apple-errors")]
    print(f"{group}")
    for name, median in rows:
        ratio = f"  ratio {ours[0] / median:.2f}" if ours and not name.startswith("apple-errors") else ""
        print(f"  {median:10.1f} ns  {name}{ratio}")
