/*
 * export.c - an akt as one document that auditors, IVO and the person
 * can read outside the toolkit, and verify: the formats, the options,
 * and sd_export_file, which loads the akt (export-load.c), builds the
 * document (export-md.c, export-json.c, render.c, export-pdfa.c) and writes it
 * with the one atomic file writer (file.c).
 */
#include <errno.h>
#include <stdio_ext.h>
#include <stdlib.h>
#include <string.h>

#include "chain.h"
#include "cli.h"
#include "export-int.h"
#include "file.h"
#include "i18n.h"
#include "inform.h"
#include "journal.h"
#include "render.h"
#include "unit.h"

int
sd_export_fmt_parse(struct sd_ctx *ctx, const char *s, enum sd_export_fmt *out)
{
	static const char *names[] = {"md", "html", "pdf", "json"};

	if (!s) {
		*out = SD_EXPORT_MD;
		return 0;
	}
	for (int i = 0; i < 4; i++)
		if (strcmp(s, names[i]) == 0) {
			*out = (enum sd_export_fmt)i;
			return 0;
		}
	return sd_fail(
		ctx, EX_USAGE,
		_("unknown format '%s'; use one of: md, html, pdf, json"), s);
}

const char *
sd_export_ext(enum sd_export_fmt fmt)
{
	switch (fmt) {
	case SD_EXPORT_HTML: return "html";
	case SD_EXPORT_PDF: return "pdf";
	case SD_EXPORT_JSON: return "json";
	default: return "md";
	}
}

char *
sd_export_name(long long akt, enum sd_export_fmt fmt, char *buf, size_t n)
{
	snprintf(buf, n, "akt-%lld.%s", akt, sd_export_ext(fmt));
	return buf;
}

/* The PDF's bytes into a buffer (stdout, PDF/A). */
static int
to_buf(void *b, const void *data, size_t len)
{
	sd_buf_add(b, data, len);
	return 0;
}

/* The PDF's bytes into the file being written, 64 kB at a time:
 * cairo hands them over in some 160 pieces a page. */
struct pdf_file {
	struct sd_ctx *ctx;
	struct sd_file f;
	struct sd_buf b; /* not yet written */
};

static int
pdf_file_flush(struct pdf_file *pf)
{
	int rc = sd_file_write(pf->ctx, &pf->f, pf->b.s, pf->b.len);

	pf->b.len = 0;
	return rc;
}

static int
to_file(void *arg, const void *data, size_t len)
{
	struct pdf_file *pf = arg;

	sd_buf_add(&pf->b, data, len);
	return pf->b.len < 65536 ? 0 : pdf_file_flush(pf);
}

/* The document's Markdown for the PDF: d written piece by piece. */
struct pdf_source {
	struct xdoc *d;
	const struct sd_ctx *ctx;
};

static void
to_render(void *r, const char *md, size_t len)
{
	sd_render_md(r, md, len);
}

static void
pdf_source(void *arg, struct sd_render *r)
{
	const struct pdf_source *src = arg;

	sd_export_md_pieces(src->d, src->ctx, 0, to_render, r);
}

/*
 * The PDF of d, laid out as its Markdown is written (never whole): into
 * the file at path as cairo writes it when to_path (a long akt's PDF is
 * not held in memory; the file renamed into place at the end), else
 * into out (for stdout, and for ghostscript with pdfa).
 */
