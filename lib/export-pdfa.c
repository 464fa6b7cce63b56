/*
 * export-pdfa.c - PDF/A-2B through ghostscript: whether it can run, and the
 * conversion of a rendered PDF (with the sRGB output intent PDF/A
 * needs), through private temporary files beside the export.
 */
#include <errno.h>
#include <fcntl.h>
#include <glob.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "export-int.h"
#include "i18n.h"
#include "run.h"

/* --------------------------------------------------------------- PDF/A */

static const char *
gs_program(void)
{
	const char *g = sd_priv_getenv("SOCDOK_GS");
	return g && *g ? g : "gs";
}

int
sd_export_pdfa_missing(struct sd_ctx *ctx)
{
	return sd_fail(ctx, EX_UNAVAILABLE,
		       _("--pdfa needs ghostscript ('%s'), which is not "
			 "installed; install it (apt-get install ghostscript) "
			 "or export without --pdfa"),
		       gs_program());
}

int
sd_export_pdfa_available(void)
{
	const char *g = gs_program(), *path;
	char buf[4096];

	if (strchr(g, '/'))
		return access(g, X_OK) == 0;
	if (!(path = getenv("PATH")))
		path = "/usr/bin:/bin";
	while (*path) {
		size_t n = strcspn(path, ":");
		snprintf(buf, sizeof buf, "%.*s/%s", (int)n, n ? path : ".", g);
		if (access(buf, X_OK) == 0)
			return 1;
		path += n + (path[n] == ':');
	}
	return 0;
}

/* The sRGB profile PDF/A's output intent needs, from ghostscript. */
static int
find_icc(char *buf, size_t n)
{
	const char *env = sd_priv_getenv("SOCDOK_ICC");
	glob_t g;

	if (env && *env && access(env, R_OK) == 0) {
		snprintf(buf, n, "%s", env);
		return 0;
	}
	if (access("/usr/share/color/icc/ghostscript/srgb.icc", R_OK) == 0) {
		snprintf(buf, n, "%s",
			 "/usr/share/color/icc/ghostscript/srgb.icc");
		return 0;
	}
	if (glob("/usr/share/ghostscript/*/iccprofiles/srgb.icc", 0, NULL,
		 &g) == 0 &&
	    g.gl_pathc > 0) {
		snprintf(buf, n, "%s", g.gl_pathv[g.gl_pathc - 1]);
		globfree(&g);
		return 0;
	}
	globfree(&g);
	return -1;
}

static int
write_all(int fd, const char *s, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, s, n);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		s += w;
		n -= (size_t)w;
	}
	return 0;
}

/*
 * The intermediates of a conversion (in, def, pdfa) hold the whole akt:
 * a program killed while ghostscript runs removes them on its way out
 * (issue 18).  unlink(2) is async-signal-safe.
 */
static const char *volatile intermediates[3];
static struct sigaction kept[3];
static const int fatal[3] = {SIGHUP, SIGINT, SIGTERM};

static void
on_fatal(int sig)
{
	for (int i = 0; i < 3; i++)
		if (intermediates[i])
			unlink(intermediates[i]);
	signal(sig, SIG_DFL);
	raise(sig);
}

/* Remove the intermediates if killed (on) or no longer (off). */
static void
guard(int on)
{
	struct sigaction sa;

	if (on) {
		memset(&sa, 0, sizeof sa);
		sa.sa_handler = on_fatal;
		sigemptyset(&sa.sa_mask);
		for (int i = 0; i < 3; i++)
			sigaction(fatal[i], &sa, &kept[i]);
		return;
	}
	for (int i = 0; i < 3; i++)
		sigaction(fatal[i], &kept[i], NULL);
	for (int i = 0; i < 3; i++)
		intermediates[i] = NULL;
}

/* A new temporary file beside path (mode 0600), or -1 with ctx->err set. */
static int
temp_beside(struct sd_ctx *ctx, const char *path, const char *tag, char *tmp,
	    size_t n)
{
	int fd;

	if (!path || strcmp(path, "-") == 0) {
		const char *dir = sd_priv_getenv("TMPDIR");
		snprintf(tmp, n, "%s/socdok-export-%s.XXXXXX",
			 dir && *dir ? dir : "/tmp", tag);
	} else
		snprintf(tmp, n, "%s.%s.XXXXXX", path, tag);
	sd_priv_user();
	fd = mkstemp(tmp);
	sd_priv_restore();
	if (fd < 0)
		sd_fail(ctx, EX_CANTCREAT,
			_("cannot create a file beside '%s': %s"),
			path ? path : "-", strerror(errno));
	return fd;
}

static int convert(struct sd_ctx *ctx, struct sd_buf *pdf, const char *path,
		   const char *icc);

