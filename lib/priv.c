/*
 * priv.c - privilege separation for the set-group-id server mode: the
 * program holds the group that reaches the database and nothing else;
 * files the user names and programs the user runs get the user's own ids.
 */
#include <stdlib.h>
#include <unistd.h>

#include "priv.h"

static int depth;
static gid_t saved_egid;
static int dropped;

int
sd_priv_setid(void)
{
	return getuid() != geteuid() || getgid() != getegid();
}

const char *
sd_priv_getenv(const char *name)
{
	if (sd_priv_setid())
		return NULL;
	return secure_getenv(name);
}

void
sd_priv_user(void)
{
	if (depth++ > 0 || getgid() == getegid())
		return;
	saved_egid = getegid();
	dropped = 1;
	/* Cannot fail: the real gid is always allowed. */
	if (setegid(getgid()) != 0)
		abort();
}

void
sd_priv_restore(void)
{
	if (depth == 0 || --depth > 0 || !dropped)
		return;
	if (setegid(saved_egid) != 0)
		abort();
	dropped = 0;
}

int
sd_priv_child(void)
{
	gid_t g = getgid();
	uid_t u = getuid();

	if (setresgid(g, g, g) != 0 || setresuid(u, u, u) != 0)
		return -1;
	return getegid() == g && geteuid() == u ? 0 : -1;
}
