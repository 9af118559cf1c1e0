/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ptydrive: run a program on a pseudo-terminal and drive it from a script,
 * as a user at a terminal would: type, wait for text to appear, check.
 *
 *   ptydrive SCRIPT PROG [ARG...]        (SCRIPT "-": standard input)
 *
 * Script lines (C escapes in TEXT: \n \r \t \e \a \\ \xHH):
 *   send TEXT       type TEXT (no newline)
 *   line TEXT       type TEXT and Return
 *   expect TEXT     wait (up to `timeout`) until TEXT appears in the screen
 *                   text after the previous match; terminal control
 *                   sequences and carriage returns are left out
 *   within SECS TEXT   expect TEXT no later than SECS after the last send
 *   elapsed LABEL   print "elapsed LABEL US" on standard error: the
 *                   microseconds from the last send to the last match
 *   expect_raw TEXT  the same on the raw bytes (escape sequences kept)
 *   mark            start the region that `absent` checks here
 *   absent TEXT     TEXT did not appear between the mark and the last match
 *   absent_raw TEXT  the same on the raw bytes
 *   timeout SECS    the time expect waits (default 10)
 *   resize COLS     make the terminal COLS wide (24 lines); at start 80x24
 *   sleep SECS      let the program run
 *   run CMD         run a shell command now; it must succeed
 *   exit STATUS     wait for the program to end with STATUS; all it wrote
 *                   then counts as matched (for absent)
 *   # ...           a comment
 * On the first failure the step and the end of the screen text are shown
 * and the exit status is 1; on success the whole screen text is printed
 * (and the raw output too when PTYDRIVE_RAW is set). */
#include <errno.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

struct buf {
	char *s;
	size_t len, cap;
};

static struct buf raw, text;		/* everything the program wrote */
static size_t *text_at;			/* text.len after each raw byte */
static size_t *raw_of;			/* the raw byte of each text byte */
static size_t raw_pos, text_pos;	/* after the last match */
static size_t raw_mark, text_mark;
static int master = -1;
static pid_t child = -1;
static int child_status = -1;
static double timeout_s = 10, last_send, last_match;
static const char *script_name;
static int script_line;
static int esc_state;			/* stripping terminal sequences */

static void put(struct buf *b, char c)
{
	if (b->len + 2 > b->cap) {
		b->cap = b->cap ? b->cap * 2 : 4096;
		b->s = realloc(b->s, b->cap);
		if (!b->s) {
			perror("ptydrive");
			exit(2);
		}
	}
	b->s[b->len++] = c;
	b->s[b->len] = '\0';
}

static size_t *grow(size_t *v, size_t n)
{
	v = realloc(v, n * sizeof(*v));
	if (!v) {
		perror("ptydrive");
		exit(2);
	}
	return v;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Show `s` with control characters visible. */
static void show(FILE *f, const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '\n')
			fputs("\n", f);
		else if (c == '\033')
			fputs("\\e", f);
		else if (c < 0x20 || c == 0x7f)
			fprintf(f, "\\x%02x", c);
		else
			fputc(c, f);
	}
}

static void fail(const char *fmt, ...)
{
	va_list ap;
	size_t from = text.len > 3000 ? text.len - 3000 : 0;

	fprintf(stderr, "ptydrive: %s:%d: ", script_name, script_line);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n--- screen text (end) ---\n");
	show(stderr, text.s ? text.s + from : "", text.len - from);
	fprintf(stderr, "\n--- end ---\n");
	if (child > 0 && child_status < 0) {
		kill(child, SIGKILL);
		waitpid(child, NULL, 0);
	}
	exit(1);
}

/* Screen text: drop CSI/OSC/other escape sequences, CR, BEL, backspace. */
static void strip(char c)
{
	switch (esc_state) {
	case 1:		/* after ESC */
		esc_state = c == '[' ? 2 : c == ']' ? 3 : 0;
		return;
	case 2:		/* CSI: parameters until a final byte */
		if (c >= 0x40 && c <= 0x7e)
			esc_state = 0;
		return;
	case 3:		/* OSC: until BEL or ESC \ */
		if (c == '\a')
			esc_state = 0;
		else if (c == '\033')
			esc_state = 1;
		return;
	}
	if (c == '\033') {
		esc_state = 1;
	} else if (c != '\r' && c != '\a' && c != '\b') {
		put(&text, c);
		raw_of = grow(raw_of, text.cap);
		raw_of[text.len - 1] = raw.len - 1;
	}
}

