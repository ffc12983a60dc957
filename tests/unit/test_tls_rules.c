/* The modem's credential rules against the generated fixture keys. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ck_run.h"
#include "tls_profile.h"
#include "tls_rules.h"

static char *slurp(const char *name, size_t *len)
{
	char path[512];
	FILE *f;
	char *buf = malloc(65536);

	snprintf(path, sizeof(path), "%s/%s", getenv("SLMSIM_CERTS"), name);
	f = fopen(path, "rb");
	ck_assert_msg(f != NULL, "missing fixture %s", path);
	*len = fread(buf, 1, 65535, f);
	buf[*len] = '\0';
	fclose(f);
	return buf;
}

static int check(const char *profile, const char *key, char *why, size_t whylen)
{
	size_t len;
	char *pem = slurp(key, &len);
	int rc = tls_rule_check_key(tls_profile_find(profile), 757, pem, len, NULL, why, whylen);

	free(pem);
	return rc;
}

START_TEST(formats_detected)
{
	static const struct { const char *file; enum key_format f; } cases[] = {
		{ "client-rsa.key", KEY_PKCS1_RSA },
		{ "client-rsa-pkcs8.key", KEY_PKCS8 },
		{ "client-ec.key", KEY_SEC1_EC },
		{ "client-ec-params.key", KEY_SEC1_EC_WITH_PARAMS },
		{ "client-ec-params-stripped.key", KEY_SEC1_EC },
		{ "client-ec-pkcs8.key", KEY_PKCS8 },
		{ "client-ec.crt", KEY_UNKNOWN },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		size_t len;
		char *pem = slurp(cases[i].file, &len);

		ck_assert_msg(tls_key_format(pem, len) == cases[i].f, "%s", cases[i].file);
		free(pem);
	}
}
END_TEST

START_TEST(mfw_rules)
{
	char why[512];

	ck_assert_int_eq(check("mfw-1.3.1", "client-rsa.key", why, sizeof(why)), 0);
	ck_assert_int_eq(check("mfw-1.3.1", "client-ec.key", why, sizeof(why)), 0);
	ck_assert_int_eq(check("mfw-1.3.1", "client-ec384.key", why, sizeof(why)), 0);
	ck_assert_int_eq(check("mfw-1.3.1", "client-ec-params-stripped.key", why, sizeof(why)), 0);

	ck_assert_int_ne(check("mfw-1.3.1", "client-ec-params.key", why, sizeof(why)), 0);
	ck_assert(strstr(why, "rule ec-parameters-block") && strstr(why, "sec_tag 757") &&
		  strstr(why, "openssl ec -in key.pem"));
	ck_assert_int_ne(check("mfw-1.3.1", "client-ec-pkcs8.key", why, sizeof(why)), 0);
	ck_assert(strstr(why, "rule no-pkcs8") && strstr(why, "-traditional"));
	ck_assert_int_ne(check("mfw-1.3.1", "client-rsa-pkcs8.key", why, sizeof(why)), 0);
	ck_assert(strstr(why, "rule no-pkcs8"));
	ck_assert_int_ne(check("mfw-1.3.1", "client-ec-bp256.key", why, sizeof(why)), 0);
	ck_assert(strstr(why, "rule curve") && strstr(why, "brainpoolP256r1"));
	ck_assert_int_ne(check("mfw-1.3.1", "client-ec.crt", why, sizeof(why)), 0);
	ck_assert(strstr(why, "rule key-format"));
}
END_TEST

START_TEST(generic_profile_is_lenient)
{
	char why[512];

	/* mbedTLS itself parses these: the rules above are the modem's. */
	ck_assert_int_eq(check("generic-mbedtls", "client-ec-params.key", why, sizeof(why)), 0);
	ck_assert_int_eq(check("generic-mbedtls", "client-ec-pkcs8.key", why, sizeof(why)), 0);
	ck_assert_int_eq(check("generic-mbedtls", "client-ec-bp256.key", why, sizeof(why)), 0);
}
END_TEST

START_TEST(truncated_key)
{
	char why[512];
	size_t len;
	char *pem = slurp("client-ec.key", &len);

	/* Lose the middle of the body, keep the armour. */
	memmove(pem + 60, pem + len - 30, 31);
	ck_assert_int_ne(tls_rule_check_key(tls_profile_default(), 1, pem, strlen(pem), NULL, why,
					    sizeof(why)), 0);
	ck_assert(strstr(why, "rule key-parse"));
	free(pem);
}
END_TEST

START_TEST(profiles)
{
	ck_assert_ptr_eq(tls_profile_find("mfw-1.3.1"), tls_profile_default());
	ck_assert_ptr_null(tls_profile_find("mfw-9"));
	ck_assert_int_eq(tls_profile_default()->max_server_chain, 4096);
	ck_assert_int_eq(tls_profile_default()->max_tls_sessions, 3);
	ck_assert(!tls_profile_default()->verify_expiry);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("tls_rules");
	TCase *tc = tcase_create("rules");
	int failed;

	tcase_add_test(tc, formats_detected);
	tcase_add_test(tc, mfw_rules);
	tcase_add_test(tc, generic_profile_is_lenient);
	tcase_add_test(tc, truncated_key);
	tcase_add_test(tc, profiles);
	suite_add_tcase(s, tc);
	failed = ck_run(s) != EXIT_SUCCESS;
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
