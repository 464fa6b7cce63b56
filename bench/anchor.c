/*
 * bench/anchor.c - the anchors of bench/run: the least a program can do
 * for the same work as socdok, so that socdok's time is read as a ratio
 * to it (issue 17).  Not part of socdok: no access control, no access
 * log, no checks; built by bench/run with the system's compiler, three
 * times: "anchor" links SQLite alone (show, purge), -DANCHOR_ADD adds
 * GNU Nettle (add: the same SHA-256 library socdok hashes with, so both
 * sides pay for the same hash), -DANCHOR_CMARK adds libcmark (cmark), so
 * that each anchor loads only what its work needs.
 *
 *   anchor show DB AKT            the query of akt-show, printed as text
 *   anchor add DB AKT LOGIN N F   N notes of the text in file F appended
 *                                 to AKT's chain in one transaction, each
 *                                 with its SHA-256 (docs/hash-format.md)
 *   anchor batch DB LOGIN FILE    the same for each line of FILE, a batch
 *                                 of journal-add --batch (AKT, category,
 *                                 event date, text with its escapes), in
 *                                 one transaction
 *   anchor purge DB FILE          raw DELETEs of the akter listed in FILE
 *                                 (one id a line) and of their persons
 *                                 when no akt is left, then the erase
 *                                 gallra does (checkpoint, incremental
 *                                 vacuum, checkpoint)
 *   anchor cmark FILE             Markdown to HTML with libcmark (safe)
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#ifdef ANCHOR_ADD
#include <nettle/sha2.h>
#endif
#ifdef ANCHOR_CMARK
#include <cmark.h>
#endif

static void
die(sqlite3 *db, const char *what)
{
	fprintf(stderr, "anchor: %s: %s\n", what, db ? sqlite3_errmsg(db) : "");
	exit(1);
}

static sqlite3 *
open_db(const char *path)
{
	sqlite3 *db;

	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
		die(db, path);
	sqlite3_busy_timeout(db, 5000);
	return db;
}

static void
exec(sqlite3 *db, const char *sql)
{
	if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK)
		die(db, sql);
}

static sqlite3_stmt *
prep(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		die(db, sql);
	return st;
}

static const char *
col(sqlite3_stmt *st, int i)
{
	const char *s = (const char *)sqlite3_column_text(st, i);
	return s ? s : "";
}

static __attribute__((unused)) char *
slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *s = NULL;
	long n;

	if (!f || fseek(f, 0, SEEK_END) || (n = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET) || !(s = malloc((size_t)n + 1)) ||
	    fread(s, 1, (size_t)n, f) != (size_t)n) {
		fprintf(stderr, "anchor: cannot read %s\n", path);
		exit(1);
	}
	s[n] = '\0';
	fclose(f);
	return s;
}

/* akt-show: the akt with its person, unit and kontaktperson, and its insatser. */
static int
show(int argc, char **argv)
{
	sqlite3 *db;
	sqlite3_stmt *st;

	if (argc != 2)
		return 64;
	db = open_db(argv[0]);
	exec(db, "BEGIN");
	st = prep(db, "SELECT a.id, p.name, p.pnr, u.name, a.regime, k.name, "
		      "k.login, a.opened, a.closed FROM akt a JOIN person p ON "
		      "p.id = a.person_id JOIN unit u ON u.id = a.unit_id "
		      "LEFT JOIN staff k ON k.id = a.kontaktperson WHERE a.id = ?");
	sqlite3_bind_int64(st, 1, atoll(argv[1]));
	if (sqlite3_step(st) != SQLITE_ROW)
		die(db, "no such akt");
	printf("akt:            %s\nperson:         %s\npersonnummer:   %s\n"
	       "unit:           %s\nregime:         %s\n"
	       "kontaktperson:  %s (%s)\nopened:         %s\n"
	       "closed:         %s\n",
	       col(st, 0), col(st, 1), col(st, 2), col(st, 3), col(st, 4),
	       col(st, 5), col(st, 6), col(st, 7), col(st, 8));
	sqlite3_finalize(st);
	st = prep(db, "SELECT id, kind, decided, ordered, started, ended, "
		      "handlaggare, goal FROM insats WHERE akt_id = ? ORDER BY "
		      "decided, id");
	sqlite3_bind_int64(st, 1, atoll(argv[1]));
	while (sqlite3_step(st) == SQLITE_ROW)
		printf("%s  %s  %s  %s  %s  %s  %s  %s\n", col(st, 0), col(st, 1),
		       col(st, 2), col(st, 3), col(st, 4), col(st, 5),
		       col(st, 6), col(st, 7));
	sqlite3_finalize(st);
	exec(db, "COMMIT");
	sqlite3_close(db);
	return 0;
}

