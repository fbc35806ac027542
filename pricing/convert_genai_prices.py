#!/usr/bin/env python3
"""Converts the genai-prices v2 provider list (JSON) into Burnrate's normalised price format.

Usage: convert_genai_prices.py FULL_JSON VERSION PUBLISHED_AT OUT_JSON [--overrides overrides.json]

FULL_JSON is what `waitForUpdate()` of @pydantic/genai-prices resolves to (see update-snapshot.sh).
The output follows docs/pricing.md §3 ("llm-spend-pricing", format_version 1): rates are decimal
strings in USD per 1,000,000 tokens; a price list with start_date constraints becomes date-aware
versions; time_of_date constraints become daily windows of the version they follow.

Standard library only. Numbers are read as decimal text (json's parse_float=Decimal), never as binary
floats, so the rates come out exactly as written upstream; a rate with more than six decimals (a
float artefact such as 0.18000000000000002, or 1/12) is rounded half-up to six and listed in the
snapshot's conversion notes.
"""

import argparse
import collections
import json
import re
import sys
from decimal import Decimal, ROUND_HALF_UP

# The providers the app prices, in lookup preference order (first-party before resellers).
PROVIDERS = ["openai", "anthropic", "google", "deepseek", "mistral", "x-ai", "openrouter"]

# genai-prices price keys -> our rate keys. Anything else is dropped and counted in the notes.
KEY_MAP = {
    "input_mtok": "input",
    "cache_read_mtok": "cache_read",
    "cache_write_1h_mtok": "cache_write_1h",
    "output_mtok": "output",
    "output_reasoning_mtok": "reasoning",
    "input_audio_mtok": "input_audio",
    "cache_audio_read_mtok": "cache_audio_read",
    "output_audio_mtok": "output_audio",
    "input_image_mtok": "input_image",
    "output_image_mtok": "output_image",
    "web_searches_kcount": "web_search_per_1k",
}
MICRO = Decimal("0.000001")


class Notes:
    def __init__(self):
        self.rounded = []
        self.dropped_keys = collections.Counter()
        self.dropped_matchers = []
        self.approximated_matchers = []

    def as_list(self):
        out = []
        for where, raw, kept in self.rounded:
            out.append(f"rate rounded to 6 decimals: {where} {raw} -> {kept}")
        for key, n in sorted(self.dropped_keys.items()):
            out.append(f"price key not modelled, dropped: {key} ({n} versions)")
        for where, what in self.approximated_matchers:
            out.append(f"matcher approximated: {where}: {what}")
        for where, what in self.dropped_matchers:
            out.append(f"matcher dropped: {where}: {what}")
        return out


def dec_text(value, where, notes):
    if isinstance(value, bool) or not isinstance(value, (int, Decimal)):
        raise SystemExit(f"{where}: rate is not a number: {value!r}")
    d = Decimal(value)
    if d < 0:
        raise SystemExit(f"{where}: negative rate {d}")
    q = d.quantize(MICRO, rounding=ROUND_HALF_UP)
    if q != d:
        notes.rounded.append((where, str(d), fmt(q)))
    return fmt(q)


