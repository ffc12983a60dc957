/* The modem's settings that change no behaviour slmsim models, kept so a
 * host reads back what it wrote: data profile, release 14 features,
 * release assistance, paging time windows, trace sets, and the antenna
 * pins (MAGPIO, COEX0) with their frequency ranges.  Their values at boot
 * come from the configuration, as the modem's NVM would give them. */
#include "cmd_modemcfg.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "at_cmd.h"
#include "rsp_table.h"
#include "strbuf.h"

#define MAX_RANGES 8

struct modemcfg_state {
	int dataprfl;		/* 0 ultra-low power .. 4 high performance */
	int rel14[5];
	int xrai;		/* 0 undefined, 3 one response, 4 no response */
	int rai;		/* %RAI: 0 off, 1 on, 2 on with notifications */
	char ptw[2][5];		/* requested per AcT (4, 5); "" none */
	int trace_oper, trace_set;
	char magpio[128];	/* the parameters as the host gave them; "" none */
	char coex0[128];
};

static void set_rel14(struct modemcfg_state *s, const char *flags)
{
	for (int i = 0; i < 5; i++)
		s->rel14[i] = flags[2 * i] == '1';
}

int modemcfg_init(struct modem *m, char *err, size_t errlen)
{
	struct modemcfg_state *s = calloc(1, sizeof(*s));

	if (!s) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	m->mcfg = s;
	s->dataprfl = 2;	/* the reference's default */
	set_rel14(s, m->cfg.rel14feat);
	return 0;
}

void modemcfg_fini(struct modem *m)
{
	free(m->mcfg);
	m->mcfg = NULL;
}

void modemcfg_factory(struct modem *m)
{
	struct modemcfg_state *s = m->mcfg;

	memset(s, 0, sizeof(*s));
	s->dataprfl = 2;
	snprintf(m->cfg.rel14feat, sizeof(m->cfg.rel14feat), "0,0,0,0,0");
}

static const struct at_param_def xdataprfl_params[] = { AT_INT("profile", AT_R_NONE, 0, 4) };

const struct at_schema xdataprfl_schema = {
	.forms = (const struct at_form[]){
		{ .p = xdataprfl_params, .n = 1, .min_count = 1, .max_count = 1,
		  .usage = "expected AT%XDATAPRFL=<0..4> (0 ultra-low power .. "
			   "4 high performance)" },
	}, .n_forms = 1,
};

int xdataprfl_set(struct modem *m, const struct at_cmd *cmd)
{
	int64_t v = at_int(cmd, "profile");

	m->mcfg->dataprfl = (int)v;
	return AT_OK;
}

int xdataprfl_read(struct modem *m, const struct at_cmd *cmd)
{
	(void)cmd;
	at_reply(m, &RSP_XDATAPRFL, "%d", m->mcfg->dataprfl);
	return AT_OK;
}

#define REL14_FLAG(n) AT_INT(n, AT_R_NONE, 0, 1)

static const struct at_param_def rel14feat_params[] = {
	REL14_FLAG("user_plane_ciot"), REL14_FLAG("sps"), REL14_FLAG("rel14_ciot"),
	REL14_FLAG("cp_release_assistance"), REL14_FLAG("up_release_assistance"),
};

const struct at_schema rel14feat_schema = {
	.forms = (const struct at_form[]){
		{ .p = rel14feat_params, .n = 5, .min_count = 5, .max_count = 5,
		  .usage = "expected AT%REL14FEAT= and five 0/1 flags" },
	}, .n_forms = 1,
};

int rel14feat_set(struct modem *m, const struct at_cmd *cmd)
{
	for (size_t i = 0; i < 5; i++)
		m->mcfg->rel14[i] = (int)at_arg_int(cmd, i);
	return AT_OK;
}

int rel14feat_read(struct modem *m, const struct at_cmd *cmd)
{
	const int *f = m->mcfg->rel14;

	(void)cmd;
	at_reply(m, &RSP_REL14FEAT, "%d,%d,%d,%d,%d", f[0], f[1], f[2], f[3], f[4]);
	return AT_OK;
}

static const struct at_param_def xrai_params[] = {
	AT_INT("rai", AT_R_NONE, 0, 4, .opt = AT_OPT, .only = AT_BIT(0) | AT_BIT(3) | AT_BIT(4)),
};

