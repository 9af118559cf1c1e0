/* SPDX-License-Identifier: GPL-2.0-or-later */
/* record.h: one op as one line of the lab's journal, and back:
 *
 *     veth_add node=ns1 if=eth0 ifindex=7 peer=r1 peer_if=eth0 ...
 *
 * The first word names the op kind, the rest are its descriptor's fields
 * as key=value (fields at their zero value are left out). Reading refuses
 * an unknown kind, an unknown key and a bad value, naming it. */
#ifndef NETSH_RECORD_H
#define NETSH_RECORD_H

#include <stddef.h>

#include "core/error.h"
#include "core/op.h"
#include "core/strbuf.h"

/* Append the op's record, with its newline. */
void record_write(const struct op *op, struct strbuf *out);

/* Parse one record (len bytes, without its newline) into *op. */
int record_read(const char *line, size_t len, struct op *op, struct nerr *err);

#endif
