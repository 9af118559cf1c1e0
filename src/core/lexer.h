/* lexer.h: splitting an input line into commands and tokens. */
#ifndef NETSH_LEXER_H
#define NETSH_LEXER_H

#include <stddef.h>

#include "core/error.h"

/* One word of input, unquoted, with the column it started at. */
struct token {
	char *text;
	int col;
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
 * `#` starts a comment outside quotes; `;` separates commands; single
 * quotes are literal; double quotes and bare words honour backslash. */
enum lex_result lex_line(const char *src, struct line *out, struct nerr *err);

void line_free(struct line *l);

#endif
