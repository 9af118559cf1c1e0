/* SPDX-License-Identifier: GPL-2.0-or-later */
/* lexer.h: splitting an input line into commands and tokens, the rules of
 * quoting, and the same rules applied to unfinished input (for Tab
 * completion and continuation lines). */
#ifndef NETSH_LEXER_H
#define NETSH_LEXER_H

#include <stdbool.h>
#include <stddef.h>

#include "core/error.h"

/* One word of input, unquoted, with the column it started at. */
struct token {
	char *text;
	int col;
	bool literal;		/* quoted or escaped, in part or whole: as an argument
				 * of a program it stays as typed (args.h) */
};

/* One command: the words between separators (`;` or end of line). */
struct command {
	struct token *tok;
	int ntok;
};

/* A lexed line: zero or more commands. */
struct line {
	struct command *cmd;
	int ncmd;
};

enum lex_result {
	LEX_OK = 0,
	LEX_INCOMPLETE = 1,	/* unclosed quote or trailing backslash */
	LEX_ERROR = -1,
};

/* Split `src` into commands. On LEX_OK fills *out (free with line_free).
 * `#` starts a comment (to the end of the line) at the start of a word,
 * outside quotes; `;` and a line end separate commands; single quotes are
 * literal; double quotes and bare words honour backslash; a backslash
 * before a line end joins the lines. */
enum lex_result lex_line(const char *src, struct line *out, struct nerr *err);

void line_free(struct line *l);

/* Where unfinished input stands: the finished words of its last command,
 * the word being typed (unquoted so far), and what is still open. */
struct lex_tail {
	struct command cmd;	/* the last command's finished words */
	char *word;		/* the word at the end ("" when none started) */
	int col;		/* where it starts, -1 when none started */
	char quote;		/* the quote the word is open in, or 0 */
	bool literal;		/* that word is quoted or escaped in part */
	bool comment;		/* the input ends inside a comment */
	bool backslash;		/* it ends in a backslash escaping the line end */
};

/* Lex input that may be unfinished (free with lex_tail_free). */
void lex_tail(const char *src, struct lex_tail *out);
void lex_tail_free(struct lex_tail *t);

/* `s` quoted to insert after the typed part of a word that is open in
 * `quote` (0: backslashes before the characters the lexer treats
 * specially), so that the lexer reads it back as `s`. malloc'd. */
char *lex_quote(const char *s, char quote);

#endif
