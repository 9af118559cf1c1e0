/* txn.c: the transaction: apply ops, undo on failure. */
#include <stdio.h>
#include <string.h>

#include "kernel/kernel.h"
#include "engine/txn.h"

int txn_apply(struct kernel *k, const struct model *m, struct plan *p,
	      bool best_effort, bool *done, struct nerr *err)
{
	int failed = 0;
	struct nerr e2;

	for (size_t i = 0; i < p->nops; i++) {
		done[i] = false;
		if (kernel_do(k, m, &p->ops[i], failed ? &e2 : err) == 0) {
			done[i] = true;
			continue;
		}
		failed++;
		if (best_effort) {
			if (failed > 1) {	/* keep every failure of a teardown */
				size_t len = strlen(err->msg);
				snprintf(err->msg + len, sizeof(err->msg) - len, "; %s", e2.msg);
			}
			continue;
		}
		for (size_t j = i; j-- > 0;) {
			if (kernel_undo(k, m, &p->ops[j], &e2) < 0) {
				size_t len = strlen(err->msg);
				snprintf(err->msg + len, sizeof(err->msg) - len,
					 "; undoing also failed: %s", e2.msg);
			}
			done[j] = false;
		}
		return -1;
	}
	return failed ? -failed : 0;
}
