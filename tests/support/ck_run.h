/* Runs a Check suite and turns its result into an exit status. */
#ifndef SLMSIM_TEST_CK_RUN_H
#define SLMSIM_TEST_CK_RUN_H

#include <check.h>
#include <stdlib.h>

static inline int ck_run(Suite *s)
{
	SRunner *sr = srunner_create(s);
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

#endif
