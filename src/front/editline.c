/* SPDX-License-Identifier: GPL-2.0-or-later */
/* editline.c: libedit's functions, loaded when the shell starts
 * (editline.h); the file name comes from configure (LIBEDIT_SONAME). */
#include "core/lazylib.h"
#include "front/editline.h"

struct editline ed;

static struct lazylib libedit = { LIBEDIT_SONAME, NULL };

#define LOAD(field, name) (ed.field = (__typeof__(ed.field))lazylib_sym(&libedit, name))

int editline_load(struct nerr *err)
{
	if (ed.init)
		return 0;
	if (lazylib_load(&libedit, err) < 0)
		return -1;
	LOAD(end, "el_end");
	LOAD(gets, "el_gets");
	LOAD(line, "el_line");
	LOAD(insertstr, "el_insertstr");
	LOAD(resize, "el_resize");
	LOAD(source, "el_source");
	LOAD(set, "el_set");
	LOAD(wset, "el_wset");
	LOAD(get, "el_get");
	LOAD(history_init, "history_init");
	LOAD(history_end, "history_end");
	LOAD(history, "history");
	LOAD(init, "el_init");	/* last: ed is whole once it is set */
	return 0;
}
