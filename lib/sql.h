/*
 * sql.h - the SQL functions and collation of every connection (sql.c).
 */
#ifndef SD_SQL_H
#define SD_SQL_H

#include "socdok.h"

/* Register socdok's SQL functions and COLLATE sv on ctx->db. */
int sd_sql_register(struct sd_ctx *ctx);
/* An SQL function's date argument v as a day number: 0, or -1 (NULL or
 * not a date). */
int sd_sql_date(sqlite3_value *v, int *day);
/* Set an SQL function's result to day as "YYYY-MM-DD". */
void sd_sql_date_result(sqlite3_context *c, int day);

#endif
