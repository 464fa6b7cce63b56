/*
 * akt-verify - recompute the hash chain of the journal of akter and say
 * whether it is intact: exit 0 when every chain is, 1 when one is
 * broken, naming the first broken note and what differs.  With --export
 * it checks a JSON export of akt-export instead, from the file alone.
 */
#include <getopt.h>
#include <stdlib.h>
#include <unistd.h>

#include "cli.h"
#include "export.h"
#include "head.h"
#include "journal.h"

static void
usage(int status)
{
	fputs(_("usage: akt-verify [-d DB] "
		"[AKT ... | --all | --anchor FILE [--allowed-signers FILE] | "
		"--export FILE.json] "
		"[--format text|tsv|csv|json]\n"),
	      status ? stderr : stdout);
	exit(status ? EX_USAGE : 0);
}

struct checked {
	long long akt;
	struct sd_chain_result r;
};

/* The results so far, for the loop over the items. */
struct results {
	struct checked *res;
	size_t n;
	struct sd_ctx *ctx;
};

/* Keep the answer r for akt and log that it was verified. */
static int
verified(void *arg, long long akt, const struct sd_chain_result *r)
{
	struct results *rs = arg;
	struct checked *c;
	char what[128];

	rs->res = sd_xrealloc(rs->res, (rs->n + 1) * sizeof *rs->res);
	c = &rs->res[rs->n++];
	c->akt = akt;
	c->r = *r;
	if (c->r.ok)
		snprintf(what, sizeof what,
			 "verified the journal chain (%lld notes, intact)",
			 c->r.notes);
	else
		snprintf(what, sizeof what,
			 "verified the journal chain (broken at note %lld)",
			 c->r.broken_seq);
	return sd_log_access(rs->ctx, akt, what);
}

/* Verify the akt an item names (id or personnummer). */
static int
verify_item(struct sd_ctx *ctx, const char *item, struct sd_loop *l)
{
	struct sd_chain_result r;
	struct sd_akt a;
	int rc;

	if ((rc = sd_akt_find(ctx, item, &a)) ||
	    (rc = sd_chain_verify(ctx, a.id, &r)))
		return rc;
	return verified(l->arg, a.id, &r);
}

static int
print(struct sd_ctx *ctx, const struct checked *res, size_t n,
      enum sd_format fmt)
{
	static const char *cols[] = {N_("akt"),  N_("notes"), N_("status"),
				     N_("head"), N_("note"),  N_("problem")};
	static const int flags[] = {SD_COL_NUM | SD_COL_RIGHT,
				    SD_COL_NUM | SD_COL_RIGHT,
				    0,
				    0,
				    0,
				    0};
	struct sd_table *t;
	int rc;

	if (fmt == SD_FMT_TEXT) {
		/* One line per akt, for a person to read. */
		for (size_t i = 0; i < n; i++) {
			const struct sd_chain_result *r = &res[i].r;
			if (r->ok)
				printf(ngettext("akt %lld: intact, %lld note, "
						"head %s\n",
						"akt %lld: intact, %lld notes, "
						"head %s\n",
						(unsigned long)r->notes),
				       res[i].akt, r->notes, r->head);
			else
				printf(_("akt %lld: broken at note %lld:%lld: "
					 "%s\n"),
				       res[i].akt, res[i].akt, r->broken_seq,
				       r->what);
		}
		return 0;
	}
	t = sd_table_new(6, cols, flags);
	for (size_t i = 0; i < n; i++) {
		const struct sd_chain_result *r = &res[i].r;
		char id[32], notes[32], ref[64];
		snprintf(id, sizeof id, "%lld", res[i].akt);
		snprintf(notes, sizeof notes, "%lld", r->notes);
		snprintf(ref, sizeof ref, "%lld:%lld", res[i].akt,
			 r->broken_seq);
		const char *row[] = {id,
				     notes,
				     r->ok ? "intact" : "broken",
				     r->head,
				     r->ok ? NULL : ref,
				     r->ok ? NULL : r->what};
		sd_table_add(t, row);
	}
	rc = sd_table_print(ctx, t, stdout, fmt);
	sd_table_free(t);
	return rc;
}

