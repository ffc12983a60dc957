/* AT#XGPIOCFG / AT#XGPIO (SLM v1.8 gpio/slm_at_gpio.c).  The SLM keeps a
 * list of configured pins of port 0 (0..31) in the order they were first
 * configured; <op> 0 disconnects a pin and drops it from the list.  #XGPIO
 * takes <op> first, then <pin>: on a pin not in the list it does nothing and
 * answers OK.  A write or toggle sets the pin's output latch, on an input
 * pin too (gpio_pin_set writes OUT whatever the direction).  An input reads
 * what the outside drives (modem.gpio_inputs), else its pull; an output pin
 * has its input buffer disconnected by the nrfx driver and reads 0 unless
 * modem.gpio_output_reads_back says otherwise. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "at_cmd.h"
#include "at_schema.h"
#include "cmd_gpio.h"

#define GPIO_PINS 32
#define OP_DISABLE 0
#define OP_OUT 1
#define OP_IN_PU 21
#define OP_IN_PD 22

enum { GPIO_WRITE, GPIO_READ, GPIO_TOGGLE };

struct gpio_state {
	uint16_t op[GPIO_PINS];
	bool out[GPIO_PINS];		/* the output latch */
	uint8_t order[GPIO_PINS];	/* configured pins, as the SLM's list has them */
	int n;
};

static int find(const struct gpio_state *g, int pin)
{
	for (int i = 0; i < g->n; i++)
		if (g->order[i] == pin)
			return i;
	return -1;
}

/* The SLM reads each with at_params_unsigned_short_get. */
#define GPIO_USHORT(n, o, w) AT_INT(n, AT_R_NONE, 0, 65535, .opt = (o), .why = (w))

static const struct at_param_def xgpiocfg_params[] = {
	GPIO_USHORT("op", AT_REQ, "expected AT#XGPIOCFG=<op>,<pin> with unsigned short values"),
	GPIO_USHORT("pin", AT_REQ, "expected AT#XGPIOCFG=<op>,<pin> with unsigned short values"),
};

const struct at_schema xgpiocfg_schema = {
	.forms = (const struct at_form[]){ { .p = xgpiocfg_params, .n = 2 } }, .n_forms = 1,
};

#define XGPIO_USAGE "expected AT#XGPIO=<op>,<pin>[,<value>]: "

/* <value> is read for a write only; a read or a toggle ignores it. */
static const struct at_param_def xgpio_write_value =
	AT_INT("value", AT_R_NONE, 0, 65535, .why = "a write needs <value>, an unsigned short",
	       .only = AT_BIT(0) | AT_BIT(1), .why_value = "<value> %lld: 0 or 1", .value_fmt = true);

static const struct at_param_case xgpio_value_cases[] = {
	{ .lo = GPIO_WRITE, .hi = GPIO_WRITE, .def = &xgpio_write_value },
};

static const struct at_param_def xgpio_params[] = {
	AT_INT("op", AT_R_OP, 0, 65535, .why = XGPIO_USAGE "<op> an unsigned short",
	       .only = AT_BIT(GPIO_WRITE) | AT_BIT(GPIO_READ) | AT_BIT(GPIO_TOGGLE),
	       .why_value = "<op> %lld: 0 write, 1 read, 2 toggle", .value_fmt = true),
	AT_INT("pin", AT_R_NONE, 0, 65535, .why = XGPIO_USAGE "<pin> an unsigned short",
	       .only = AT_BIT(GPIO_PINS) - 1, .why_value = "<pin> %lld: port 0 has pins 0..31",
	       .value_fmt = true),
	AT_DEPENDS("value", AT_R_NONE, 0, xgpio_value_cases),
};

const struct at_schema xgpio_schema = {
	.forms = (const struct at_form[]){ { .p = xgpio_params, .n = 3 } }, .n_forms = 1,
};

int xgpiocfg_set(struct modem *m, const struct at_cmd *cmd)
{
	struct gpio_state *g = m->gpio;
	int64_t op = at_int(cmd, "op"), pin = at_int(cmd, "pin");
	int i;

	if (pin >= GPIO_PINS)
		return at_why(m, AT_ERROR, "<pin> %lld: port 0 has pins 0..31", (long long)pin);
	if (op != OP_DISABLE && op != OP_OUT && op != OP_IN_PU && op != OP_IN_PD)
		return at_why(m, AT_ERROR, "<op> %lld: 0 disable, 1 output, 21 input pull-up, "
			      "22 input pull-down", (long long)op);
	i = find(g, (int)pin);
	if (op == OP_DISABLE) {
		if (i >= 0) {
			memmove(&g->order[i], &g->order[i + 1], (size_t)(g->n - i - 1));
			g->n--;
		}
		g->op[pin] = OP_DISABLE;
		return AT_OK;
	}
	if (i < 0)
		g->order[g->n++] = (uint8_t)pin;
	g->op[pin] = (uint16_t)op;
	return AT_OK;
}

int xgpiocfg_read(struct modem *m, const struct at_cmd *cmd)
{
	const struct gpio_state *g = m->gpio;

	(void)cmd;
	at_raw(m, "\r\n#XGPIOCFG\r\n");
	for (int i = 0; i < g->n; i++)
		at_raw(m, "%u,%u\r\n", g->op[g->order[i]], g->order[i]);
	return AT_OK;
}

/* What the outside drives on pin ("pin=level,..."), or -1: nothing. */
static int driven_level(const char *list, int pin)
{
	const char *p = list;

	while (*p) {
		char *end;
		long n = strtol(p, &end, 10);

		if (*end == '=' && n == pin)
			return atoi(end + 1) ? 1 : 0;
		p = strchr(p, ',');
		if (!p)
			break;
		p++;
	}
	return -1;
}

static int pin_level(const struct modem *m, int pin)
{
	const struct gpio_state *g = m->gpio;
	int driven;

	if (g->op[pin] == OP_OUT)
		return m->cfg.gpio_output_reads_back && g->out[pin];
	driven = driven_level(m->cfg.gpio_inputs, pin);
	if (driven >= 0)
		return driven;
	return g->op[pin] == OP_IN_PU;
}

int xgpio_set(struct modem *m, const struct at_cmd *cmd)
{
	struct gpio_state *g = m->gpio;
	int64_t op = at_int(cmd, "op"), pin = at_int(cmd, "pin");

	if (find(g, (int)pin) < 0) {
		modem_log(m, SLOG_INFO, "#XGPIO: pin %lld is not configured (AT#XGPIOCFG): "
			  "nothing done, OK as the SLM answers", (long long)pin);
		return AT_OK;
	}
	if (op == GPIO_WRITE)
		g->out[pin] = at_int(cmd, "value") == 1;
	else if (op == GPIO_TOGGLE)
		g->out[pin] = !g->out[pin];
	else
		at_raw(m, "\r\n#XGPIO: %d,%d\r\n", (int)pin, pin_level(m, (int)pin));
	return AT_OK;
}

int gpio_init(struct modem *m, char *err, size_t errlen)
{
	m->gpio = calloc(1, sizeof(*m->gpio));
	if (!m->gpio) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	return 0;
}

void gpio_fini(struct modem *m)
{
	free(m->gpio);
	m->gpio = NULL;
}
