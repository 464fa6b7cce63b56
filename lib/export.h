/*
 * export.h - an akt as one document that people outside the toolkit can
 * read and verify: Markdown, HTML (cmark, safe), PDF (cairo + pango,
 * optionally PDF/A-2B through ghostscript) and JSON with the hash chain.
 *
 * Every export ends with the verification block (number of notes, head
 * hash, hash format version, result of verifying the chain at export
 * time) and is written to the access log.
 */
#ifndef SD_EXPORT_H
#define SD_EXPORT_H

#include "socdok.h"

/* The document formats. */
enum sd_export_fmt {
	SD_EXPORT_MD = 0,
	SD_EXPORT_HTML,
	SD_EXPORT_PDF,
	SD_EXPORT_JSON
};

/* What to include: everything, only the journal, or only the plans. */
enum sd_export_only { SD_EXPORT_ALL = 0, SD_EXPORT_JOURNAL, SD_EXPORT_GP };

/* PDF/A conversion (PDF only). */
enum sd_export_pdfa {
	SD_PDFA_NO = 0,      /* plain PDF */
	SD_PDFA_REQUIRE,     /* PDF/A-2B, EX_UNAVAILABLE when gs is missing */
	SD_PDFA_IF_AVAILABLE /* PDF/A-2B when gs is installed, else plain PDF */
};

/* Options of one export; a zeroed struct means "everything, no PDF/A". */
struct sd_export_opts {
	const char *since; /* YYYY-MM-DD: notes with event date >= since */
	const char *until; /* YYYY-MM-DD: notes with event date <= until */
	enum sd_export_only only; /* sections to include */
	enum sd_export_pdfa pdfa; /* PDF/A for SD_EXPORT_PDF */
	int unlogged;      /* no access-log line: the caller writes it (gallra,
			      whose packages are built outside a write) */
	int ask_protected; /* refuse a protected akt (akt-export without
			      --confirm-protected) */
	int for_person;    /* a copy handed to the person: an export-copy
			      fact (akt-export --for-person) */
	const long long *mask; /* seqs of the notes whose text the copy
				  masks (OSL 26 kap.), ascending */
	size_t nmask;
};

/* What a masked note's text reads in an export (akt-export --mask). */
#define SD_EXPORT_MASKED "Maskerad (OSL 26 kap.)"

/*
 * Export akt in fmt to path, inside the caller's transaction (it only
 * reads, and appends one access-log line).  The actor must be allowed
 * to see the akt's unit (an arkivarie sees all); closed akter are
 * exported too.  The file is written beside path and renamed into
 * place, so a failure leaves no partial file.  Returns 0 or a sysexits
 * code with ctx->err set.
 */
int sd_export_file(struct sd_ctx *ctx, long long akt, enum sd_export_fmt fmt,
		   const struct sd_export_opts *o, const char *path);

/*
 * sd_export_file without the file: the export into *data (initialized
 * by the caller, who frees it and writes it, akt-export to stdout for
 * "-").  path is where it goes, for the temporary files of PDF/A ("-":
 * the current directory).
 */
int sd_export_data(struct sd_ctx *ctx, long long akt, enum sd_export_fmt fmt,
		   const struct sd_export_opts *o, const char *path,
		   struct sd_buf *data);

/*
 * sd_export_data written into fp (akt-export: stdout), a Markdown
 * document as it is built, in pieces, instead of whole; the other
 * formats whole once built.  Nothing is written when the export fails
 * before its document begins (a missing or refused akt, a failed read).
 * A failed write is EX_IOERR "write error: REASON" with ctx->err set,
 * fp's unwritten output dropped and its error cleared; the caller
 * flushes fp.
 */
int sd_export_stream(struct sd_ctx *ctx, long long akt, enum sd_export_fmt fmt,
		     const struct sd_export_opts *o, const char *path,
		     FILE *fp);

/*
 * The notes --mask names for akt: each of refs a note's number in the
 * akt ("17") or "AKT:NOTE", several separated by commas; into *seqs
 * (malloc'ed, ascending, each once; *n of them).  EX_USAGE when
 * malformed or of another akt, EX_NOINPUT when the akt has no such note.
 */
int sd_export_mask_parse(struct sd_ctx *ctx, long long akt, char *const *refs,
			 long long **seqs, size_t *n);

/* Parse "md", "html", "pdf" or "json" (EX_USAGE naming them otherwise). */
int sd_export_fmt_parse(struct sd_ctx *ctx, const char *s,
			enum sd_export_fmt *out);

/* The file name extension of fmt without the dot ("md", "html", ...). */
const char *sd_export_ext(enum sd_export_fmt fmt);

/*
 * The stable file name of an akt's export, without a personnummer or a
 * name: "akt-<id>.<ext>", into buf.
 */
char *sd_export_name(long long akt, enum sd_export_fmt fmt, char *buf,
		     size_t n);

/* The result of verifying a hash chain, in the database or in an export. */
struct sd_export_check {
	int ok;          /* 1 when every hash and link checked holds */
	int complete;    /* 1 when the notes are the whole chain */
	long long akt;   /* the akt */
	long long notes; /* notes checked */
	long long total; /* notes in the akt (at export time) */
	char head[SD_HASH_HEX_SIZE]; /* the head hash: of the last note, or
					zeros */
	long long broken_seq;        /* the first note that fails; 0 when ok */
	char what[512];              /* what differs, for a person */
	/* The akt's chain of every record (hash_version 2). */
	long long records;               /* records checked (0: none) */
	char akt_head[SD_HASH_HEX_SIZE]; /* hash of the last record */
	long long broken_record; /* the first record that fails; 0: none */
	long long masked;        /* notes masked in the export (--mask): their
				    hash held by a record, their text not there */
};

/*
 * Re-verify a JSON export from the file alone (no database): walk its
 * notes with sd_chain_step (every hash recomputed, each link between
 * consecutive notes checked, a defect worded as akt-verify words it)
 * and, when the export holds the whole chain, compare the head hash its
 * verification block states; then the records of the akt's chain
 * (hash_version 2) the same way, each note bound to its record.  Returns 0 when
 * the file could be checked (the answer in out->ok), else a sysexits code with
 * ctx->err set.
 */
int sd_export_verify_json(struct sd_ctx *ctx, const char *path,
			  struct sd_export_check *out);

/* 1 when ghostscript (gs, or $SOCDOK_GS) can be run for PDF/A. */
int sd_export_pdfa_available(void);

#endif
