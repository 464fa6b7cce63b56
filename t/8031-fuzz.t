#!/bin/sh
# The corruption fuzz: a few hundred copies of a small database with
# bytes flipped.  Where SQLite's quick_check finds the copy damaged, no
# write may succeed (journal-add exits 65 and the file is unchanged);
# on no copy does any program end in 70 (internal error) or a signal.
. "$(dirname "$0")/lib.sh"

P1=$(t_pnr 19450312 123)
P2=$(t_pnr 19500607 456)
COPIES=${SOCDOK_FUZZ_COPIES:-250}

test_expect_success 'set up: two akter with notes, an insats, a plan' '
	setup_world &&
	SOCDOK_USER=sara akt-new "$P1" --name "Åberg, Åsa" \
		--unit "Hemtjänst Norr" --opened 2026-01-15 >/dev/null &&
	SOCDOK_USER=olle akt-new "$P2" --name "Öst, Östen" \
		--unit "Boendestöd Väst" --opened 2026-01-20 >/dev/null &&
	SOCDOK_USER=sara insats-add 1 --kind hemtjänst --decided 2026-01-10 >/dev/null &&
	for i in 1 2 3 4 5 6 7 8; do
		SOCDOK_USER=sara journal-add 1 -m "Anteckning $i om dagen." >/dev/null &&
		SOCDOK_USER=olle journal-add 2 -m "Boendestöd $i." >/dev/null || return 1
	done &&
	sqlite3 "$SOCDOK_DB" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null &&
	cp "$SOCDOK_DB" seed.db
'

test_expect_success "$COPIES mutated copies: no write into a damaged file, no exit 70" '
	python3 - "$COPIES" >report <<-\PY &&
	import os, random, sqlite3, subprocess, sys
	n = int(sys.argv[1])
	seed = open("seed.db", "rb").read()
	rng = random.Random(int(os.environ.get("SOCDOK_FUZZ_SEED", "16")))
	reads = [["akt-list"], ["akt-show", "1"], ["akt-verify", "--all"],
	         ["followup-due"], ["journal-show", "1"], ["audit-log"],
	         ["gallra"], ["akt-export", "1", "--format", "json", "-o", "x.json"]]
	bad = damaged = 0
	for i in range(n):
	    d = bytearray(seed)
	    for _ in range(rng.choice([1, 1, 2, 4, 16])):
	        # The first pages (header, schema) are hit more often.
	        hi = len(d) if rng.random() < 0.7 else min(len(d), 8192)
	        d[rng.randrange(hi)] ^= 1 << rng.randrange(8)
	    f = "m%d.db" % i
	    open(f, "wb").write(d)
	    os.chmod(f, 0o600)
	    try:
	        c = sqlite3.connect("file:%s?mode=ro" % f, uri=True)
	        c.text_factory = bytes
	        ok = c.execute("PRAGMA quick_check").fetchall() == [(b"ok",)]
	        c.close()
	    except (sqlite3.DatabaseError, ValueError):
	        ok = False
	    damaged += not ok
	    for cmd in (["journal-add", "1", "-m", "fuzz"], reads[i % len(reads)]):
	        user = "sara" if cmd[0] != "audit-log" else "admin"
	        env = dict(os.environ, SOCDOK_USER=user)
	        r = subprocess.run(cmd + ["-d", f], env=env, capture_output=True)
	        err = r.stderr.decode(errors="replace").strip().replace("\n", " ")
	        if r.returncode == 70 or r.returncode < 0:
	            print("copy %d: %s exited %d: %s" % (i, cmd[0], r.returncode, err))
	            bad += 1
	        if not ok and cmd[0] == "journal-add":
	            if r.returncode != 65 or "is damaged" not in err:
	                print("copy %d: damaged, journal-add exited %d: %s" % (i, r.returncode, err))
	                bad += 1
	            if open(f, "rb").read() != bytes(d):
	                print("copy %d: damaged, and journal-add wrote into it" % i)
	                bad += 1
	    for x in (f, f + "-wal", f + "-shm"):
	        if os.path.exists(x):
	            os.unlink(x)
	print("copies %d damaged %d problems %d" % (n, damaged, bad))
	PY
	cat report &&
	tail -1 report | grep " problems 0$" &&
	damaged=$(tail -1 report | cut -d" " -f4) &&
	test "$damaged" -ge $((COPIES / 10))
'

test_done
