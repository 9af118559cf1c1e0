/* kernel.h: the kernel layer. Applies ops in-process through libnl, one
 * netlink socket per namespace, opened once. Never runs ip/tc/sysctl. */
#ifndef NETSH_KERNEL_H
#define NETSH_KERNEL_H

#include "core/error.h"
#include "core/model.h"
#include "core/op.h"

#define NETNS_RUN_DIR "/run/netns"

struct kernel;
struct nl_sock;

/* Open the kernel layer in the current (host) namespace. */
struct kernel *kernel_open(struct nerr *err);
void kernel_close(struct kernel *k);

/* Apply one op. Namespaces and links the op creates are recorded in it
 * (ino/dev, ifindex). On failure *err names what the kernel refused. */
int kernel_do(struct kernel *k, const struct model *m, struct op *op, struct nerr *err);

/* Undo an op kernel_do applied (best effort; used when a later op fails). */
int kernel_undo(struct kernel *k, const struct model *m, const struct op *op, struct nerr *err);

/* A descriptor of the node's namespace, proven to be the one netsh made
 * (same nsfs inode as recorded). Owned by the kernel layer. */
int kernel_nsfd(struct kernel *k, const struct node *n, struct nerr *err);

/* The node's rtnetlink socket, opened inside its namespace once. */
struct nl_sock *kernel_sock(struct kernel *k, const struct node *n, struct nerr *err);

/* Enter the node's namespace in the calling thread (for a forked child, or
 * briefly around work that binds to the current namespace). */
int kernel_enter(struct kernel *k, const struct node *n, struct nerr *err);

/* In a forked child about to run a program in the node: enter its network
 * namespace and, for a node, a private mount namespace whose /sys shows the
 * node's links, as `ip netns exec` does. */
int kernel_enter_exec(struct kernel *k, const struct node *n, struct nerr *err);

/* Return to the host namespace after kernel_enter. */
int kernel_leave(struct kernel *k, struct nerr *err);

/* Run nft commands (one atomic batch) inside the node's namespace with its
 * own libnftables context, made there once. *output (unless NULL) gets
 * nft's output, for the caller to free. On failure err has nft's own error
 * text and the ruleset is unchanged. */
int kernel_nft(struct kernel *k, const struct node *n, const char *text, char **output,
	       struct nerr *err);

/* The node's nfnetlink socket (conntrack dumps), opened inside it once. */
struct nl_sock *kernel_nfsock(struct kernel *k, const struct node *n, struct nerr *err);

/* Forget the handles of a node (after its namespace was deleted, or when the
 * model was reloaded). */
void kernel_forget(struct kernel *k, const char *node);

#endif
