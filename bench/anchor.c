/*
 * bench/anchor.c - the anchors of bench/run: the least a program can do
 * for the same work as socdok, so that socdok's time is read as a ratio
 * to it (issue 17).  Not part of socdok: no access control, no access
 * log, no checks; built by bench/run with the system's compiler, three
 * times: "anchor" links SQLite alone (show, journal, gp, list, due,
 * audit, purge), -DANCHOR_ADD adds GNU Nettle (add, insats: the same
 * SHA-256 library socdok hashes with, so both sides pay for the same
 * hash), -DANCHOR_CMARK adds libcmark (cmark), so that each anchor loads
 * only what its work needs.
 *
 *   anchor show DB AKT            the query of akt-show, printed as text
 *   anchor journal DB AKT         journal-show: every note of AKT with
 *                                 the notes it corrects and is corrected by
 *   anchor gp DB AKT              gp-show: the latest plan version with
 *                                 its status, signatures, last follow-up
 *   anchor list DB                akt-list: every akt with its person,
 *                                 unit and kontaktperson, by name
 *   anchor due DB FILE            followup-due: the SQL of FILE (e.g.
 *                                 followup-hand.sql; lines of the sqlite3
 *                                 shell's dot commands skipped), each row
 *                                 printed tab-separated
 *   anchor audit DB AKT           audit-log --akt: the access-log lines
 *                                 of AKT and the lists that showed it
 *   anchor add DB AKT LOGIN N F   N notes of the text in file F appended
 *                                 to AKT's chain in one transaction, each
 *                                 with its SHA-256 (docs/hash-format.md)
 *   anchor batch DB LOGIN FILE    the same for each line of FILE, a batch
 *                                 of journal-add --batch (AKT, category,
 *                                 event date, text with its escapes), in
 *                                 one transaction
 *   anchor insats DB AKT LOGIN KIND DATE
 *                                 insats-add: the INSERT of the insats
 *                                 and its record appended to AKT's chain
 *                                 (format v2), one transaction
 *   anchor purge DB FILE          raw DELETEs of the akter listed in FILE
 *                                 (one id a line) and of their persons
 *                                 when no akt is left, then the erase
 *                                 gallra does (checkpoint, incremental
 *                                 vacuum, checkpoint)
 *   anchor cmark FILE             Markdown to HTML with libcmark (safe)
 *
 * With ANCHOR_DAMAGE_CHECK set in the environment, add, batch and insats
 * first do what issue 16 asks of every write (lib/check.c): a file of up
 * to 8 192 pages gets PRAGMA quick_check on a connection of its own, and
 * a damaged file is not written.  bench/run prints those rows beside the
 * bare ones, so that the check's cost is read apart from socdok's own.
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

#ifdef ANCHOR_ADD
/* Issue 16's check before a write, when ANCHOR_DAMAGE_CHECK is set. */
static void
damage_check(const char *path)
{
	sqlite3 *db;
	sqlite3_stmt *st;

	if (!getenv("ANCHOR_DAMAGE_CHECK"))
		return;
	db = open_db(path);
	st = prep(db, "PRAGMA page_count");
	if (sqlite3_step(st) != SQLITE_ROW)
		die(db, "page_count");
	if (sqlite3_column_int64(st, 0) <= 8192) {
		sqlite3_finalize(st);
		st = prep(db, "PRAGMA quick_check");
		if (sqlite3_step(st) != SQLITE_ROW ||
		    strcmp(col(st, 0), "ok") != 0)
			die(db, "the database is damaged");
	}
	sqlite3_finalize(st);
	sqlite3_close(db);
}
#endif

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

/* journal-show: the notes in event order, each with what it corrects and
 * what corrects it. */