#ifdef ANCHOR_ADD
static const char hexdigit[] = "0123456789abcdef";

/*
 * The next note of add (n times the text body into akt) or of batch (a
 * line of journal-add --batch from lines: AKT, category, event date and
 * the text with its escapes undone in place).  0 at the end.
 */
static int
next_note(FILE *lines, char **line, size_t *cap, long long *akt,
	  const char **cat, const char **date, const char **body)
{
	ssize_t len;
	char *f[4], *p, *o;
	int k = 0;

	if (!lines)
		return 1;
	if ((len = getline(line, cap, lines)) < 0)
		return 0;
	while (len && ((*line)[len - 1] == '\n' || (*line)[len - 1] == '\r'))
		(*line)[--len] = '\0';
	for (p = f[k++] = *line; *p && k < 4; p++)
		if (*p == '\t') {
			*p = '\0';
			f[k++] = p + 1;
		}
	if (k < 4)
		die(NULL, "a batch line needs four fields");
	for (p = o = f[3]; *p; p++)
		if (*p == '\\' && p[1]) {
			p++;
			*o++ = *p == 'n' ? '\n' : *p == 't' ? '\t' : *p;
		} else {
			*o++ = *p;
		}
	*o = '\0';
	*akt = atoll(f[0]);
	if (*f[1])
		*cat = f[1];
	if (*f[2])
		*date = f[2];
	*body = f[3];
	return 1;
}

/*
 * journal-add's insert: previous link, hash, INSERT, in one transaction;
 * n notes of the text in file (add) or each line of the file of
 * journal-add --batch (batch: n < 0).
 */
