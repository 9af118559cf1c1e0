/* SPDX-License-Identifier: GPL-2.0-or-later */
/* lazylib.h: shared libraries loaded when first needed (dlopen) instead of
 * at every start, and the functions netsh calls in them, defined under
 * their own names (the library's header checks each prototype) to forward
 * to the library's. Most runs of netsh need neither Lua, nor libedit, nor
 * nftables, and mapping a library at start costs more than the short
 * command that does not use it (doc/performance.md).
 *
 * A forwarder's symbol is not exported (the library is not linked, so
 * nothing asks for it): the library's own calls never land in it. */
#ifndef NETSH_LAZYLIB_H
#define NETSH_LAZYLIB_H

#include "core/error.h"

struct lazylib {
	const char *file;	/* the library's SONAME, from configure */
	void *handle;
};

/* Load lib, or say why it cannot be: what a command that needs it calls
 * first, so that a missing library is that command's error. */
int lazylib_load(struct lazylib *lib, struct nerr *err);

/* The address of name in lib, loading it on first use. A library or name
 * that cannot be loaded ends netsh with the loader's reason (status 127),
 * as the dynamic loader would at start had the library been linked. */
void *lazylib_sym(struct lazylib *lib, const char *name);

/* Define `ret name params` to call name in lib with args. */
#define FORWARD(lib, ret, name, params, args)				\
	ret name params							\
	{								\
		static ret (*real_) params;				\
		if (!real_)						\
			real_ = (ret (*) params)lazylib_sym(&lib, #name); \
		return real_ args;					\
	}

#define FORWARD_VOID(lib, name, params, args)				\
	void name params						\
	{								\
		static void (*real_) params;				\
		if (!real_)						\
			real_ = (void (*) params)lazylib_sym(&lib, #name); \
		real_ args;						\
	}

#endif