const struct at_schema xrai_schema = {
	.forms = (const struct at_form[]){
		{ .p = xrai_params, .n = 1, .min_count = 0, .max_count = 1,
		  .usage = "expected AT%XRAI[=<0|3|4>] (0 undefined, 3 one response, 4 no response)" },
	}, .n_forms = 1,
};

/* AT%XRAI alone is AT%XRAI=0. */
int xrai_run(struct modem *m, const struct at_cmd *cmd)
{
	m->mcfg->xrai = (int)at_int(cmd, "rai");
	return AT_OK;
}

int xrai_read(struct modem *m, const struct at_cmd *cmd)
{
	(void)cmd;
	at_reply(m, &RSP_XRAI, "%d", m->mcfg->xrai);
	return AT_OK;
}

static const struct at_param_def rai_params[] = {
	AT_INT("rai", AT_R_NONE, 0, 2, .opt = AT_OPT),
};

const struct at_schema rai_schema = {
	.forms = (const struct at_form[]){
		{ .p = rai_params, .n = 1, .min_count = 0, .max_count = 1,
		  .usage = "expected AT%RAI[=<0|1|2>] (0 off, 1 on, 2 on with %RAI notifications)" },
	}, .n_forms = 1,
};

/* %RAI: what <rai> 2 needs is the firmware's (mfw_profile.c).  Alone it is
 * taken as 0, as %XRAI: UNCONFIRMED. */
int rai_run(struct modem *m, const struct at_cmd *cmd)
{
	int64_t v = at_int(cmd, "rai");

	if (v == 2 && !mfw_has(&m->mfw, MFW_RAI_NOTIFY))
		return at_why(m, AT_ERROR, "AT%%RAI=2 needs nRF91x1 modem firmware 2.0.2 or later; "
			      "this modem runs %s (%s: 0 or 1; --mfw 2.0.2 or later has 2)",
			      m->cfg.revision, m->mfw.p->name);
	m->mcfg->rai = (int)v;
	return AT_OK;
}

int rai_read(struct modem *m, const struct at_cmd *cmd)
{
	(void)cmd;
	at_reply(m, &RSP_RAI, "%d", m->mcfg->rai);
	return AT_OK;
}

static const struct at_param_def xptw_params[] = {
	AT_INT("AcT", AT_R_NONE, 4, 5), AT_BITS("ptw", AT_R_NONE, 4),
};

const struct at_schema xptw_schema = {
	.forms = (const struct at_form[]){
		{ .p = xptw_params, .n = 2, .min_count = 2, .max_count = 2,
		  .usage = "expected AT%XPTW=<4|5>,\"<4 bits>\" (4 LTE-M, 5 NB-IoT)" },
	}, .n_forms = 1,
};

int xptw_set(struct modem *m, const struct at_cmd *cmd)
{
	const char *ptw = at_str(cmd, "ptw");
	int64_t act = at_int(cmd, "AcT");

	snprintf(m->mcfg->ptw[act - 4], sizeof(m->mcfg->ptw[0]), "%.4s", ptw);
	return AT_OK;
}

/* One line per AcT with a requested window (none: OK alone, UNCONFIRMED). */
int xptw_read(struct modem *m, const struct at_cmd *cmd)
{
	(void)cmd;
	for (int i = 0; i < 2; i++)
		if (m->mcfg->ptw[i][0])
			at_reply(m, &RSP_XPTW, "%d,\"%s\"", 4 + i, m->mcfg->ptw[i]);
	return AT_OK;
}

/* Traces leave through the modem's trace backend, never the AT UART. */
#define XMODEMTRACE_USAGE "expected AT%XMODEMTRACE=0, or =1,<set 1..5> (the bitmap " \
	"operations are not emulated)"

static const struct at_param_def xmodemtrace_params[] = {
	AT_INT("oper", AT_R_OP, 0, 1), AT_INT("set", AT_R_NONE, 1, 5),
};

const struct at_schema xmodemtrace_schema = {
	.forms = (const struct at_form[]){
		{ .op_lo = 0, .op_hi = 0, .p = xmodemtrace_params, .n = 1, .min_count = 1,
		  .max_count = 1, .usage = XMODEMTRACE_USAGE },
		{ .op_lo = 1, .op_hi = 1, .p = xmodemtrace_params, .n = 2, .min_count = 2,
		  .max_count = 2, .usage = XMODEMTRACE_USAGE },
	}, .n_forms = 2,
};

