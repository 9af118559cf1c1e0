/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test-ifcache.c: the kernel layer's name -> ifindex cache, scanned and
 * hashed, against a plain array after random puts, drops and clears. */
#include <stdio.h>
#include <string.h>

#include "core/ifcache.h"
#include "unit.h"

#define NAMES 60

int main(void)
{
	struct ifcache c = { 0 };
	int want[NAMES] = { 0 }, wrong = 0, hashed = 0;
	unsigned seed = 2024;

	for (int step = 0; step < 20000; step++) {
		char name[IFNAMSIZ];
		seed = seed * 1103515245u + 12345u;
		unsigned r = seed >> 16, i = r % NAMES;
		snprintf(name, sizeof(name), "h%u", i);
		if (r % 97 == 0) {
			ifcache_clear(&c);
			memset(want, 0, sizeof(want));
		} else if (r % 3 == 0) {
			ifcache_drop(&c, name);
			want[i] = 0;
		} else {
			ifcache_put(&c, name, step + 1);
			want[i] = step + 1;
		}
		hashed += c.tab.buckets != NULL;
		for (unsigned k = 0; k < NAMES; k++) {
			snprintf(name, sizeof(name), "h%u", k);
			wrong += ifcache_get(&c, name) != want[k];
		}
	}
	CHECK(wrong == 0 && hashed > 1000,
	      "after 20000 random puts, drops and clears every name reads as last put (%d wrong, "
	      "%d steps hashed)", wrong, hashed);
	CHECK(ifcache_get(&c, "nothing") == 0, "a name never put reads as 0");
	ifcache_free(&c);
	CHECK(c.n == 0 && !c.ents && ifcache_get(&c, "h1") == 0, "a freed cache is empty");
	return unit_done();
}
