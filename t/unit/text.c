/*
 * Unit tests for lib/text.c: UTF-8 validity (no overlongs, surrogates or
 * code points past U+10FFFF), display width, string buffers, reading a
 * stream, and the word lists of the share directory.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "socdok.h"
#include "tap.h"

static int
valid(const char *s)
{
	return sd_utf8_valid(s, strlen(s));
}

static void
test_valid(void)
{
	ok(valid(""), "the empty string is valid");
	ok(valid("plain ASCII"), "ASCII is valid");
	ok(valid("Åsa Öberg, Ärlig"), "Swedish letters are valid");
	ok(valid("\xe2\x82\xac"), "three bytes: the euro sign");
	ok(valid("\xf0\x9f\x98\x80"), "four bytes: an emoji");
	ok(valid("\xf4\x8f\xbf\xbf"), "U+10FFFF, the last code point");
	ok(valid("\xed\x9f\xbf"), "U+D7FF, just below the surrogates");
	ok(valid("\xee\x80\x80"), "U+E000, just above the surrogates");
	ok(!valid("\xc3"), "a truncated two-byte sequence");
	ok(!valid("\xe2\x82"), "a truncated three-byte sequence");
	ok(!valid("\xc3\x28"), "a bad continuation byte");
	ok(!valid("\x80"), "a lone continuation byte");
	ok(!valid("\xc0\xaf"), "an overlong '/' (two bytes)");
	ok(!valid("\xc1\xbf"), "an overlong two-byte sequence");
	ok(!valid("\xe0\x80\xaf"), "an overlong '/' (three bytes)");
	ok(!valid("\xf0\x80\x80\xaf"), "an overlong '/' (four bytes)");
	ok(!valid("\xed\xa0\x80"), "a surrogate (U+D800)");
	ok(!valid("\xed\xbf\xbf"), "a surrogate (U+DFFF)");
	ok(!valid("\xf4\x90\x80\x80"), "U+110000 is past the end");
	ok(!valid("\xf8\x88\x80\x80\x80"), "five-byte forms are not UTF-8");
	ok(!valid("\xff"), "0xff is never UTF-8");
	ok(!valid("Latin-1 \xe5"), "Latin-1 å is not UTF-8");
	ok(sd_utf8_valid("a\0b", 3), "a NUL byte counts as a character");
	ok(sd_utf8_valid("\xc3\xa5\xc3", 2), "only n bytes are looked at");
}

static void
test_width(void)
{
	is_int(sd_utf8_width(""), 0, "width of the empty string");
	is_int(sd_utf8_width("abc"), 3, "width of ASCII");
	is_int(sd_utf8_width("Åsa"), 3, "å takes one column");
	is_int(sd_utf8_width("Hemtjänst Norr"), 14, "a unit name");
	is_int(sd_utf8_width("e\xcc\x81"), 1,
	       "e + combining acute takes one column");
	is_int(sd_utf8_width("A\xcc\x8a"), 1,
	       "A + combining ring (a decomposed Å) takes one column");
	is_int(sd_utf8_width("\xe2\x82\xac"), 1, "the euro sign");
	is_int(sd_utf8_width("a\xff"
			     "b"),
	       3, "an invalid byte counts as one column");
}

static void
test_buf(void)
{
	struct sd_buf b;
	char big[1000];

	sd_buf_init(&b);
	ok(b.s == NULL && b.len == 0, "a new buffer is empty");
	sd_buf_puts(&b, "akt ");
	sd_buf_printf(&b, "%d: %s", 42, "Öberg");
	is_str(b.s, "akt 42: Öberg", "puts and printf append");
	is_int(b.len, strlen("akt 42: Öberg"), "len counts bytes");
	memset(big, 'x', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	sd_buf_printf(&b, "[%s]", big);
	is_int(b.len, strlen("akt 42: Öberg") + 1001, "a long printf grows");
	ok(b.s[b.len - 1] == ']' && b.s[b.len] == '\0', "... NUL-terminated");
	sd_buf_add(&b, "\0z", 2);
	is_int(b.len, strlen("akt 42: Öberg") + 1003,
	       "add copies NUL bytes too");
	sd_buf_free(&b);
	ok(b.s == NULL && b.len == 0 && b.cap == 0, "free empties it");
	sd_buf_add_int(&b, 0);
	sd_buf_add(&b, " ", 1);
	sd_buf_add_int(&b, 481);
	sd_buf_add(&b, " ", 1);
	sd_buf_add_int(&b, -7);
	sd_buf_add(&b, " ", 1);
	sd_buf_add_int(&b, LLONG_MAX);
	sd_buf_add(&b, " ", 1);
	sd_buf_add_int(&b, LLONG_MIN);
	is_str(b.s, "0 481 -7 9223372036854775807 -9223372036854775808",
	       "add_int writes integers as SQLite does, the extremes too");
	sd_buf_free(&b);
}

static void
test_stream(void)
{
	FILE *f = tmpfile();
	size_t len = 0;
	char *s;

	fputs("Rad ett\nRad två\n", f);
	rewind(f);
	s = sd_read_stream(f, &len);
	is_str(s, "Rad ett\nRad två\n", "read a whole stream");
	is_int(len, strlen("Rad ett\nRad två\n"), "... and its length");
	free(s);
	fclose(f);

	f = tmpfile();
	s = sd_read_stream(f, &len);
	ok(s && *s == '\0' && len == 0, "an empty stream is an empty string");
	free(s);
	fclose(f);
}

static void
test_read_file(void)
{
	struct sd_ctx ctx;
	char *s;

	sd_ctx_init(&ctx, "text-test");
	s = sd_read_file(&ctx, "/nonexistent/socdok", NULL);
	ok(s == NULL && ctx.err.code == EX_NOINPUT,
	   "a missing file is EX_NOINPUT");
	ok(strstr(ctx.err.msg, "cannot open '/nonexistent/socdok'") != NULL,
	   "... and the message names the file");
}

static void
test_strdup(void)
{
	char *s = sd_strdup("Ärende");

	is_str(s, "Ärende", "sd_strdup copies");
	free(s);
}

int
main(void)
{
	test_valid();
	test_width();
	test_buf();
	test_stream();
	test_read_file();
	test_strdup();
	return done_testing();
}
