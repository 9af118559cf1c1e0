/* SPDX-License-Identifier: GPL-2.0-or-later */
/* own.c: telling the lab's namespaces from others': each carries the
 * lab's tag ("netsh:LAB:KEY", the key readable by root only) as its
 * loopback's alias, set before the namespace shows under /run/netns. What a
 * netsh that died could not record is found by it (settling, destroy). */
#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <netlink/socket.h>

#include "core/xalloc.h"
#include "kernel/internal.h"

void own_set(struct kernel *kk, const char *tag)
{
	struct nlkernel *k = (struct nlkernel *)kk;

	free(k->tag);
	k->tag = tag ? xstrdup(tag) : NULL;
}

int own_probe(struct kernel *kk, const char *node, struct nsid *id, struct nerr *err)
{
	struct nlkernel *k = (struct nlkernel *)kk;
	char alias[IFALIASZ], path[PATH_MAX];
	struct nl_sock *sk;
	int fd, found = ns_inspect(k, node, &fd, &sk, id, err);

	if (found < 0)
		return -1;
	if (found == NS_EMPTY) {
		snprintf(path, sizeof(path), "%s/%s", NETNS_RUN_DIR, node);
		unlink_empty(path);
		return 0;
	}
	if (found == NS_ABSENT)
		return 0;
	found = lo_alias(k, sk, alias) == 0 && k->tag && strcmp(alias, k->tag) == 0;
	nl_socket_free(sk);
	close(fd);
	return found;
}

int own_scan(struct kernel *kk, struct owned_ns **out, size_t *n, struct nerr *err)
{
	DIR *d = opendir(NETNS_RUN_DIR);
	struct dirent *de;
	struct nsid id;
	struct nerr e2;

	*out = NULL;
	*n = 0;
	if (!d)
		return 0;	/* no /run/netns: no namespaces at all */
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.' || strlen(de->d_name) > NODE_NAME_MAX ||
		    strcmp(de->d_name, HOST_NS) == 0)
			continue;
		if (own_probe(kk, de->d_name, &id, &e2) != 1)
			continue;
		*out = xrealloc(*out, (*n + 1) * sizeof(**out));
		snprintf((*out)[*n].name, sizeof((*out)[*n].name), "%s", de->d_name);
		(*out)[(*n)++].id = id;
	}
	closedir(d);
	(void)err;
	return 0;
}

void own_whose(struct nlkernel *k, const char *node, char *lab, size_t len)
{
	char alias[IFALIASZ];
	struct nl_sock *sk;
	struct nsid id;
	struct nerr e2;
	int fd;

	lab[0] = '\0';
	if (ns_inspect(k, node, &fd, &sk, &id, &e2) != NS_MOUNTED)
		return;
	if (lo_alias(k, sk, alias) == 0 && strncmp(alias, "netsh:", 6) == 0)
		snprintf(lab, len, "%.*s", (int)strcspn(alias + 6, ":"), alias + 6);
	nl_socket_free(sk);
	close(fd);
}
