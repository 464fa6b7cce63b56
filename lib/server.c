/*
 * server.c - what `make install-server` compiles in: the database, the
 * group and the service account of a set-group-id installation.  The
 * ordinary build leaves them empty; install-server compiles this file
 * again with its values and links it before libsocdok.a.
 */
#include "priv.h"

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
