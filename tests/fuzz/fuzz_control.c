/* The control protocol's parser on any bytes: it never reads past the
 * line, refuses with a reason, and what it accepts is a command of the
 * table aimed at a modem in range, its values in their ranges.  A word
 * quoted as slmctl quotes it reads back unchanged. */
#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "control_proto.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_request(const struct ctl_request *r)
{
	size_t ncmd = 0;

	while (ctl_commands[ncmd].name)
		ncmd++;
	assert((size_t)r->cmd < ncmd);
	assert(r->modem >= 0 && r->modem <= CTL_MAX_MODEM);
	assert(r->ms >= 0 && r->ms <= (int64_t)CTL_MAX_WAIT_S * 1000);
	assert(r->rsrp >= 0 && r->rsrp <= 97);
	assert(r->rsrq >= -1 && r->rsrq <= 34);
	assert(r->qos >= 0 && r->qos <= 2);
	assert(r->text_len <= CTL_MAX_LINE && r->text[r->text_len] == '\0');
	if (r->cmd == CTL_NET_LOSS)
		assert(r->ms > 0 && r->stat != 1 && r->stat >= 0 && r->stat <= 4);
}

static void round_trip(const uint8_t *data, size_t size)
{
	char word[256], line[1100], err[256];
	size_t n = size < sizeof(word) - 1 ? size : sizeof(word) - 1, pos;
	struct ctl_request *r = malloc(sizeof(*r));

	memcpy(word, data, n);
	word[n] = '\0';
	n = strlen(word);
	pos = (size_t)snprintf(line, sizeof(line), "@2 publish t/x ");
	assert(ctl_quote(word, line, sizeof(line), &pos));
	assert(ctl_parse(line, pos, r, err, sizeof(err)) == 0);
	assert(r->modem == 2 && r->cmd == CTL_PUBLISH);
	assert(r->text_len == n && !memcmp(r->text, word, n));
	free(r);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ctl_request *r = malloc(sizeof(*r));
	/* An exact-size copy: ASan sees any read past the line. */
	char *line = malloc(size ? size : 1), err[512];

	memcpy(line, data, size);
	err[0] = '\0';
	if (ctl_parse(line, size, r, err, sizeof(err)) == 0)
		check_request(r);
	else
		assert(err[0] && !strchr(err, '\n'));
	free(line);
	free(r);
	round_trip(data, size);
	return 0;
}
