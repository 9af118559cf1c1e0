/* SPDX-License-Identifier: GPL-2.0-or-later */
/* jansson.c: jansson, loaded when netsh first makes JSON (--json) rather
 * than at every start (core/lazylib.h); the file name comes from
 * configure (JANSSON_SONAME). */
#include <jansson.h>

#include "core/json.h"
#include "core/lazylib.h"

static struct lazylib jansson = { JANSSON_SONAME, NULL };

int json_lib_load(struct nerr *err)
{
	return lazylib_load(&jansson, err);
}

FORWARD(jansson, json_t *, json_object, (void), ())
FORWARD(jansson, json_t *, json_array, (void), ())
FORWARD(jansson, json_t *, json_string, (const char *value), (value))
FORWARD(jansson, json_t *, json_integer, (json_int_t value), (value))
FORWARD(jansson, json_t *, json_real, (double value), (value))
FORWARD(jansson, json_t *, json_true, (void), ())
FORWARD(jansson, json_t *, json_false, (void), ())
FORWARD(jansson, json_t *, json_null, (void), ())
FORWARD_VOID(jansson, json_delete, (json_t *json), (json))
FORWARD(jansson, json_t *, json_object_get, (const json_t *object, const char *key), (object, key))
FORWARD(jansson, int, json_object_set_new, (json_t *object, const char *key, json_t *value),
	(object, key, value))
FORWARD(jansson, json_t *, json_array_get, (const json_t *array, size_t index), (array, index))
FORWARD(jansson, int, json_array_append_new, (json_t *array, json_t *value), (array, value))
FORWARD(jansson, int, json_dumpf, (const json_t *json, FILE *output, size_t flags),
	(json, output, flags))
