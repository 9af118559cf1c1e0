/* SPDX-License-Identifier: GPL-2.0-or-later */
/* repl.c: the interactive shell, on libedit's native API.
 *
 * One line at a time: el_gets on the `netsh[LAB]> ` prompt, more lines on
 * `...> ` while the lexer says the input is unfinished (a trailing
 * backslash, an open quote), then the whole input goes through the same
 * session_run_line as -c and scripts. Tab completes from the command table
 * and the live model (complete.c); history lives in ~/.netsh_history.
 *
 * Ctrl-C: at the prompt it abandons the line (our own read function gives
 * up when SIGINT interrupts it); while a command runs it only sets
 * repl_interrupted, and a program running in a node gets it from the
 * terminal (cmd-exec.c ignores SIGINT in netsh while it waits). */
#include <errno.h>
#include <limits.h>
#include <locale.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>
#include <wchar.h>

#include "cmd/cmd.h"
#include "cmd/complete.h"
#include "core/lexer.h"
#include "core/xalloc.h"
#include "engine/session.h"
#include "engine/tutorial.h"
#include "front/editline.h"
#include "front/repl.h"

#define HISTORY_SIZE	1000
#define HISTORY_FILE	".netsh_history"

volatile sig_atomic_t repl_interrupted;

static char cont_prompt[] = "...> ";

struct repl {
	struct session *s;
	EditLine *el;
	History *hist;
	char *histfile;
	bool hist_warned;
	char prompt[160];
	char tprompt[200];	/* the prompt while a lesson runs: netsh[bridges 3/7]> */
	bool cont;		/* reading a continuation line */
	char *beeped;		/* the input after the last Tab that left a choice */
};

/* ---- signals and the terminal ----------------------------------------- */

static volatile sig_atomic_t resized;

static void on_sigint(int sig)
{
	(void)sig;
	repl_interrupted = 1;
}

static void on_sigwinch(int sig)
{
	(void)sig;
	resized = 1;
}

/* At the prompt (restart false) SIGINT and SIGWINCH interrupt the read;
 * while a command runs they only set their flags. */
static void catch_signals(bool restart)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = restart ? SA_RESTART : 0;
	sa.sa_handler = on_sigint;
	sigaction(SIGINT, &sa, NULL);
	sa.sa_handler = on_sigwinch;
	sigaction(SIGWINCH, &sa, NULL);
}

/* Take the terminal back if a program run in a node left it to another
 * process group (an interactive shell that was killed), and restore the
 * modes it had when the REPL started. */
static void reclaim_terminal(const struct termios *saved)
{
	pid_t fg = tcgetpgrp(STDIN_FILENO);
	sigset_t block, old;

	sigemptyset(&block);
	sigaddset(&block, SIGTTOU);
	sigprocmask(SIG_BLOCK, &block, &old);
	if (fg >= 0 && fg != getpgrp())
		tcsetpgrp(STDIN_FILENO, getpgrp());
	if (saved)
		tcsetattr(STDIN_FILENO, TCSADRAIN, saved);
	sigprocmask(SIG_SETMASK, &old, NULL);
}

static void check_resize(EditLine *el)
{
	if (resized) {
		resized = 0;
		ed.resize(el);
		ed.set(el, EL_REFRESH);
	}
}

/* libedit's own reader retries a read that a signal interrupted; this one
 * gives up when it was Ctrl-C, so el_gets returns and the line is dropped,
 * and redraws the line for the new width when the window was resized. */
