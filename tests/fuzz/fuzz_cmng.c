/* Credential handling: %CMNG writes of arbitrary content, the modem's key
 * rules on it (mbedTLS parsing underneath), and the state file parser. */
#include <mbedtls/sha256.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cred_store.h"
#include "fuzz_env.h"
#include "strbuf.h"
#include "tls_rules.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void state_file(const uint8_t *data, size_t size, bool fix_checksum)
{
	struct strbuf buf = { 0 };
	struct cred_store *s;
	char err[256];
	unsigned char sum[32];

	if (fix_checksum) {
		/* Past the checksum, so the item parser sees the input. */
		sb_append(&buf, "slmsim-credentials 1\n", 21);
		sb_append(&buf, data, size);
		mbedtls_sha256_ret((const unsigned char *)buf.data, buf.len, sum, 0);
		sb_append(&buf, "end ", 4);
		for (int i = 0; i < 32; i++)
			sb_appendf(&buf, "%02X", sum[i]);
		sb_append(&buf, "\n", 1);
	} else {
		sb_append(&buf, data, size);
	}
	if (cred_store_open(&s, NULL, 32, 65536, err, sizeof(err)) == 0) {
		cred_store_parse(s, buf.data ? buf.data : "", buf.len, err, sizeof(err));
		cred_store_close(s);
	}
	sb_free(&buf);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sim_ctx *ctx = fuzz_ctx();
	struct modem_config cfg;
	struct modem *m;
	struct strbuf cmd = { 0 };
	char why[768], err[256];
	uint8_t sel;

	if (size < 1)
		return 0;
	sel = data[0];
	data++;
	size--;
	if (sel & 0x80) {
		state_file(data, size, sel & 0x40);
		return 0;
	}
	tls_rule_check_key(tls_profile_find(sel & 8 ? "generic-mbedtls" : "mfw-1.3.1"), 7,
			   (const char *)data, size, NULL, why, sizeof(why));
	config_defaults(&cfg);
	m = modem_new(ctx, 0, &cfg, err, sizeof(err));
	if (!m)
		return 0;
	modem_set_tx(m, fuzz_discard, NULL);
	sb_appendf(&cmd, "AT%%CMNG=0,%u,%u,\"", sel & 7 ? 757u : 2147483647u, (sel >> 4) % 7);
	sb_append(&cmd, data, size);
	sb_append(&cmd, "\"\r\nAT%CMNG=1\r\nAT%CMNG=2,757,0\r\nAT%CMNG=3,757,2\r\n", 48);
	modem_input(m, (const uint8_t *)cmd.data, cmd.len);
	sb_free(&cmd);
	modem_free(m);
	return 0;
}
