/*
 * priv-server.c - what `make install-server` compiles in: the database, the
 * group and the service account of a set-group-id installation.  The
 * ordinary build leaves them empty; install-server compiles this file
 * again with its values and links it before libsocdok.a.
 */
#include "priv.h"

/*
 * A set-group-id process is not dumpable: AddressSanitizer cannot read
 * its ASAN_OPTIONS, and LeakSanitizer cannot trace it (it stops with a
 * "fatal error" at exit).  The installed programs of a sanitizer build
 * (make check-sanitize runs t/7002 as root) check memory but not leaks;
 * every other test leak-checks the same code running unprivileged.
 */
#if defined(SD_SERVER_DB) && defined(__SANITIZE_ADDRESS__)
#define SD_NO_LEAK_CHECK 1
#elif defined(SD_SERVER_DB) && defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SD_NO_LEAK_CHECK 1
#endif
#endif
#ifdef SD_NO_LEAK_CHECK
const char *__asan_default_options(void);

const char *
__asan_default_options(void)
{
	return "detect_leaks=0";
}
#endif

#ifndef SD_SERVER_DB
#define SD_SERVER_DB ""
#endif
#ifndef SD_GROUP
#define SD_GROUP ""
#endif
#ifndef SD_SERVICE
#define SD_SERVICE ""
#endif

const char *
sd_priv_server_db(void)
{
	return SD_SERVER_DB;
}

const char *
sd_priv_group(void)
{
	return SD_GROUP;
}

const char *
sd_priv_service(void)
{
	return SD_SERVICE;
}
