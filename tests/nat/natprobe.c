/* SPDX-License-Identifier: GPL-2.0-or-later */
/* natprobe.c: small UDP and TCP probes for the NAT kernel tests.
 *
 *   natprobe echo PORT          UDP server: answer each datagram with the
 *                               source ADDR:PORT it came from; print it too
 *   natprobe probe [-p LPORT] [-l SECS] ADDR:PORT...
 *                               from ONE UDP socket, send to each server in
 *                               turn and print "ADDR:PORT saw SRC:SPORT";
 *                               then, with -l, listen SECS more seconds and
 *                               print "unsolicited from ADDR:PORT: TEXT" for
 *                               each datagram that arrives
 *   natprobe send [-p LPORT] ADDR:PORT TEXT
 *                               send one datagram (no answer awaited)
 *   natprobe serve PORT         TCP server: for each connection print the
 *                               peer ADDR:PORT, write it back, close
 *   natprobe connect [-w SECS] ADDR:PORT
 *                               TCP client: print what the server saw
 *   natprobe sink PORT          TCP server: read each connection to its end
 *                               and print "received BYTES bytes in SECS s:
 *                               RATE Mbit/s (STEADY Mbit/s after 1 s)", the
 *                               second rate without TCP's slow start
 *   natprobe blast [-t SECS] ADDR:PORT
 *                               TCP client: send as fast as the path lets
 *                               for SECS seconds (default 3), then close
 *   natprobe flood [-r PPS] [-t SECS] ADDR:PORT
 *                               UDP: PPS small datagrams a second (default
 *                               100000) for SECS seconds (default 2); print
 *                               how many were sent
 *   natprobe rendezvous PORT    UDP server for hole punching: pairs its
 *                               clients in the order they say hello and
 *                               tells each the address its peer came from
 *   natprobe punch [-p LPORT] [-t SECS] SERVER:PORT
 *                               hole punching from ONE UDP socket: learn the
 *                               peer's address from the rendezvous server,
 *                               then send to it every 100 ms (and to where
 *                               it is heard from) until it is heard; print
 *                               "peer ADDR:PORT" and "heard from ADDR:PORT"
 *
 * IPv4 only (NAT is). Exit status 0 on success, 1 on failure (a probe
 * without an answer, a refused or timed-out connection), 2 on bad usage. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static _Noreturn void usage(void)
{
	fprintf(stderr, "usage: natprobe echo PORT | probe [-p LPORT] [-l SECS] ADDR:PORT... |\n"
		"       send [-p LPORT] ADDR:PORT TEXT | serve PORT | connect [-w SECS] ADDR:PORT |\n"
		"       rendezvous PORT | punch [-p LPORT] [-t SECS] SERVER:PORT |\n"
		"       sink PORT | blast [-t SECS] ADDR:PORT | flood [-r PPS] [-t SECS] ADDR:PORT\n");
	exit(2);
}

static void die(const char *what)
{
	fprintf(stderr, "natprobe: %s: %s\n", what, strerror(errno));
	exit(1);
}

static int parse_port(const char *s)
{
	char *end;
	long v = strtol(s, &end, 10);

	if (*s == '\0' || *end || v < 0 || v > 65535)
		usage();
	return (int)v;
}

static struct sockaddr_in parse_sa(const char *s)
{
	struct sockaddr_in sa = { .sin_family = AF_INET };
	char host[64];
	const char *colon = strrchr(s, ':');

	if (!colon || (size_t)(colon - s) >= sizeof(host))
		usage();
	memcpy(host, s, (size_t)(colon - s));
	host[colon - s] = '\0';
	if (inet_pton(AF_INET, host, &sa.sin_addr) != 1)
		usage();
	sa.sin_port = htons((unsigned short)parse_port(colon + 1));
	return sa;
}

static const char *sa_fmt(const struct sockaddr_in *sa, char *buf, size_t len)
{
	char a[INET_ADDRSTRLEN];

	inet_ntop(AF_INET, &sa->sin_addr, a, sizeof(a));
	snprintf(buf, len, "%s:%u", a, ntohs(sa->sin_port));
	return buf;
}

static int sock_bound(int type, int port)
{
	struct sockaddr_in sa = { .sin_family = AF_INET, .sin_port = htons((unsigned short)port) };
	int fd = socket(AF_INET, type | SOCK_CLOEXEC, 0), one = 1;

	if (fd < 0)
		die("socket");
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if ((port || type == SOCK_STREAM) && bind(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0)
		die("bind");
	return fd;
}

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

/* Wait up to ms for fd to be readable. */
static int readable(int fd, long long ms)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };

	if (ms < 0)
		ms = 0;
	return poll(&p, 1, (int)ms) > 0;
}

