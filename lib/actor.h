/*
 * actor.h - who runs the command: the login, the registered staff member
 * and the role names.
 */
#ifndef SD_ACTOR_H
#define SD_ACTOR_H

struct sd_ctx;
struct sqlite3_stmt;

enum sd_role {
	SD_ROLE_NONE = 0,
	SD_ROLE_PERSONAL,
	SD_ROLE_SAMORDNARE,
	SD_ROLE_ENHETSCHEF,
	SD_ROLE_ARKIVARIE,
	SD_ROLE_ADMIN,
	SD_ROLE_GRANSKARE /* auditor: reads everything, writes nothing */
};

/* The registered staff member who runs the command. */
struct sd_actor {
	long long id;
	char login[64];
	char name[128];
	char title[128];
	enum sd_role role;
};

/* Look up the acting login as registered, active staff (EX_NOPERM if not). */
int sd_actor_load(struct sd_ctx *ctx);

/* Load login as the actor (socdok-init, after registering the admin). */
int sd_actor_load_as(struct sd_ctx *ctx, const char *login);

/* The acting login: SOCDOK_USER (unless set-id) or the real user's name. */
int sd_login(struct sd_ctx *ctx);

/*
 * Does the actor's work reach every unit (an administrator, the
 * arkivarie or a granskare), not only the units the actor works at?
 */
int sd_actor_all_units(const struct sd_ctx *ctx);

/*
 * Bind the actor's reach to a query that limits rows to the units the
 * actor may see: ?n is sd_actor_all_units, ?n+1 the actor's staff id (for
 * "unit_id IN (SELECT unit_id FROM staff_unit WHERE staff_id = ?n+1)").
 */
void sd_actor_bind(const struct sd_ctx *ctx, struct sqlite3_stmt *st, int n);

/*
 * Bind who writes a document (a plan or levnadsberättelse version) and
 * when: ?n the time now (sd_clock), ?n+1..?n+3 the actor's login, name
 * and title.
 */
void sd_actor_bind_author(struct sd_ctx *ctx, struct sqlite3_stmt *st, int n);

/* Role names and parsing. */
const char *sd_role_name(enum sd_role r);
enum sd_role sd_role_parse(const char *s);

#endif
