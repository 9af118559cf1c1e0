/* lexer.c: a small shell-like tokenizer with column tracking. */
#include <stdlib.h>
#include <string.h>

#include "core/lexer.h"
#include "core/xalloc.h"

struct buf {
	char *s;
	size_t len, cap;
};

static void buf_put(struct buf *b, char c)
{
	if (b->len + 1 >= b->cap) {
		b->cap = b->cap ? b->cap * 2 : 32;
		b->s = xrealloc(b->s, b->cap);
	}
	b->s[b->len++] = c;
	b->s[b->len] = '\0';
}

static void cmd_push(struct command *c, char *text, int col)
{
	c->tok = xrealloc(c->tok, sizeof(*c->tok) * (size_t)(c->ntok + 1));
	c->tok[c->ntok].text = text;
	c->tok[c->ntok].col = col;
	c->ntok++;
}

static void line_push(struct line *l, struct command *c)
{
	if (c->ntok == 0)
		return;
	l->cmd = xrealloc(l->cmd, sizeof(*l->cmd) * (size_t)(l->ncmd + 1));
	l->cmd[l->ncmd++] = *c;
	c->tok = NULL;
	c->ntok = 0;
}

static void command_free(struct command *c)
{
	for (int i = 0; i < c->ntok; i++)
		free(c->tok[i].text);
	free(c->tok);
	c->tok = NULL;
	c->ntok = 0;
}

void line_free(struct line *l)
{
	for (int i = 0; i < l->ncmd; i++)
		command_free(&l->cmd[i]);
	free(l->cmd);
	l->cmd = NULL;
	l->ncmd = 0;
}

enum lex_result lex_line(const char *src, struct line *out, struct nerr *err)
{
	struct command cur = { NULL, 0 };
	const char *p = src;

	out->cmd = NULL;
	out->ncmd = 0;
	nerr_clear(err);
	for (;;) {
		while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
			p++;
		if (*p == '\0' || *p == '#')
			break;
		if (*p == ';') {
			line_push(out, &cur);
			p++;
			continue;
		}
		struct buf b = { NULL, 0, 0 };
		int col = (int)(p - src);
		buf_put(&b, 'x');	/* make an empty quoted word non-NULL */
		b.len = 0;
		b.s[0] = '\0';
		while (*p && *p != ' ' && *p != '\t' && *p != '\n' &&
		       *p != '\r' && *p != ';') {
			if (*p == '\'') {
				const char *q = strchr(p + 1, '\'');
				if (!q)
					goto incomplete;
				for (p++; p < q; p++)
					buf_put(&b, *p);
				p++;
			} else if (*p == '"') {
				for (p++; *p && *p != '"'; p++) {
					if (*p == '\\' && (p[1] == '"' || p[1] == '\\'))
						p++;
					buf_put(&b, *p);
				}
				if (*p != '"')
					goto incomplete;
				p++;
			} else if (*p == '\\') {
				if (p[1] == '\0')
					goto incomplete;
				if (p[1] != '\n')
					buf_put(&b, p[1]);
				p += 2;
			} else {
				buf_put(&b, *p++);
			}
		}
		cmd_push(&cur, b.s, col);
		continue;
incomplete:
		free(b.s);
		command_free(&cur);
		line_free(out);
		nerr_set(err, -1, "unfinished input: close the quote or continue the line");
		return LEX_INCOMPLETE;
	}
	line_push(out, &cur);
	return LEX_OK;
}
