#include <check.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ck_run.h"
#include "cred_store.h"
#include "modem_fixture.h"

static struct mfix f;
static char dir[64];
static struct modem_config cfg;

static void setup(void)
{
	snprintf(dir, sizeof(dir), "/tmp/slmsim-cmng-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	config_defaults(&cfg);
	snprintf(cfg.state_dir, sizeof(cfg.state_dir), "%s/m0", dir);
	mfix_setup(&f, &cfg);
	ck_assert_ptr_nonnull(f.m);
}

static void teardown(void)
{
	char cmd[128];

	mfix_teardown(&f);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	ck_assert_int_eq(system(cmd), 0);
}

#define EXPECT(cmd, out) ck_assert_str_eq(mfix_cmd(&f, cmd), out)
#define ABC_SHA "BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD"

START_TEST(write_list_read_delete)
{
	EXPECT("AT%CMNG=0,4217,0,\"abc\"\r\n", "\r\nOK\r\n");
	EXPECT("AT%CMNG=0,4217,2,\"abc\"\r\n", "\r\nOK\r\n");
	EXPECT("AT%CMNG=0,12,1,\"abc\"\r\n", "\r\nOK\r\n");
	EXPECT("AT%CMNG=1\r\n", "\r\n%CMNG: 12,1,\"" ABC_SHA "\"\r\n%CMNG: 4217,0,\"" ABC_SHA
	       "\"\r\n%CMNG: 4217,2,\"" ABC_SHA "\"\r\nOK\r\n");
	EXPECT("AT%CMNG=1,4217\r\n", "\r\n%CMNG: 4217,0,\"" ABC_SHA "\"\r\n%CMNG: 4217,2,\"" ABC_SHA
	       "\"\r\nOK\r\n");
	EXPECT("AT%CMNG=1,4217,2\r\n", "\r\n%CMNG: 4217,2,\"" ABC_SHA "\"\r\nOK\r\n");
	EXPECT("AT%CMNG=2,4217,0\r\n", "\r\n%CMNG: 4217,0,\"" ABC_SHA "\",\"abc\"\r\nOK\r\n");
	EXPECT("AT+CMEE=1\r\n", "\r\nOK\r\n");
	EXPECT("AT%CMNG=2,4217,2\r\n", "\r\n+CME ERROR: 514\r\n");	/* keys stay inside */
	EXPECT("AT%CMNG=2,4217,1\r\n", "\r\n+CME ERROR: 513\r\n");
	EXPECT("AT%CMNG=3,4217,0\r\n", "\r\nOK\r\n");
	EXPECT("AT%CMNG=3,4217,0\r\n", "\r\n+CME ERROR: 513\r\n");
	EXPECT("AT%CMNG=1,4217\r\n", "\r\n%CMNG: 4217,2,\"" ABC_SHA "\"\r\nOK\r\n");
}
END_TEST

START_TEST(multiline_pem_kept)
{
	const char *pem = "-----BEGIN CERTIFICATE-----\r\nQUJD\r\n-----END CERTIFICATE-----";
	char cmd[256], want[512];

	snprintf(cmd, sizeof(cmd), "AT%%CMNG=0,1,0,\"%s\"\r\n", pem);
	EXPECT(cmd, "\r\nOK\r\n");
	ck_assert_str_eq(mfix_cmd(&f, "AT%CMNG=2,1,0\r\n"),
			 (snprintf(want, sizeof(want), "\r\n%%CMNG: 1,0,\"%s\",\"%s\"\r\nOK\r\n",
				   cred_store_get(modem_creds(f.m), 1, 0)->sha_hex, pem), want));
}
END_TEST

START_TEST(cfun_gating)
{
	EXPECT("AT+CFUN=1\r\n", "\r\nOK\r\n");
	EXPECT("AT%CMNG=0,1,0,\"abc\"\r\n", "\r\nERROR\r\n");
	ck_assert(strstr(f.why, "AT+CFUN=4"));
	EXPECT("AT+CMEE=1\r\n", "\r\nOK\r\n");
	EXPECT("AT%CMNG=0,1,0,\"abc\"\r\n", "\r\n+CME ERROR: 518\r\n");
	EXPECT("AT%CMNG=3,1,0\r\n", "\r\n+CME ERROR: 518\r\n");
	EXPECT("AT%CMNG=1\r\n", "\r\nOK\r\n");	/* listing is allowed */
	EXPECT("AT+CFUN=4\r\n", "\r\nOK\r\n");
	EXPECT("AT%CMNG=0,1,0,\"abc\"\r\n", "\r\nOK\r\n");
}
END_TEST

START_TEST(bad_arguments)
{
	EXPECT("AT%CMNG=0,2147483648,0,\"abc\"\r\n", "\r\nERROR\r\n");
	EXPECT("AT%CMNG=0,-1,0,\"abc\"\r\n", "\r\nERROR\r\n");
	EXPECT("AT%CMNG=0,1,7,\"abc\"\r\n", "\r\nERROR\r\n");
	EXPECT("AT%CMNG=0,1,0,\"\"\r\n", "\r\nERROR\r\n");
	EXPECT("AT%CMNG=0,1,0,abc\r\n", "\r\nERROR\r\n");
	EXPECT("AT%CMNG=0,1,0\r\n", "\r\nERROR\r\n");
	EXPECT("AT%CMNG=4\r\n", "\r\nERROR\r\n");
	EXPECT("AT%CMNG?\r\n", "\r\nERROR\r\n");
	EXPECT("AT%CMNG=0,2147483647,6,\"abc\"\r\n", "\r\nOK\r\n");
}
END_TEST

START_TEST(count_limit)
{
	char cmd[64];

	EXPECT("AT+CMEE=1\r\n", "\r\nOK\r\n");
	for (int i = 0; i < 32; i++) {
		snprintf(cmd, sizeof(cmd), "AT%%CMNG=0,%d,0,\"abc\"\r\n", i);
		EXPECT(cmd, "\r\nOK\r\n");
	}
	EXPECT("AT%CMNG=0,99,0,\"abc\"\r\n", "\r\n+CME ERROR: 515\r\n");
	ck_assert(strstr(f.why, "32 of 32"));
	EXPECT("AT%CMNG=0,5,0,\"abcd\"\r\n", "\r\nOK\r\n");	/* overwrite still fits */
	EXPECT("AT%CMNG=3,5,0\r\n", "\r\nOK\r\n");
	EXPECT("AT%CMNG=0,99,0,\"abc\"\r\n", "\r\nOK\r\n");
}
END_TEST

START_TEST(storage_bytes_limit)
{
	char *cmd = malloc(4100);
	int ok = 0;

	EXPECT("AT+CMEE=1\r\n", "\r\nOK\r\n");
	for (int i = 0; i < 32; i++) {
		int n = snprintf(cmd, 4100, "AT%%CMNG=0,%d,0,\"", i);

		memset(cmd + n, 'Q', 4000);
		strcpy(cmd + n + 4000, "\"\r\n");
		if (!strcmp(mfix_cmd(&f, cmd), "\r\nOK\r\n"))
			ok++;
		else
			break;
	}
	free(cmd);
	/* 64 KiB holds 16 credentials of 4000 bytes, well short of 32. */
	ck_assert_int_eq(ok, 16);
	ck_assert(strstr(f.why, "bytes in use"));
}
END_TEST

START_TEST(persists_across_restart)
{
	char path[128];
	struct stat st;

	EXPECT("AT%CMNG=0,4217,2,\"secret\"\r\n", "\r\nOK\r\n");
	EXPECT("AT%CMNG=0,4217,0,\"abc\"\r\n", "\r\nOK\r\n");
	snprintf(path, sizeof(path), "%s/m0/credentials", dir);
	ck_assert_int_eq(stat(path, &st), 0);
	ck_assert_int_eq(st.st_mode & 0777, 0600);
	mfix_restart(&f, &cfg);
	ck_assert_ptr_nonnull(f.m);
	EXPECT("AT%CMNG=1\r\n", "\r\n%CMNG: 4217,0,\"" ABC_SHA "\"\r\n%CMNG: 4217,2,\"" 
	       "2BB80D537B1DA3E38BD30361AA855686BDE0EACD7162FEF6A25FE97BF527A25B\"\r\nOK\r\n");
	EXPECT("AT%CMNG=3,4217,2\r\n", "\r\nOK\r\n");
	mfix_restart(&f, &cfg);
	EXPECT("AT%CMNG=1\r\n", "\r\n%CMNG: 4217,0,\"" ABC_SHA "\"\r\nOK\r\n");
}
END_TEST

static void read_file(const char *path, char *buf, size_t len)
{
	FILE *fp = fopen(path, "rb");
	size_t n;

	ck_assert_ptr_nonnull(fp);
	n = fread(buf, 1, len - 1, fp);
	buf[n] = '\0';
	fclose(fp);
}

START_TEST(damaged_store_refused_and_kept)
{
	char path[128], before[4096], after[4096];
	FILE *fp;

	EXPECT("AT%CMNG=0,4217,0,\"abc\"\r\n", "\r\nOK\r\n");
	snprintf(path, sizeof(path), "%s/m0/credentials", dir);
	fp = fopen(path, "r+b");
	fseek(fp, 30, SEEK_SET);
	fputc('X', fp);		/* flip content under the checksum */
	fclose(fp);
	read_file(path, before, sizeof(before));
	mfix_restart(&f, &cfg);
	ck_assert_ptr_null(f.m);
	ck_assert(strstr(f.why, "damaged"));
	ck_assert(strstr(f.why, "checksum"));
	read_file(path, after, sizeof(after));
	ck_assert_str_eq(before, after);
	/* Cut short, too. */
	ck_assert_int_eq(truncate(path, 25), 0);
	mfix_restart(&f, &cfg);
	ck_assert_ptr_null(f.m);
	ck_assert(strstr(f.why, "damaged"));
	/* Restore a valid state so teardown has a modem. */
	unlink(path);
	mfix_restart(&f, &cfg);
	ck_assert_ptr_nonnull(f.m);
}
END_TEST

START_TEST(leftover_temp_file_ignored)
{
	char path[128];
	FILE *fp;

	EXPECT("AT%CMNG=0,4217,0,\"abc\"\r\n", "\r\nOK\r\n");
	/* A crash between writing the temp file and renaming it. */
	snprintf(path, sizeof(path), "%s/m0/credentials.tmp", dir);
	fp = fopen(path, "w");
	fputs("slmsim-credentials 1\nhalf", fp);
	fclose(fp);
	mfix_restart(&f, &cfg);
	ck_assert_ptr_nonnull(f.m);
	EXPECT("AT%CMNG=1\r\n", "\r\n%CMNG: 4217,0,\"" ABC_SHA "\"\r\nOK\r\n");
}
END_TEST

START_TEST(unwritable_state_reports_and_keeps_memory)
{
	char path[128];

	EXPECT("AT%CMNG=0,1,0,\"abc\"\r\n", "\r\nOK\r\n");
	/* A directory where the temp file goes makes the write fail, even as root. */
	snprintf(path, sizeof(path), "%s/m0/credentials.tmp", dir);
	ck_assert_int_eq(mkdir(path, 0700), 0);
	EXPECT("AT%CMNG=0,4217,0,\"abc\"\r\n", "\r\nERROR\r\n");
	ck_assert(strstr(f.why, "durably"));
	EXPECT("AT%CMNG=0,1,0,\"xyz\"\r\n", "\r\nERROR\r\n");
	EXPECT("AT%CMNG=3,1,0\r\n", "\r\nERROR\r\n");
	/* Memory matches the disk: the old content, nothing new. */
	EXPECT("AT%CMNG=1\r\n", "\r\n%CMNG: 1,0,\"" ABC_SHA "\"\r\nOK\r\n");
	rmdir(path);
	mfix_restart(&f, &cfg);
	EXPECT("AT%CMNG=1\r\n", "\r\n%CMNG: 1,0,\"" ABC_SHA "\"\r\nOK\r\n");
}
END_TEST

int main(void)
{
	Suite *s = suite_create("cmng");
	TCase *tc = tcase_create("cmng");
	int failed;

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, write_list_read_delete);
	tcase_add_test(tc, multiline_pem_kept);
	tcase_add_test(tc, cfun_gating);
	tcase_add_test(tc, bad_arguments);
	tcase_add_test(tc, count_limit);
	tcase_add_test(tc, storage_bytes_limit);
	tcase_add_test(tc, persists_across_restart);
	tcase_add_test(tc, damaged_store_refused_and_kept);
	tcase_add_test(tc, leftover_temp_file_ignored);
	tcase_add_test(tc, unwritable_state_reports_and_keeps_memory);
	suite_add_tcase(s, tc);
	failed = ck_run(s) != EXIT_SUCCESS;
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