/*
 * Re-verify a JSON export without the database: every note's hash
 * recomputed, every link between consecutive notes, and the head hash
 * of its verification block when it holds the whole chain.
 */
static int
verify_export(struct sd_ctx *ctx, const char *file, enum sd_format fmt)
{
	static const char *cols[] = {N_("akt"),  N_("notes"), N_("status"),
				     N_("head"), N_("note"),  N_("problem")};
	static const int flags[] = {SD_COL_NUM | SD_COL_RIGHT,
				    SD_COL_NUM | SD_COL_RIGHT,
				    0,
				    0,
				    0,
				    0};
	struct sd_export_check v;
	struct sd_table *t;
	char id[32], notes[32], ref[64];
	const char *status;
	int rc;

	if ((rc = sd_export_verify_json(ctx, file, &v)))
		return rc;
	status = !v.ok ? "broken" : v.complete ? "intact" : "partial";
	if (fmt == SD_FMT_TEXT) {
		if (!v.ok)
			printf(_("%s: akt %lld: broken at note %lld:%lld: "
				 "%s\n"),
			       file, v.akt, v.akt, v.broken_seq, v.what);
		else if (v.complete && v.masked)
			printf(ngettext(
				       "%s: akt %lld: intact, %lld note (%lld "
				       "masked: each hash held by the akt's "
				       "records, the text not in the file), "
				       "head %s\n",
				       "%s: akt %lld: intact, %lld notes (%lld "
				       "masked: each hash held by the akt's "
				       "records, the text not in the file), "
				       "head %s\n",
				       (unsigned long)v.notes),
			       file, v.akt, v.notes, v.masked, v.head);
		else if (v.complete)
			printf(ngettext("%s: akt %lld: intact, %lld note, head "
					"%s\n",
					"%s: akt %lld: intact, %lld notes, "
					"head %s\n",
					(unsigned long)v.notes),
			       file, v.akt, v.notes, v.head);
		else
			printf(_("%s: akt %lld: partial, %lld of %lld notes "
				 "(a selection): each hash and each link "
				 "between them holds; head %s\n"),
			       file, v.akt, v.notes, v.total, v.head);
	} else {
		t = sd_table_new(6, cols, flags);
		snprintf(id, sizeof id, "%lld", v.akt);
		snprintf(notes, sizeof notes, "%lld", v.notes);
		snprintf(ref, sizeof ref, "%lld:%lld", v.akt, v.broken_seq);
		const char *row[] = {id,
				     notes,
				     status,
				     v.head,
				     v.ok ? NULL : ref,
				     v.ok ? NULL : v.what};
		sd_table_add(t, row);
		rc = sd_table_print(ctx, t, stdout, fmt);
		sd_table_free(t);
		if (rc)
			return rc;
	}
	return v.ok ? 0 : -1;
}