def fmt(d):
    text = format(d.normalize(), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def shift_kilo(text):
    """USD per 1,000 requests -> USD per request, exactly."""
    return fmt(Decimal(text) / Decimal(1000))


def convert_prices(prices, provider_id, where, notes):
    """One genai-prices price object -> (rates, tiers) of our format."""
    rates = {}
    tiers = collections.OrderedDict()
    for key, value in prices.items():
        if key == "cache_write_mtok":
            ours = "cache_write_5m" if provider_id == "anthropic" else "cache_write"
        elif key == "requests_kcount":
            ours = "per_request"
        else:
            ours = KEY_MAP.get(key)
        if ours is None:
            notes.dropped_keys[key] += 1
            continue
        base = value
        if isinstance(value, dict):
            base = value["base"]
            for tier in value.get("tiers", []):
                start = int(tier["start"])
                t = dec_text(tier["price"], f"{where} {key} tier {start}", notes)
                tiers.setdefault(start, {})[ours] = shift_kilo(t) if ours == "per_request" else t
        text = dec_text(base, f"{where} {key}", notes)
        rates[ours] = shift_kilo(text) if ours == "per_request" else text
    tier_list = [{"gt_input_tokens": start, "rates": r} for start, r in sorted(tiers.items())]
    return rates, tier_list


REGEX_LITERAL = re.compile(r"^\^((?:[A-Za-z0-9_@:/-]|\\\.)+)(.*)\$?$")


def convert_match(match, where, notes, exact, prefix):
    if "or" in match:
        for m in match["or"]:
            convert_match(m, where, notes, exact, prefix)
    elif "and" in match:
        # genai-prices uses `and` to exclude variants (e.g. TTS models) from a prefix; keep the positive
        # part: the excluded variants have entries of their own, which a longer prefix or an exact id wins.
        positive = [m for m in match["and"] if "regex" not in m]
        for m in positive:
            convert_match(m, where, notes, exact, prefix)
        dropped = [m["regex"] for m in match["and"] if "regex" in m]
        if dropped:
            notes.approximated_matchers.append((where, f"and-filter regex {dropped} dropped"))
    elif "equals" in match:
        exact.append(match["equals"].lower())
    elif "starts_with" in match:
        prefix.append(match["starts_with"].lower())
    elif "ends_with" in match:
        exact.append(match["ends_with"].lower())
        notes.approximated_matchers.append((where, f"ends_with {match['ends_with']!r} -> exact"))
    elif "contains" in match:
        prefix.append(match["contains"].lower())
        notes.approximated_matchers.append((where, f"contains {match['contains']!r} -> prefix"))
    elif "regex" in match:
        m = REGEX_LITERAL.match(match["regex"])
        if m and m.group(1):
            literal = m.group(1).replace("\\.", ".").lower()
            prefix.append(literal)
            notes.approximated_matchers.append((where, f"regex {match['regex']!r} -> prefix {literal!r}"))
        else:
            notes.dropped_matchers.append((where, f"regex {match['regex']!r}"))
    else:
        raise SystemExit(f"{where}: unknown matcher {match}")


def version_of(prices, provider_id, where, notes, effective_from):
    rates, tiers = convert_prices(prices, provider_id, where, notes)
    v = {"effective_from": effective_from, "rates": rates}
    if tiers:
        v["tiers"] = tiers
    return v


def convert_model(model, provider_id, notes):
    where = f"{provider_id}/{model['id']}"
    exact, prefix = [], []
    convert_match(model["match"], where, notes, exact, prefix)
    match = {}
    if exact:
        match["exact"] = sorted(set(exact), key=exact.index)
    if prefix:
        match["prefix"] = sorted(set(prefix), key=prefix.index)
    prices = model["prices"]
    versions = []
    if isinstance(prices, dict):
        versions.append(version_of(prices, provider_id, where, notes, None))
    else:
        for i, entry in enumerate(prices):
            c = entry.get("constraint")
            if c is None:
                if i != 0:
                    raise SystemExit(f"{where}: an unconstrained price after the first")
                versions.append(version_of(entry["prices"], provider_id, where, notes, None))
            elif c["type"] == "start_date":
                stamp = c["start_date"] + "T00:00:00Z"
                versions.append(version_of(entry["prices"], provider_id, f"{where}@{c['start_date']}", notes, stamp))
            elif c["type"] == "time_of_date":
                if not versions:
                    raise SystemExit(f"{where}: a daily window before any price")
                # A daily window belongs to the version it follows (genai-prices cannot scope a window to
                # a date range; see deepseek-v4-flash's price_comments).
                rates, tiers = convert_prices(entry["prices"], provider_id, f"{where} window", notes)
                w = {"from": c["start_time"], "to": c["end_time"], "rates": rates}
                if tiers:
                    w["tiers"] = tiers
                versions[-1].setdefault("windows", []).append(w)
            else:
                raise SystemExit(f"{where}: unknown constraint {c}")
    stamps = [v["effective_from"] for v in versions if v["effective_from"]]
    if stamps != sorted(stamps):
        raise SystemExit(f"{where}: start dates out of order")
    out = {"id": model["id"].lower(), "match": match, "versions": versions}
    if model.get("name"):
        out["name"] = model["name"]
    if model.get("deprecated"):
        out["deprecated"] = True
    return out


def provider_aliases(match, out):
    if not match:
        return out
    if "or" in match:
        for m in match["or"]:
            provider_aliases(m, out)
    for key in ("equals", "contains", "starts_with"):
        if key in match and match[key].lower() not in out:
            out.append(match[key].lower())
    return out


def convert(full, version, published_at):
    by_id = {p["id"]: p for p in full}
    notes = Notes()
    providers = []
    for pid in PROVIDERS:
        p = by_id.get(pid)
        if p is None:
            raise SystemExit(f"provider {pid} is missing from the package")
        entry = {"id": pid, "name": p.get("name", pid)}
        aliases = [a for a in provider_aliases(p.get("provider_match"), []) if a != pid]
        if aliases:
            entry["aliases"] = aliases
        fallbacks = [f for f in p.get("fallback_model_providers", []) if f in PROVIDERS]
        if fallbacks:
            entry["fallback_providers"] = fallbacks
        entry["models"] = [convert_model(m, pid, notes) for m in p["models"]]
        providers.append(entry)
    day = published_at[:10]
    return {
        "format": "llm-spend-pricing",
        "format_version": 1,
        "snapshot": {
            "id": f"{day}-gp{version}",
            "created_at": published_at,
            "base": {
                "name": "genai-prices",
                "version": version,
                "license": "MIT",
                "url": "https://github.com/pydantic/genai-prices",
                "published_at": published_at,
            },
            "conversion_notes": notes.as_list(),
        },
        "currency": "USD",
        "units": {
            "token_rates": "USD per 1,000,000 tokens, decimal string",
            "per_request": "USD per request, decimal string",
            "web_search_per_1k": "USD per 1,000 searches, decimal string",
        },
        "defaults": {
            "tier_basis": "total_input_tokens",
            "tier_rule": "cliff, strictly greater than gt_input_tokens",
        },
        "providers": providers,
    }


def dump(doc):
    """Pretty at the top, one model per line: small, and diffs stay readable."""
    lines = ["{"]
    keys = [k for k in doc if k != "providers"]
    for k in keys:
        lines.append(f" {json.dumps(k)}: {json.dumps(doc[k], ensure_ascii=False)},")
    lines.append(' "providers": [')
    for pi, p in enumerate(doc["providers"]):
        head = {k: v for k, v in p.items() if k != "models"}
        lines.append("  {" + json.dumps(head, ensure_ascii=False)[1:-1] + ', "models": [')
        for mi, m in enumerate(p["models"]):
            sep = "," if mi + 1 < len(p["models"]) else ""
            lines.append("   " + json.dumps(m, ensure_ascii=False) + sep)
        lines.append("  ]}" + ("," if pi + 1 < len(doc["providers"]) else ""))
    lines.append(" ]")
    lines.append("}")
    return "\n".join(lines) + "\n"


def check_overrides(doc, path):
    """Warns when a correction targets a model that is gone, or already matches upstream."""
    with open(path, encoding="utf-8") as f:
        ovl = json.load(f)
    models = {(p["id"], m["id"]): m for p in doc["providers"] for m in p["models"]}
    for p in ovl.get("providers", []):
        for m in p.get("models", []):
            base = models.get((p["id"], m["id"]))
            if base is None:
                print(f"note: override {p['id']}/{m['id']} adds a model the base does not have", file=sys.stderr)
                continue
            for v in m.get("versions", []):
                same = [b for b in base["versions"] if b["effective_from"] == v.get("effective_from")]
                if same and "rates" in v and same[0]["rates"] == v["rates"] and "tiers" not in v:
                    print(f"note: override {p['id']}/{m['id']}@{v.get('effective_from') or 'base'} now matches "
                          "upstream; it can be removed", file=sys.stderr)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("full_json")
    ap.add_argument("version")
    ap.add_argument("published_at")
    ap.add_argument("out_json")
    ap.add_argument("--overrides")
    args = ap.parse_args()
    with open(args.full_json, encoding="utf-8") as f:
        full = json.load(f, parse_float=Decimal)
    doc = convert(full, args.version, args.published_at)
    with open(args.out_json, "w", encoding="utf-8") as f:
        f.write(dump(doc))
    if args.overrides:
        check_overrides(doc, args.overrides)
    n = sum(len(p["models"]) for p in doc["providers"])
    print(f"wrote {args.out_json}: {len(doc['providers'])} providers, {n} models, "
          f"{len(doc['snapshot']['conversion_notes'])} conversion notes", file=sys.stderr)


if __name__ == "__main__":
    main()