static int
export_pdf(struct sd_ctx *ctx, struct xdoc *d, int pdfa, const char *path,
	   int to_path, struct sd_buf *out)
{
	struct pdf_source src = {d, ctx};
	struct pdf_file pf = {.ctx = ctx};
	struct sd_pdf_meta m;
	char left[512], right[64], title[64], pnr[14];
	int rc;

	/* A page of a protected identity names no one. */
	if (d->a.protected)
		snprintf(left, sizeof left, "Personakt %lld", d->a.id);
	else
		snprintf(left, sizeof left, "%s · %s", d->a.name,
			 sd_pnr_display(d->a.pnr, pnr));
	snprintf(right, sizeof right, "Exporterad %.10s", d->now);
	/* ASCII: PDF/A conversion drops other letters here. */
	snprintf(title, sizeof title, "Personakt %lld", d->a.id);
	m.header_left = left;
	m.header_right = right;
	m.title = title;
	m.banner = d->a.protected ? SD_EXPORT_BANNER_PAGE : NULL;
	m.author = ctx->me.login;
	m.created = d->now;
	if (pdfa || !to_path) {
		rc = sd_render_pdf(ctx, pdf_source, &src, &m, to_buf, out);
		if (!rc && pdfa)
			rc = sd_export_pdfa_convert(ctx, out, path);
		return rc;
	}
	if ((rc = sd_file_open(ctx, &pf.f, path)))
		return rc;
	sd_buf_init(&pf.b);
	if ((rc = sd_render_pdf(ctx, pdf_source, &src, &m, to_file, &pf)) ||
	    (pf.b.len && (rc = pdf_file_flush(&pf))))
		sd_file_abort(&pf.f);
	else
		rc = sd_file_commit(ctx, &pf.f);
	sd_buf_free(&pf.b);
	return rc;
}

/*
 * Where a document written as it is built goes (md and html: never held
 * whole): the caller's stream (stdout), the caller's buffer
 * (sd_export_data), or the file at a path, written beside it and
 * renamed into place at the end as sd_file_write_all does.
 */
struct sink {
	struct sd_ctx *ctx;
	FILE *fp;           /* the caller's stream, or NULL */
	struct sd_buf *buf; /* or the caller's buffer, or NULL for f */
	struct sd_file f;
	int open; /* f is open */
	int rc;   /* the first failure, with ctx->err set */
};

static int
sink_open(struct sink *k, const char *path)
{
	if (k->fp || k->buf)
		return 0;
	if ((k->rc = sd_file_open(k->ctx, &k->f, path)))
		return k->rc;
	k->open = 1;
	return 0;
}

static void
sink_write(void *arg, const char *s, size_t len)
{
	struct sink *k = arg;

	if (k->rc || !len)
		return;
	if (k->buf) {
		sd_buf_add(k->buf, s, len);
		return;
	}
	if (!k->fp) {
		k->rc = sd_file_write(k->ctx, &k->f, s, len);
		return;
	}
	if (fwrite(s, 1, len, k->fp) != len) {
		/* As sd_stdout_fail: reported once, nothing more written. */
		int e = errno ? errno : EIO;
		__fpurge(k->fp);
		clearerr(k->fp);
		k->rc = sd_fail(k->ctx, EX_IOERR, _("write error: %s"),
				strerror(e));
	}
}

/* The end: the file committed (fsync, rename) or, on failure, removed. */
static int
sink_close(struct sink *k)
{
	if (!k->open)
		return k->rc;
	k->open = 0;
	if (k->rc) {
		sd_file_abort(&k->f);
		return k->rc;
	}
	return k->rc = sd_file_commit(k->ctx, &k->f);
}

static int
check_opts(struct sd_ctx *ctx, const struct sd_export_opts *o,
	   enum sd_export_fmt fmt)
{
	int d1, d2;

	if (o->since && sd_date_opt(ctx, "--since", o->since, &d1))
		return ctx->err.code;
	if (o->until && sd_date_opt(ctx, "--until", o->until, &d2))
		return ctx->err.code;
	if (o->since && o->until && d1 > d2)
		return sd_fail(ctx, EX_USAGE,
			       _("--since %s is after --until %s; swap them"),
			       o->since, o->until);
	/* Only a whole export carries the records that hold a masked
	 * note's hash. */
	if (o->nmask && (o->since || o->until || o->only))
		return sd_fail(ctx, EX_USAGE,
			       _("--mask needs an export of the whole akt, "
				 "whose records keep the masked notes' "
				 "hashes; leave out --since, --until and "
				 "--only"));
	if (o->pdfa != SD_PDFA_NO && fmt != SD_EXPORT_PDF)
		return sd_fail(ctx, EX_USAGE,
			       _("--pdfa applies to --format pdf only"));
	return 0;
}

/*
 * The export into k, or into *data: md and html are written into k as
 * they are built, a PDF into the file at path itself when k is that
 * file (with *written = 1 for both); JSON, and a PDF for another k, are
 * left in *data for the caller to write.
 */
