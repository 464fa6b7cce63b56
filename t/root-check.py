#!/usr/bin/env python3
# root-check.py DIR - an independent re-implementation of
# docs/hash-format.md (not the C code) over what socdok-export-all
# wrote: every akt's chain from its JSON (record-check.py), both log
# chains from the rows in heads.json, the chain of heads link by link,
# every head against the chain it names (the record or log entry at that
# length, or the tombstone of a purged akt), and the database head
# against ANCHOR.  Prints "intact <heads> <root>" or "broken: <what>"
# (exit 1).
import glob
import hashlib
import importlib.util
import json
import os
import sys

ZERO = "0" * 64
here = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location(
    "record_check", os.path.join(here, "record-check.py"))
rc = importlib.util.module_from_spec(spec)
spec.loader.exec_module(rc)


def h(b):
    return hashlib.sha256(b).hexdigest()


def fail(what):
    print("broken: " + what)
    sys.exit(1)


def fields(body):
    """The "name: value" lines of a rendered row."""
    out = {}
    for line in body.split("\n"):
        if ": " in line:
            k, v = line.split(": ", 1)
            out[k] = v
    return out


top = sys.argv[1]
d = json.load(open(os.path.join(top, "heads.json"), encoding="utf-8"))

# Every akt's chain of records, recomputed from its export.
akter = {}
for path in glob.glob(os.path.join(top, "akt-*.json")):
    x = json.load(open(path, encoding="utf-8"))
    try:
        recs, _ = rc.check(x)
    except rc.Broken as e:
        fail(f"{os.path.basename(path)}: {e}")
    akter[x["akt"]["id"]] = [r["hash"] for r in recs]

# Both log chains, each entry from its row.
logs = {"access": [], "gallring": []}
tombstones = {}
erased = set()
for e in d["logs"]:
    chain = logs[e["log"]]
    prev = chain[-1] if chain else ZERO
    if e["seq"] != len(chain) + 1 or e["prev_hash"] != prev:
        fail(f"{e['log']} log entry {e['seq']}: link")
    if e["body"] is not None:
        body = e["body"].encode()
        head = (f"socdok-log-v2\nlog: {e['log']}\nseq: {e['seq']}\n"
                f"kind: {e['kind']}\nref: {e['ref']}\nprev: {prev}\n"
                f"body_bytes: {len(body)}\n\n")
        if h(head.encode() + body) != e["hash"]:
            fail(f"{e['log']} log entry {e['seq']}: hash")
        if e["kind"] == "gallring_tombstone":
            f = fields(e["body"])
            tombstones[int(f["akt"])] = (int(f["records"]), f["final_head"])
            erased.update(int(i) for i in f.get("access_erased", "").split(",")
                          if i)
    chain.append(e["hash"])
for e in d["logs"]:
    if e["body"] is None and not (e["kind"] == "access_log"
                                  and e["ref"] in erased):
        fail(f"{e['log']} log entry {e['seq']}: its row is gone, and no "
             "tombstone erased it")

# The chain of heads.
prev = ZERO
for i, e in enumerate(d["heads"], 1):
    if e["seq"] != i or e["prev_hash"] != prev:
        fail(f"head {i}: link")
    text = (f"socdok-head-v2\nseq: {e['seq']}\nat: {e['at']}\n"
            f"chain: {e['chain']}\nakt: {e['akt']}\ncount: {e['count']}\n"
            f"head: {e['head']}\nprev: {prev}\n")
    if h(text.encode()) != e["hash"]:
        fail(f"head {i}: hash")
    n = e["count"]
    if e["chain"] == "akt":
        if e["akt"] in akter:
            recs = akter[e["akt"]]
            if n > len(recs) or (n and recs[n - 1] != e["head"]):
                fail(f"head {i}: akt {e['akt']} at {n} records")
        elif e["akt"] in tombstones:
            total, final = tombstones[e["akt"]]
            if n > total or (n == total and final != e["head"]):
                fail(f"head {i}: purged akt {e['akt']}")
        else:
            fail(f"head {i}: akt {e['akt']} is neither exported nor purged")
    else:
        chain = logs[e["chain"]]
        if n > len(chain) or (n and chain[n - 1] != e["head"]):
            fail(f"head {i}: {e['chain']} log at {n}")
    prev = e["hash"]

anchor = open(os.path.join(top, "ANCHOR"), encoding="utf-8").read().strip()
if prev != d["root"] or not anchor.endswith(" root=" + prev) \
        or anchor != d["anchor"]:
    fail("the database head differs from ANCHOR")
print(f"intact {len(d['heads'])} {prev}")
