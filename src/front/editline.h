/* SPDX-License-Identifier: GPL-2.0-or-later */
/* editline.h: libedit, loaded when the interactive shell starts rather
 * than at every start (core/lazylib.h): a -c command or a lab never needs
 * it, nor the three libraries it brings. The shell reaches it through
 * `ed`, a table of its functions typed as histedit.h declares them (el_set,
 * el_get and history are variadic, which a forwarder cannot pass on). */
#ifndef NETSH_EDITLINE_H
#define NETSH_EDITLINE_H

#include <histedit.h>

#include "core/error.h"

struct editline {
	__typeof__(el_init) *init;
	__typeof__(el_end) *end;
	__typeof__(el_gets) *gets;
	__typeof__(el_line) *line;
	__typeof__(el_insertstr) *insertstr;
	__typeof__(el_resize) *resize;
	__typeof__(el_source) *source;
	__typeof__(el_set) *set;
	__typeof__(el_wset) *wset;
	__typeof__(el_get) *get;
	__typeof__(history_init) *history_init;
	__typeof__(history_end) *history_end;
	__typeof__(history) *history;
};

extern struct editline ed;

/* Load libedit and fill ed, or say why it cannot be. */
int editline_load(struct nerr *err);

#endif