int xmodemtrace_set(struct modem *m, const struct at_cmd *cmd)
{
	int64_t oper = at_int(cmd, "oper"), set = at_int(cmd, "set");

	m->mcfg->trace_oper = (int)oper;
	m->mcfg->trace_set = (int)set;
	return AT_OK;
}

/* <count> frequency ranges of <state>,<flo>,<fhi> (MHz, flo <= fhi) follow
 * the fixed parameters; the whole list, normalised, is kept. */
#define FREQ_RANGE(state_max) \
	AT_INT("state", AT_R_NONE, 0, (state_max)), AT_INT("flo", AT_R_NONE, 0, 6000), \
	AT_INT("fhi", AT_R_NONE, 0, 6000, .min_prev = true)
#define RANGES_WHY "is out of range, or below the range's low frequency"

static const struct at_param_def magpio_range[] = { FREQ_RANGE(7) };
static const struct at_param_def coex0_range[] = { FREQ_RANGE(1) };

static const struct at_param_def xmagpio_params[] = {
	AT_INT("io0", AT_R_NONE, 0, 1), AT_INT("io1", AT_R_NONE, 0, 1),
	AT_INT("io2", AT_R_NONE, 0, 1), AT_INT("count", AT_R_NONE, 0, MAX_RANGES),
};

const struct at_schema xmagpio_schema = {
	.forms = (const struct at_form[]){
		{ .p = xmagpio_params, .n = 4, .rep = magpio_range, .n_rep = 3, .rep_count = 3,
		  .usage = "expected AT%XMAGPIO=<io0>,<io1>,<io2>,<count>, then <state 0..7>,"
			   "<flo>,<fhi> per range", .pos_why = RANGES_WHY },
	}, .n_forms = 1,
};

static const struct at_param_def xcoex0_params[] = { AT_INT("count", AT_R_NONE, 0, MAX_RANGES) };

const struct at_schema xcoex0_schema = {
	.forms = (const struct at_form[]){
		{ .p = xcoex0_params, .n = 1, .rep = coex0_range, .n_rep = 3, .rep_count = 0,
		  .usage = "expected AT%XCOEX0=<count>, then <state 0|1>,<flo>,<fhi> per range",
		  .pos_why = RANGES_WHY },
	}, .n_forms = 1,
};

/* The checked parameters, as the modem reads them back. */
static void keep_list(const struct at_cmd *cmd, char *out, size_t outlen)
{
	struct strbuf sb = { 0 };

	for (size_t i = 0; i < cmd->nparams; i++)
		sb_appendf(&sb, "%s%lld", i ? "," : "", (long long)at_arg_int(cmd, i));
	snprintf(out, outlen, "%s", sb.data);
	sb_free(&sb);
}

/* AT%XMAGPIO alone clears the configuration (UNCONFIRMED). */
int xmagpio_run(struct modem *m, const struct at_cmd *cmd)
{
	char *out = m->mcfg->magpio;

	if (cmd->mode != AT_MODE_SET) {
		out[0] = '\0';
		return AT_OK;
	}
	keep_list(cmd, out, sizeof(m->mcfg->magpio));
	return AT_OK;
}

int xmagpio_read(struct modem *m, const struct at_cmd *cmd)
{
	(void)cmd;
	at_reply(m, &RSP_XMAGPIO, "%s", m->mcfg->magpio[0] ? m->mcfg->magpio : "0,0,0,0");
	return AT_OK;
}

/* AT%XCOEX0 alone clears the configuration (UNCONFIRMED). */
int xcoex0_run(struct modem *m, const struct at_cmd *cmd)
{
	char *out = m->mcfg->coex0;

	if (cmd->mode != AT_MODE_SET) {
		out[0] = '\0';
		return AT_OK;
	}
	keep_list(cmd, out, sizeof(m->mcfg->coex0));
	return AT_OK;
}

int xcoex0_read(struct modem *m, const struct at_cmd *cmd)
{
	(void)cmd;
	at_reply(m, &RSP_XCOEX0, "%s", m->mcfg->coex0[0] ? m->mcfg->coex0 : "0");
	return AT_OK;
}