static int
export_doc(struct sd_ctx *ctx, long long akt, enum sd_export_fmt fmt,
	   const struct sd_export_opts *o, const char *path,
	   struct sd_buf *data, int *written, struct sink *k)
{
	static const struct sd_export_opts none;
	struct xdoc d;
	struct sd_buf out;
	char what[256];
	int rc, pdfa = 0;

	if (!o)
		o = &none;
	if ((rc = check_opts(ctx, o, fmt)))
		return rc;
	memset(&d, 0, sizeof d);
	d.o = o;
	sd_now(d.now);
	if ((rc = sd_akt_load(ctx, akt, &d.a)))
		return rc;
	if (!sd_unit_may_see(ctx, d.a.unit_id))
		return sd_fail(
			ctx, EX_NOPERM,
			_("akt %lld belongs to unit '%s', which is not "
			  "yours; ask an administrator to add you to it"),
			akt, d.a.unit);
	/* A protected identity leaves the system only on purpose. */
	if (o->ask_protected && d.a.protected)
		return sd_fail(ctx, EX_USAGE,
			       _("akt %lld has a protected identity "
				 "(sekretessmarkering); add "
				 "--confirm-protected to export it"),
			       akt);
	if (fmt == SD_EXPORT_PDF && o->pdfa != SD_PDFA_NO)
		pdfa = sd_export_pdfa_available() || o->pdfa == SD_PDFA_REQUIRE;
	if (pdfa && !sd_export_pdfa_available())
		return sd_export_pdfa_missing(ctx);

	sd_buf_init(&out);

	snprintf(what, sizeof what, "exported akt as %s%s%s%s%s%s%s%s%s",
		 pdfa ? "PDF/A-2B" : sd_export_ext(fmt),
		 o->since ? ", notes from " : "", o->since ? o->since : "",
		 o->until ? ", notes until " : "", o->until ? o->until : "",
		 o->only ? ", only " : "",
		 o->only ? sd_export_only_name(o->only) : "",
		 o->for_person ? ", a copy for the person" : "",
		 o->nmask ? ", notes masked" : "");
	if (!o->unlogged && (rc = sd_log_access(ctx, akt, what)))
		goto done;
	/*
	 * A copy handed to the person (a masked one is always such a copy)
	 * is a fact of the akt.  It is chained before the akt is loaded,
	 * so that the export's records hold it: its record, in the chain
	 * up to the akt head, is what binds the list of masked notes.
	 */
	if ((o->for_person || o->nmask) && !o->unlogged) {
		long long fact;
		char fid[32], aid[32];
		if ((rc = sd_inform_copy(ctx, akt,
					 pdfa ? "PDF/A-2B" : sd_export_ext(fmt),
					 o->mask, o->nmask, &fact)) ||
		    (rc = sd_chain_flush(ctx)))
			goto done;
		snprintf(fid, sizeof fid, "%lld", fact);
		snprintf(aid, sizeof aid, "%lld", akt);
		d.mask_record = sd_query_int(
			ctx,
			"SELECT max(seq) FROM chain_record WHERE akt_id = ? "
			"AND kind = 'akt_fact' AND ref = ?",
			aid, fid, SD_END);
		if (d.mask_record <= 0) {
			rc = sd_fail(ctx, EX_SOFTWARE,
				     _("the copy of akt %lld was not chained"),
				     akt);
			goto done;
		}
	}
	if ((rc = sd_export_doc_load(ctx, &d)))
		goto done;

	if (fmt == SD_EXPORT_JSON)
		rc = sd_export_json_build(ctx, &out, &d);
	else if (fmt == SD_EXPORT_PDF) {
		int to_path = !k->fp && !k->buf;
		rc = export_pdf(ctx, &d, pdfa, path, to_path, &out);
		if (!rc && to_path && !pdfa) {
			*written = 1;
			goto done;
		}
	} else {
		/* Written in pieces of 64 KiB as it is built, once the chain
		 * is verified and everything read: what the document says of
		 * a broken chain is known before its first byte. */
		if (!(rc = sink_open(k, path))) {
			if (fmt == SD_EXPORT_MD)
				sd_export_md_pieces(&d, ctx, 65536, sink_write,
						    k);
			else
				sd_export_html_stream(&d, ctx, 65536,
						      sink_write, k);
			rc = sink_close(k);
		}
		if (!rc)
			*written = 1;
		goto done;
	}
	if (!rc) {
		*data = out;
		sd_buf_init(&out);
	}
done:
	sd_buf_free(&out);
	sd_export_doc_free(&d);
	return rc;
}

