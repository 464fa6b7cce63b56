/*
 * anchor.c - the anchor: the line socdok-anchor prints (the database
 * head, kept outside the database), read back from the file that
 * collects them, signed and its signature checked with ssh-keygen.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "file.h"
#include "head.h"
#include "run.h"

int
sd_anchor_read_signed(struct sd_ctx *ctx, const char *file, char *line,
		      size_t n, struct sd_buf *sig)
{
	static const char begin[] = "-----BEGIN SSH SIGNATURE-----";
	static const char end[] = "-----END SSH SIGNATURE-----";
	char *text, *p, *last = NULL;

	if (!(text = sd_read_file(ctx, file, NULL)))
		return ctx->err.code;
	/* The last anchor of a file that collects them, one a line. */
	for (p = text; p && *p;
	     p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL)
		if (strncmp(p, "socdok-anchor v", 15) == 0)
			last = p;
	if (!last) {
		free(text);
		return sd_fail(ctx, EX_DATAERR,
			       _("'%s' holds no line of socdok-anchor; give "
				 "the file its output was kept in"),
			       file);
	}
	snprintf(line, n, "%.*s", (int)strcspn(last, "\n"), last);
	/* Its signature, when the armored block follows it. */
	p = strchr(last, '\n');
	if (sig && p && strncmp(p + 1, begin, sizeof begin - 1) == 0) {
		char *stop = strstr(p + 1, end);
		if (stop) {
			stop += sizeof end - 1;
			sd_buf_add(sig, p + 1, (size_t)(stop - (p + 1)));
			sd_buf_add(sig, "\n", 1);
		}
	}
	free(text);
	return 0;
}

int
sd_anchor_read(struct sd_ctx *ctx, const char *file, char *line, size_t n)
{
	return sd_anchor_read_signed(ctx, file, line, n, NULL);
}

/* A private directory for ssh-keygen's files, and the line in it. */
struct scratch {
	char dir[4096], msg[4200], sig[4200], out[4200];
};

static int
scratch_make(struct sd_ctx *ctx, struct scratch *w, const char *line)
{
	const char *tmp = secure_getenv("TMPDIR");
	int fd;

	snprintf(w->dir, sizeof w->dir, "%s/socdok-anchor.XXXXXX",
		 tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(w->dir))
		return sd_fail(ctx, EX_CANTCREAT,
			       _("cannot make a temporary directory '%s': %s"),
			       w->dir, strerror(errno));
	snprintf(w->msg, sizeof w->msg, "%s/anchor", w->dir);
	snprintf(w->sig, sizeof w->sig, "%s/anchor.sig", w->dir);
	snprintf(w->out, sizeof w->out, "%s/out", w->dir);
	if ((fd = open(w->msg, O_WRONLY | O_CREAT | O_EXCL, 0600)) < 0 ||
	    write(fd, line, strlen(line)) != (ssize_t)strlen(line) ||
	    write(fd, "\n", 1) != 1) {
		int rc = sd_fail(ctx, EX_IOERR, _("cannot write '%s': %s"),
				 w->msg, strerror(errno));
		if (fd >= 0)
			close(fd);
		return rc;
	}
	close(fd);
	return 0;
}

static void
scratch_remove(struct scratch *w)
{
	if (!w->msg[0])
		return; /* no directory was made */
	unlink(w->out);
	unlink(w->sig);
	unlink(w->msg);
	rmdir(w->dir);
}

int
sd_anchor_sign(struct sd_ctx *ctx, const char *line, const char *key,
	       struct sd_buf *sig)
{
	struct scratch w = {0};
	char *text;
	size_t len;
	int status, rc;

	if ((rc = scratch_make(ctx, &w, line)))
		goto out;
	char *argv[] = {"ssh-keygen", "-q",        "-Y", "sign",
			"-f",         (char *)key, "-n", "socdok-anchor",
			w.msg,        NULL};
	/* ssh-keygen reads the key with the user's ids (set-id: not ours). */
	status = sd_run(argv, NULL, NULL);
	if (status < 0)
		rc = sd_fail(ctx, EX_UNAVAILABLE,
			     _("cannot run ssh-keygen to sign the anchor; "
			       "install openssh-client or sign without "
			       "--key"));
	else if (status != 0)
		rc = sd_fail(ctx, EX_DATAERR,
			     _("ssh-keygen could not sign with the key '%s' "
			       "(a key without a passphrase, or one in "
			       "ssh-agent); run 'ssh-keygen -Y sign -f %s -n "
			       "socdok-anchor FILE' by hand to see why"),
			     key, key);
	else if (!(text = sd_read_file(ctx, w.sig, &len)))
		rc = ctx->err.code;
	else {
		sd_buf_add(sig, text, len);
		free(text);
	}
out:
	scratch_remove(&w);
	return rc;
}

int
sd_anchor_check_sig(struct sd_ctx *ctx, const char *line,
		    const struct sd_buf *sig, const char *allowed,
		    char *principal, size_t pn, int *ok, char what[512])
{
	struct scratch w = {0};
	char *text = NULL;
	int status, rc;

	*ok = 0;
	principal[0] = '\0';
	if (!sig->len) {
		snprintf(what, 512, "%s",
			 _("the anchor is not signed; keep the output of "
			   "socdok-anchor -k KEY, line and signature"));
		return 0;
	}
	if ((rc = scratch_make(ctx, &w, line)) ||
	    (rc = sd_file_write_all(ctx, w.sig, sig->s, sig->len)))
		goto out;
	/* Who, of the allowed signers, made it. */
	char *find[] = {"ssh-keygen", "-Y", "find-principals", "-s",
			w.sig,        "-f", (char *)allowed,   NULL};
	status = sd_run(find, NULL, w.out);
	if (status < 0) {
		rc = sd_fail(ctx, EX_UNAVAILABLE,
			     _("cannot run ssh-keygen to check the anchor's "
			       "signature; install openssh-client"));
		goto out;
	}
	if (status != 0 || !(text = sd_read_file(ctx, w.out, NULL)) ||
	    !text[0] || text[0] == '\n') {
		sd_err_clear(ctx);
		snprintf(what, 512,
			 _("no key of '%s' made the anchor's signature: it "
			   "was signed by someone else, or changed"),
			 allowed);
		goto out;
	}
	snprintf(principal, pn, "%.*s", (int)strcspn(text, "\n"), text);
	char *verify[] = {"ssh-keygen",    "-Y", "verify",  "-f",
			  (char *)allowed, "-I", principal, "-n",
			  "socdok-anchor", "-s", w.sig,     NULL};
	status = sd_run(verify, w.msg, NULL);
	if (status == 0)
		*ok = 1;
	else
		snprintf(what, 512,
			 _("the signature by %s does not match the anchor "
			   "line: the line was changed after it was signed"),
			 principal);
out:
	free(text);
	scratch_remove(&w);
	return rc;
}
