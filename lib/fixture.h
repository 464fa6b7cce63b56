/*
 * fixture.h - a synthetic municipality for demos, tests and benchmarks:
 * units, staff, persons with valid (never real) personnummer, akter,
 * insatser, journal notes with valid hash chains, plans, signatures and
 * follow-ups, written straight into a new database.
 */
#ifndef SD_FIXTURE_H
#define SD_FIXTURE_H

#include "socdok.h"

/* What to generate.  Targets are approximate, except persons. */
struct sd_fixture_opts {
	long long persons;  /* people with an akt */
	long long insatser; /* decided insatser (at least one per akt) */
	long long notes; /* journal notes (plans and follow-ups add theirs) */
	unsigned long long seed;
	const char *admin;    /* login of the administrator ("admin") */
	const char *provider; /* kommunal or enskild */
};

/* What was generated. */
struct sd_fixture_stats {
	long long units, staff, persons, akter, closed, insatser, notes;
	long long gp, signatures, followups;
	long long big_akt, big_notes; /* the akt with the most notes */
};

/* The sizes: "small" (demo, ~200 persons) or "large" (benchmark). */
int sd_fixture_size(struct sd_fixture_opts *o, const char *size);

/*
 * Fill the freshly created (migrated, empty) database of ctx as of
 * ctx->today, in one transaction.  Deterministic for a given seed, size
 * and today.  Sets *st.
 */
int sd_fixture_generate(struct sd_ctx *ctx, const struct sd_fixture_opts *o,
			struct sd_fixture_stats *st);

/*
 * Check a database the way an auditor would, without trusting it: every
 * personnummer valid, every journal's hash chain intact (recomputed with
 * sd_note_hash), insats dates in order, in a read transaction of its
 * own (outside any other).  Returns 0 when all is well,
 * SD_EX_FALSE with the first problem in ctx->err, or an error code.
 * Counts go to *akter and *notes.
 */
int sd_fixture_check(struct sd_ctx *ctx, long long *akter, long long *notes);

#endif
