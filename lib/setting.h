/*
 * setting.h - settings: key/value pairs in the database (setting.c).
 */
#ifndef SD_SETTING_H
#define SD_SETTING_H

#include "socdok.h"

/* The value of key into buf: 0 found, 1 none (buf ""), or an error. */
int sd_setting_get(struct sd_ctx *ctx, const char *key, char *buf, size_t n);
/* Set key to value (insert or replace). */
int sd_setting_set(struct sd_ctx *ctx, const char *key, const char *value);

#endif