static int
journal(int argc, char **argv)
{
	sqlite3 *db;
	sqlite3_stmt *st;

	if (argc != 2)
		return 64;
	db = open_db(argv[0]);
	exec(db, "BEGIN");
	st = prep(db, "SELECT n.seq, n.event_date, n.category, c.seq, "
		      "n.written_at, n.author_name, n.author_title, "
		      "n.behalf_name, n.behalf_title, (SELECT group_concat(r.seq, "
		      "' ') FROM (SELECT seq FROM note WHERE corrects = n.id "
		      "ORDER BY seq) r), n.body FROM note n LEFT JOIN note c ON "
		      "c.id = n.corrects WHERE n.akt_id = ? ORDER BY "
		      "n.event_date, n.seq");
	sqlite3_bind_int64(st, 1, atoll(argv[1]));
	while (sqlite3_step(st) == SQLITE_ROW)
		printf("%s:%s  %s  %s  %s\n     written %s by %s (%s) %s %s\n"
		       "     corrected by %s\n\n%s\n\n",
		       argv[1], col(st, 0), col(st, 1), col(st, 2), col(st, 3),
		       col(st, 4), col(st, 5), col(st, 6), col(st, 7),
		       col(st, 8), col(st, 9), col(st, 10));
	sqlite3_finalize(st);
	exec(db, "COMMIT");
	sqlite3_close(db);
	return 0;
}

/* gp-show: the latest version of the plan, its signatures, its last
 * follow-up, its text. */
static int
gp(int argc, char **argv)
{
	sqlite3 *db;
	sqlite3_stmt *st, *s2;
	long long id;

	if (argc != 2)
		return 64;
	db = open_db(argv[0]);
	exec(db, "BEGIN");
	st = prep(db, "SELECT v.id, v.version, v.versions, v.plan_date, "
		      "v.written_at, v.author_name, v.author_title, "
		      "v.established, v.replaced, v.replaced_by_version, "
		      "v.replaced_by, g.body FROM gp_version v JOIN gp g ON "
		      "g.id = v.id WHERE v.id = (SELECT id FROM gp WHERE "
		      "akt_id = ? ORDER BY version DESC LIMIT 1)");
	sqlite3_bind_int64(st, 1, atoll(argv[1]));
	if (sqlite3_step(st) != SQLITE_ROW)
		die(db, "no plan");
	id = sqlite3_column_int64(st, 0);
	printf("plan: %s\nakt: %s\nversion: %s of %s\nplan date: %s\n"
	       "written: %s by %s (%s)\nstatus: %s\nreplaced: %s %s %s\n",
	       col(st, 0), argv[1], col(st, 1), col(st, 2), col(st, 3),
	       col(st, 4), col(st, 5), col(st, 6), col(st, 7), col(st, 8),
	       col(st, 9), col(st, 10));
	s2 = prep(db, "SELECT signer, name, sign_date, declined FROM "
		      "gp_signature WHERE gp_id = ? ORDER BY sign_date, id");
	sqlite3_bind_int64(s2, 1, id);
	while (sqlite3_step(s2) == SQLITE_ROW)
		printf("signed: %s %s %s %s\n", col(s2, 0), col(s2, 1),
		       col(s2, 2), col(s2, 3));
	sqlite3_finalize(s2);
	s2 = prep(db, "SELECT fdate, kind FROM followup WHERE gp_id = ? "
		      "ORDER BY fdate DESC, id DESC LIMIT 1");
	sqlite3_bind_int64(s2, 1, id);
	if (sqlite3_step(s2) == SQLITE_ROW)
		printf("last follow-up: %s (%s)\n", col(s2, 0), col(s2, 1));
	sqlite3_finalize(s2);
	printf("\n%s", col(st, 11));
	sqlite3_finalize(st);
	exec(db, "COMMIT");
	sqlite3_close(db);
	return 0;
}

/* akt-list: every akt, by the person's name (byte order: no collation). */
static int
list(int argc, char **argv)
{
	sqlite3 *db;
	sqlite3_stmt *st;

	if (argc != 1)
		return 64;
	db = open_db(argv[0]);
	exec(db, "BEGIN");
	st = prep(db, "SELECT a.id, p.pnr, iif(a.protected, '(skyddad)', "
		      "p.name) AS n, u.name, a.regime, k.login, a.opened, "
		      "a.closed FROM akt a JOIN person p ON p.id = a.person_id "
		      "JOIN unit u ON u.id = a.unit_id LEFT JOIN staff k ON "
		      "k.id = a.kontaktperson ORDER BY n, a.id");
	while (sqlite3_step(st) == SQLITE_ROW)
		printf("%s  %s  %s  %s  %s  %s  %s  %s\n", col(st, 0),
		       col(st, 1), col(st, 2), col(st, 3), col(st, 4),
		       col(st, 5), col(st, 6), col(st, 7));
	sqlite3_finalize(st);
	exec(db, "COMMIT");
	sqlite3_close(db);
	return 0;
}

