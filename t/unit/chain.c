/*
 * Unit tests for lib/hash.c and lib/chain-walk.c: the golden vector of
 * docs/hash-format.md, and each kind of defect the chain walker names.
 */
#include "chain.h"
#include "head.h"
#include "socdok.h"
#include "tap.h"

/* The example of docs/hash-format.md (printf | sha256sum). */
#define GOLDEN                                                                 \
	"724edd1789d1edee9f0e478b64205ee69de50367014c5b1690de9004f6874bea"

/* The record example of docs/hash-format.md (hash_version 2). */
#define GOLDEN2                                                                \
	"792e5352aa0f52930ed3916fa51b651532043192b8029986dff9aadf5a5bd07b"

/* The log-chain and head examples of docs/hash-format.md. */
#define GOLDEN_LOG                                                             \
	"a266c83b52db26ea785db1ab8e5a7ea694dc149900cbeb54490d383f8d5b05f8"
#define GOLDEN_HEAD                                                            \
	"8565094f9f2e6be2571046118168957d8871be4507bdea171139a1df6e569902"

#define N 4
static struct sd_note notes[N];
static char hashes[N][SD_HASH_HEX_SIZE], prevs[N][SD_HASH_HEX_SIZE];

/* A chain of N intact notes in akt 7; note 3 corrects note 1. */
static void
make_chain(void)
{
	for (int i = 0; i < N; i++) {
		struct sd_note *n = &notes[i];
		memset(n, 0, sizeof *n);
		n->akt = 7;
		n->seq = i + 1;
		n->event_date = "2026-03-02";
		n->written_at = "2026-03-02T08:00:00Z";
		n->author_login = "sara";
		n->author_name = "Sara Samordnare";
		n->author_title = "undersköterska";
		n->category = i == 2 ? "rättelse" : "händelse";
		n->corrects_seq = i == 2 ? 1 : 0;
		n->corrects_id = i == 2 ? 101 : 0;
		n->body = i % 2 ? "Åsa gick ut.\n" : "Åsa åt frukost.";
		n->hash_version = SD_HASH_VERSION;
		snprintf(prevs[i], 65, "%s", i ? hashes[i - 1] : SD_HASH_ZERO);
		n->prev_hash = prevs[i];
		sd_hash_note(n, hashes[i]);
		n->hash = hashes[i];
	}
}

/* Walk notes[from..N) except skip (a seq), return the walker's answer. */
static int
walk(struct sd_chain *c, int gaps_ok, long long skip)
{
	int rc = 0;
	sd_chain_init(c, 7, gaps_ok);
	for (int i = 0; i < N; i++)
		if (notes[i].seq != skip)
			rc = sd_chain_step(c, &notes[i]);
	return rc;
}