int
sd_export_pdfa_convert(struct sd_ctx *ctx, struct sd_buf *pdf, const char *path)
{
	char icc[4096];
	int rc;

	if (!sd_export_pdfa_available())
		return sd_export_pdfa_missing(ctx);
	if (find_icc(icc, sizeof icc) != 0 || strpbrk(icc, "()\\"))
		return sd_fail(ctx, EX_UNAVAILABLE,
			       _("--pdfa needs ghostscript's sRGB profile "
				 "(srgb.icc), which was not found; set "
				 "SOCDOK_ICC to its path"));
	guard(1);
	rc = convert(ctx, pdf, path, icc);
	guard(0);
	return rc;
}

/* sd_export_pdfa_convert with the intermediates guarded. */
static int
convert(struct sd_ctx *ctx, struct sd_buf *pdf, const char *path,
	const char *icc)
{
	char in[4200], out[4200], def[4200];
	char a_permit[4200], a_out[4300];
	struct sd_buf ps;
	int fd, status, rc = 0;

	if ((fd = temp_beside(ctx, path, "in", in, sizeof in)) < 0)
		return ctx->err.code;
	intermediates[0] = in;
	rc = write_all(fd, pdf->s, pdf->len);
	close(fd);
	if (rc) {
		unlink(in);
		return sd_fail(ctx, EX_IOERR, _("cannot write '%s': %s"), in,
			       strerror(errno));
	}
	if ((fd = temp_beside(ctx, path, "def", def, sizeof def)) < 0) {
		unlink(in);
		return ctx->err.code;
	}
	intermediates[1] = def;
	sd_buf_init(&ps);
	sd_buf_printf(&ps,
		      "%%!\n"
		      "/ICCProfile (%s) def\n"
		      "[/_objdef {icc_PDFA} /type /stream /OBJ pdfmark\n"
		      "[{icc_PDFA} <</N 3>> /PUT pdfmark\n"
		      "[{icc_PDFA} ICCProfile (r) file /PUT pdfmark\n"
		      "[/_objdef {OutputIntent_PDFA} /type /dict /OBJ pdfmark\n"
		      "[{OutputIntent_PDFA} <<\n"
		      "  /Type /OutputIntent /S /GTS_PDFA1\n"
		      "  /DestOutputProfile {icc_PDFA}\n"
		      "  /OutputConditionIdentifier (sRGB)\n"
		      ">> /PUT pdfmark\n"
		      "[{Catalog} <</OutputIntents [ {OutputIntent_PDFA} ]>> "
		      "/PUT pdfmark\n",
		      icc);
	rc = write_all(fd, ps.s, ps.len);
	sd_buf_free(&ps);
	close(fd);
	if (rc || (fd = temp_beside(ctx, path, "pdfa", out, sizeof out)) < 0) {
		unlink(in);
		unlink(def);
		return rc ? sd_fail(ctx, EX_IOERR, _("cannot write '%s'"), def)
			  : ctx->err.code;
	}
	intermediates[2] = out;
	close(fd);

	snprintf(a_permit, sizeof a_permit, "--permit-file-read=%s", icc);
	snprintf(a_out, sizeof a_out, "-sOutputFile=%s", out);
	char *argv[] = {(char *)gs_program(),
			"-q",
			"-dSAFER",
			"-dPDFA=2",
			"-dBATCH",
			"-dNOPAUSE",
			"-dNOOUTERSAVE",
			"-dPDFACompatibilityPolicy=1",
			"-sColorConversionStrategy=RGB",
			"-sDEVICE=pdfwrite",
			a_permit,
			a_out,
			def,
			in,
			NULL};
	/* ghostscript runs with the user's ids (set-id: not the group). */
	status = sd_run(argv, NULL, NULL);
	if (status < 0)
		rc = sd_fail(ctx, EX_UNAVAILABLE,
			     _("cannot run ghostscript '%s'"), argv[0]);
	else if (status != 0)
		rc = sd_fail(
			ctx, EX_SOFTWARE,
			_("ghostscript could not convert the export to "
			  "PDF/A-2B (run '%s' by hand on a plain PDF export "
			  "to see why)"),
			argv[0]);
	unlink(in);
	unlink(def);
	if (!rc) {
		size_t len;
		char *s = sd_read_file(ctx, out, &len);
		if (!s || len < 8 || memcmp(s, "%PDF-", 5) != 0)
			rc = s ? sd_fail(ctx, EX_SOFTWARE,
					 _("ghostscript wrote no PDF"))
			       : ctx->err.code;
		else {
			pdf->len = 0;
			sd_buf_add(pdf, s, len);
		}
		free(s);
	}
	unlink(out);
	return rc;
}
