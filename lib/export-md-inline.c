/*
 * export-md-inline.c - text from the database inside a line of the
 * export's Markdown, escaped.  Apart from export-md.c, which renders
 * HTML with libcmark, so that a program whose tables use it (akt-show's
 * consents) does not load libcmark (issue 17: -Wl,--as-needed).
 */
#include <string.h>

#include "export-int.h"

/*
 * Text from the database inside a line of our own Markdown: escape what
 * could start emphasis, code, a link, raw HTML, an entity or close a
 * heading, and fold line breaks.
 */
void
sd_export_md_inline(struct sd_buf *b, const char *s)
{
	for (; s && *s; s++) {
		if (*s == '\n' || *s == '\r' || *s == '\t') {
			sd_buf_add(b, " ", 1);
			continue;
		}
		if (strchr("\\`*_[]<>&#!~|", *s))
			sd_buf_add(b, "\\", 1);
		sd_buf_add(b, s, 1);
	}
}

/* " (s)" after what went before, when s is not empty. */
void
sd_export_md_paren(struct sd_buf *b, const char *s)
{
	if (!s || !*s)
		return;
	sd_buf_puts(b, " (");
	sd_export_md_inline(b, s);
	sd_buf_puts(b, ")");
}