static _Noreturn void cmd_echo(int argc, char **argv)
{
	char buf[512], who[64];

	if (argc != 1)
		usage();
	int fd = sock_bound(SOCK_DGRAM, parse_port(argv[0]));
	printf("listening udp %s\n", argv[0]);
	fflush(stdout);
	for (;;) {
		struct sockaddr_in from;
		socklen_t fl = sizeof(from);
		ssize_t n = recvfrom(fd, buf, sizeof(buf) - 1, 0, (struct sockaddr *)&from, &fl);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			die("recvfrom");
		}
		buf[n] = '\0';
		sa_fmt(&from, who, sizeof(who));
		printf("from %s: %s\n", who, buf);
		fflush(stdout);
		sendto(fd, who, strlen(who), 0, (struct sockaddr *)&from, fl);
	}
}

static int cmd_probe(int argc, char **argv)
{
	int lport = 0, listen_s = 0, opt, fd, rc = 0;
	char buf[512], who[64];

	optind = 1;
	while ((opt = getopt(argc + 1, argv - 1, "p:l:")) != -1) {
		if (opt == 'p')
			lport = parse_port(optarg);
		else if (opt == 'l')
			listen_s = atoi(optarg);
		else
			usage();
	}
	argc -= optind - 1;
	argv += optind - 1;
	if (argc < 1)
		usage();
	fd = sock_bound(SOCK_DGRAM, lport);
	for (int i = 0; i < argc; i++) {
		struct sockaddr_in to = parse_sa(argv[i]);
		int got = 0;
		for (int tries = 0; tries < 3 && !got; tries++) {
			if (sendto(fd, "probe", 5, 0, (struct sockaddr *)&to, sizeof(to)) < 0)
				die("sendto");
			long long end = now_ms() + 700;
			while (!got && readable(fd, end - now_ms())) {
				struct sockaddr_in from;
				socklen_t fl = sizeof(from);
				ssize_t n = recvfrom(fd, buf, sizeof(buf) - 1, 0,
						     (struct sockaddr *)&from, &fl);
				if (n < 0)
					break;
				buf[n] = '\0';
				if (from.sin_addr.s_addr == to.sin_addr.s_addr &&
				    from.sin_port == to.sin_port) {
					printf("%s saw %s\n", argv[i], buf);
					got = 1;
				} else {
					printf("unsolicited from %s: %s\n",
					       sa_fmt(&from, who, sizeof(who)), buf);
				}
			}
		}
		if (!got) {
			printf("%s no answer\n", argv[i]);
			rc = 1;
		}
		fflush(stdout);
	}
	if (listen_s > 0) {
		printf("listening %d s\n", listen_s);
		fflush(stdout);
		long long end = now_ms() + listen_s * 1000LL;
		while (readable(fd, end - now_ms())) {
			struct sockaddr_in from;
			socklen_t fl = sizeof(from);
			ssize_t n = recvfrom(fd, buf, sizeof(buf) - 1, 0, (struct sockaddr *)&from, &fl);
			if (n < 0)
				break;
			buf[n] = '\0';
			printf("unsolicited from %s: %s\n", sa_fmt(&from, who, sizeof(who)), buf);
			fflush(stdout);
		}
		printf("done listening\n");
	}
	close(fd);
	return rc;
}