static int
add_notes(const char *path, long long akt, const char *login, long long n,
	  const char *file)
{
	sqlite3 *db;
	sqlite3_stmt *last, *ins, *me;
	char *body = NULL, *buf = NULL, *line = NULL, now[21], prev[65],
	     hash[65], name[256], title[256];
	const char *text = NULL;
	size_t cap = 0, lcap = 0;
	FILE *lines = NULL;
	time_t t = time(NULL);

	db = open_db(path);
	if (n >= 0)
		text = body = slurp(file);
	else if (!(lines = fopen(file, "r")))
		die(NULL, file);
	strftime(now, sizeof now, "%Y-%m-%dT%H:%M:%SZ", gmtime(&t));
	/* as sd_open: the same triggers and checks run for both */
	exec(db, "PRAGMA foreign_keys=ON; PRAGMA secure_delete=ON; "
		 "PRAGMA synchronous=NORMAL");
	/*
	 * As journal-add --batch: statement journals in memory, not in a
	 * temporary file (a varied batch wrote 53 000 pages there).
	 */
	if (lines)
		exec(db, "PRAGMA temp_store=MEMORY");
	exec(db, "BEGIN IMMEDIATE");
	me = prep(db, "SELECT name, title FROM staff WHERE login = ?");
	sqlite3_bind_text(me, 1, login, -1, SQLITE_STATIC);
	if (sqlite3_step(me) != SQLITE_ROW)
		die(db, "no such staff");
	snprintf(name, sizeof name, "%s", col(me, 0));
	snprintf(title, sizeof title, "%s", col(me, 1));
	sqlite3_finalize(me);
	last = prep(db, "SELECT seq, hash FROM note WHERE akt_id = ? ORDER BY "
			"seq DESC LIMIT 1");
	ins = prep(db, "INSERT INTO note(akt_id, seq, event_date, written_at, "
		       "author_login, author_name, author_title, category, "
		       "body, hash_version, prev_hash, hash) VALUES "
		       "(?,?,?,?,?,?,?,?,?,1,?,?)");
	for (long long i = 0; n < 0 || i < n; i++) {
		const char *cat = "händelse", *date = now;
		long long seq = 1;
		unsigned char md[32];
		struct sha256_ctx sha;
		size_t need;
		int len;

		if (!next_note(lines, &line, &lcap, &akt, &cat, &date, &text))
			break;
		need = strlen(text) + 4096;
		if (need > cap)
			buf = realloc(buf, cap = need);
		sqlite3_bind_int64(last, 1, akt);
		memcpy(prev, "0000000000000000000000000000000000000000000000000"
			     "000000000000000", 65);
		if (sqlite3_step(last) == SQLITE_ROW) {
			seq = sqlite3_column_int64(last, 0) + 1;
			snprintf(prev, sizeof prev, "%s", col(last, 1));
		}
		sqlite3_reset(last);
		len = snprintf(buf, cap,
			       "socdok-note-v1\nakt: %lld\nseq: %lld\n"
			       "event_date: %.10s\nwritten_at: %s\n"
			       "author_login: %s\nauthor_name: %s\n"
			       "author_title: %s\nbehalf_login: \n"
			       "behalf_name: \nbehalf_title: \n"
			       "category: %s\ncorrects: \nprev: %s\n"
			       "body_bytes: %zu\n\n%s",
			       akt, seq, date, now, login, name, title, cat,
			       prev, strlen(text), text);
		sha256_init(&sha);
		sha256_update(&sha, (size_t)len, (const uint8_t *)buf);
		sha256_digest(&sha, sizeof md, md);
		for (int k = 0; k < 32; k++) {
			hash[2 * k] = hexdigit[md[k] >> 4];
			hash[2 * k + 1] = hexdigit[md[k] & 15];
		}
		hash[64] = '\0';
		sqlite3_bind_int64(ins, 1, akt);
		sqlite3_bind_int64(ins, 2, seq);
		sqlite3_bind_text(ins, 3, date, 10, SQLITE_STATIC);
		sqlite3_bind_text(ins, 4, now, -1, SQLITE_STATIC);
		sqlite3_bind_text(ins, 5, login, -1, SQLITE_STATIC);
		sqlite3_bind_text(ins, 6, name, -1, SQLITE_STATIC);
		sqlite3_bind_text(ins, 7, title, -1, SQLITE_STATIC);
		sqlite3_bind_text(ins, 8, cat, -1, SQLITE_STATIC);
		sqlite3_bind_text(ins, 9, text, -1, SQLITE_STATIC);
		sqlite3_bind_text(ins, 10, prev, -1, SQLITE_STATIC);
		sqlite3_bind_text(ins, 11, hash, -1, SQLITE_STATIC);
		if (sqlite3_step(ins) != SQLITE_DONE)
			die(db, "insert");
		sqlite3_reset(ins);
		printf("%lld:%lld\n", akt, seq);
	}
	sqlite3_finalize(last);
	sqlite3_finalize(ins);
	exec(db, "COMMIT");
	sqlite3_close(db);
	if (lines)
		fclose(lines);
	free(line);
	free(buf);
	free(body);
	return 0;
}

static int
add(int argc, char **argv)
{
	if (argc != 5)
		return 64;
	return add_notes(argv[0], atoll(argv[1]), argv[2], atoll(argv[3]),
			 argv[4]);
}

static int
batch(int argc, char **argv)
{
	if (argc != 3)
		return 64;
	return add_notes(argv[0], 0, argv[1], -1, argv[2]);
}
#endif

static void
fn_true(sqlite3_context *c, int argc, sqlite3_value **argv)
{
	(void)argc;
	(void)argv;
	sqlite3_result_int(c, 1);
}