static void reap(void)
{
	int st;

	if (child > 0 && child_status < 0 && waitpid(child, &st, WNOHANG) == child)
		child_status = st;
}

/* Read what the program wrote, waiting up to `wait` seconds for it.
 * 1: read some, 0: nothing came, -1: the terminal was closed. */
static int pump(double wait)
{
	struct pollfd p = { .fd = master, .events = POLLIN };
	char chunk[4096];
	int ms = wait > 0 ? (int)(wait * 1000) + 1 : 0;
	int r = poll(&p, 1, ms);

	if (r <= 0)
		return 0;
	ssize_t n = read(master, chunk, sizeof(chunk));
	if (n <= 0) {
		reap();
		return -1;
	}
	for (ssize_t i = 0; i < n; i++) {
		put(&raw, chunk[i]);
		strip(chunk[i]);
		text_at = grow(text_at, raw.cap);
		text_at[raw.len - 1] = text.len;
	}
	return 1;
}

static bool find(struct buf *b, size_t *pos, const char *want)
{
	const char *hit;

	if (!b->s)
		return want[0] == '\0';
	hit = strstr(b->s + *pos, want);
	if (!hit)
		return false;
	*pos = (size_t)(hit - b->s) + strlen(want);
	return true;
}

static void expect(const char *want, bool use_raw, double deadline)
{
	struct buf *b = use_raw ? &raw : &text;
	size_t *pos = use_raw ? &raw_pos : &text_pos;
	bool open = true;

	for (;;) {
		if (find(b, pos, want)) {
			last_match = now();
			/* the other view's position: just after the same place */
			if (use_raw && raw_pos > 0)
				text_pos = text_at[raw_pos - 1];
			else if (!use_raw && text_pos > 0)
				raw_pos = raw_of[text_pos - 1] + 1;
			return;
		}
		double left = deadline - now();
		if (left <= 0 || !open)
			break;
		open = pump(left < 0.2 ? left : 0.2) >= 0;
	}
	fprintf(stderr, "ptydrive: waited %.1fs\n", deadline - last_send);
	if (!open)
		fail("the program ended before '%s' appeared", want);
	fail("'%s' did not appear in time", want);
}

static void absent(const char *want, bool use_raw)
{
	struct buf *b = use_raw ? &raw : &text;
	size_t from = use_raw ? raw_mark : text_mark, to = use_raw ? raw_pos : text_pos;

	if (!b->s || to <= from)
		return;
	char *region = strndup(b->s + from, to - from);
	bool found = strstr(region, want) != NULL;
	free(region);
	if (found)
		fail("'%s' appeared, but must not", want);
}

