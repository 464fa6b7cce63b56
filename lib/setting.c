/*
 * setting.c - settings: key/value pairs kept in the database (table
 * setting).
 */
#include "socdok.h"

int
sd_setting_get(struct sd_ctx *ctx, const char *key, char *buf, size_t n)
{
	return sd_query_text(ctx, buf, n,
			     "SELECT value FROM setting WHERE key = ?", key,
			     SD_END);
}

int
sd_setting_set(struct sd_ctx *ctx, const char *key, const char *value)
{
	return sd_exec(ctx,
		       "INSERT INTO setting(key, value) VALUES (?, ?) "
		       "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
		       key, value, SD_END);
}