int
main(void)
{
	struct sd_note n = {0};
	struct sd_chain c;
	char h[SD_HASH_HEX_SIZE];

	n.akt = 1;
	n.seq = 1;
	n.event_date = "2026-03-02";
	n.written_at = "2026-03-02T08:00:00Z";
	n.author_login = "sara";
	n.author_name = "Sara Samordnare";
	n.author_title = "undersköterska";
	n.category = "händelse";
	n.prev_hash = SD_HASH_ZERO;
	n.body = "Åsa gick ut.";
	is_int(sd_hash_note(&n, h), 0, "the golden note hashes");
	is_str(h, GOLDEN, "golden vector of docs/hash-format.md");
	n.behalf_login = n.behalf_name = n.behalf_title = "";
	sd_hash_note(&n, h);
	is_str(h, GOLDEN, "an empty on-behalf-of hashes as none");

	make_chain();
	is_int(walk(&c, 0, 0), 0, "an intact chain passes");
	is_int(c.defect, SD_CHAIN_INTACT, "no defect");
	is_int(c.notes, N, "every note counted");
	is_str(c.head, hashes[N - 1], "head is the last hash");
	is_int(c.broken_seq, 0, "no broken note");
	ok(c.complete, "complete");

	sd_chain_init(&c, 7, 0);
	is_str(c.head, SD_HASH_ZERO, "an empty chain's head is 64 zeros");

	/* A gap: note 2 removed. */
	is_int(walk(&c, 0, 2), 1, "a removed note breaks the chain");
	is_int(c.defect, SD_CHAIN_GAP, "gap found");
	is_int(c.broken_seq, 2, "at the missing note");
	is_str(c.what,
	       "note 7:2 is missing (the next is 7:3): a note was removed",
	       "gap wording");
	is_int(c.notes, N - 1, "notes after the defect still counted");
	is_str(c.head, hashes[N - 1], "head still the last note's");

	/* A selection may leave note 2 out; the hashes still hold. */
	is_int(walk(&c, 1, 2), 0, "a selection without note 2 holds");
	ok(!c.complete, "but is not complete");
	is_int(c.seq, N, "up to the last note");

	/* Out of order. */
	sd_chain_init(&c, 7, 1);
	sd_chain_step(&c, &notes[1]);
	is_int(sd_chain_step(&c, &notes[0]), 1,
	       "a note before the last breaks");
	is_int(c.defect, SD_CHAIN_ORDER, "order found");
	is_str(c.what,
	       "note 7:1 comes after note 7:2: the notes are out of order",
	       "order wording");

	/* An unknown hash format. */
	make_chain();
	notes[1].hash_version = 2;
	is_int(walk(&c, 0, 0), 1, "an unknown version breaks");
	is_int(c.defect, SD_CHAIN_VERSION, "version found");
	is_int(c.broken_seq, 2, "at note 2");
	is_str(c.what, "hash format version 2 is unknown (this socdok knows 1)",
	       "version wording");

	/* The first note's prev not zeros: notes before it removed. */
	make_chain();
	is_int(walk(&c, 0, 1), 1, "a chain starting at 2 is not whole");
	is_int(c.defect, SD_CHAIN_GAP, "as a gap at note 1");
	notes[0].prev_hash = hashes[3];
	is_int(walk(&c, 0, 0), 1, "a first note with a prev breaks");
	is_int(c.defect, SD_CHAIN_FIRST, "first-note defect found");
	is_int(c.broken_seq, 1, "at note 1");
	ok(strstr(c.what, "but the first note's prev is 64 zeros: notes before "
			  "it were removed") != NULL,
	   "first-note wording");

	/* A link changed. */
	make_chain();
	notes[2].prev_hash = hashes[0];
	is_int(walk(&c, 0, 0), 1, "a wrong link breaks");
	is_int(c.defect, SD_CHAIN_LINK, "link found");
	is_int(c.broken_seq, 3, "at note 3");
	char want[512];
	snprintf(want, sizeof want,
		 "its prev is %.12s…, but note 7:2 hashes to %.12s…: that note "
		 "or this link was changed after it was written",
		 hashes[0], hashes[1]);
	is_str(c.what, want, "link wording");

	/* A rättelse of a note in another akt. */
	make_chain();
	notes[2].corrects_seq = 0;
	is_int(walk(&c, 0, 0), 1, "a correction outside the akt breaks");
	is_int(c.defect, SD_CHAIN_CORRECTS, "corrects found");
	is_str(c.what, "it corrects note id 101, which is not in akt 7",
	       "corrects wording");

	/* Content changed. */
	make_chain();
	notes[3].body = "Åsa åt middag.";
	is_int(walk(&c, 0, 0), 1, "a changed text breaks");
	is_int(c.defect, SD_CHAIN_HASH, "hash found");
	is_int(c.broken_seq, 4, "at note 4");
	sd_hash_note(&notes[3], h);
	snprintf(want, sizeof want,
		 "its content hashes to %.12s…, not to the stored %.12s…: the "
		 "note was changed after it was written",
		 h, hashes[3]);
	is_str(c.what, want, "hash wording");
	is_str(c.prev, hashes[2], "the last good hash kept");

	/* Only the first defect is named. */
	make_chain();
	notes[1].body = "x";
	notes[3].hash_version = 9;
	walk(&c, 0, 0);
	is_int(c.broken_seq, 2, "the first defect is the one named");

	/* A record of hash_version 2: the example of docs/hash-format.md. */
	struct sd_record r = {0};
	r.akt = 1;
	r.seq = 1;
	r.kind = "insats";
	r.ref = 1;
	r.written_at = "2026-03-02T08:00:00Z";
	r.login = "sara";
	r.prev_hash = SD_HASH_ZERO;
	r.body = "id: 1\nakt_id: 1\nkind: hemtjänst\ndecided: 2026-01-20\n"
		 "started: 2026-02-20\ncreated_at: 2026-01-20T09:00:00Z\n"
		 "created_by: 1\n";
	is_int(sd_record_hash(&r, h), 0, "the golden record hashes");
	is_str(h, GOLDEN2, "golden record vector of docs/hash-format.md");
	r.body = "id: 1\nakt_id: 1\nkind: hemtjänst\ndecided: 2026-01-20\n"
		 "started: 2026-02-21\ncreated_at: 2026-01-20T09:00:00Z\n"
		 "created_by: 1\n";
	sd_record_hash(&r, h);
	ok(strcmp(h, GOLDEN2) != 0, "a changed insats date changes the hash");
	r.body = "";
	r.seq = 2;
	sd_record_hash(&r, h);
	ok(strcmp(h, GOLDEN2) != 0, "so does the seq");

	/* The walk of the records, one wording per defect. */
	struct sd_record recs[3];
	char rh[3][SD_HASH_HEX_SIZE];
	struct sd_record_walk w;
	for (int i = 0; i < 3; i++) {
		recs[i] = (struct sd_record){
			.akt = 1,
			.seq = i + 1,
			.kind = "insats",
			.ref = 1,
			.written_at = "2026-03-02T08:00:00Z",
			.login = "sara",
			.prev_hash = i ? rh[i - 1] : SD_HASH_ZERO,
			.body = "id: 1\n",
			.hash_version = SD_RECORD_VERSION};
		sd_record_hash(&recs[i], rh[i]);
		recs[i].hash = rh[i];
	}
	sd_record_walk_init(&w, 1);
	for (int i = 0; i < 3; i++)
		is_int(sd_record_step(&w, &recs[i]), 0, "record %d follows",
		       i + 1);
	is_int(w.seq, 3, "the walk is at the last record");
	is_str(w.prev, rh[2], "its hash");
	sd_record_walk_init(&w, 1);
	sd_record_step(&w, &recs[0]);
	is_int(sd_record_step(&w, &recs[2]), 1, "a removed record breaks");
	is_int(w.broken, 2, "at the missing record");
	is_str(w.what,
	       "record 1:2 is missing (the next is 1:3): a record was removed",
	       "missing-record wording");
	is_int(sd_record_step(&w, &recs[1]), 1, "broken stays broken");
	is_int(w.broken, 2, "the first defect is the one named");
	recs[1].body = "id: 2\n";
	sd_record_walk_init(&w, 1);
	sd_record_step(&w, &recs[0]);
	is_int(sd_record_step(&w, &recs[1]), 1, "a changed record breaks");
	sd_record_hash(&recs[1], h);
	snprintf(want, sizeof want,
		 "record 1:2 (insats 1) hashes to %.12s…, not to the stored "
		 "%.12s…: the record was changed after it was written",
		 h, rh[1]);
	is_str(w.what, want, "changed-record wording");

	/* An entry of the access-log chain and of the chain of heads. */
	struct sd_buf body;
	sd_buf_init(&body);
	sd_buf_puts(&body, "id: 1\nab\n");
	is_int(sd_head_log_hash("access", 1, "access_log", 1, SD_HASH_ZERO,
				&body, h),
	       0, "the golden log entry hashes");
	is_str(h, GOLDEN_LOG, "golden log vector of docs/hash-format.md");
	sd_buf_free(&body);
	char aa[65];
	memset(aa, 'a', 64);
	aa[64] = '\0';
	is_int(sd_head_entry_hash(1, "2026-03-02T10:00:00Z", "akt", 1, 3, aa,
				  SD_HASH_ZERO, h),
	       0, "the golden head entry hashes");
	is_str(h, GOLDEN_HEAD, "golden head vector of docs/hash-format.md");
	sd_head_entry_hash(1, "2026-03-02T10:00:00Z", "akt", 1, 2, aa,
			   SD_HASH_ZERO, h);
	ok(strcmp(h, GOLDEN_HEAD) != 0, "a shorter chain changes the head");
	return done_testing();
}
