/*
 * fixture.c - a synthetic municipality, written straight into a new
 * database with prepared statements in one transaction.
 *
 * Everything here is invented: names come from short lists of common
 * Swedish first and last names, personnummer are random dates with a
 * random birth number and the right Luhn digit (some samordningsnummer),
 * e-mail addresses are at example.org.  Dates, times and choices come
 * from one seeded generator, so a seed, a size and an as-of date always
 * give the same database.  Journal notes are chained with sd_note_hash(),
 * field for field as sd_journal_append() does, so akt-verify accepts
 * them.
 *
 * Speed (the large size is 5 million notes): the akter are written one
 * after another with their notes in seq order, so every index grows at
 * its end; the rollback journal is kept in memory (the file is new and
 * is removed by the caller on failure) and foreign keys, which this code
 * keeps by construction, are not checked row by row.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "journal.h"
#include "rules.h"

/* ------------------------------------------------------------- randomness */

struct rng {
	uint64_t s;
};

/* splitmix64: small, fast, and the same on every platform. */
static uint64_t
rnext(struct rng *r)
{
	uint64_t z = (r->s += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* A whole number in lo..hi (lo when hi < lo). */
static int
rrange(struct rng *r, int lo, int hi)
{
	if (hi <= lo)
		return lo;
	return lo + (int)(rnext(r) % (uint64_t)(hi - lo + 1));
}

/* True with probability permille/1000. */
static int
rpm(struct rng *r, int permille)
{
	return (int)(rnext(r) % 1000) < permille;
}

#define NELEM(a)   (sizeof(a) / sizeof((a)[0]))
#define PICK(r, a) ((a)[rnext(r) % NELEM(a)])

/* ------------------------------------------------------------ word lists */

static const char *const female[] = {
	"Anna",    "Eva",   "Maria",  "Karin",     "Kristina",  "Lena",
	"Kerstin", "Sara",  "Ingrid", "Margareta", "Elisabeth", "Birgitta",
	"Marie",   "Emma",  "Linnéa", "Åsa",       "Ulla",      "Gunilla",
	"Inger",   "Britt", "Astrid", "Elsa",      "Maja",      "Sofia",
	"Ebba",    "Märta", "Agneta", "Monica",    "Helena",    "Ylva"};
static const char *const male[] = {
	"Lars",  "Karl",   "Erik",    "Anders", "Johan", "Per",
	"Nils",  "Mikael", "Jan",     "Hans",   "Olof",  "Gunnar",
	"Sven",  "Björn",  "Göran",   "Åke",    "Örjan", "Bengt",
	"Leif",  "Stig",   "Kjell",   "Rolf",   "Oskar", "Axel",
	"Elias", "Viktor", "Lennart", "Ture",   "Håkan", "Mats"};
static const char *const last[] = {
	"Andersson",  "Johansson", "Karlsson",   "Nilsson",   "Eriksson",
	"Larsson",    "Olsson",    "Persson",    "Svensson",  "Gustafsson",
	"Pettersson", "Jonsson",   "Jansson",    "Hansson",   "Bengtsson",
	"Jönsson",    "Lindberg",  "Jakobsson",  "Magnusson", "Lindström",
	"Olofsson",   "Lindqvist", "Lindgren",   "Axelsson",  "Berg",
	"Bergström",  "Lundberg",  "Lund",       "Åberg",     "Öberg",
	"Ekström",    "Holm",      "Sandberg",   "Söderberg", "Nyström",
	"Strömberg",  "Hedlund",   "Åström",     "Östlund",   "Sjöberg",
	"Wallin",     "Engström",  "Danielsson", "Håkansson", "Fransson",
	"Forsberg",   "Sundberg",  "Björk",      "Ek",        "Ängström"};
static const char *const areas[] = {
	"Norr",     "Söder",      "Öst",        "Väst",       "Centrum",
	"Åsen",     "Ängen",      "Öjaby",      "Björkliden", "Ekbacken",
	"Lärkan",   "Tallbacken", "Granhöjden", "Sjöstaden",  "Hamnen",
	"Kvarnbyn", "Skogsbo",    "Ängsvik",    "Solberga",   "Älvsta"};

/* A kind of unit: its insatser, its people and its staff. */
struct utype {
	const char *name, *regime;
	int weight;         /* share of persons */
	int age_lo, age_hi; /* age of its persons */
	const char *kind;   /* the main insats */
	const char *extra[3];
	const char *title[2];
	int samtal;  /* introduktions-, planerings-, uppföljningssamtal */
	int related; /* type of a second akt, or -1 */
};

static const struct utype utypes[] = {
	{"Hemtjänst",
	 "SoL",
	 38,
	 67,
	 99,
	 "hemtjänst",
	 {"trygghetslarm", "trygghetslarm", "hemtjänst"},
	 {"undersköterska", "vårdbiträde"},
	 1,
	 -1},
	{"Boendestöd",
	 "SoL",
	 15,
	 20,
	 66,
	 "boendestöd",
	 {"kontaktperson", "boendestöd", NULL},
	 {"boendestödjare", "stödassistent"},
	 1,
	 6},
	{"LSS-boende",
	 "LSS",
	 10,
	 20,
	 80,
	 "bostad med särskild service",
	 {"ledsagning", "kontaktperson", NULL},
	 {"stödassistent", "stödpedagog"},
	 0,
	 3},
	{"Daglig verksamhet",
	 "LSS",
	 12,
	 20,
	 66,
	 "daglig verksamhet",
	 {"ledsagning", NULL, NULL},
	 {"handledare", "arbetsterapeut"},
	 0,
	 2},
	{"Korttidsboende",
	 "LSS",
	 5,
	 7,
	 30,
	 "korttidsvistelse",
	 {"avlösarservice", NULL, NULL},
	 {"stödassistent", "fritidsledare"},
	 0,
	 6},
	{"Personlig assistans",
	 "LSS",
	 8,
	 5,
	 66,
	 "personlig assistans",
	 {"ledsagning", NULL, NULL},
	 {"personlig assistent", "personlig assistent"},
	 0,
	 3},
	{"Ledsagning och avlösning",
	 "LSS",
	 7,
	 10,
	 66,
	 "ledsagning",
	 {"avlösarservice", "kontaktperson", NULL},
	 {"ledsagare", "stödassistent"},
	 0,
	 -1},
};
#define NTYPES ((int)NELEM(utypes))

static const char *const goals[] = {
	("Känna sig trygg i sitt hem och klara vardagen så självständigt "
	 "som möjligt."),
	"Ha en meningsfull vardag med aktiviteter som personen själv väljer.",
	"Klara sin personliga hygien med stöd och behålla sina förmågor.",
	"Komma ut på promenad och träffa andra minst två gånger i veckan.",
	"Få struktur på veckan: inköp, tvätt och städning på bestämda dagar.",
	"Delta i sysselsättning som stärker självkänslan och gemenskapen.",
	"Sköta sin ekonomi och sina räkningar med stöd av boendestödjaren.",
	"Få avlösning så att familjen kan vila och personen får miljöombyte."};

static const char *const interruptions[] = {
	"Personalbrist under semesterperioden.",
	"Utföraren sade upp avtalet med kort varsel.",
	"Ingen ersättare under kontaktpersonens sjukskrivning.",
	"Verksamheten stängd på grund av smitta."};

static const char *const reasons[] = {"Behovet har upphört.",
				      "Flyttat till särskilt boende.",
				      "Eget önskemål.",
				      "Nytt beslut med annan insats.",
				      "Avliden.",
				      "Flyttat från kommunen."};

/* Journal texts by sökord.  %s is the person's first name. */
static const char *const t_avvikelse[] = {
	"%s ville inte duscha i dag enligt planen. Vi kom överens om att "
	"försöka i morgon förmiddag i stället.",
	"Besöket kl. 12 blev en timme försenat på grund av personalbrist. %s "
	"fick besked per telefon.",
	"%s orkade inte promenaden efter en orolig natt. Promenaden flyttas "
	"till torsdag.",
	"Matlådan kom inte. Köket kontaktat, ny leverans kl. 15. %s fick "
	"smörgås i väntan.",
	"Inköpen enligt planen gjordes inte i dag, %s ville vänta till "
	"lönen kommit."};
static const char *const t_handelse[] = {
	"%s föll i badrummet på morgonen men har inga synliga skador. "
	"Sjuksköterskan är informerad.",
	"%s hade besök av sin dotter och var på gott humör efteråt.",
	"%s har ätit dåligt de senaste dagarna. Vi erbjuder mellanmål och "
	"följer vikten.",
	"%s var med på utflykten till sjön och berättade att det var roligt.",
	"%s hade feber på kvällen, 38,2. Distriktssköterskan kontaktad och "
	"gav råd.",
	"%s sov oroligt och ringde på larmet två gånger under natten.",
	"%s bakade bullar tillsammans med personalen och bjöd grannen på "
	"kaffe.",
	"%s har varit på tandläkaren. Inga nya besvär."};
static const char *const t_kontakt[] = {
	"Telefonsamtal med anhörig om helgen. %s blir hämtad på lördag.",
	"Kontakt med god man om ekonomin. Ny överenskommelse om fickpengar "
	"för %s.",
	"Samtal med distriktssköterskan om ändrad medicinering för %s.",
	"Vårdcentralen ringde och bokade tid för provtagning. %s är "
	"informerad.",
	"Arbetsterapeuten var på hembesök och provade ut rollator med %s."};
static const char *const t_avbojt[] = {
	"%s erbjöds hjälp med städning men tackade nej, vill klara det själv.",
	"%s tackade nej till att följa med på den gemensamma aktiviteten.",
	"Erbjöd dusch, %s avböjde. Nytt erbjudande i morgon.",
	"%s avböjde besök av frisören som erbjudits."};
static const char *const t_forandring[] = {
	("%s behöver mer hjälp vid förflyttning sedan fallet. Handläggaren "
	 "är informerad om det ändrade behovet."),
	"%s klarar nu att laga frukost själv. Tas upp vid nästa uppföljning.",
	"%s har blivit mer glömsk. Vi påminner om måltider och mediciner."};
static const char *const t_synpunkt[] = {
	"%s säger att personalen kommer på olika tider. Synpunkten är "
	"lämnad till enhetschefen.",
	"Anhörig klagade på att tvätten inte blivit gjord. Vi bad om ursäkt "
	"och åtgärdade det i dag. %s är informerad."};
static const char *const t_samtycke[] = {
	"%s samtycker till att vi kontaktar sjuksköterskan vid behov.",
	("%s gav muntligt samtycke till att information delas med daglig "
	 "verksamhet."),
	"%s återkallade samtycket till kontakt med dottern."};

/* ----------------------------------------------------------- generation */

struct staff {
	long long id;
	char login[64];
	char name[96];
	const char *title;
	int ended; /* day number, 0 while active */
};

struct unit {
	long long id;
	char name[96];
	int type;
	long long persons;
	int first, n; /* staff [first, first+n): chef, 2 samordnare, personal */
};

struct person {
	const char *first, *last;
	int type;
};

struct akt {
	int person, unit;
	int opened, closed; /* day numbers; closed 0 while open */
	int extra;          /* insatser beyond the first */
	int kp;             /* kontaktperson (staff index) or -1 */
};

/* One insats of the akt being written. */
struct ins {
	long long id;
	const char *kind;
	int decided, ordered, started, ended;
	const char *reason;
};

enum ev_kind {
	EV_START,
	EV_PABORJAD,
	EV_GP,
	EV_FOLLOWUP,
	EV_EJVERK,
	EV_FACT,
	EV_RANDOM,
	EV_AVSLUTAD,
	EV_AVSLUT
};

/* Something that happened in an akt and gets a note. */
struct ev {
	int day, kind, order;
	int ref; /* insats index, gp index or follow-up index */
};

struct gprow {
	long long id, note;
	int version, day, author;
};

struct furow {
	long long gp, note;
	const char *kind;
	int day, author;
};

/* A recorded fact of the akt: an interruption or its end. */
struct farow {
	long long note;
	const char *kind, *reason;
	int day, ins;
};

struct gen {
	struct sd_ctx *ctx;
	const struct sd_fixture_opts *o;
	struct sd_fixture_stats *st;
	struct rng r;
	int today;
	struct staff *staff;
	int nstaff;
	struct unit *units;
	int nunits;
	struct person *persons;
	struct akt *akter;
	long long nakter;
	double rate; /* random notes per active day */
	long long next_note, next_gp, next_ins;
	/* per-akt scratch */
	struct ins *ins;
	size_t nins, cins;
	struct ev *ev;
	size_t nev, cev;
	struct gprow *gp;
	size_t ngp, cgp;
	struct furow *fu;
	size_t nfu, cfu;
	struct farow *fa;
	size_t nfa, cfa;
	long long *noteids;
	size_t cnoteids;
	sqlite3_stmt *s_unit, *s_staff, *s_su, *s_person, *s_akt, *s_ins,
		*s_note, *s_gp, *s_sig, *s_fu, *s_fact;
};

#define GROW(arr, n, cap)                                                      \
	do {                                                                   \
		if ((n) >= (cap)) {                                            \
			(cap) = (cap) ? 2 * (cap) : 64;                        \
			(arr) = sd_xrealloc((arr), (cap) * sizeof *(arr));     \
		}                                                              \
	} while (0)

static void
bind_s(sqlite3_stmt *st, int i, const char *s)
{
	if (s)
		sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, i);
}

/* Step a bound insert and reset it. */
static int
step(struct gen *g, sqlite3_stmt *st, const char *what)
{
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	if (rc != SQLITE_DONE)
		return sd_fail(g->ctx, EX_SOFTWARE, "cannot write %s: %s", what,
			       sqlite3_errmsg(g->ctx->db));
	return 0;
}

/* A time of writing on day: during the working day, UTC. */
static char *
stamp(struct gen *g, int day, char buf[21])
{
	char d[11];
	snprintf(buf, 21, "%sT%02d:%02d:%02dZ", sd_date_fmt(day, d),
		 rrange(&g->r, 6, 19), rrange(&g->r, 0, 59),
		 rrange(&g->r, 0, 59));
	return buf;
}

/* Lower-case ASCII of a Swedish name, for logins. */
static void
fold(const char *s, char *out, size_t n)
{
	size_t j = 0;
	while (*s && j + 1 < n) {
		unsigned char c = (unsigned char)*s;
		if (c < 0x80) {
			out[j++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
			s++;
		} else if (!strncmp(s, "å", 2) || !strncmp(s, "Å", 2) ||
			   !strncmp(s, "ä", 2) || !strncmp(s, "Ä", 2)) {
			out[j++] = 'a';
			s += 2;
		} else if (!strncmp(s, "ö", 2) || !strncmp(s, "Ö", 2)) {
			out[j++] = 'o';
			s += 2;
		} else if (!strncmp(s, "é", 2)) {
			out[j++] = 'e';
			s += 2;
		} else {
			s++;
		}
	}
	out[j] = '\0';
}

/* Register a staff member (a unique login from the name). */
static int
add_staff(struct gen *g, const char *role, const char *title, int unit,
	  int ended)
{
	struct staff *s = &g->staff[g->nstaff];
	char first[32], lastn[32], login[64], email[96], added[11], endd[11];
	int female_ = rpm(&g->r, 700), rc;
	const char *fn = female_ ? PICK(&g->r, female) : PICK(&g->r, male);
	const char *ln = PICK(&g->r, last);

	s->id = g->nstaff + 1;
	s->title = title;
	s->ended = ended;
	snprintf(s->name, sizeof s->name, "%s %s", fn, ln);
	fold(fn, first, sizeof first);
	fold(ln, lastn, sizeof lastn);
	sd_date_fmt(g->today - 4000, added);
	for (int k = 1;; k++) {
		int n = k == 1 ? snprintf(login, sizeof login, "%s.%s", first,
					  lastn)
			       : snprintf(login, sizeof login, "%s.%s%d", first,
					  lastn, k);
		if (n < 0 || (size_t)n >= sizeof login)
			return sd_fail(g->ctx, EX_SOFTWARE,
				       "fixture made a login over %zu bytes "
				       "for %s",
				       sizeof login - 1, s->name);
		snprintf(email, sizeof email, "%s@example.org", login);
		sqlite3_bind_int64(g->s_staff, 1, s->id);
		bind_s(g->s_staff, 2, login);
		bind_s(g->s_staff, 3, s->name);
		bind_s(g->s_staff, 4, title);
		bind_s(g->s_staff, 5, role);
		bind_s(g->s_staff, 6, email);
		sqlite3_bind_int(g->s_staff, 7, ended ? 0 : 1);
		bind_s(g->s_staff, 8, added);
		bind_s(g->s_staff, 9, ended ? sd_date_fmt(ended, endd) : NULL);
		if ((rc = step(g, g->s_staff, "staff")))
			return rc;
		if (sqlite3_changes(g->ctx->db) == 1)
			break;
	}
	snprintf(s->login, sizeof s->login, "%s", login);
	if (unit >= 0) {
		sqlite3_bind_int64(g->s_su, 1, s->id);
		sqlite3_bind_int64(g->s_su, 2, g->units[unit].id);
		if ((rc = step(g, g->s_su, "staff_unit")))
			return rc;
	}
	g->nstaff++;
	return 0;
}

/* A person with a unique, valid, invented personnummer. */
static int
add_person(struct gen *g, long long id, int type)
{
	const struct utype *t = &utypes[type];
	struct person *p = &g->persons[id - 1];
	struct sd_pnr pnr;
	char ten[11], full[16], name[96];
	int ty, tm, td, rc;

	sd_civil_from_days(g->today, &ty, &tm, &td);
	int fem = rpm(&g->r, 520);
	p->first = fem ? PICK(&g->r, female) : PICK(&g->r, male);
	p->last = PICK(&g->r, last);
	p->type = type;
	snprintf(name, sizeof name, "%s, %s", p->last, p->first);
	for (;;) {
		int y = ty - rrange(&g->r, t->age_lo, t->age_hi) - 1;
		int m = rrange(&g->r, 1, 12);
		int d = rrange(&g->r, 1, sd_days_in_month(y, m));
		/* The ninth digit is odd for men, even for women. */
		int nnn = rrange(&g->r, 0, 99) * 10 +
			  (fem ? 2 * rrange(&g->r, 0, 4)
			       : 2 * rrange(&g->r, 0, 4) + 1);
		if (nnn < 2)
			nnn += 10;
		if (rpm(&g->r, 30))
			d += 60; /* a samordningsnummer */
		if (rpm(&g->r, 3))
			d = 60; /* ... whose day of birth is not known */
		int n = snprintf(ten, sizeof ten, "%02d%02d%02d%03d", y % 100,
				 m, d, nnn);
		if (n != 9)
			return sd_fail(g->ctx, EX_SOFTWARE,
				       "fixture made a bad personnummer: "
				       "%d-%d-%d %d",
				       y, m, d, nnn);
		ten[9] = (char)('0' + sd_pnr_luhn(ten));
		ten[10] = '\0';
		n = snprintf(full, sizeof full, "%04d%.4s-%.4s", y, ten + 2,
			     ten + 6);
		if (n < 0 || (size_t)n >= sizeof full)
			return sd_fail(g->ctx, EX_SOFTWARE,
				       "fixture made a bad personnummer: "
				       "year %d",
				       y);
		if ((rc = sd_pnr_parse(g->ctx, full, &pnr)))
			return sd_fail(g->ctx, EX_SOFTWARE,
				       "fixture made a bad personnummer: %s",
				       g->ctx->err.msg);
		sqlite3_bind_int64(g->s_person, 1, id);
		bind_s(g->s_person, 2, pnr.canon);
		bind_s(g->s_person, 3, name);
		sqlite3_bind_int(g->s_person, 4, pnr.birth_day);
		if ((rc = step(g, g->s_person, "person")))
			return rc;
		if (sqlite3_changes(g->ctx->db) == 1)
			return 0;
	}
}

/* A unit of type t for a new akt (the units of a type in turn). */
static int
pick_unit(struct gen *g, int type)
{
	int n = 0, k;
	for (int i = 0; i < g->nunits; i++)
		n += g->units[i].type == type;
	k = rrange(&g->r, 0, n - 1);
	for (int i = 0; i < g->nunits; i++)
		if (g->units[i].type == type && k-- == 0)
			return i;
	return 0;
}

static int
pick_type(struct gen *g)
{
	int sum = 0, k;
	for (int i = 0; i < NTYPES; i++)
		sum += utypes[i].weight;
	k = rrange(&g->r, 0, sum - 1);
	for (int i = 0; i < NTYPES; i++)
		if ((k -= utypes[i].weight) < 0)
			return i;
	return 0;
}

static struct akt *
new_akt(struct gen *g, long long *cap, int person, int unit, int opened)
{
	if (g->nakter >= *cap) {
		*cap = *cap ? 2 * *cap : 1024;
		g->akter =
			sd_xrealloc(g->akter, (size_t)*cap * sizeof *g->akter);
	}
	struct akt *a = &g->akter[g->nakter++];
	memset(a, 0, sizeof *a);
	a->person = person;
	a->unit = unit;
	a->opened = opened;
	a->kp = -1;
	return a;
}

/* Persons and the skeletons of their akter (dates only). */
static int
plan_akter(struct gen *g)
{
	long long cap = 0, p, np = g->o->persons;
	int span = 3650, rc;

	g->persons = sd_xmalloc((size_t)np * sizeof *g->persons);
	for (p = 1; p <= np; p++) {
		/* Akt 1 is the large one: ten years of daily notes. */
		int type = p == 1 ? 2 : pick_type(g);
		if ((rc = add_person(g, p, type)))
			return rc;
		int unit = pick_unit(g, type);
		/* Many come for a year or two, some stay for ten: half
		 * of the akter were opened in the last three years. */
		int k = rrange(&g->r, 0, 3);
		int back = k == 0 ? 365 : k == 1 ? 3 * 365 : span;
		int opened = p == 1 ? g->today - span
				    : g->today - rrange(&g->r, 3, back);
		struct akt *a = new_akt(g, &cap, (int)p, unit, opened);
		/*
		 * Akter closed more than about six years ago have been
		 * purged (gallring five years after the last note, by the
		 * end of the next year): the closed ones are recent.
		 */
		if (p > 1 && g->today - opened > 90 && rpm(&g->r, 250)) {
			int lo = opened + 60;
			if (lo < g->today - 2200)
				lo = g->today - 2200;
			a->closed = rrange(&g->r, lo, g->today - 1);
			/* Some come back later: a new akt at the same unit. */
			if (a->closed + 30 < g->today - 3 && rpm(&g->r, 200))
				new_akt(g, &cap, (int)p, unit,
					rrange(&g->r, a->closed + 30,
					       g->today - 3));
		}
		int rel = utypes[type].related;
		if (rel >= 0 && rpm(&g->r, 250) &&
		    g->akter[g->nakter - 1].closed == 0)
			new_akt(g, &cap, (int)p, pick_unit(g, rel),
				rrange(&g->r, opened, g->today - 3));
	}
	/* Insatser beyond the first of each akt, spread at random. */
	for (long long k = g->o->insatser - g->nakter; k > 0; k--)
		g->akter[rnext(&g->r) % (uint64_t)g->nakter].extra++;
	for (long long i = 0; i < g->nakter; i++)
		g->units[g->akter[i].unit].persons++;
	return 0;
}

/* Units, then their staff sized by their number of akter. */
static int
make_units(struct gen *g)
{
	int n = (int)(g->o->persons / 350);
	int rc;

	if (n < NTYPES + 1)
		n = NTYPES + 1;
	g->nunits = n;
	g->units = sd_xmalloc((size_t)n * sizeof *g->units);
	for (int i = 0; i < n; i++) {
		struct unit *u = &g->units[i];
		int type = i % NTYPES, round = i / NTYPES;
		u->id = i + 1;
		u->type = type;
		u->persons = 0;
		if (round < (int)NELEM(areas))
			snprintf(u->name, sizeof u->name, "%s %s",
				 utypes[type].name, areas[round]);
		else
			snprintf(u->name, sizeof u->name, "%s %s %d",
				 utypes[type].name,
				 areas[round % (int)NELEM(areas)],
				 round / (int)NELEM(areas) + 1);
		sqlite3_bind_int64(g->s_unit, 1, u->id);
		bind_s(g->s_unit, 2, u->name);
		if ((rc = step(g, g->s_unit, "unit")))
			return rc;
	}
	return 0;
}

static int
make_staff(struct gen *g)
{
	int cap = 2, rc;

	for (int i = 0; i < g->nunits; i++)
		cap += 3 + 4 + (int)(g->units[i].persons / 10);
	g->staff = sd_xmalloc((size_t)cap * sizeof *g->staff);
	if ((rc = add_staff(g, "admin", "systemförvaltare", -1, 0)))
		return rc;
	snprintf(g->staff[0].login, sizeof g->staff[0].login, "%s",
		 g->o->admin);
	if ((rc = sd_exec(g->ctx,
			  "UPDATE staff SET login = ?, email = ? || "
			  "'@example.org' WHERE id = 1",
			  g->o->admin, g->o->admin, SD_END)) ||
	    (rc = add_staff(g, "arkivarie", "arkivarie", -1, 0)))
		return rc;
	for (int i = 0; i < g->nunits; i++) {
		struct unit *u = &g->units[i];
		const struct utype *t = &utypes[u->type];
		int np = 4 + (int)(u->persons / 10);
		u->first = g->nstaff;
		if ((rc = add_staff(g, "enhetschef", "enhetschef", i, 0)) ||
		    (rc = add_staff(g, "samordnare", t->title[0], i, 0)) ||
		    (rc = add_staff(g, "samordnare", t->title[1], i, 0)))
			return rc;
		for (int k = 0; k < np; k++) {
			int ended = rpm(&g->r, 80)
					    ? g->today - rrange(&g->r, 30, 1500)
					    : 0;
			if ((rc = add_staff(g, "personal", t->title[k % 2], i,
					    ended)))
				return rc;
		}
		u->n = g->nstaff - u->first;
	}
	return 0;
}

/* Who writes a note on day in unit u: someone of the unit then active. */
static int
writer(struct gen *g, const struct unit *u, int day)
{
	int s = u->first + rrange(&g->r, 0, u->n - 1);
	if (g->staff[s].ended && g->staff[s].ended < day)
		s = u->first + 1;
	return s;
}

static void
add_ev(struct gen *g, int day, int kind, int ref)
{
	GROW(g->ev, g->nev, g->cev);
	g->ev[g->nev].day = day;
	g->ev[g->nev].kind = kind;
	g->ev[g->nev].ref = ref;
	g->ev[g->nev].order = (int)g->nev;
	g->nev++;
}

static int
cmp_ev(const void *pa, const void *pb)
{
	const struct ev *a = pa, *b = pb;
	if (a->day != b->day)
		return a->day < b->day ? -1 : 1;
	if (a->kind != b->kind)
		return a->kind < b->kind ? -1 : 1;
	return a->order < b->order ? -1 : a->order > b->order;
}

static void
add_fu(struct gen *g, const char *kind, int day, long long gp, int author)
{
	GROW(g->fu, g->nfu, g->cfu);
	g->fu[g->nfu] = (struct furow){
		.gp = gp, .kind = kind, .day = day, .author = author};
	add_ev(g, day, EV_FOLLOWUP, (int)g->nfu);
	g->nfu++;
}

/*
 * The dates of the insatser of akt a.  Most are carried out within
 * three weeks; some wait, and a few recent decisions still wait today
 * (SoL 16 kap 6 f §, LSS 28 f §: reported to IVO after three months).
 */
static void
plan_insatser(struct gen *g, const struct akt *a, int end)
{
	const struct utype *t = &utypes[g->units[a->unit].type];

	g->nins = 0;
	for (int k = 0; k <= a->extra && k < 12; k++) {
		struct ins *in;
		GROW(g->ins, g->nins, g->cins);
		in = &g->ins[g->nins++];
		memset(in, 0, sizeof *in);
		in->id = ++g->next_ins;
		if (k == 0) {
			in->kind = t->kind;
			in->decided = a->opened - rrange(&g->r, 0, 14);
		} else {
			in->kind = t->extra[rnext(&g->r) % 3];
			if (!in->kind)
				in->kind = t->kind;
			in->decided = rrange(&g->r, a->opened, end - 1);
		}
		in->ordered = in->decided + rrange(&g->r, 0, 3);
		if (in->ordered > g->today)
			in->ordered = g->today;
		int k1 = rrange(&g->r, 0, 999), delay;
		if (k1 < 870)
			delay = rrange(&g->r, 1, 21);
		else if (k1 < 975)
			delay = rrange(&g->r, 22, 80);
		else
			delay = rrange(&g->r, 95,
				       200); /* ej verkställt i tid */
		/* A recent decision may still wait for a place (an alarm
		 * is put in at once). */
		if (!a->closed && in->decided > g->today - 240 &&
		    strcmp(in->kind, "trygghetslarm") && rpm(&g->r, 30))
			delay = rrange(&g->r, 95, 260);
		in->started = in->decided + delay;
		if (in->started < a->opened)
			in->started = a->opened;
		if (a->closed && in->started > a->closed)
			in->started = a->closed;
		if (in->started > g->today)
			in->started = 0;
		if (in->started && a->closed)
			in->ended = rpm(&g->r, 700) ? a->closed
						    : rrange(&g->r, in->started,
							     a->closed);
		else if (in->started && rpm(&g->r, k == 0 ? 40 : 300))
			in->ended = rrange(&g->r, in->started, g->today);
		in->reason = in->ended ? PICK(&g->r, reasons) : NULL;
	}
	/*
	 * An open akt whose every insats has ended is closed within 30
	 * days (journal-avslut): the fixture keeps the last one running
	 * unless it ended only lately, so that the closing is still due.
	 */
	if (!a->closed) {
		int all = 1, lastend = -1;
		for (size_t i = 0; i < g->nins; i++) {
			if (!g->ins[i].ended)
				all = 0;
			else if (lastend < 0 ||
				 g->ins[i].ended > g->ins[lastend].ended)
				lastend = (int)i;
		}
		if (all && lastend >= 0 &&
		    g->ins[lastend].ended < g->today - 40) {
			g->ins[lastend].ended = 0;
			g->ins[lastend].reason = NULL;
		}
		/* A few have just seen their last insats end: the
		 * kontaktperson is about to close the journal. */
		int latest = 0;
		for (size_t i = 0; i < g->nins && latest >= 0; i++)
			if (!g->ins[i].started)
				latest = -1;
			else if (g->ins[i].started > latest)
				latest = g->ins[i].started;
		if (latest > 0 && latest < g->today - 10 && rpm(&g->r, 15)) {
			int lo = latest + 1 > g->today - 50 ? latest + 1
							    : g->today - 50;
			int e = rrange(&g->r, lo, g->today - 3);
			const char *why = PICK(&g->r, reasons);
			for (size_t i = 0; i < g->nins; i++)
				if (!g->ins[i].ended || g->ins[i].ended > e) {
					g->ins[i].ended = e;
					g->ins[i].reason = why;
				}
		}
	}
}

/* The insatser of akt a, written, and their events. */
static int
write_insatser(struct gen *g, long long aid, const struct akt *a, int end)
{
	const struct unit *u = &g->units[a->unit];
	char dd[11], od[11], sd[11], ed[11], ca[21], hl[96];
	int rc;

	plan_insatser(g, a, end);
	for (size_t k = 0; k < g->nins; k++) {
		const struct ins *in = &g->ins[k];
		snprintf(hl, sizeof hl, "%s %s", PICK(&g->r, female),
			 PICK(&g->r, last));
		sqlite3_bind_int64(g->s_ins, 1, in->id);
		sqlite3_bind_int64(g->s_ins, 2, aid);
		bind_s(g->s_ins, 3, in->kind);
		bind_s(g->s_ins, 4, sd_date_fmt(in->decided, dd));
		bind_s(g->s_ins, 5, sd_date_fmt(in->ordered, od));
		bind_s(g->s_ins, 6, hl);
		bind_s(g->s_ins, 7, PICK(&g->r, goals));
		bind_s(g->s_ins, 8,
		       in->started ? sd_date_fmt(in->started, sd) : NULL);
		bind_s(g->s_ins, 9,
		       in->ended ? sd_date_fmt(in->ended, ed) : NULL);
		bind_s(g->s_ins, 10, in->reason);
		bind_s(g->s_ins, 11,
		       stamp(g,
			     in->decided > a->opened ? in->decided : a->opened,
			     ca));
		sqlite3_bind_int64(g->s_ins, 12, g->staff[u->first + 1].id);
		if ((rc = step(g, g->s_ins, "insats")))
			return rc;
		if (in->started)
			add_ev(g, in->started, EV_PABORJAD, (int)k);
		if (in->ended)
			add_ev(g, in->ended, EV_AVSLUTAD, (int)k);
	}
	g->st->insatser += (long long)g->nins;
	return 0;
}

static void
add_fact(struct gen *g, const char *kind, int day, int ins, const char *why)
{
	GROW(g->fa, g->nfa, g->cfa);
	g->fa[g->nfa] = (struct farow){
		.kind = kind, .day = day, .ins = ins, .reason = why};
	add_ev(g, day, EV_FACT, (int)g->nfa);
	g->nfa++;
}

static int
cmp_int(const void *pa, const void *pb)
{
	int a = *(const int *)pa, b = *(const int *)pb;
	return (a > b) - (a < b);
}

/*
 * Plans, follow-ups and talks of akt a up to day end, as events.  The
 * unit keeps its routines (seeds 001-003) nearly always: a plan within
 * four weeks of the first insats and a new version when another insats
 * starts, the plan followed up every half year, the talks, the
 * handläggare's follow-up of every decision.  What is late is late
 * only lately, so followup-due shows a Monday morning's work, not a
 * decade of neglect.
 */
static void
plan_followups(struct gen *g, const struct akt *a, int end)
{
	const struct utype *t = &utypes[g->units[a->unit].type];
	const struct unit *u = &g->units[a->unit];
	int first = 0, day, kp, starts[12], ns = 0;

	g->ngp = g->nfu = g->nfa = 0;
	for (size_t i = 0; i < g->nins; i++)
		if (g->ins[i].started && (!first || g->ins[i].started < first))
			first = g->ins[i].started;
	for (size_t i = 0; i < g->nins && ns < 12; i++)
		if (g->ins[i].started && g->ins[i].started > first)
			starts[ns++] = g->ins[i].started;
	qsort(starts, (size_t)ns, sizeof *starts, cmp_int);
	kp = a->kp >= 0 ? a->kp : u->first + 1;
	if (first) {
		/* The plan: mostly within 4 weeks, some late. */
		int lastgp = 0, isgp = 1;
		day = first + (rpm(&g->r, 870) ? rrange(&g->r, 5, 27)
					       : rrange(&g->r, 29, 75));
		while (day <= end) {
			if (isgp) {
				GROW(g->gp, g->ngp, g->cgp);
				g->gp[g->ngp] = (struct gprow){
					.id = ++g->next_gp,
					.version = (int)g->ngp + 1,
					.day = day,
					.author = kp};
				add_ev(g, day, EV_GP, (int)g->ngp);
				g->ngp++;
				lastgp = day;
			} else {
				add_fu(g, "uppfoljning", day,
				       g->gp[g->ngp - 1].id, kp);
			}
			/* The next follow-up, or a new version for an
			 * insats started since the last one. */
			int next = day + rrange(&g->r, 140, 215);
			isgp = rpm(&g->r, 400);
			for (int j = 0; j < ns; j++) {
				if (starts[j] <= lastgp)
					continue;
				int rev = starts[j] +
					  (rpm(&g->r, 900)
						   ? rrange(&g->r, 3, 27)
						   : rrange(&g->r, 29, 60));
				if (rev < next)
					next = rev;
				isgp = 1;
				break;
			}
			day = next;
		}
	}
	if (first && t->samtal) {
		int intro = first + rrange(&g->r, 0, 10);
		if (intro <= end) {
			add_fu(g, "introduktionssamtal", intro, 0, kp);
			int plan = intro + rrange(&g->r, 14, 45);
			if (plan <= end) {
				add_fu(g, "planeringssamtal", plan, 0, kp);
				for (day = plan + rrange(&g->r, 60, 100);
				     day <= end; day += rrange(&g->r, 70, 105))
					add_fu(g, "uppfoljningssamtal", day, 0,
					       kp);
			}
		}
	}
	for (size_t i = 0; i < g->nins; i++) {
		const struct ins *in = &g->ins[i];
		day = in->decided + rrange(&g->r, 20, 52);
		if (day >= a->opened && day <= end)
			add_fu(g, "handlaggare-uppfoljning", day, 0,
			       u->first + 1);
		/* Not carried out within three months: the reason in the
		 * journal (ivo-report reads it). */
		int wait = (in->started ? in->started : end + 1) - in->decided;
		day = in->decided + rrange(&g->r, 92, 100);
		if (wait > 92 && day <= end &&
		    (!in->started || day < in->started))
			add_ev(g, day, EV_EJVERK, (int)i);
		/* Now and then a running insats is interrupted for a while
		 * (SoL 16 kap 6 f §, LSS 28 f §). */
		if (!a->closed && in->started && !in->ended &&
		    in->started < g->today - 200 && rpm(&g->r, 15)) {
			int lo = in->started + 30;
			if (lo < g->today - 330)
				lo = g->today - 330;
			int from = rrange(&g->r, lo, g->today - 100);
			add_fact(g, "avbrott", from, (int)i,
				 PICK(&g->r, interruptions));
			if (rpm(&g->r, 500))
				add_fact(g, "avbrott-slut",
					 rrange(&g->r, from + 60, g->today),
					 (int)i, NULL);
		}
		if (strcmp(in->kind, "trygghetslarm") || !in->started)
			continue;
		int stop = in->ended ? in->ended : end;
		for (day = in->started + rrange(&g->r, 330, 400); day <= stop;
		     day += rrange(&g->r, 330, 400))
			add_fu(g, "trygghetslarm", day, 0, kp);
	}
}

/* Genitive of a Swedish first name: Anna -> Annas, Lars -> Lars. */
static const char *
genitive(const char *name, char *buf, size_t n)
{
	size_t l = strlen(name);
	const char *end = l ? name + l - 1 : name;
	snprintf(buf, n, "%s%s", name,
		 *end == 's' || *end == 'x' || *end == 'z' ? "" : "s");
	return buf;
}

static void
random_text(struct gen *g, const char *cat, const char *first, char *body,
	    size_t n)
{
	const char *f = "%s";
	if (!strcmp(cat, "avvikelse"))
		f = PICK(&g->r, t_avvikelse);
	else if (!strcmp(cat, "händelse"))
		f = PICK(&g->r, t_handelse);
	else if (!strcmp(cat, "kontakt"))
		f = PICK(&g->r, t_kontakt);
	else if (!strcmp(cat, "erbjudande-avböjt"))
		f = PICK(&g->r, t_avbojt);
	else if (!strcmp(cat, "förändring"))
		f = PICK(&g->r, t_forandring);
	else if (!strcmp(cat, "synpunkt-klagomål"))
		f = PICK(&g->r, t_synpunkt);
	else if (!strcmp(cat, "samtycke"))
		f = PICK(&g->r, t_samtycke);
		/* The formats are ours and take exactly one %s. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
	snprintf(body, n, f, first);
#pragma GCC diagnostic pop
}

static const char *
random_category(struct gen *g)
{
	int k = rrange(&g->r, 0, 99);
	if (k < 36)
		return "händelse";
	if (k < 56)
		return "kontakt";
	if (k < 74)
		return "avvikelse";
	if (k < 85)
		return "erbjudande-avböjt";
	if (k < 92)
		return "förändring";
	if (k < 96)
		return "samtycke";
	if (k < 99)
		return "synpunkt-klagomål";
	return "rättelse";
}

static const char *
followup_text(const char *kind)
{
	if (!strcmp(kind, "introduktionssamtal"))
		return "Introduktionssamtal med %s: vi gick igenom hur stödet "
		       "går till och vem som är kontaktperson.";
	if (!strcmp(kind, "planeringssamtal"))
		return "Planeringssamtal med %s inför genomförandeplanen: "
		       "önskemål om tider och vad som är viktigast.";
	if (!strcmp(kind, "uppfoljningssamtal"))
		return "Uppföljningssamtal med kontaktpersonen. %s är i stort "
		       "nöjd med stödet.";
	if (!strcmp(kind, "handlaggare-uppfoljning"))
		return "Handläggarens uppföljning av beslutet. Insatsen "
		       "motsvarar %s behov.";
	if (!strcmp(kind, "trygghetslarm"))
		return "Uppföljning av trygghetslarmet: larmet fungerar och %s "
		       "vet hur det används.";
	return "Genomförandeplanen följdes upp tillsammans med %s. Målen "
	       "kvarstår, delmålen justerades.";
}

/* Write the notes of akt aid (events sorted), chaining their hashes. */
static int
write_notes(struct gen *g, long long aid, const struct akt *a)
{
	const struct unit *u = &g->units[a->unit];
	const struct person *p = &g->persons[a->person - 1];
	char prev[65], hash[65], ev[11], wr[21], body[512], gen_[64];
	long long seq = 0;
	int rc;

	memcpy(prev, SD_HASH_ZERO, 65);
	qsort(g->ev, g->nev, sizeof *g->ev, cmp_ev);
	if (g->cnoteids < g->nev + 1) {
		g->cnoteids = g->nev + 64;
		g->noteids = sd_xrealloc(g->noteids,
					 g->cnoteids * sizeof *g->noteids);
	}
	for (size_t i = 0; i < g->nev; i++) {
		const struct ev *e = &g->ev[i];
		struct sd_note n = {0};
		const char *cat = "händelse";
		long long corrects = 0;
		int author, behalf = -1;

		author = writer(g, u, e->day);
		switch (e->kind) {
		case EV_START:
			cat = "startanteckning";
			snprintf(body, sizeof body,
				 "Första kontakten med %s. Presentation av "
				 "verksamheten och tid bokad för "
				 "introduktionssamtal.",
				 p->first);
			break;
		case EV_PABORJAD: {
			const struct ins *in = &g->ins[e->ref];
			char d1[11], d2[11];
			cat = "påbörjad-insats";
			author = u->first + 1;
			snprintf(body, sizeof body,
				 "Insatsen %s (insats %lld, beslut %s) "
				 "verkställdes %s.",
				 in->kind, in->id, sd_date_fmt(in->decided, d1),
				 sd_date_fmt(in->started, d2));
			break;
		}
		case EV_AVSLUTAD: {
			const struct ins *in = &g->ins[e->ref];
			char d1[11], d2[11];
			cat = "avslutad-insats";
			author = u->first + 1;
			snprintf(body, sizeof body,
				 "Insatsen %s (insats %lld, verkställd %s) "
				 "avslutades %s. Skäl: %s",
				 in->kind, in->id, sd_date_fmt(in->started, d1),
				 sd_date_fmt(in->ended, d2), in->reason);
			break;
		}
		case EV_GP: {
			struct gprow *gp = &g->gp[e->ref];
			cat = "genomförandeplan";
			author = gp->author;
			if (gp->version == 1)
				snprintf(body, sizeof body,
					 "Genomförandeplan (version 1) "
					 "upprättad tillsammans med %s.",
					 p->first);
			else
				snprintf(body, sizeof body,
					 "Genomförandeplanen följdes upp med "
					 "%s och ersattes av version %d.",
					 p->first, gp->version);
			break;
		}
		case EV_FOLLOWUP: {
			struct furow *fu = &g->fu[e->ref];
			const char *f = followup_text(fu->kind);
			const char *who = p->first;
			cat = "uppföljning";
			author = fu->author;
			if (!strcmp(fu->kind, "handlaggare-uppfoljning"))
				who = genitive(p->first, gen_, sizeof gen_);
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
			snprintf(body, sizeof body, f, who);
#pragma GCC diagnostic pop
			break;
		}
		case EV_EJVERK: {
			const struct ins *in = &g->ins[e->ref];
			char d1[11];
			cat = "ej-verkställt";
			author = u->first + 1;
			snprintf(body, sizeof body,
				 "Beslutet om %s (insats %lld, beslut %s) är "
				 "inte verkställt inom tre månader: ingen "
				 "ledig plats än. %s har fått besked; "
				 "rapporteras till IVO.",
				 in->kind, in->id, sd_date_fmt(in->decided, d1),
				 p->first);
			break;
		}
		case EV_FACT: {
			const struct farow *fa = &g->fa[e->ref];
			const struct ins *in = &g->ins[fa->ins];
			char d1[11];
			author = u->first;
			if (!strcmp(fa->kind, "avbrott")) {
				cat = "ej-verkställt";
				snprintf(body, sizeof body,
					 "Verkställigheten av insatsen %s "
					 "(insats %lld) avbröts %s. Skäl: %s",
					 in->kind, in->id,
					 sd_date_fmt(fa->day, d1), fa->reason);
			} else {
				cat = "påbörjad-insats";
				snprintf(body, sizeof body,
					 "Verkställigheten av insatsen %s "
					 "(insats %lld) återupptogs %s efter "
					 "avbrott.",
					 in->kind, in->id,
					 sd_date_fmt(fa->day, d1));
			}
			break;
		}
		case EV_AVSLUT:
			cat = "avslut";
			author = u->first;
			snprintf(body, sizeof body,
				 "Akten avslutas. Inga insatser pågår; %s "
				 "har fått besked.",
				 p->first);
			break;
		default:
			cat = random_category(g);
			if (!strcmp(cat, "rättelse")) {
				if (seq < 2) {
					cat = "händelse";
				} else {
					long long k =
						rrange(&g->r, 1, (int)seq - 1);
					corrects = g->noteids[k];
					snprintf(
						body, sizeof body,
						"%s anser att anteckning %lld "
						"är oriktig: det var inte så "
						"det gick till. Noterat enligt "
						"%s önskemål.",
						p->first, k,
						genitive(p->first, gen_,
							 sizeof gen_));
					n.corrects_seq = k;
					break;
				}
			}
			random_text(g, cat, p->first, body, sizeof body);
			if (rpm(&g->r, 30)) {
				behalf = author;
				author = u->first + 2;
			}
		}
		if (g->staff[author].ended && g->staff[author].ended < e->day)
			author = u->first + 1;

		n.id = ++g->next_note;
		n.akt = aid;
		n.seq = ++seq;
		n.event_date = sd_date_fmt(e->day, ev);
		n.written_at = stamp(g, e->day, wr);
		n.author_login = g->staff[author].login;
		n.author_name = g->staff[author].name;
		n.author_title = g->staff[author].title;
		if (behalf >= 0) {
			n.behalf_login = g->staff[behalf].login;
			n.behalf_name = g->staff[behalf].name;
			n.behalf_title = g->staff[behalf].title;
		}
		n.category = cat;
		n.prev_hash = prev;
		n.body = body;
		if (sd_note_hash(&n, hash) != 0)
			return sd_fail(g->ctx, EX_SOFTWARE,
				       "cannot compute SHA-256");
		g->noteids[seq] = n.id;

		sqlite3_stmt *st = g->s_note;
		sqlite3_bind_int64(st, 1, n.id);
		sqlite3_bind_int64(st, 2, n.akt);
		sqlite3_bind_int64(st, 3, n.seq);
		bind_s(st, 4, n.event_date);
		bind_s(st, 5, n.written_at);
		bind_s(st, 6, n.author_login);
		bind_s(st, 7, n.author_name);
		bind_s(st, 8, n.author_title);
		bind_s(st, 9, n.behalf_login);
		bind_s(st, 10, n.behalf_name);
		bind_s(st, 11, n.behalf_title);
		bind_s(st, 12, n.category);
		bind_s(st, 13, n.body);
		if (corrects)
			sqlite3_bind_int64(st, 14, corrects);
		bind_s(st, 15, n.prev_hash);
		bind_s(st, 16, hash);
		if ((rc = step(g, st, "note")))
			return rc;
		memcpy(prev, hash, 65);
		if (e->kind == EV_GP)
			g->gp[e->ref].note = n.id;
		else if (e->kind == EV_FOLLOWUP)
			g->fu[e->ref].note = n.id;
		else if (e->kind == EV_FACT)
			g->fa[e->ref].note = n.id;
	}
	g->st->notes += seq;
	if (seq > g->st->big_notes) {
		g->st->big_notes = seq;
		g->st->big_akt = aid;
	}
	return 0;
}

/* The plans of the akt, their signatures, and the follow-ups. */
static int
write_plans(struct gen *g, long long aid, const struct akt *a)
{
	const struct person *p = &g->persons[a->person - 1];
	const struct utype *t = &utypes[g->units[a->unit].type];
	char d[11], wr[21], full[96], god[96];
	struct sd_buf b;
	int rc = 0;

	snprintf(full, sizeof full, "%s %s", p->first, p->last);
	sd_buf_init(&b);
	for (size_t i = 0; i < g->ngp && !rc; i++) {
		const struct gprow *gp = &g->gp[i];
		const struct staff *s = &g->staff[gp->author];
		b.len = 0;
		sd_buf_printf(&b,
			      "# Genomförandeplan\n\n"
			      "## Mål\n\n%s\n\n"
			      "## Delmål\n\n"
			      "- Vad: %s\n"
			      "- När: måndagar och torsdagar, förmiddag\n"
			      "- Hur: personalen stöttar, %s gör själv det "
			      "som går\n"
			      "- Vem: kontaktpersonen %s\n\n"
			      "## Delaktighet\n\n"
			      "%s har varit med och formulerat målen med egna "
			      "ord.\n\n"
			      "## Riskbedömning\n\n"
			      "Risk för fall och för att bli ensam; följs upp "
			      "vid varje besök.\n",
			      PICK(&g->r, goals), t->kind, p->first, s->name,
			      p->first);
		sqlite3_bind_int64(g->s_gp, 1, gp->id);
		sqlite3_bind_int64(g->s_gp, 2, aid);
		sqlite3_bind_int(g->s_gp, 3, gp->version);
		bind_s(g->s_gp, 4, sd_date_fmt(gp->day, d));
		bind_s(g->s_gp, 5, b.s);
		bind_s(g->s_gp, 6, stamp(g, gp->day, wr));
		bind_s(g->s_gp, 7, s->login);
		bind_s(g->s_gp, 8, s->name);
		bind_s(g->s_gp, 9, s->title);
		sqlite3_bind_int64(g->s_gp, 10, gp->note);
		if ((rc = step(g, g->s_gp, "plan")))
			break;
		g->st->gp++;

		/* Signatures: the person (or a refusal), a legal
		 * representative now and then, the kontaktperson. */
		int k = rrange(&g->r, 0, 99);
		int who = 0;
		/* Unsigned (and not declined) only while the plan is new. */
		if (k >= 95 && gp->day < g->today - 45)
			k = rrange(&g->r, 0, 94);
		const char *signer[3], *name[3], *declined[3];
		if (k < 85) {
			signer[who] = "brukare", name[who] = full;
			declined[who++] = NULL;
		} else if (k < 95) {
			signer[who] = "brukare", name[who] = NULL;
			declined[who++] = "Vill inte skriva under men har "
					  "tagit del av planen.";
		}
		if (!strcmp(t->regime, "LSS") && rpm(&g->r, 300)) {
			snprintf(god, sizeof god, "%s %s", PICK(&g->r, female),
				 PICK(&g->r, last));
			signer[who] = "foretradare", name[who] = god;
			declined[who++] = NULL;
		}
		if (a->kp >= 0) {
			signer[who] = "kontaktperson";
			name[who] = g->staff[a->kp].name;
			declined[who++] = NULL;
		}
		for (int j = 0; j < who && !rc; j++) {
			bind_s(g->s_sig, 1, NULL);
			sqlite3_bind_int64(g->s_sig, 2, gp->id);
			bind_s(g->s_sig, 3, signer[j]);
			bind_s(g->s_sig, 4, d);
			bind_s(g->s_sig, 5, name[j]);
			bind_s(g->s_sig, 6, declined[j]);
			bind_s(g->s_sig, 7, wr);
			sqlite3_bind_int64(g->s_sig, 8, s->id);
			if (!(rc = step(g, g->s_sig, "signature")))
				g->st->signatures++;
		}
	}
	sd_buf_free(&b);
	for (size_t i = 0; i < g->nfu && !rc; i++) {
		const struct furow *fu = &g->fu[i];
		bind_s(g->s_fu, 1, NULL);
		sqlite3_bind_int64(g->s_fu, 2, aid);
		if (fu->gp)
			sqlite3_bind_int64(g->s_fu, 3, fu->gp);
		bind_s(g->s_fu, 4, fu->kind);
		bind_s(g->s_fu, 5, sd_date_fmt(fu->day, d));
		sqlite3_bind_int64(g->s_fu, 6, fu->note);
		bind_s(g->s_fu, 7, stamp(g, fu->day, wr));
		sqlite3_bind_int64(g->s_fu, 8, g->staff[fu->author].id);
		if (!(rc = step(g, g->s_fu, "follow-up")))
			g->st->followups++;
	}
	return rc;
}

static int
insert_fact(struct gen *g, long long aid, long long ins, const char *kind,
	    int day, const char *reason, long long note, long long by)
{
	char d[11], wr[21];
	sqlite3_bind_int64(g->s_fact, 1, aid);
	if (ins)
		sqlite3_bind_int64(g->s_fact, 2, ins);
	bind_s(g->s_fact, 3, kind);
	bind_s(g->s_fact, 4, sd_date_fmt(day, d));
	bind_s(g->s_fact, 5, reason);
	if (note)
		sqlite3_bind_int64(g->s_fact, 6, note);
	bind_s(g->s_fact, 7, stamp(g, day, wr));
	sqlite3_bind_int64(g->s_fact, 8, by);
	return step(g, g->s_fact, "fact");
}

/*
 * The recorded facts of the akt: its interruptions, and for a closed akt
 * the hand-over to the intermediate archive (seed 002: within a year of
 * the closing, by the enhetschef, as akt-overlamna records it); a few
 * are handed over late, and the akter closed within the last year
 * mostly wait for it.
 */
static int
write_facts(struct gen *g, long long aid, const struct akt *a)
{
	const struct unit *u = &g->units[a->unit];
	long long chef = g->staff[u->first].id;
	int rc = 0;

	for (size_t i = 0; i < g->nfa && !rc; i++) {
		const struct farow *fa = &g->fa[i];
		rc = insert_fact(g, aid, g->ins[fa->ins].id, fa->kind, fa->day,
				 fa->reason, fa->note, chef);
	}
	if (!rc && a->closed) {
		int k = rrange(&g->r, 0, 99);
		int day = a->closed + (k < 60   ? rrange(&g->r, 200, 350)
				       : k < 90 ? rrange(&g->r, 351, 372)
						: rrange(&g->r, 373, 420));
		if (day <= g->today)
			rc = insert_fact(g, aid, 0, "arkiv-overlamning", day,
					 NULL, 0, chef);
	}
	return rc;
}

/* One akt with everything in it. */
static int
write_akt(struct gen *g, long long aid, struct akt *a)
{
	const struct unit *u = &g->units[a->unit];
	const struct utype *t = &utypes[u->type];
	int end = a->closed ? a->closed : g->today;
	char od[11], cd[11], ca[21];
	int rc;

	if (rpm(&g->r, 900)) {
		a->kp = u->first + 3 + rrange(&g->r, 0, u->n - 4);
		if (g->staff[a->kp].ended &&
		    (!a->closed || g->staff[a->kp].ended < a->closed))
			a->kp = u->first + 1;
	}
	sqlite3_bind_int64(g->s_akt, 1, aid);
	sqlite3_bind_int64(g->s_akt, 2, a->person);
	sqlite3_bind_int64(g->s_akt, 3, u->id);
	bind_s(g->s_akt, 4, t->regime);
	if (a->kp >= 0)
		sqlite3_bind_int64(g->s_akt, 5, g->staff[a->kp].id);
	bind_s(g->s_akt, 6, sd_date_fmt(a->opened, od));
	bind_s(g->s_akt, 7, stamp(g, a->opened, ca));
	sqlite3_bind_int64(g->s_akt, 8, g->staff[u->first + 1].id);
	bind_s(g->s_akt, 9, a->closed ? sd_date_fmt(a->closed, cd) : NULL);
	if (a->closed)
		sqlite3_bind_int64(g->s_akt, 10, g->staff[u->first].id);
	if ((rc = step(g, g->s_akt, "akt")))
		return rc;
	g->st->akter++;
	g->st->closed += a->closed != 0;

	g->nev = 0;
	add_ev(g, a->opened, EV_START, 0);
	if ((rc = write_insatser(g, aid, a, end)))
		return rc;
	plan_followups(g, a, end);
	if (a->closed)
		add_ev(g, a->closed, EV_AVSLUT, 0);

	/* Fill up with everyday notes to this akt's share of the total. */
	double want = g->rate * (end - a->opened + 1);
	if (aid == 1) {
		want = (double)g->o->notes / 250;
		if (want < 150)
			want = 150;
	}
	long long q = (long long)want + ((double)(rnext(&g->r) % 1000) / 1000 <
					 want - (long long)want);
	for (long long k = (long long)g->nev; k < q; k++)
		add_ev(g, rrange(&g->r, a->opened, end), EV_RANDOM, 0);
	if ((rc = write_notes(g, aid, a)) || (rc = write_plans(g, aid, a)))
		return rc;
	return write_facts(g, aid, a);
}

static int
prepare_all(struct gen *g)
{
	struct {
		sqlite3_stmt **st;
		const char *sql;
	} s[] = {
		{&g->s_unit, "INSERT INTO unit(id, name) VALUES (?,?)"},
		{&g->s_staff,
		 "INSERT OR IGNORE INTO staff(id, login, name, title, role, "
		 "email, "
		 "active, added, ended) VALUES (?,?,?,?,?,?,?,?,?)"},
		{&g->s_su,
		 "INSERT INTO staff_unit(staff_id, unit_id) VALUES (?,?)"},
		{&g->s_person, "INSERT OR IGNORE INTO person(id, pnr, name, "
			       "birth_day) VALUES (?,?,?,?)"},
		{&g->s_akt,
		 "INSERT INTO akt(id, person_id, unit_id, regime, "
		 "kontaktperson, opened, created_at, created_by, closed, "
		 "closed_by) VALUES (?,?,?,?,?,?,?,?,?,?)"},
		{&g->s_ins,
		 "INSERT INTO insats(id, akt_id, kind, decided, ordered, "
		 "handlaggare, goal, started, ended, end_reason, "
		 "created_at, created_by) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)"},
		{&g->s_note,
		 "INSERT INTO note(id, akt_id, seq, event_date, written_at, "
		 "author_login, author_name, author_title, behalf_login, "
		 "behalf_name, behalf_title, category, body, corrects, "
		 "hash_version, prev_hash, hash) VALUES "
		 "(?,?,?,?,?,?,?,?,?,?,?,?,?,?,1,?,?)"},
		{&g->s_gp,
		 "INSERT INTO gp(id, akt_id, version, plan_date, body, "
		 "written_at, author_login, author_name, author_title, "
		 "note_id) VALUES (?,?,?,?,?,?,?,?,?,?)"},
		{&g->s_sig,
		 "INSERT INTO gp_signature(id, gp_id, signer, sign_date, "
		 "name, declined, recorded_at, recorded_by) VALUES "
		 "(?,?,?,?,?,?,?,?)"},
		{&g->s_fu,
		 "INSERT INTO followup(id, akt_id, gp_id, kind, fdate, "
		 "note_id, recorded_at, recorded_by) VALUES "
		 "(?,?,?,?,?,?,?,?)"},
		{&g->s_fact,
		 "INSERT INTO fact(akt_id, insats_id, kind, fdate, reason, "
		 "note_id, recorded_at, recorded_by) VALUES (?,?,?,?,?,?,?,?)"},
	};
	for (size_t i = 0; i < NELEM(s); i++)
		if (!(*s[i].st = sd_prepare(g->ctx, s[i].sql)))
			return g->ctx->err.code;
	return 0;
}

static void
gen_free(struct gen *g)
{
	sqlite3_stmt *sts[] = {g->s_unit, g->s_staff, g->s_su,   g->s_person,
			       g->s_akt,  g->s_ins,   g->s_note, g->s_gp,
			       g->s_sig,  g->s_fu,    g->s_fact};
	for (size_t i = 0; i < NELEM(sts); i++)
		sqlite3_finalize(sts[i]);
	free(g->staff);
	free(g->units);
	free(g->persons);
	free(g->akter);
	free(g->ins);
	free(g->ev);
	free(g->gp);
	free(g->fu);
	free(g->fa);
	free(g->noteids);
}

int
sd_fixture_size(struct sd_fixture_opts *o, const char *size)
{
	if (!strcmp(size, "small")) {
		o->persons = 200;
		o->insatser = 480;
		o->notes = 12000;
	} else if (!strcmp(size, "large")) {
		o->persons = 50000;
		o->insatser = 120000;
		o->notes = 5000000;
	} else {
		return EX_USAGE;
	}
	return 0;
}

int
sd_fixture_generate(struct sd_ctx *ctx, const struct sd_fixture_opts *o,
		    struct sd_fixture_stats *st)
{
	struct gen g = {0};
	char rules[4096], buf[256];
	int rc, nrules;

	memset(st, 0, sizeof *st);
	if (o->persons < 1 || o->insatser < 0 || o->notes < 0)
		return sd_fail(ctx, EX_USAGE,
			       "the sizes must be positive numbers");
	g.ctx = ctx;
	g.o = o;
	g.st = st;
	g.r.s = o->seed;
	g.today = ctx->today;

	/* A new file: no rollback journal on disk, no row-by-row
	 * foreign-key checks (the caller removes the file on failure). */
	if ((rc = sd_exec(ctx, "PRAGMA journal_mode=MEMORY", SD_END)) ||
	    (rc = sd_exec(ctx, "PRAGMA synchronous=OFF", SD_END)) ||
	    (rc = sd_exec(ctx, "PRAGMA foreign_keys=OFF", SD_END)) ||
	    (rc = sd_exec(ctx, "PRAGMA cache_size=-262144", SD_END)))
		return rc;
	if ((rc = sd_begin(ctx)))
		return rc;
	snprintf(buf, sizeof buf,
		 "synthetic (socdok-fixture --seed %llu --persons %lld "
		 "--insatser %lld --notes %lld --as-of %s)",
		 o->seed, o->persons, o->insatser, o->notes, ctx->today_s);
	if ((rc = prepare_all(&g)) ||
	    (rc = sd_setting_set(ctx, "provider", o->provider)) ||
	    (rc = sd_setting_set(ctx, "preserve_all", "0")) ||
	    (rc = sd_setting_set(ctx, "created", ctx->today_s)) ||
	    (rc = sd_setting_set(ctx, "fixture", buf)) ||
	    (rc = sd_rules_load(ctx, sd_rules_default(rules, sizeof rules),
				&nrules)) ||
	    (rc = make_units(&g)) || (rc = plan_akter(&g)) ||
	    (rc = make_staff(&g)))
		goto out;

	/* Random notes per active day, so that all akter together come
	 * to about the number asked for (akt 1 has its own share). */
	double days = 0;
	for (long long i = 1; i < g.nakter; i++) {
		const struct akt *a = &g.akter[i];
		days += (a->closed ? a->closed : g.today) - a->opened + 1;
	}
	double big =
		(double)o->notes / 250 < 150 ? 150 : (double)o->notes / 250;
	g.rate = days > 0 ? ((double)o->notes - big) / days : 0;
	if (g.rate < 0)
		g.rate = 0;
	for (long long i = 0; i < g.nakter; i++)
		if ((rc = write_akt(&g, i + 1, &g.akter[i])))
			goto out;
	st->units = g.nunits;
	st->staff = g.nstaff;
	st->persons = o->persons;
	rc = sd_commit(ctx);
out:
	if (rc)
		sd_rollback(ctx);
	gen_free(&g);
	if (!rc)
		rc = sd_exec(ctx, "PRAGMA journal_mode=WAL", SD_END);
	return rc;
}

/* ------------------------------------------------------------- checking */

static int check(struct sd_ctx *ctx, long long *akter, long long *notes);

int
sd_fixture_check(struct sd_ctx *ctx, long long *akter, long long *notes)
{
	int rc;

	*akter = *notes = 0;
	/* A read transaction: one consistent view, and writers may go on. */
	if ((rc = sd_exec(ctx, "BEGIN", SD_END)))
		return rc;
	rc = check(ctx, akter, notes);
	sd_rollback(ctx);
	return rc;
}

static int
check(struct sd_ctx *ctx, long long *akter, long long *notes)
{
	sqlite3_stmt *st;
	char prev[65], hash[65], full[16];
	long long akt = 0, want_seq = 0;
	int rc = 0;

	if (!(st = sd_prepare(ctx, "SELECT pnr, birth_day FROM person")))
		return ctx->err.code;
	while (!rc && sqlite3_step(st) == SQLITE_ROW) {
		struct sd_pnr p;
		const char *c = sd_col(st, 0);
		snprintf(full, sizeof full, "%.8s-%.4s", c, c + 8);
		if (strlen(c) != 12 || sd_pnr_parse(ctx, full, &p) ||
		    p.birth_day != sqlite3_column_int(st, 1))
			rc = sd_fail(ctx, SD_EX_FALSE,
				     "person %s: not a valid personnummer "
				     "(%s)",
				     c, ctx->err.msg);
	}
	sqlite3_finalize(st);
	if (rc)
		return rc;

	if (!(st = sd_prepare(ctx,
			      "SELECT n.akt_id, n.seq, n.event_date, "
			      "n.written_at, n.author_login, n.author_name, "
			      "n.author_title, n.behalf_login, n.behalf_name, "
			      "n.behalf_title, n.category, "
			      "(SELECT c.seq FROM note c WHERE c.id = "
			      "n.corrects), n.prev_hash, n.body, n.hash "
			      "FROM note n ORDER BY n.akt_id, n.seq")))
		return ctx->err.code;
	while (!rc && sqlite3_step(st) == SQLITE_ROW) {
		struct sd_note n = {0};
		n.akt = sqlite3_column_int64(st, 0);
		n.seq = sqlite3_column_int64(st, 1);
		if (n.akt != akt) {
			akt = n.akt;
			want_seq = 1;
			memcpy(prev, SD_HASH_ZERO, 65);
			(*akter)++;
		}
		n.event_date = sd_col(st, 2);
		n.written_at = sd_col(st, 3);
		n.author_login = sd_col(st, 4);
		n.author_name = sd_col(st, 5);
		n.author_title = sd_col(st, 6);
		n.behalf_login = (const char *)sqlite3_column_text(st, 7);
		n.behalf_name = (const char *)sqlite3_column_text(st, 8);
		n.behalf_title = (const char *)sqlite3_column_text(st, 9);
		n.category = sd_col(st, 10);
		n.corrects_seq = sqlite3_column_int64(st, 11);
		n.prev_hash = sd_col(st, 12);
		n.body = sd_col(st, 13);
		if (n.seq != want_seq)
			rc = sd_fail(ctx, SD_EX_FALSE,
				     "akt %lld: note %lld missing (next is "
				     "%lld)",
				     akt, want_seq, n.seq);
		else if (strcmp(n.prev_hash, prev))
			rc = sd_fail(ctx, SD_EX_FALSE,
				     "akt %lld: note %lld does not point at "
				     "the note before it",
				     akt, n.seq);
		else if (sd_note_hash(&n, hash) != 0)
			rc = sd_fail(ctx, EX_SOFTWARE,
				     "cannot compute SHA-256");
		else if (strcmp(hash, sd_col(st, 14)))
			rc = sd_fail(ctx, SD_EX_FALSE,
				     "akt %lld: note %lld was altered (its "
				     "hash does not match)",
				     akt, n.seq);
		memcpy(prev, hash, 65);
		want_seq++;
		(*notes)++;
	}
	sqlite3_finalize(st);
	if (rc)
		return rc;
	long long bad = sd_query_int(ctx,
				     "SELECT count(*) FROM insats WHERE "
				     "ordered < decided OR started < decided "
				     "OR ended < started OR (ended IS NOT NULL "
				     "AND started IS NULL)",
				     SD_END);
	if (bad != 0)
		return sd_fail(ctx, SD_EX_FALSE,
			       "%lld insatser have dates out of order", bad);
	return 0;
}