/* followup-due: the statements of a file of SQL, every row printed. */
static int
due(int argc, char **argv)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	char *sql, *p, *q;
	const char *tail;

	if (argc != 2)
		return 64;
	sql = slurp(argv[1]);
	/* the sqlite3 shell's dot commands are blanked */
	for (p = sql; *p; p = q + (*q == '\n')) {
		q = p + strcspn(p, "\n");
		if (*p == '.')
			memset(p, ' ', (size_t)(q - p));
	}
	db = open_db(argv[0]);
	exec(db, "BEGIN");
	for (tail = sql; *tail;) {
		if (sqlite3_prepare_v2(db, tail, -1, &st, &tail) != SQLITE_OK)
			die(db, argv[1]);
		if (!st)
			break;
		while (sqlite3_step(st) == SQLITE_ROW)
			for (int i = 0, n = sqlite3_column_count(st); i < n; i++)
				printf("%s%c", col(st, i),
				       i + 1 < n ? '\t' : '\n');
		sqlite3_finalize(st);
	}
	exec(db, "COMMIT");
	sqlite3_close(db);
	free(sql);
	return 0;
}

/* audit-log --akt: the lines about the akt and the lists that showed it. */
static int
audit(int argc, char **argv)
{
	sqlite3 *db;
	sqlite3_stmt *st;

	if (argc != 2)
		return 64;
	db = open_db(argv[0]);
	exec(db, "BEGIN");
	st = prep(db, "SELECT id, at, login, program, akt_id, what FROM "
		      "access_log WHERE akt_id = ?1 UNION ALL SELECT l.id, "
		      "l.at, l.login, l.program, s.akt_id, l.what FROM "
		      "access_shown s JOIN access_log l ON l.id = s.log_id "
		      "WHERE s.akt_id = ?1 ORDER BY 1");
	sqlite3_bind_int64(st, 1, atoll(argv[1]));
	while (sqlite3_step(st) == SQLITE_ROW)
		printf("%s  %s  %s  %s  %s\n", col(st, 1), col(st, 2),
		       col(st, 3), col(st, 4), col(st, 5));
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

	damage_check(path);
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

/* The row st stands on as a record's body (docs/hash-format.md). */
static size_t
render(sqlite3_stmt *st, char *out, size_t cap)
{
	size_t len = 0;

	for (int i = 0; i < sqlite3_column_count(st); i++) {
		const char *v = (const char *)sqlite3_column_text(st, i);
		if (!v)
			continue;
		len += (size_t)snprintf(out + len, cap - len, "%s: ",
					sqlite3_column_name(st, i));
		for (; *v && len + 3 < cap; v++) {
			if (*v == '\\' || *v == '\n')
				out[len++] = '\\';
			out[len++] = *v == '\n' ? 'n' : *v;
		}
		len += (size_t)snprintf(out + len, cap - len, "\n");
	}
	return len;
}

/* insats-add: the INSERT, then its record appended to the akt's chain. */
static int
insats(int argc, char **argv)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	char now[21], prev[65], hash[65], body[4096], buf[8192];
	long long akt, id, seq = 1, me;
	unsigned char md[32];
	struct sha256_ctx sha;
	size_t blen;
	int len;
	time_t t = time(NULL);

	if (argc != 5)
		return 64;
	damage_check(argv[0]);
	db = open_db(argv[0]);
	akt = atoll(argv[1]);
	strftime(now, sizeof now, "%Y-%m-%dT%H:%M:%SZ", gmtime(&t));
	exec(db, "PRAGMA foreign_keys=ON; PRAGMA secure_delete=ON; "
		 "PRAGMA synchronous=NORMAL");
	exec(db, "BEGIN IMMEDIATE");
	st = prep(db, "SELECT id FROM staff WHERE login = ?");
	sqlite3_bind_text(st, 1, argv[2], -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_ROW)
		die(db, "no such staff");
	me = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	st = prep(db, "INSERT INTO insats(akt_id, kind, decided, created_at, "
		      "created_by) VALUES (?,?,?,?,?)");
	sqlite3_bind_int64(st, 1, akt);
	sqlite3_bind_text(st, 2, argv[3], -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, argv[4], -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, now, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 5, me);
	if (sqlite3_step(st) != SQLITE_DONE)
		die(db, "insert");
	sqlite3_finalize(st);
	id = sqlite3_last_insert_rowid(db);
	st = prep(db, "SELECT * FROM insats WHERE id = ?");
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) != SQLITE_ROW)
		die(db, "insats");
	blen = render(st, body, sizeof body);
	sqlite3_finalize(st);
	memcpy(prev, "0000000000000000000000000000000000000000000000000"
		     "000000000000000", 65);
	st = prep(db, "SELECT seq, hash FROM chain_record WHERE akt_id = ? "
		      "ORDER BY seq DESC LIMIT 1");
	sqlite3_bind_int64(st, 1, akt);
	if (sqlite3_step(st) == SQLITE_ROW) {
		seq = sqlite3_column_int64(st, 0) + 1;
		snprintf(prev, sizeof prev, "%s", col(st, 1));
	}
	sqlite3_finalize(st);
	len = snprintf(buf, sizeof buf,
		       "socdok-record-v2\nakt: %lld\nseq: %lld\nkind: insats\n"
		       "ref: %lld\nwritten_at: %s\nlogin: %s\nprev: %s\n"
		       "body_bytes: %zu\n\n%s",
		       akt, seq, id, now, argv[2], prev, blen, body);
	sha256_init(&sha);
	sha256_update(&sha, (size_t)len, (const uint8_t *)buf);
	sha256_digest(&sha, sizeof md, md);
	for (int k = 0; k < 32; k++) {
		hash[2 * k] = hexdigit[md[k] >> 4];
		hash[2 * k + 1] = hexdigit[md[k] & 15];
	}
	hash[64] = '\0';
	st = prep(db, "INSERT INTO chain_record(akt_id, seq, kind, ref, "
		      "written_at, login, body, hash_version, prev_hash, hash) "
		      "VALUES (?,?,'insats',?,?,?,?,2,?,?)");
	sqlite3_bind_int64(st, 1, akt);
	sqlite3_bind_int64(st, 2, seq);
	sqlite3_bind_int64(st, 3, id);
	sqlite3_bind_text(st, 4, now, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, argv[2], -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, body, (int)blen, SQLITE_STATIC);
	sqlite3_bind_text(st, 7, prev, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 8, hash, -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_DONE)
		die(db, "chain_record");
	sqlite3_finalize(st);
	/* the trigger's queue entry, flushed */
	exec(db, "DELETE FROM chain_pending");
	exec(db, "COMMIT");
	sqlite3_close(db);
	printf("%lld\n", id);
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
	else if (argc >= 2 && strcmp(argv[1], "journal") == 0)
		rc = journal(argc - 2, argv + 2);
	else if (argc >= 2 && strcmp(argv[1], "gp") == 0)
		rc = gp(argc - 2, argv + 2);
	else if (argc >= 2 && strcmp(argv[1], "list") == 0)
		rc = list(argc - 2, argv + 2);
	else if (argc >= 2 && strcmp(argv[1], "due") == 0)
		rc = due(argc - 2, argv + 2);
	else if (argc >= 2 && strcmp(argv[1], "audit") == 0)
		rc = audit(argc - 2, argv + 2);
#ifdef ANCHOR_ADD
	else if (argc >= 2 && strcmp(argv[1], "insats") == 0)
		rc = insats(argc - 2, argv + 2);
#endif
	else if (argc >= 2 && strcmp(argv[1], "purge") == 0)
		rc = purge(argc - 2, argv + 2);
#ifdef ANCHOR_CMARK
	else if (argc >= 2 && strcmp(argv[1], "cmark") == 0)
		rc = cmark(argc - 2, argv + 2);
#endif
	if (rc == 64)
		fputs("usage: anchor show|journal|gp|list|due|audit|add|batch|"
		      "insats|purge|cmark ...\n", stderr);
	return rc == 0 && fflush(stdout) != 0 ? 1 : rc;
}
