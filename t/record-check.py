#!/usr/bin/env python3
# record-check.py - an independent re-implementation of
# docs/hash-format.md (not the C code): recompute every note hash
# (version 1) and every record hash (version 2) of a JSON export of
# akt-export, every link, the heads of the verification block, and that
# every note is held by a record.  Prints "intact <records> <akt_head>"
# or "broken: <what>" (exit 1).
import hashlib
import json
import sys

ZERO = "0" * 64


def h(b):
    return hashlib.sha256(b).hexdigest()


def note_hash(n):
    body = n["body"].encode()
    corr = "" if n.get("corrects_seq") is None else str(n["corrects_seq"])
    head = (
        "socdok-note-v1\n"
        f"akt: {n['akt']}\nseq: {n['seq']}\nevent_date: {n['event_date']}\n"
        f"written_at: {n['written_at']}\nauthor_login: {n['author_login']}\n"
        f"author_name: {n['author_name']}\nauthor_title: {n['author_title']}\n"
        f"behalf_login: {n.get('behalf_login') or ''}\n"
        f"behalf_name: {n.get('behalf_name') or ''}\n"
        f"behalf_title: {n.get('behalf_title') or ''}\n"
        f"category: {n['category']}\ncorrects: {corr}\n"
        f"prev: {n['prev_hash']}\nbody_bytes: {len(body)}\n\n"
    )
    return h(head.encode() + body)


def record_hash(akt, r):
    body = r["body"].encode()
    head = (
        "socdok-record-v2\n"
        f"akt: {akt}\nseq: {r['seq']}\nkind: {r['kind']}\nref: {r['ref']}\n"
        f"written_at: {r['written_at']}\nlogin: {r['login']}\n"
        f"prev: {r['prev_hash']}\nbody_bytes: {len(body)}\n\n"
    )
    return h(head.encode() + body)


class Broken(Exception):
    pass


def fail(what):
    raise Broken(what)


def check(d):
    """Check one export; its records and the akt head, or raise Broken."""
    akt = d["akt"]["id"]
    v = d["verification"]
    prev = ZERO
    for n in d["notes"]:
        if n["prev_hash"] != prev:
            fail(f"note {akt}:{n['seq']} link")
        if note_hash(n) != n["hash"]:
            fail(f"note {akt}:{n['seq']} hash")
        prev = n["hash"]
    if prev != v["head_hash"] or len(d["notes"]) != v["notes"]:
        fail("notes head")
    prev = ZERO
    last = {}
    for i, r in enumerate(d["records"], 1):
        if r["seq"] != i or r["prev_hash"] != prev:
            fail(f"record {akt}:{i} link")
        if record_hash(akt, r) != r["hash"]:
            fail(f"record {akt}:{r['seq']} hash")
        prev = r["hash"]
        last[(r["kind"], r["ref"])] = r["body"]
    if prev != v["akt_head"] or len(d["records"]) != v["records"]:
        fail("akt head")
    for n in d["notes"]:
        b = last.get(("note", n["id"]), "")
        if ("\nhash: " + n["hash"] + "\n") not in b:
            fail(f"note {akt}:{n['seq']} not in a record")
    # The plans as the records hold them.
    for p in d["plans"]:
        b = last.get(("gp", p["id"]), "")
        esc = p["body"].replace("\\", "\\\\").replace("\n", "\\n")
        if ("\nbody: " + esc + "\n") not in b:
            fail(f"plan {p['id']} differs from its record")
    return d["records"], prev


if __name__ == "__main__":
    try:
        recs, head = check(json.load(open(sys.argv[1], encoding="utf-8")))
    except Broken as e:
        print("broken: " + str(e))
        sys.exit(1)
    print(f"intact {len(recs)} {head}")