static int cmd_send(int argc, char **argv)
{
	int lport = 0, opt;

	optind = 1;
	while ((opt = getopt(argc + 1, argv - 1, "p:")) != -1) {
		if (opt == 'p')
			lport = parse_port(optarg);
		else
			usage();
	}
	argc -= optind - 1;
	argv += optind - 1;
	if (argc != 2)
		usage();
	struct sockaddr_in to = parse_sa(argv[0]);
	int fd = sock_bound(SOCK_DGRAM, lport);
	/* A few copies, in case the first is lost to ARP resolution. */
	for (int i = 0; i < 3; i++) {
		if (sendto(fd, argv[1], strlen(argv[1]), 0, (struct sockaddr *)&to, sizeof(to)) < 0)
			die("sendto");
		usleep(100000);
	}
	close(fd);
	return 0;
}

static _Noreturn void cmd_serve(int argc, char **argv)
{
	char who[64];

	if (argc != 1)
		usage();
	int fd = sock_bound(SOCK_STREAM, parse_port(argv[0]));
	if (listen(fd, 16) < 0)
		die("listen");
	printf("listening tcp %s\n", argv[0]);
	fflush(stdout);
	for (;;) {
		struct sockaddr_in from;
		socklen_t fl = sizeof(from);
		int c = accept4(fd, (struct sockaddr *)&from, &fl, SOCK_CLOEXEC);
		if (c < 0) {
			if (errno == EINTR || errno == ECONNABORTED)
				continue;
			die("accept");
		}
		sa_fmt(&from, who, sizeof(who));
		printf("connection from %s\n", who);
		fflush(stdout);
		(void)!write(c, who, strlen(who));
		close(c);
	}
}

static int cmd_connect(int argc, char **argv)
{
	int wait_s = 3, opt;
	char buf[128];

	optind = 1;
	while ((opt = getopt(argc + 1, argv - 1, "w:")) != -1) {
		if (opt == 'w')
			wait_s = atoi(optarg);
		else
			usage();
	}
	argc -= optind - 1;
	argv += optind - 1;
	if (argc != 1)
		usage();
	struct sockaddr_in to = parse_sa(argv[0]);
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
	if (fd < 0)
		die("socket");
	if (connect(fd, (struct sockaddr *)&to, sizeof(to)) < 0 && errno != EINPROGRESS)
		die("connect");
	struct pollfd p = { .fd = fd, .events = POLLOUT };
	if (poll(&p, 1, wait_s * 1000) <= 0) {
		fprintf(stderr, "natprobe: connect %s: timed out\n", argv[0]);
		return 1;
	}
	int e = 0;
	socklen_t el = sizeof(e);
	getsockopt(fd, SOL_SOCKET, SO_ERROR, &e, &el);
	if (e) {
		fprintf(stderr, "natprobe: connect %s: %s\n", argv[0], strerror(e));
		return 1;
	}
	if (!readable(fd, wait_s * 1000LL)) {
		fprintf(stderr, "natprobe: %s: no answer\n", argv[0]);
		return 1;
	}
	ssize_t n = read(fd, buf, sizeof(buf) - 1);
	if (n <= 0) {
		fprintf(stderr, "natprobe: %s: no answer\n", argv[0]);
		return 1;
	}
	buf[n] = '\0';
	printf("%s saw %s\n", argv[0], buf);
	close(fd);
	return 0;
}

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static _Noreturn void cmd_sink(int argc, char **argv)
{
	static char buf[1 << 16];

	if (argc != 1)
		usage();
	int fd = sock_bound(SOCK_STREAM, parse_port(argv[0]));
	if (listen(fd, 4) < 0)
		die("listen");
	printf("listening tcp %s\n", argv[0]);
	for (;;) {
		int c = accept4(fd, NULL, NULL, SOCK_CLOEXEC);
		long long total = 0, late = 0;
		double t0 = 0, t1, now;
		ssize_t n;
		if (c < 0) {
			if (errno == EINTR || errno == ECONNABORTED)
				continue;
			die("accept");
		}
		while ((n = read(c, buf, sizeof(buf))) > 0) {
			now = now_s();
			if (total == 0)
				t0 = now;	/* from the first byte */
			total += n;
			if (now >= t0 + 1)
				late += n;
		}
		t1 = now_s();
		close(c);
		printf("received %lld bytes in %.3f s: %.2f Mbit/s (%.2f Mbit/s after 1 s)\n", total,
		       t1 - t0, t1 > t0 ? (double)total * 8 / (t1 - t0) / 1e6 : 0,
		       t1 > t0 + 1 ? (double)late * 8 / (t1 - t0 - 1) / 1e6 : 0);
	}
}

