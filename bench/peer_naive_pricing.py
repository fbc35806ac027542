#!/usr/bin/env python3
"""A naive peer for bench_pricing: Python's Decimal over the same pricing/prices.json, exact-id lookup
in a dict, base rates only (no tiers, versions or windows). Prints JSON with prices_per_s."""
import json
import random
import sys
import time
from decimal import Decimal

def main():
    path, count = sys.argv[1], int(sys.argv[2])
    doc = json.load(open(path, encoding="utf-8"))
    rates = {}
    for p in doc["providers"]:
        if p["id"] == "openrouter":
            continue
        for m in p["models"][::3]:
            r = m["versions"][-1]["rates"]
            if "input" in r and "output" in r and len(rates) < 50:
                rates[(p["id"], m["id"])] = {k: Decimal(v) for k, v in r.items()}
    keys = list(rates)
    rng = random.Random(1)
    reqs = [(keys[rng.randrange(len(keys))], rng.randrange(20000), rng.randrange(250000), rng.randrange(8000))
            for _ in range(1 << 16)]
    mtok = Decimal(1_000_000)
    total = Decimal(0)
    t0 = time.perf_counter()
    for i in range(count):
        key, unc, cached, out = reqs[i & 0xFFFF]
        r = rates[key]
        cost = (unc * r["input"] + cached * r.get("cache_read", r["input"]) + out * r["output"]) / mtok
        total += cost.quantize(Decimal("0.000000001"))
    s = time.perf_counter() - t0
    print(json.dumps({"prices": count, "seconds": round(s, 3), "prices_per_s": int(count / s)}))

if __name__ == "__main__":
    main()
