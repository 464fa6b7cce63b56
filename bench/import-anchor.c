/*
 * bench/import-anchor.c - the anchor for bench/import: raw SQLite insert
 * speed for journal notes, a plain INSERT loop of N rows into the note
 * table of DB (akter 1..A), one prepared statement, one transaction.
 *
 *   cc -O2 -o import-anchor import-anchor.c -lsqlite3
 *   import-anchor DB N A [mem]
 *
 * The note trigger makes each INSERT keep a statement journal, which
 * SQLite writes to a temporary file by default (about ten pwrite calls
 * a row); with "mem" it is kept in memory (PRAGMA temp_store), as
 * socdok-import does: the stricter anchor.
 */
#include <string.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>

int
main(int argc, char **argv)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	long long n, akter, *seq;
	char body[128], date[11];

	if (argc != 4 && !(argc == 5 && strcmp(argv[4], "mem") == 0))
		return 64;
	n = atoll(argv[2]);
	akter = atoll(argv[3]);
	seq = calloc((size_t)akter + 1, sizeof *seq);
	if (sqlite3_open(argv[1], &db) != SQLITE_OK)
		return 66;
	if (argc == 5)
		sqlite3_exec(db, "PRAGMA temp_store=MEMORY", NULL, NULL, NULL);
	sqlite3_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
			 "PRAGMA foreign_keys=ON; DROP TRIGGER IF EXISTS "
			 "note_no_update; BEGIN",
		     NULL, NULL, NULL);
	if (sqlite3_prepare_v2(db,
			       "INSERT INTO note(akt_id, seq, event_date, "
			       "written_at, author_login, author_name, "
			       "author_title, category, body, hash_version, "
			       "prev_hash, hash) VALUES (?, ?, ?, ?, '', ?, ?, "
			       "'händelse', ?, 1, ?, ?)",
			       -1, &st, NULL) != SQLITE_OK) {
		fprintf(stderr, "%s\n", sqlite3_errmsg(db));
		return 70;
	}
	for (long long i = 0; i < n; i++) {
		long long a = 1 + (i * akter) / n;
		snprintf(date, sizeof date, "20%02lld-%02lld-%02lld", 10 + i % 10,
			 1 + i % 12, 1 + i % 28);
		snprintf(body, sizeof body,
			 "Anteckning %lld om dagen: promenad, lunch och samtal "
			 "med kontaktpersonen.",
			 i);
		sqlite3_bind_int64(st, 1, a);
		sqlite3_bind_int64(st, 2, ++seq[a]);
		sqlite3_bind_text(st, 3, date, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 4, "2020-01-01T12:00:00Z", -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 5, "Kalle Gammal", -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 6, "undersköterska", -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 7, body, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 8, "0000000000000000000000000000000000000000000000000000000000000000", -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 9, "1111111111111111111111111111111111111111111111111111111111111111", -1, SQLITE_STATIC);
		if (sqlite3_step(st) != SQLITE_DONE) {
			fprintf(stderr, "%s\n", sqlite3_errmsg(db));
			return 70;
		}
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	if (sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
		return 74;
	sqlite3_close(db);
	free(seq);
	return 0;
}