static void send_text(const char *s, size_t len)
{
	while (len > 0) {
		ssize_t n = write(master, s, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			fail("write to the terminal: %s", strerror(errno));
		s += n;
		len -= (size_t)n;
		pump(0);
	}
	last_send = now();
}

/* Decode C escapes in place; returns the length. */
static size_t unescape(char *s)
{
	char *o = s;

	for (char *p = s; *p; p++) {
		if (*p != '\\' || !p[1]) {
			*o++ = *p;
			continue;
		}
		switch (*++p) {
		case 'n': *o++ = '\n'; break;
		case 'r': *o++ = '\r'; break;
		case 't': *o++ = '\t'; break;
		case 'e': *o++ = '\033'; break;
		case 'a': *o++ = '\a'; break;
		case 'x': {
			char hex[3] = { 0 };
			for (int i = 0; i < 2 && p[1]; i++)
				hex[i] = *++p;
			*o++ = (char)strtol(hex, NULL, 16);
			break;
		}
		default: *o++ = *p;
		}
	}
	*o = '\0';
	return (size_t)(o - s);
}

static void step(char *cmd, char *arg)
{
	size_t len = unescape(arg);

	if (strcmp(cmd, "send") == 0) {
		send_text(arg, len);
	} else if (strcmp(cmd, "line") == 0) {
		send_text(arg, len);
		send_text("\r", 1);
	} else if (strcmp(cmd, "expect") == 0) {
		expect(arg, false, now() + timeout_s);
	} else if (strcmp(cmd, "expect_raw") == 0) {
		expect(arg, true, now() + timeout_s);
	} else if (strcmp(cmd, "within") == 0) {
		char *end;
		double secs = strtod(arg, &end);
		while (*end == ' ')
			end++;
		expect(end, false, last_send + secs);
	} else if (strcmp(cmd, "elapsed") == 0) {
		fprintf(stderr, "elapsed %s %.0f\n", arg, (last_match - last_send) * 1e6);
	} else if (strcmp(cmd, "mark") == 0) {
		raw_mark = raw_pos = raw.len;
		text_mark = text_pos = text.len;
	} else if (strcmp(cmd, "absent") == 0) {
		absent(arg, false);
	} else if (strcmp(cmd, "absent_raw") == 0) {
		absent(arg, true);
	} else if (strcmp(cmd, "resize") == 0) {
		struct winsize ws = { .ws_row = 24 };
		ws.ws_col = (unsigned short)atoi(arg);
		if (ioctl(master, TIOCSWINSZ, &ws) < 0)
			fail("resize: %s", strerror(errno));
	} else if (strcmp(cmd, "timeout") == 0) {
		timeout_s = strtod(arg, NULL);
	} else if (strcmp(cmd, "sleep") == 0) {
		double until = now() + strtod(arg, NULL);
		while (now() < until && pump(until - now()) >= 0)
			;
	} else if (strcmp(cmd, "run") == 0) {
		int st = system(arg);
		if (st != 0)
			fail("'%s' failed (status %d)", arg, WIFEXITED(st) ? WEXITSTATUS(st) : -1);
	} else if (strcmp(cmd, "exit") == 0) {
		double deadline = now() + timeout_s;
		int want = atoi(arg);
		while (child_status < 0 && now() < deadline) {
			if (pump(0.1) < 0)
				break;
			reap();
		}
		while (child_status < 0 && now() < deadline) {
			reap();
			usleep(10000);
		}
		if (child_status < 0)
			fail("the program did not end");
		while (pump(0.05) > 0)	/* what it wrote last */
			;
		raw_pos = raw.len;
		text_pos = text.len;
		if (!WIFEXITED(child_status) || WEXITSTATUS(child_status) != want)
			fail("the program ended with status %d, not %d",
			     WIFEXITED(child_status) ? WEXITSTATUS(child_status) : 128 + WTERMSIG(child_status),
			     want);
	} else {
		fail("unknown step '%s'", cmd);
	}
}

int main(int argc, char **argv)
{
	struct winsize ws = { .ws_row = 24, .ws_col = 80 };
	FILE *script;
	char *line = NULL;
	size_t cap = 0;

	if (argc < 3) {
		fprintf(stderr, "usage: ptydrive SCRIPT PROG [ARG...]\n");
		return 2;
	}
	script_name = argv[1];
	script = strcmp(argv[1], "-") == 0 ? stdin : fopen(argv[1], "r");
	if (!script) {
		perror(argv[1]);
		return 2;
	}
	signal(SIGPIPE, SIG_IGN);
	child = forkpty(&master, NULL, NULL, &ws);
	if (child < 0) {
		perror("forkpty");
		return 2;
	}
	if (child == 0) {
		execvp(argv[2], argv + 2);
		perror(argv[2]);
		_exit(127);
	}
	last_send = now();
	while (getline(&line, &cap, script) > 0) {
		script_line++;
		line[strcspn(line, "\n")] = '\0';
		char *p = line + strspn(line, " \t");
		if (*p == '\0' || *p == '#')
			continue;
		char *arg = p + strcspn(p, " \t");
		if (*arg)
			*arg++ = '\0';
		step(p, arg);
	}
	free(line);
	/* The whole screen text, for the test's log. */
	printf("--- screen text ---\n");
	show(stdout, text.s ? text.s : "", text.len);
	printf("\n--- end ---\n");
	if (getenv("PTYDRIVE_RAW")) {
		printf("--- raw output ---\n");
		show(stdout, raw.s ? raw.s : "", raw.len);
		printf("\n--- end ---\n");
	}
	if (child_status < 0) {
		kill(child, SIGHUP);
		kill(child, SIGKILL);
		waitpid(child, NULL, 0);
	}
	return 0;
}