int
main(int argc, char **argv)
{
	static const struct option opts[] = {
		{"all", no_argument, NULL, 'a'},
		{"export", required_argument, NULL, 'x'},
		{"anchor", required_argument, NULL, 'A'},
		{"allowed-signers", required_argument, NULL, 'S'},
		SD_COMMON_OPTIONS,
		{NULL, 0, NULL, 0}};
	struct sd_cli cli = {0};
	struct sd_ctx ctx;
	enum sd_format fmt;
	struct checked *res = NULL;
	size_t nres = 0, nids = 0;
	char **items = NULL;
	const char *export_file = NULL, *anchor_file = NULL, *signers = NULL;
	char anchor[512], what[512] = "", sig_what[512] = "", signer[256] = "";
	struct sd_buf sig;
	int db_ok = 1, sig_ok = 1;
	long long *ids = NULL;
	int c, rc, all = 0, broken = 0, item_rc = 0;

	sd_ctx_init(&ctx, "akt-verify");
	sd_buf_init(&sig);
	while ((c = getopt_long(argc, argv, "d:h", opts, NULL)) != -1) {
		switch (c) {
		case 'a': all = 1; break;
		case 'x': export_file = optarg; break;
		case 'A': anchor_file = optarg; break;
		case 'S': signers = optarg; break;
		default:
			if (!sd_cli_common(&cli, c, optarg, usage))
				usage(1);
		}
	}
	argc -= optind;
	argv += optind;
	/* The anchor is of the whole database: every akt. */
	if ((anchor_file && (argc || export_file)) || (signers && !anchor_file))
		usage(1);
	if (anchor_file)
		all = 1;
	if ((all && argc) ||
	    (!all && !export_file && !argc && isatty(STDIN_FILENO)))
		usage(1);
	if ((rc = sd_format_parse(&ctx, cli.format, SD_FMTS_LIST, &fmt)))
		return sd_finish(&ctx, rc);
	if (export_file) {
		if (all || argc)
			usage(1);
		/* No database: the export alone is the evidence. */
		rc = verify_export(&ctx, export_file, fmt);
		if (rc < 0)
			return sd_finish(&ctx, 0) ? EX_IOERR : SD_EX_FALSE;
		return sd_finish(&ctx, rc);
	}
	if (!all && (rc = sd_cli_items(&ctx, argc, argv, &items)))
		return sd_finish(&ctx, rc);
	if (items) {
		/*
		 * Each akt in its own transaction: one that is missing or
		 * not the user's is reported, and the others are verified
		 * (issue 15); rc is the first failure's.
		 */
		struct results r = {res, nres, &ctx};
		struct sd_loop l = {
			.flags = SD_LOOP_EACH, .item = verify_item, .arg = &r};
		if (!(rc = sd_cli_open(&ctx, &cli, 0)))
			item_rc = sd_cli_loop(&ctx, items, &l);
		res = r.res;
		nres = r.n;
		if (l.failed && l.total > 1)
			fprintf(stderr,
				_("%s: %d of %d akter could not be verified\n"),
				ctx.prog, l.failed, l.total);
	} else if (!(rc = sd_cli_begin(&ctx, &cli))) {
		/* Every akt in one pass over each table (issue 13). */
		if (all && !(rc = sd_akt_ids_visible(&ctx, &ids, &nids))) {
			struct results r = {res, nres, &ctx};
			rc = sd_chain_verify_all(&ctx, ids, nids, verified, &r);
			res = r.res;
			nres = r.n;
		}
		/*
		 * The logs and the chain of heads, after this command's own
		 * lines are chained (sd_chain_flush): against the anchor.
		 */
		if (!rc && anchor_file && ctx.me.role != SD_ROLE_ADMIN &&
		    ctx.me.role != SD_ROLE_ARKIVARIE)
			rc = sd_fail(&ctx, EX_NOPERM,
				     _("only an administrator or arkivarie may "
				       "check the database against an anchor "
				       "(you are %s)"),
				     sd_role_name(ctx.me.role));
		if (!rc && anchor_file &&
		    !(rc = sd_anchor_read_signed(&ctx, anchor_file, anchor,
						 sizeof anchor, &sig)) &&
		    !(rc = sd_chain_flush(&ctx)))
			rc = sd_head_verify(&ctx, anchor, &db_ok, what);
		/* The anchor itself: signed by a key the reader trusts. */
		if (!rc && signers)
			rc = sd_anchor_check_sig(&ctx, anchor, &sig, signers,
						 signer, sizeof signer, &sig_ok,
						 sig_what);
		if (!rc)
			rc = sd_commit(&ctx);
	}
	if (!rc)
		rc = print(&ctx, res, nres, fmt);
	if (!rc && anchor_file) {
		/* One more line: the database against the anchor. */
		FILE *f = fmt == SD_FMT_TEXT ? stdout : stderr;
		if (signers && sig_ok)
			fprintf(f, _("anchor: good signature by %s\n"), signer);
		else if (signers)
			fprintf(f, _("anchor: not trusted: %s\n"), sig_what);
		broken |= !sig_ok;
		if (db_ok)
			fprintf(f,
				_("database: intact, an extension of the "
				  "anchor (%s)\n"),
				anchor);
		else
			fprintf(f, _("database: broken: %s\n"), what);
		broken |= !db_ok;
	}
	for (size_t i = 0; i < nres; i++)
		broken |= !res[i].r.ok;
	free(res);
	sd_buf_free(&sig);
	sd_list_free(items);
	free(ids);
	rc = sd_finish(&ctx, rc);
	/* A broken chain says more than an akt not found beside it. */
	return rc ? rc : broken ? SD_EX_FALSE : item_rc;
}
