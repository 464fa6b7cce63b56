#!/usr/bin/env python3
# recompute.py DB - what someone who can write the file does after an
# edit: recompute every note hash (version 1), every record of every
# akt's chain (version 2) and the whole chain of heads, following
# docs/hash-format.md, so that every chain verifies again.  Only an
# anchor kept elsewhere shows the rewrite (t/2021-anchor.t).
import hashlib
import sqlite3
import sys

ZERO = "0" * 64


def h(b):
    return hashlib.sha256(b).hexdigest()


def esc(v):
    return str(v).replace("\\", "\\\\").replace("\n", "\\n")


db = sqlite3.connect(sys.argv[1])
db.execute("PRAGMA foreign_keys = OFF")
akter = [r[0] for r in db.execute("SELECT DISTINCT akt_id FROM chain_record")]
for akt in akter:
    prev = ZERO
    for (nid, seq, ev, wr, al, an, at, bl, bn, bt, cat, body, corr) in db.execute(
        "SELECT n.id, n.seq, n.event_date, n.written_at, n.author_login, "
        "n.author_name, n.author_title, n.behalf_login, n.behalf_name, "
        "n.behalf_title, n.category, n.body, c.seq FROM note n LEFT JOIN "
        "note c ON c.id = n.corrects WHERE n.akt_id = ? ORDER BY n.seq",
        (akt,),
    ).fetchall():
        b = body.encode()
        msg = (
            f"socdok-note-v1\nakt: {akt}\nseq: {seq}\nevent_date: {ev}\n"
            f"written_at: {wr}\nauthor_login: {al}\nauthor_name: {an}\n"
            f"author_title: {at}\nbehalf_login: {bl or ''}\n"
            f"behalf_name: {bn or ''}\nbehalf_title: {bt or ''}\n"
            f"category: {cat}\ncorrects: {'' if corr is None else corr}\n"
            f"prev: {prev}\nbody_bytes: {len(b)}\n\n"
        ).encode() + b
        new = h(msg)
        db.execute("UPDATE note SET prev_hash = ?, hash = ? WHERE id = ?",
                   (prev, new, nid))
        prev = new
    prev = ZERO
    for (rid, seq, kind, ref, wr, login, body) in db.execute(
        "SELECT id, seq, kind, ref, written_at, login, body FROM "
        "chain_record WHERE akt_id = ? ORDER BY seq", (akt,)
    ).fetchall():
        if kind == "note":
            row = db.execute(
                "SELECT id, akt_id, seq, hash_version, prev_hash, hash "
                "FROM note WHERE id = ?", (ref,)).fetchone()
            if row:
                names = ["id", "akt_id", "seq", "hash_version",
                         "prev_hash", "hash"]
                body = "".join(f"{k}: {esc(v)}\n"
                               for k, v in zip(names, row))
        b = body.encode()
        msg = (
            f"socdok-record-v2\nakt: {akt}\nseq: {seq}\nkind: {kind}\n"
            f"ref: {ref}\nwritten_at: {wr}\nlogin: {login}\nprev: {prev}\n"
            f"body_bytes: {len(b)}\n\n"
        ).encode() + b
        new = h(msg)
        db.execute("UPDATE chain_record SET body = ?, prev_hash = ?, "
                   "hash = ? WHERE id = ?", (body, prev, new, rid))
        prev = new
prev = ZERO
for (seq, at, chain, akt, count, head) in db.execute(
    "SELECT seq, at, chain, akt, count, head FROM head_chain ORDER BY seq"
).fetchall():
    if chain == "akt":
        r = db.execute("SELECT hash FROM chain_record WHERE akt_id = ? AND "
                       "seq = ?", (akt, count)).fetchone()
        if r:
            head = r[0]
    msg = (
        f"socdok-head-v2\nseq: {seq}\nat: {at}\nchain: {chain}\nakt: {akt}\n"
        f"count: {count}\nhead: {head}\nprev: {prev}\n"
    ).encode()
    new = h(msg)
    db.execute("UPDATE head_chain SET head = ?, prev_hash = ?, hash = ? "
               "WHERE seq = ?", (head, prev, new, seq))
    prev = new
db.commit()
