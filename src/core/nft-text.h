/* SPDX-License-Identifier: GPL-2.0-or-later */
/* nft.h: the nftables text of netsh's NAT ops. Pure: it only writes text,
 * which the kernel layer hands to libnftables in the node's namespace and
 * explain prints as nft commands.
 *
 * Everything netsh does with nftables lives in one table, NFT_TABLE, so a
 * user's own tables in the node are left alone and `del nat` removes exactly
 * netsh's. */
#ifndef NETSH_NFT_H
#define NETSH_NFT_H

#include <stdbool.h>

#include "core/op.h"

#define NFT_TABLE "inet netsh"	/* family and name of netsh's table */

/* The nft commands that apply the op (with undo: that undo it), one per
 * line, run as one atomic batch; NULL for an op that is not nftables'.
 * The caller frees it. */
char *nft_op_text(const struct op *op, bool undo);

/* True when an interface name can go into an nft rule between double quotes
 * (and into explain's single-quoted shell words). */
bool nft_ifname_ok(const char *name);

#endif
