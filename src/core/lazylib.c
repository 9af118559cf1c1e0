/* SPDX-License-Identifier: GPL-2.0-or-later */
/* lazylib.c: loading a library when it is first needed (lazylib.h). */
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>

#include "core/lazylib.h"

static void *open_lib(struct lazylib *lib)
{
	if (!lib->handle)
		lib->handle = dlopen(lib->file, RTLD_NOW | RTLD_LOCAL);
	return lib->handle;
}

int lazylib_load(struct lazylib *lib, struct nerr *err)
{
	if (open_lib(lib))
		return 0;
	return nerr_setc(err, NERR_UNSUPPORTED, -1, "cannot load %s (%s): install it, or "
			 "reinstall netsh's dependencies (scripts/setup)", lib->file, dlerror());
}

void *lazylib_sym(struct lazylib *lib, const char *name)
{
	void *p = open_lib(lib) ? dlsym(lib->handle, name) : NULL;

	if (p)
		return p;
	fprintf(stderr, "netsh: cannot load %s from %s: %s\n", name, lib->file, dlerror());
	exit(127);
}
