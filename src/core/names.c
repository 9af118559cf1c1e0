/* SPDX-License-Identifier: GPL-2.0-or-later */
/* names.c: validating names before they reach the kernel. */
#include <ctype.h>
#include <net/if.h>
#include <string.h>

#include "core/names.h"
#include "core/op.h"

/* Words of the command language that would read as something else where a
 * node name goes (command words are refused by the command layer). */
static const char *const keywords[] = {
	"host", "via", "dev", "default", "subnet", "to", "out", "type", NULL,
};

bool name_keyword(const char *s)
{
	for (int i = 0; keywords[i]; i++)
		if (strcmp(s, keywords[i]) == 0)
			return true;
	return false;
}

/* Common rules for both kinds of name. */
static int name_check(const char *s, size_t max, const char *what, int tok,
		      struct nerr *err)
{
	if (s[0] == '\0')
		return nerr_set(err, tok, "empty %s name", what);
	if (strlen(s) > max)
		return nerr_set(err, tok, "'%s': %s name too long (%zu bytes; the kernel allows %zu)",
				s, what, strlen(s), max);
	if (strcmp(s, ".") == 0 || strcmp(s, "..") == 0)
		return nerr_set(err, tok, "'%s' cannot be a %s name", s, what);
	for (const char *p = s; *p; p++) {
		if (*p == '/' || *p == ':' || isspace((unsigned char)*p) ||
		    iscntrl((unsigned char)*p))
			return nerr_set(err, tok, "'%s': a %s name cannot contain '%c'%s",
					s, what, isprint((unsigned char)*p) ? *p : '?',
					*p == ':' ? " (':' separates NODE:IF)" : "");
	}
	return 0;
}

int name_check_node(const char *s, int tok, struct nerr *err)
{
	if (name_check(s, NODE_NAME_MAX, "node", tok, err) < 0)
		return -1;
	if (s[0] == '-')
		return nerr_set(err, tok, "'%s': a node name cannot start with '-'", s);
	if (name_keyword(s))
		return nerr_set(err, tok, "'%s' is a reserved word; pick another node name", s);
	return 0;
}

int name_check_if(const char *s, int tok, struct nerr *err)
{
	return name_check(s, IFNAMSIZ - 1, "interface", tok, err);
}

int name_check_lab(const char *s, struct nerr *err)
{
	size_t len = strlen(s);

	if (!len)
		return nerr_set(err, -1, "an empty lab name; name a lab with -L NAME");
	if (len > 64)
		return nerr_set(err, -1, "'%.20s...': a lab name is at most 64 characters (this one has %zu)",
				s, len);
	if (s[0] == '.' || s[0] == '-')
		return nerr_set(err, -1, "'%s': a lab name cannot start with '%c'", s, s[0]);
	for (const char *p = s; *p; p++)
		if (!isalnum((unsigned char)*p) && !strchr("._-", *p))
			return nerr_set(err, -1, "'%s': a lab name is letters, digits, '.', '_' and '-' (not %s)",
					s, *p == '/' ? "'/'" : *p == ' ' ? "a space" : *p == '\n' ? "a newline"
					: strchr("*?[]", *p) ? "a glob character" : "this character");
	return 0;
}
