/* Runs one command line: grammar check, the row of the command table, the
 * handler of the command's form, then the framing of the final result. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "at_dispatch.h"
#include "cmd_table.h"

static int malformed(struct modem *m, const char *line, size_t len, int err)
{
	char shown[64];
	size_t n = 0;

	for (size_t i = 0; i < len && n + 5 < sizeof(shown); i++) {
		unsigned char c = (unsigned char)line[i];

		n += (size_t)snprintf(shown + n, sizeof(shown) - n,
				      c >= 0x20 && c < 0x7f ? "%c" : "\\x%02x", c);
	}
	return at_why(m, AT_ERROR, "malformed command \"%s%s\": %s", shown,
		      n + 5 >= sizeof(shown) ? "..." : "", at_parse_strerror(err));
}

/* "not emulated" is the phrase slmreplay looks for: such a step says
 * nothing about the modem, only about slmsim. */
static int unknown(struct modem *m, const char *name)
{
	const char *label = m->profile->label;

	if (slm_profile_in_clac(m->profile, name))
		return at_why(m, AT_ERROR, "an %s command slmsim has not emulated yet: "
			      "not emulated (docs/fidelity.md)", label);
	if (name[0] == '#')
		return at_why(m, AT_ERROR, "not %s %s command (AT#XCLAC lists them)",
			      label[0] == 'S' ? "an" : "a", label);
	return at_why(m, AT_ERROR, "a modem command slmsim does not know: not emulated "
		      "(docs/fidelity.md lists the modem commands it answers)");
}

static const char *const form_names[] = {
	[AT_MODE_ACTION] = "plain", [AT_MODE_SET] = "set (=)",
	[AT_MODE_READ] = "read (?)", [AT_MODE_TEST] = "test (=?)",
};

/* The set form's parameters against the row's schema; the handler runs
 * only with parameters that passed. */
static int check_schema(struct modem *m, const struct at_cmd_def *def, struct at_cmd *cmd)
{
	char why[256];
	int rc = at_schema_check(def->schema, cmd, m, why, sizeof(why));

	if (rc && why[0])
		return at_why(m, rc, "%s", why);
	return rc;
}

/* The row's handler for the command's form. */
static int run_row(struct modem *m, const struct at_cmd_def *def, struct at_cmd *cmd)
{
	at_handler fn = NULL;
	const char *test;
	char buf[256];
	int rc;

	m->cur_origin = def->origin;
	m->cur_def = def;
	if (def->origin == AT_ORIGIN_SLM && m->profile->framing.drop_trailing_empty)
		at_cmd_drop_trailing_empty(cmd);
	switch (cmd->mode) {
	case AT_MODE_ACTION:
		/* The SLM's parser types "AT#XNAME" as a set command. */
		fn = def->origin == AT_ORIGIN_SLM ? def->set : def->action;
		break;
	case AT_MODE_SET: fn = def->set; break;
	case AT_MODE_READ: fn = def->read; break;
	case AT_MODE_TEST:
		if ((test = def->test ? def->test : at_schema_test(def->schema, buf, sizeof(buf)))) {
			at_info(m, "%s", test);
			return AT_OK;
		}
		fn = def->test_fn;
		break;
	}
	if (!fn)
		return at_why(m, AT_ERROR, "AT%s has no %s form", def->name, form_names[cmd->mode]);
	if (fn == def->set && def->schema && cmd->mode != AT_MODE_TEST &&
	    (cmd->mode == AT_MODE_SET || def->origin == AT_ORIGIN_SLM) &&
	    (rc = check_schema(m, def, cmd)))
		return rc;
	return fn(m, cmd);
}

/* 2.5+: "UART can send additional characters when the device is powered
 * on": the line starts at its first "AT", if it has one. */
static void skip_to_at(const char **line, size_t *len)
{
	for (size_t i = 0; i + 1 < *len; i++) {
		if (toupper((unsigned char)(*line)[i]) == 'A' &&
		    toupper((unsigned char)(*line)[i + 1]) == 'T') {
			*line += i;
			*len -= i;
			return;
		}
	}
}

/* ATE0 and ATE1 pass the SM's grammar check as they are (no separator):
 * the rows named E0 and E1, where the profile has them. */
static const struct at_cmd_def *basic_row(struct modem *m, const char *line, size_t len,
					  struct at_cmd *cmd)
{
	const struct at_cmd_def *def;

	if (len != 4 || toupper((unsigned char)line[2]) != 'E' || (line[3] != '0' && line[3] != '1'))
		return NULL;
	memset(cmd, 0, sizeof(*cmd));
	snprintf(cmd->name, sizeof(cmd->name), "E%c", line[3]);
	def = at_cmd_find(m->profile, cmd->name);
	return def && def->origin == AT_ORIGIN_SLM ? def : NULL;
}

static int run(struct modem *m, const char *line, size_t len, enum at_line_status st)
{
	const struct at_cmd_def *def;
	struct at_cmd cmd;
	int err, rc;

	m->cur_origin = AT_ORIGIN_MODEM;
	m->cur_def = NULL;
	m->cur_name[0] = '\0';
	if (st == AT_LINE_OVERFLOW)
		return at_why(m, AT_ERROR, "command longer than %zu bytes (SLM AT_MAX_CMD_LEN); "
			      "input dropped up to the next line end", m->profile->limits.max_cmd_len);
	if (len == 0 && m->profile->framing.empty_line == SLM_EMPTY_IGNORED)
		return AT_SILENT;
	if (len == 0)
		return at_why(m, AT_ERROR, "empty line: the SLM's grammar check wants at least "
			      "\"AT\" before the line end");
	if (m->profile->framing.skip_to_at)
		skip_to_at(&line, &len);
	err = at_cmd_parse(&cmd, line, len);
	if (err == AT_PARSE_GRAMMAR && (def = basic_row(m, line, len, &cmd))) {
		snprintf(m->cur_name, sizeof(m->cur_name), "%s", cmd.name);
		return m->cfg.slm ? run_row(m, def, &cmd) : malformed(m, line, len, err);
	}
	if (err)
		return malformed(m, line, len, err);
	snprintf(m->cur_name, sizeof(m->cur_name), "%s", cmd.name);
	if (cmd.name[0] == '\0')
		rc = AT_OK;
	else if (!(def = at_cmd_match(m->profile, line, len, cmd.name, m->cfg.term)))
		rc = unknown(m, cmd.name);
	else if (def->origin == AT_ORIGIN_SLM && !m->cfg.slm)
		rc = at_why(m, AT_ERROR, "AT%s is an SLM command, and no SLM runs on this modem "
			    "(modem.slm = no): the modem itself does not know it", def->name);
	else
		rc = run_row(m, def, &cmd);
	at_cmd_free(&cmd);
	return rc;
}

bool at_dispatch_line(struct modem *m, const char *line, size_t len, enum at_line_status st)
{
	int rc;

	modem_record_command(m, line, len);
	m->answering = true;
	rc = run(m, line, len, st);
	if (rc == AT_PENDING) {
		/* Output written by the handler before it went pending stays
		 * ahead of the result. */
		m->pending = true;
		at_engine_pause(m->engine);
		return false;
	}
	at_finish(m, rc);
	return true;
}
