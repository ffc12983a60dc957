/* AT line engine, parser and every command handler.  Byte 0 picks the
 * modem state: terminator mode, CMEE, CFUN level (registered or not), data
 * mode, and how the rest is cut into chunks. */
#include <stdint.h>
#include <string.h>

#include "at_cmd.h"
#include "clock.h"
#include "fuzz_env.h"

static int fake_send(struct modem *m, const uint8_t *data, size_t len)
{
	(void)m;
	return len == 1 && data[0] == 0xff ? -5 : 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sim_ctx *ctx = fuzz_ctx();
	struct modem_config cfg;
	struct modem *m;
	char err[256];
	uint8_t sel;
	size_t chunk;
	static const size_t chunks[] = { 1, 7, 64, 1 << 20 };

	if (size < 1)
		return 0;
	sel = data[0];
	config_defaults(&cfg);
	cfg.term = (enum at_term)(sel & 3);
	m = modem_new(ctx, 0, &cfg, err, sizeof(err));
	if (!m)
		return 0;
	modem_set_tx(m, fuzz_discard, NULL);
	modem_start(m);
	if (sel & 4)
		modem_input(m, (const uint8_t *)"AT+CMEE=1\r\n", 11);
	if (sel & 8) {
		modem_input(m, (const uint8_t *)"AT+CFUN=1\r\n", 11);
		sim_clock_advance_to(ctx->clock, sim_clock_now(ctx->clock) + 10000);
	}
	if (sel & 16)
		modem_input(m, (const uint8_t *)"AT+CEREG=5\r\n", 12);
	if (sel & 32)
		modem_enter_datamode(m, fake_send);
	chunk = chunks[sel >> 6];
	for (size_t off = 1; off < size; off += chunk) {
		size_t n = size - off < chunk ? size - off : chunk;

		modem_input(m, data + off, n);
		if (sel & 32)
			sim_clock_advance_to(ctx->clock, sim_clock_now(ctx->clock) + 700);
	}
	sim_clock_advance_to(ctx->clock, sim_clock_now(ctx->clock) + 120000);
	modem_host_gone(m);
	modem_free(m);
	return 0;
}
