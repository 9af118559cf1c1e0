/* SPDX-License-Identifier: GPL-2.0-or-later */
/* nat.c: netsh's NAT in a node: its nftables table through libnftables
 * (one context per namespace, made inside it), and the node's forwarding. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <nftables/libnftables.h>

#include "core/nft-text.h"
#include "core/xalloc.h"
#include "kernel/internal.h"

#ifdef __SANITIZE_ADDRESS__
/* libnftables 1.0.6 leaks a few bytes on some parse errors (an unknown
 * chain hook, say), which is not netsh's to free; a sanitizer build would
 * otherwise fail every nft command that the user got wrong. */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
	return "leak:libnftables.so\n";
}

const char *__lsan_default_options(void);
const char *__lsan_default_options(void)
{
	return "print_suppressions=0";
}
#endif

static const char *const forwarding_files[] = {
	"/proc/sys/net/ipv4/conf/all/forwarding",
	"/proc/sys/net/ipv6/conf/all/forwarding",
};

/* Turn IPv4 and IPv6 forwarding of h's namespace on or off. */
static int forwarding_set(struct nlkernel *k, struct handle *h, bool on, struct nerr *err)
{
	const char *bad = NULL;
	int e = 0;

	if (enter(h, err) < 0)
		return -1;
	for (size_t i = 0; i < sizeof(forwarding_files) / sizeof(forwarding_files[0]); i++) {
		if (sysctl_put(forwarding_files[i], on ? "1" : "0") < 0) {
			bad = forwarding_files[i];
			e = errno;
			while (i-- > 0)		/* all or nothing */
				sysctl_put(forwarding_files[i], on ? "0" : "1");
			break;
		}
	}
	if (back_home(k, h->name, err) < 0)
		return -1;
	if (bad)
		return nerr_set(err, -1, "%s: turning forwarding %s (%s): %s", h->name,
				on ? "on" : "off", bad, strerror(e));
	return 0;
}

/* A NAT's UDP mapping lifetime in h's namespace: conntrack's timeouts of
 * a UDP flow (t seconds both; 0: the kernel's own, 30 and 120). */
static int udp_timeout_set(struct nlkernel *k, struct handle *h, unsigned long long t,
			   struct nerr *err)
{
	char once[32], stream[32];
	int rc = 0, e = 0;

	snprintf(once, sizeof(once), "%llu", t ? t : 30);
	snprintf(stream, sizeof(stream), "%llu", t ? t : 120);
	if (enter(h, err) < 0)
		return -1;
	if (sysctl_put("/proc/sys/net/netfilter/nf_conntrack_udp_timeout", once) < 0 ||
	    sysctl_put("/proc/sys/net/netfilter/nf_conntrack_udp_timeout_stream", stream) < 0) {
		e = errno;
		rc = -1;
	}
	if (back_home(k, h->name, err) < 0)
		return -1;
	if (rc < 0)
		return nerr_set(err, -1, "%s: setting the UDP mapping lifetime: %s", h->name, strerror(e));
	return 0;
}

/* The namespace's libnftables context. nft_ctx_new() opens its netlink
 * socket in the namespace current at that moment, so it is made inside. */
static struct nft_ctx *nft_ctx_of(struct nlkernel *k, struct handle *h, struct nerr *err)
{
	struct nft_ctx *ctx;

	if (h->nft)
		return h->nft;
	if (dlib_nft(err) < 0 || enter(h, err) < 0)
		return NULL;
	ctx = nft_ctx_new(NFT_CTX_DEFAULT);
	if (back_home(k, h->name, err) < 0) {
		if (ctx)
			nft_ctx_free(ctx);
		return NULL;
	}
	if (!ctx) {
		nerr_set(err, -1, "%s: cannot make a libnftables context", h->name);
		return NULL;
	}
	if (nft_ctx_buffer_output(ctx) < 0 || nft_ctx_buffer_error(ctx) < 0) {
		nft_ctx_free(ctx);
		nerr_set(err, -1, "%s: cannot buffer libnftables' output", h->name);
		return NULL;
	}
	h->nft = ctx;
	return ctx;
}

/* Copy nft's error text (several lines: the message, the command, carets)
 * after `what`, without its last newline. */
static int nft_error(struct nerr *err, const char *what, const char *text)
{
	size_t n = text ? strlen(text) : 0;

	while (n && text[n - 1] == '\n')
		n--;
	if (!n)
		return nerr_set(err, -1, "%s: nft failed and said nothing", what);
	return nerr_set(err, -1, "%s: %.*s", what, (int)n, text);
}

/* Run nft commands, one atomic batch, in h's namespace: inside it, so names
 * nft resolves (iif eth0) are the namespace's. *output (when asked) gets
 * nft's output, to free. On failure the ruleset is unchanged and err has
 * nft's own error text after `what`. */
static int nft_run(struct nlkernel *k, struct handle *h, const char *text, char **output,
		   const char *what, struct nerr *err)
{
	struct nft_ctx *ctx = nft_ctx_of(k, h, err);
	const char *out, *errtext;
	int rc;

	if (output)
		*output = NULL;
	if (!ctx || enter(h, err) < 0)
		return -1;
	rc = nft_run_cmd_from_buffer(ctx, text);
	if (back_home(k, h->name, err) < 0)
		return -1;
	/* Both buffers are read (and so rewound) after every run. */
	out = nft_ctx_get_output_buffer(ctx);
	errtext = nft_ctx_get_error_buffer(ctx);
	if (rc != 0)
		return nft_error(err, what, errtext);
	if (output)
		*output = xstrdup(out ? out : "");
	return 0;
}

