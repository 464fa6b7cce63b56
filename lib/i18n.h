/*
 * i18n.h - messages in the user's language (gettext, libintl of glibc).
 *
 * Every message meant for a person goes through _() (or ngettext for a
 * number); a string stored for later translation is marked N_() and
 * translated with _() where it is printed.  What machines read - TSV,
 * CSV and JSON column names and keys, ids, exit codes - is never
 * translated.  The catalogue is po/sv.po (make po re-extracts it), built
 * to socdok.mo under the locale directory.
 */
#ifndef SD_I18N_H
#define SD_I18N_H

#include <libintl.h>

#define SD_TEXTDOMAIN "socdok"

#define _(s)  gettext(s)
#define N_(s) s

/*
 * The language of the messages follows the locale (LC_ALL, LC_MESSAGES,
 * LANG, LANGUAGE).  Only LC_MESSAGES and LC_CTYPE are taken from the
 * environment: numbers, sorting and times keep the C rules, so machine
 * output does not change with the user's locale.  Called once, by
 * sd_ctx_init; later calls do nothing.
 */
void sd_i18n_init(void);

/*
 * The directory of the compiled catalogues (sv/LC_MESSAGES/socdok.mo):
 * locale/ in the share directory (sd_sharedir), or, in a program running
 * set-user-id or set-group-id, only the compiled-in SD_LOCALEDIR.
 */
const char *sd_localedir(void);

#endif