int
sd_export_data(struct sd_ctx *ctx, long long akt, enum sd_export_fmt fmt,
	       const struct sd_export_opts *o, const char *path,
	       struct sd_buf *data)
{
	struct sink k = {.ctx = ctx, .buf = data};
	int written = 0;

	return export_doc(ctx, akt, fmt, o, path, data, &written, &k);
}

int
sd_export_stream(struct sd_ctx *ctx, long long akt, enum sd_export_fmt fmt,
		 const struct sd_export_opts *o, const char *path, FILE *fp)
{
	struct sink k = {.ctx = ctx, .fp = fp};
	struct sd_buf data;
	int rc, written = 0;

	sd_buf_init(&data);
	if (!(rc = export_doc(ctx, akt, fmt, o, path, &data, &written, &k)) &&
	    !written) {
		sink_write(&k, data.s, data.len);
		rc = k.rc;
	}
	sd_buf_free(&data);
	return rc;
}

int
sd_export_file(struct sd_ctx *ctx, long long akt, enum sd_export_fmt fmt,
	       const struct sd_export_opts *o, const char *path)
{
	struct sink k = {.ctx = ctx};
	struct sd_buf data;
	int rc, written = 0;

	sd_buf_init(&data);
	if (!(rc = export_doc(ctx, akt, fmt, o, path, &data, &written, &k)) &&
	    !written)
		rc = sd_file_write_all(ctx, path, data.s, data.len);
	sd_buf_free(&data);
	return rc;
}

/* Add seq to the sorted set seqs[0..*n), once. */
static void
mask_add(long long **seqs, size_t *n, long long seq)
{
	size_t i = 0;

	while (i < *n && (*seqs)[i] < seq)
		i++;
	if (i < *n && (*seqs)[i] == seq)
		return;
	*seqs = sd_xrealloc(*seqs, (*n + 1) * sizeof **seqs);
	memmove(*seqs + i + 1, *seqs + i, (*n - i) * sizeof **seqs);
	(*seqs)[i] = seq;
	(*n)++;
}

int
sd_export_mask_parse(struct sd_ctx *ctx, long long akt, char *const *refs,
		     long long **seqs, size_t *n)
{
	char abuf[32], sbuf[32];
	int rc = 0;

	*seqs = NULL;
	*n = 0;
	snprintf(abuf, sizeof abuf, "%lld", akt);
	for (size_t r = 0; refs && refs[r] && !rc; r++) {
		char *list = sd_strdup(refs[r]), *save = NULL;
		for (char *tok = strtok_r(list, ", ", &save); tok && !rc;
		     tok = strtok_r(NULL, ", ", &save)) {
			struct sd_akt a;
			long long seq, id;
			if (strchr(tok, ':')) {
				if ((rc = sd_note_ref(ctx, tok, &a, &seq, &id)))
					break;
				if (a.id != akt)
					rc = sd_fail(ctx, EX_USAGE,
						     _("--mask %s names a note "
						       "of akt %lld, not of "
						       "akt %lld"),
						     tok, a.id, akt);
			} else if (sd_num_parse(NULL, "note", tok, SD_ID_MIN,
						SD_ID_MAX, &seq))
				rc = sd_fail(ctx, EX_USAGE,
					     _("bad --mask '%s'; name a note "
					       "as NOTE or AKT:NOTE, for "
					       "example 17 or 42:17 (see "
					       "journal-show)"),
					     tok);
			else {
				snprintf(sbuf, sizeof sbuf, "%lld", seq);
				if (sd_query_int(ctx,
						 "SELECT id FROM note WHERE "
						 "akt_id = ? AND seq = ?",
						 abuf, sbuf, SD_END) < 0)
					rc = sd_fail(ctx, EX_NOINPUT,
						     _("akt %lld has no note "
						       "%lld; see journal-show "
						       "%lld"),
						     akt, seq, akt);
			}
			if (!rc)
				mask_add(seqs, n, seq);
		}
		free(list);
	}
	if (rc) {
		free(*seqs);
		*seqs = NULL;
		*n = 0;
	}
	return rc;
}