/* Does the namespace have what a NAT op adds: netsh's table (nat_add) or
 * the forward's element (fwd_add)? */
static bool nat_present(struct nlkernel *k, struct handle *h, const struct op *op)
{
	char probe[128];
	struct nerr e2;

	if (op->kind == OP_NAT_ADD || op->kind == OP_NAT_DEL || op->kind == OP_NAT_SET)
		snprintf(probe, sizeof(probe), "list table " NFT_TABLE);
	else
		snprintf(probe, sizeof(probe), "get element " NFT_TABLE " fwd_%s { %d }",
			 proto_name(op->proto), op->port);
	return nft_run(k, h, probe, NULL, "", &e2) == 0;
}

/* What a NAT op does, for error messages. */
static void nat_what(const struct op *op, bool add, char *buf, size_t len)
{
	char a[INET_STRLEN];

	if (op->kind == OP_NAT_SET) {
		snprintf(buf, len, "%s: changing its NAT to out of %s, type %s", op->node,
			 add ? op->ifname : op->was_if, nat_type_name(add ? op->nat : op->was_nat));
		return;
	}
	if (op->kind == OP_NAT_ADD || op->kind == OP_NAT_DEL) {
		if (add)
			snprintf(buf, len, "%s: setting up NAT out of %s (type %s)", op->node,
				 op->ifname, nat_type_name(op->nat));
		else
			snprintf(buf, len, "%s: removing netsh's NAT (table %s)", op->node, NFT_TABLE);
		return;
	}
	snprintf(buf, len, "%s: %s forward %s %d to %s:%d", op->node, add ? "adding" : "removing",
		 proto_name(op->proto), op->port, inet_addr_fmt(&op->addr, a, sizeof(a)), op->dport);
}

/* Apply (or undo) a NAT op: netsh's nft table, and for a node that is not
 * a router its forwarding, on with the NAT and off without it. Removing
 * what is gone already (the user flushed the ruleset, say) is done (1), so
 * del nat can always clean the lab's record up. A NAT removed or changed
 * has its conntrack table flushed: mappings made under the old rules go. */
static int nat_change(struct nlkernel *k, const struct op *op, bool undo, struct nerr *err)
{
	struct handle *h = handle_get(k, op->node, &op->id, err);
	bool nat = op->kind == OP_NAT_ADD || op->kind == OP_NAT_DEL;
	bool adds = (op->kind == OP_NAT_ADD || op->kind == OP_FWD_ADD || op->kind == OP_NAT_SET) != undo;
	bool flush = op->kind == OP_NAT_SET || (op->kind == OP_NAT_DEL && !undo);
	unsigned long long timeout = op->kind == OP_NAT_SET ? (undo ? op->was_timeout : op->timeout)
				     : adds ? (op->timeout ? op->timeout : NAT_UDP_TIMEOUT) : 0;
	bool fwd = nat && op->node_kind != KIND_ROUTER;
	char what[NODE_NAME_MAX + 128], *text;
	struct nerr e2;
	int rc;

	if (!h)		/* a namespace deleted outside netsh took it along */
		return !adds && err->code == NERR_GONE ? 1 : -1;
	nat_what(op, adds, what, sizeof(what));
	if (fwd && adds && forwarding_set(k, h, true, err) < 0)
		return -1;
	if (dlib_nft(err) < 0)
		return -1;	/* no libnftables: nothing can be known, nor done */
	text = nft_op_text(op, undo);
	rc = nft_run(k, h, text, NULL, what, err);
	free(text);
	if (rc < 0 && !adds && !nat_present(k, h, op))
		return 1;	/* gone already */
	if (rc < 0) {
		if (nat && adds && nat_present(k, h, op)) {
			err->code = NERR_EXISTS;
			nerr_append(err, "\n%s already has a table %s that this lab did not record; "
				    "remove it with: nft %s 'delete table %s'",
				    op->node, NFT_TABLE, op->node, NFT_TABLE);
		}
		if (fwd && adds)
			forwarding_set(k, h, false, &e2);
		return -1;
	}
	if ((fwd && !adds && forwarding_set(k, h, false, err) < 0) ||
	    (flush && ct_flush(k, h, err) < 0) ||
	    ((nat || op->kind == OP_NAT_SET) && udp_timeout_set(k, h, timeout, err) < 0)) {
		/* All or nothing: put the table back, so the transaction's
		 * undo of the steps before (the forwards) finds it. */
		char back[NODE_NAME_MAX + 128];
		text = nft_op_text(op, !undo);
		nat_what(op, !adds, back, sizeof(back));
		nft_run(k, h, text, NULL, back, &e2);
		free(text);
		return -1;
	}
	return 0;
}

int nat_do(struct nlkernel *k, struct op *op, struct nerr *err)
{
	int rc = nat_change(k, op, false, err);

	op->absent = rc == 1;
	return rc < 0 ? -1 : 0;
}

int nat_undo(struct nlkernel *k, const struct op *op, struct nerr *err)
{
	return nat_change(k, op, true, err) < 0 ? -1 : 0;
}

int nat_nft(struct kernel *kk, const char *node, const struct nsid *id, const char *text,
	    char **output, struct nerr *err)
{
	struct nlkernel *k = (struct nlkernel *)kk;
	struct handle *h;

	handles_trim(k);
	h = handle_get(k, node, id, err);
	return h ? nft_run(k, h, text, output, node, err) : -1;
}