static int cmd_blast(int argc, char **argv)
{
	static char buf[1 << 16];
	int secs = 3, opt;

	optind = 1;
	while ((opt = getopt(argc + 1, argv - 1, "t:")) != -1) {
		if (opt == 't')
			secs = atoi(optarg);
		else
			usage();
	}
	argc -= optind - 1;
	argv += optind - 1;
	if (argc != 1)
		usage();
	struct sockaddr_in to = parse_sa(argv[0]);
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		die("socket");
	if (connect(fd, (struct sockaddr *)&to, sizeof(to)) < 0)
		die("connect");
	double end = now_s() + secs;
	long long total = 0;
	while (now_s() < end) {
		ssize_t n = write(fd, buf, sizeof(buf));
		if (n < 0)
			die("write");
		total += n;
	}
	close(fd);
	printf("sent %lld bytes\n", total);
	return 0;
}

static int cmd_flood(int argc, char **argv)
{
	long pps = 100000, secs = 2, sent = 0;
	int opt;

	optind = 1;
	while ((opt = getopt(argc + 1, argv - 1, "r:t:")) != -1) {
		if (opt == 'r')
			pps = atol(optarg);
		else if (opt == 't')
			secs = atol(optarg);
		else
			usage();
	}
	argc -= optind - 1;
	argv += optind - 1;
	if (argc != 1 || pps <= 0 || secs <= 0)
		usage();
	struct sockaddr_in to = parse_sa(argv[0]);
	int fd = sock_bound(SOCK_DGRAM, 0);
	if (connect(fd, (struct sockaddr *)&to, sizeof(to)) < 0)
		die("connect");
	double start = now_s();
	/* Each millisecond, the datagrams due by then. */
	while (now_s() < start + (double)secs) {
		long due = (long)((now_s() - start) * (double)pps);
		for (; sent < due; sent++)
			if (send(fd, "flood", 5, 0) < 0 && errno != ENOBUFS && errno != ECONNREFUSED)
				die("send");
		usleep(1000);
	}
	printf("sent %ld datagrams\n", sent);
	return 0;
}

#define MAX_CLIENTS 256

static _Noreturn void cmd_rendezvous(int argc, char **argv)
{
	struct sockaddr_in seen[MAX_CLIENTS];
	int nseen = 0;
	char buf[64], who[64], reply[80];

	if (argc != 1)
		usage();
	int fd = sock_bound(SOCK_DGRAM, parse_port(argv[0]));
	printf("rendezvous on udp %s\n", argv[0]);
	for (;;) {
		struct sockaddr_in from;
		socklen_t fl = sizeof(from);
		int i;
		if (recvfrom(fd, buf, sizeof(buf), 0, (struct sockaddr *)&from, &fl) < 0) {
			if (errno == EINTR)
				continue;
			die("recvfrom");
		}
		for (i = 0; i < nseen; i++)
			if (seen[i].sin_addr.s_addr == from.sin_addr.s_addr &&
			    seen[i].sin_port == from.sin_port)
				break;
		if (i == nseen) {
			if (nseen == MAX_CLIENTS)
				continue;
			seen[nseen++] = from;
			printf("hello from %s\n", sa_fmt(&from, who, sizeof(who)));
		}
		if ((i ^ 1) >= nseen)
			continue;	/* its peer has not said hello yet */
		snprintf(reply, sizeof(reply), "peer %s", sa_fmt(&seen[i ^ 1], who, sizeof(who)));
		sendto(fd, reply, strlen(reply), 0, (struct sockaddr *)&from, fl);
	}
}