static int read_char(EditLine *el, wchar_t *wc)
{
	char buf[MB_LEN_MAX];
	size_t n = 0;
	mbstate_t ps;

	for (;;) {
		check_resize(el);
		if (repl_interrupted)
			return -1;
		ssize_t got = read(STDIN_FILENO, buf + n, 1);
		if (got < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		if (got == 0)
			return 0;
		check_resize(el);	/* a resize just before this key */
		n++;
		memset(&ps, 0, sizeof(ps));
		size_t r = mbrtowc(wc, buf, n, &ps);
		if (r == (size_t)-2 && n < sizeof(buf))
			continue;
		if (r == (size_t)-1 || r == (size_t)-2) {
			n = 0;	/* an invalid sequence: drop it */
			continue;
		}
		if (r == 0)
			*wc = L'\0';
		return 1;
	}
}

/* ---- prompt ------------------------------------------------------------ */

static char *prompt_fn(EditLine *el)
{
	struct repl *r = NULL;

	char tag[120];

	ed.get(el, EL_CLIENTDATA, &r);
	if (r->cont)
		return cont_prompt;
	if (tutorial_tag(r->s, tag, sizeof(tag))) {
		snprintf(r->tprompt, sizeof(r->tprompt), "netsh[%s]> ", tag);
		return r->tprompt;
	}
	return r->prompt;
}

/* ---- completion -------------------------------------------------------- */

/* What a candidate looks like in a listing: a file without its directory. */
static const char *shown(const char *cand, size_t *len)
{
	size_t l = strlen(cand), end = l;

	if (end > 1 && cand[end - 1] == '/')
		end--;
	while (end > 0 && cand[end - 1] != '/')
		end--;
	*len = l - end;
	return cand + end;
}

/* List the candidates in columns, as ls does. */
static void list_candidates(struct repl *r, const struct completion *c)
{
	int cols = 80;
	size_t width = 0, len, per, rows;

	if (ed.get(r->el, EL_GETTC, "co", &cols, NULL) != 0 || cols <= 0)
		cols = 80;
	for (size_t i = 0; i < c->n; i++) {
		shown(c->cand[i], &len);
		if (len > width)
			width = len;
	}
	width += 2;
	per = (size_t)cols / width ? (size_t)cols / width : 1;
	rows = (c->n + per - 1) / per;
	fputc('\n', stdout);
	for (size_t row = 0; row < rows; row++) {
		for (size_t col = 0; col < per; col++) {
			size_t i = col * rows + row;
			if (i >= c->n)
				break;
			const char *w = shown(c->cand[i], &len);
			bool last = col + 1 == per || i + rows >= c->n;
			fprintf(stdout, "%-*s", last ? 0 : (int)width, w);
		}
		fputc('\n', stdout);
	}
	fflush(stdout);
}

/* Tab: insert what all the candidates share (a unique one with the space,
 * or ':' before an interface, after it); the next Tab, when that leaves a
 * choice, lists them. */
static unsigned char complete_fn(EditLine *el, int ch)
{
	struct repl *r = NULL;
	const LineInfo *li = ed.line(el);
	size_t len = (size_t)(li->cursor - li->buffer);
	char *text = xmalloc(len + 1), *common;
	struct completion c;
	unsigned char rc;

	(void)ch;
	ed.get(el, EL_CLIENTDATA, &r);
	memcpy(text, li->buffer, len);
	text[len] = '\0';
	catch_signals(true);	/* no EINTR in the journal's locking and reading */
	session_sync(r->s);
	catch_signals(false);
	complete_line(cmd_table, r->s->model, text, &c);
	common = compl_common(&c);
	size_t typed = strlen(c.word);
	char *prev = r->beeped;	/* the input at the last Tab that left a choice */
	r->beeped = NULL;
	if (c.n == 0) {
		rc = CC_REFRESH_BEEP;
	} else if (strlen(common) > typed || c.n == 1) {
		char *ins = lex_quote(common + typed, c.quote);
		if (ins[0])
			ed.insertstr(el, ins);
		free(ins);
		if (c.n == 1 && c.suffix) {
			char tail[3] = { 0 }, *t = tail;
			if (c.quote && c.suffix == ' ')
				*t++ = c.quote;
			*t = c.suffix;
			ed.insertstr(el, tail);
		}
		rc = CC_REFRESH;
		if (c.n > 1) {
			/* Still a choice: the next Tab lists it. */
			li = ed.line(el);
			r->beeped = strndup(li->buffer, (size_t)(li->cursor - li->buffer));
			rc = CC_REFRESH_BEEP;
		}
	} else if (prev && strcmp(prev, text) == 0) {
		list_candidates(r, &c);
		r->beeped = xstrdup(text);
		rc = CC_REDISPLAY;
	} else {
		r->beeped = xstrdup(text);
		rc = CC_REFRESH_BEEP;
	}
	free(prev);
	free(common);
	compl_free(&c);
	free(text);
	return rc;
}

/* ---- history ----------------------------------------------------------- */

static char *history_path(void)
{
	const char *home = getenv("HOME");
	size_t len;
	char *p;

	if (!home || !home[0]) {
		struct passwd *pw = getpwuid(getuid());
		home = pw ? pw->pw_dir : NULL;
	}
	if (!home)
		return NULL;
	len = strlen(home) + sizeof(HISTORY_FILE) + 1;
	p = xmalloc(len);
	snprintf(p, len, "%s/%s", home, HISTORY_FILE);
	return p;
}

static void history_add(struct repl *r, const char *line)
{
	HistEvent ev;
	mode_t old;
	int rc;

	if (line[strspn(line, " \t\n")] == '\0')
		return;
	ed.history(r->hist, &ev, H_ENTER, line);
	if (!r->histfile)
		return;
	old = umask(077);
	rc = ed.history(r->hist, &ev, H_SAVE, r->histfile);
	umask(old);
	if (rc < 0 && !r->hist_warned) {
		fprintf(r->s->errout, "netsh: cannot save the history in %s\n", r->histfile);
		r->hist_warned = true;
	}
}

/* ---- continuation lines ----------------------------------------------- */

/* True when `s` ends in a backslash that escapes the end of the line. */
static bool ends_in_backslash(const char *s)
{
	struct lex_tail t;
	bool bs;

	lex_tail(s, &t);
	bs = t.backslash;
	lex_tail_free(&t);
	return bs;
}

/* Append a continuation line: a trailing backslash and the line end
 * vanish (as in sh), so the input stays one line; inside an open quote the
 * line end is part of the word. */
static char *join(char *acc, const char *more)
{
	size_t la = strlen(acc), lm = strlen(more);
	bool bs = ends_in_backslash(acc);
	char *out;

	if (bs)
		acc[--la] = '\0';
	out = xrealloc(acc, la + lm + 2);
	if (!bs)
		out[la++] = '\n';
	memcpy(out + la, more, lm + 1);
	return out;
}

static bool unfinished(const char *text)
{
	struct line l;
	struct nerr err;
	enum lex_result lr = lex_line(text, &l, &err);

	if (lr == LEX_OK)
		line_free(&l);
	return lr == LEX_INCOMPLETE;
}

/* ---- the loop ---------------------------------------------------------- */

static void greet(struct repl *r, const char *lab)
{
	size_t nodes;

	session_sync(r->s);
	nodes = r->s->model->nnodes - 1;
	fprintf(r->s->out, "netsh %s, lab %s: ", PACKAGE_VERSION, lab);
	if (nodes)
		fprintf(r->s->out, "%zu node%s", nodes, nodes == 1 ? "" : "s");
	else
		fprintf(r->s->out, "empty");
	fprintf(r->s->out, ". help lists the commands; Tab completes; "
		"Ctrl-D leaves (the lab stays).\n");
	fflush(r->s->out);
}

static struct repl *repl_open(struct session *s, const char *lab)
{
	struct repl *r = xcalloc(1, sizeof(*r));
	HistEvent ev;

	r->s = s;
	snprintf(r->prompt, sizeof(r->prompt), "netsh[%s]> ", lab);
	r->hist = ed.history_init();
	ed.history(r->hist, &ev, H_SETSIZE, HISTORY_SIZE);
	ed.history(r->hist, &ev, H_SETUNIQUE, 1);
	r->histfile = history_path();
	if (r->histfile)
		ed.history(r->hist, &ev, H_LOAD, r->histfile);
	r->el = ed.init("netsh", stdin, stdout, stderr);
	ed.set(r->el, EL_CLIENTDATA, r);
	ed.set(r->el, EL_EDITOR, "emacs");
	ed.set(r->el, EL_PROMPT, prompt_fn);
	ed.set(r->el, EL_HIST, ed.history, r->hist);
	ed.set(r->el, EL_GETCFN, read_char);
	/* The wide call: the narrow ed.set(EL_ADDFN) copies the strings and
	 * never frees them. */
	ed.wset(r->el, EL_ADDFN, L"netsh-complete", L"complete the word at the cursor",
		complete_fn);
	ed.set(r->el, EL_BIND, "^I", "netsh-complete", NULL);
	ed.set(r->el, EL_BIND, "^R", "em-inc-search-prev", NULL);
	ed.source(r->el, NULL);	/* ~/.editrc, as other libedit programs */
	return r;
}

static void repl_close(struct repl *r)
{
	ed.end(r->el);
	ed.history_end(r->hist);
	free(r->histfile);
	free(r->beeped);
	free(r);
}

int repl_run(struct session *s, const char *lab)
{
	struct repl *r;
	struct termios saved;
	bool have_saved = tcgetattr(STDIN_FILENO, &saved) == 0;
	char *acc = NULL;
	struct nerr err;

	if (editline_load(&err) < 0) {
		fprintf(s->errout, "netsh: the interactive shell: %s\n", err.msg);
		return 1;
	}
	setlocale(LC_CTYPE, "");
	signal(SIGQUIT, SIG_IGN);
	r = repl_open(s, lab);
	greet(r, lab);
	if (s->kernel && tutorial_active(s))	/* a lesson followed here before */
		tutorial_show(s);
	while (!s->quit) {
		const char *got;
		int count = 0;

		reclaim_terminal(have_saved ? &saved : NULL);
		r->cont = acc != NULL;
		repl_interrupted = 0;
		catch_signals(false);
		/* Raw mode before the prompt shows, not at the first key (as
		 * el_gets does): keys typed at once (Ctrl-D, Ctrl-U, Ctrl-R)
		 * must not reach the terminal's line discipline. */
		ed.set(r->el, EL_PREP_TERM, 1);
		got = ed.gets(r->el, &count);
		catch_signals(true);
		if (!got && repl_interrupted) {
			/* Ctrl-C: drop the line (and any unfinished input). */
			fputs("^C\n", stdout);
			fflush(stdout);
			free(acc);
			acc = NULL;
			continue;
		}
		if (!got) {
			fputc('\n', stdout);	/* Ctrl-D */
			break;
		}
		size_t len = strlen(got);
		char *line = xmalloc(len + 1);
		memcpy(line, got, len + 1);
		if (len && line[len - 1] == '\n')
			line[--len] = '\0';
		if (acc) {
			acc = join(acc, line);
			free(line);
		} else {
			acc = line;
		}
		if (unfinished(acc))
			continue;
		history_add(r, acc);
		s->lineno++;
		repl_interrupted = 0;
		session_run_line(s, acc);
		if (s->kernel)
			tutorial_after_line(s);
		fflush(s->out);
		fflush(s->errout);
		free(acc);
		acc = NULL;
	}
	free(acc);
	repl_close(r);
	signal(SIGINT, SIG_DFL);
	signal(SIGQUIT, SIG_DFL);
	signal(SIGWINCH, SIG_DFL);
	return 0;
}