/* gallra's purge as set-based DELETEs, children first; then the erase. */
static int
purge(int argc, char **argv)
{
	static const char *const sql[] = {
	    "CREATE TEMP TABLE gone_person AS SELECT DISTINCT person_id AS id "
	    "FROM akt WHERE id IN gone_akt",
	    "DELETE FROM gone_person WHERE EXISTS (SELECT 1 FROM akt a WHERE "
	    "a.person_id = gone_person.id AND a.id NOT IN gone_akt)",
	    "DELETE FROM gp_signature WHERE gp_id IN (SELECT id FROM gp WHERE "
	    "akt_id IN gone_akt)",
	    "DELETE FROM followup WHERE akt_id IN gone_akt",
	    "DELETE FROM fact WHERE akt_id IN gone_akt",
	    "DELETE FROM gp WHERE akt_id IN gone_akt",
	    "DELETE FROM note WHERE akt_id IN gone_akt",
	    "DELETE FROM insats WHERE akt_id IN gone_akt",
	    "DELETE FROM never_purge_note WHERE akt_id IN gone_akt",
	    "DELETE FROM access_log WHERE akt_id IN gone_akt",
	    "DELETE FROM akt_due_facts WHERE akt_id IN gone_akt",
	    "DELETE FROM akt WHERE id IN gone_akt",
	    "DELETE FROM access_log WHERE EXISTS (SELECT 1 FROM gone_person g "
	    "JOIN person p ON p.id = g.id WHERE instr(what, p.pnr) OR "
	    "instr(what, p.name))",
	    "DELETE FROM person WHERE id IN gone_person",
	};
	sqlite3 *db;
	sqlite3_stmt *st;
	FILE *f;
	long long id;

	if (argc != 2)
		return 64;
	db = open_db(argv[0]);
	sqlite3_create_function(db, "sd_purging", 0, SQLITE_UTF8, NULL, fn_true,
				NULL, NULL);
	exec(db, "PRAGMA foreign_keys=ON; PRAGMA secure_delete=ON; "
		 "PRAGMA synchronous=NORMAL");
	exec(db, "BEGIN IMMEDIATE");
	exec(db, "CREATE TEMP TABLE gone_akt(id INTEGER PRIMARY KEY)");
	st = prep(db, "INSERT OR IGNORE INTO gone_akt VALUES (?)");
	if (!(f = fopen(argv[1], "r")))
		die(NULL, argv[1]);
	while (fscanf(f, "%lld", &id) == 1) {
		sqlite3_bind_int64(st, 1, id);
		if (sqlite3_step(st) != SQLITE_DONE)
			die(db, "gone_akt");
		sqlite3_reset(st);
	}
	fclose(f);
	sqlite3_finalize(st);
	for (size_t i = 0; i < sizeof sql / sizeof *sql; i++)
		exec(db, sql[i]);
	exec(db, "COMMIT");
	exec(db, "PRAGMA wal_checkpoint(TRUNCATE)");
	exec(db, "PRAGMA incremental_vacuum");
	exec(db, "PRAGMA wal_checkpoint(TRUNCATE)");
	sqlite3_close(db);
	return 0;
}

#ifdef ANCHOR_CMARK
static int
cmark(int argc, char **argv)
{
	char *md, *html;

	if (argc != 1)
		return 64;
	md = slurp(argv[0]);
	html = cmark_markdown_to_html(md, strlen(md), CMARK_OPT_DEFAULT);
	fputs(html, stdout);
	free(html);
	free(md);
	return 0;
}
#endif

int
main(int argc, char **argv)
{
	int rc = 64;

	if (argc >= 2 && strcmp(argv[1], "show") == 0)
		rc = show(argc - 2, argv + 2);
#ifdef ANCHOR_ADD
	else if (argc >= 2 && strcmp(argv[1], "add") == 0)
		rc = add(argc - 2, argv + 2);
	else if (argc >= 2 && strcmp(argv[1], "batch") == 0)
		rc = batch(argc - 2, argv + 2);
#endif
	else if (argc >= 2 && strcmp(argv[1], "purge") == 0)
		rc = purge(argc - 2, argv + 2);
#ifdef ANCHOR_CMARK
	else if (argc >= 2 && strcmp(argv[1], "cmark") == 0)
		rc = cmark(argc - 2, argv + 2);
#endif
	if (rc == 64)
		fputs("usage: anchor show|add|batch|purge|cmark ...\n", stderr);
	return rc == 0 && fflush(stdout) != 0 ? 1 : rc;
}
