/*
 * priv.h - the set-group-id server mode: whether the program runs with a
 * privilege the user does not have, what was compiled in for it (the
 * database, the group, the service account), and dropping the privilege
 * around everything the user names or runs.
 */
#ifndef SD_PRIV_H
#define SD_PRIV_H

/* 1 when the program runs set-uid or set-gid (real and effective differ). */
int sd_priv_setid(void);

/* The database, group and service login compiled in by install-server
 * ("" when none: a single-user build). */
const char *sd_priv_server_db(void);
const char *sd_priv_group(void);
const char *sd_priv_service(void);

/*
 * Act as the user (effective gid = real gid) until sd_priv_restore: for
 * opening, creating and renaming the files a user names.  Nests; no-op
 * without privilege.
 */
void sd_priv_user(void);
void sd_priv_restore(void);

/*
 * In a child about to run something of the user's (the editor): give up
 * the privilege for good (real, effective and saved ids).  Returns 0, or
 * -1 when the ids could not be set (the child must not run then).
 */
int sd_priv_child(void);

/*
 * secure_getenv: the variable, or NULL in a set-id program, where a
 * user's environment may not choose files or programs.
 */
const char *sd_priv_getenv(const char *name);

#endif