static int cmd_punch(int argc, char **argv)
{
	int lport = 0, secs = 3, opt, fd;
	struct sockaddr_in peer = { 0 }, heard = { 0 };
	long long end, next = 0, done = 0;
	char buf[128], who[64];

	optind = 1;
	while ((opt = getopt(argc + 1, argv - 1, "p:t:")) != -1) {
		if (opt == 'p')
			lport = parse_port(optarg);
		else if (opt == 't')
			secs = atoi(optarg);
		else
			usage();
	}
	argc -= optind - 1;
	argv += optind - 1;
	if (argc != 1)
		usage();
	struct sockaddr_in server = parse_sa(argv[0]);
	fd = sock_bound(SOCK_DGRAM, lport);
	end = now_ms() + secs * 1000LL;
	while (now_ms() < end && (!done || now_ms() < done)) {
		if (now_ms() >= next) {	/* hello until the peer is known, then punch */
			if (!peer.sin_port)
				sendto(fd, "hello", 5, 0, (struct sockaddr *)&server, sizeof(server));
			else
				sendto(fd, "punch", 5, 0, (struct sockaddr *)(heard.sin_port ? &heard : &peer),
				       sizeof(peer));
			next = now_ms() + 100;
		}
		if (!readable(fd, next - now_ms()))
			continue;
		struct sockaddr_in from;
		socklen_t fl = sizeof(from);
		ssize_t n = recvfrom(fd, buf, sizeof(buf) - 1, 0, (struct sockaddr *)&from, &fl);
		if (n < 0)
			continue;
		buf[n] = '\0';
		if (from.sin_addr.s_addr == server.sin_addr.s_addr && from.sin_port == server.sin_port) {
			if (!peer.sin_port && strncmp(buf, "peer ", 5) == 0) {
				peer = parse_sa(buf + 5);
				printf("peer %s\n", buf + 5);
				next = 0;
			}
			continue;
		}
		if (!heard.sin_port) {
			heard = from;
			printf("heard from %s\n", sa_fmt(&from, who, sizeof(who)));
			done = now_ms() + 500;	/* keep sending, so the peer hears us too */
		}
	}
	close(fd);
	if (!heard.sin_port) {
		printf("%s\n", peer.sin_port ? "no word from the peer" : "no peer from the server");
		return 1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	if (argc < 2)
		usage();
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (strcmp(argv[1], "echo") == 0)
		cmd_echo(argc - 2, argv + 2);
	if (strcmp(argv[1], "probe") == 0)
		return cmd_probe(argc - 2, argv + 2);
	if (strcmp(argv[1], "send") == 0)
		return cmd_send(argc - 2, argv + 2);
	if (strcmp(argv[1], "serve") == 0)
		cmd_serve(argc - 2, argv + 2);
	if (strcmp(argv[1], "connect") == 0)
		return cmd_connect(argc - 2, argv + 2);
	if (strcmp(argv[1], "sink") == 0)
		cmd_sink(argc - 2, argv + 2);
	if (strcmp(argv[1], "blast") == 0)
		return cmd_blast(argc - 2, argv + 2);
	if (strcmp(argv[1], "flood") == 0)
		return cmd_flood(argc - 2, argv + 2);
	if (strcmp(argv[1], "rendezvous") == 0)
		cmd_rendezvous(argc - 2, argv + 2);
	if (strcmp(argv[1], "punch") == 0)
		return cmd_punch(argc - 2, argv + 2);
	usage();
	return 2;
}
