#include "at_schema.h"

#include <stdio.h>
#include <string.h>

#include "at_cmd.h"

/* why_value, with the value when it is a format. */
static void why_value(const struct at_param *p, const struct at_param_def *d, const char **why,
		      char *buf, size_t len)
{
	if (!d->why_value)
		return;
	*why = d->why_value;
	if (d->value_fmt) {
		snprintf(buf, len, d->why_value, (long long)p->ival);
		*why = buf;
	}
}

static bool bad_int(const struct at_param *p, const struct at_param_def *d, const char **why,
		    char *buf, size_t len)
{
	if (p->type != AT_PARAM_INT)
		return true;
	if (p->ival < d->lo || p->ival > d->hi) {
		if (d->value_fmt)
			why_value(p, d, why, buf, len);
		return true;
	}
	if (d->only && (p->ival < 0 || p->ival > 63 || !(d->only & AT_BIT(p->ival)))) {
		why_value(p, d, why, buf, len);
		return true;
	}
	return false;
}

/* A bit string: exactly d->bits characters, each 0 or 1. */
static bool bad_bits(const struct at_param *p, const struct at_param_def *d)
{
	if (d->quoted && p->type != AT_PARAM_STR)
		return true;
	return p->len != d->bits || strspn(p->str, "01") < d->bits;
}

/* Whether d, parameter i of cmd, fails; *why says why (NULL: the form's
 * usage). */
static bool bad(const struct at_cmd *cmd, size_t i, const struct at_param_def *d,
		const char **why, char *buf, size_t len)
{
	const struct at_param *p = i < cmd->nparams ? &cmd->params[i] : NULL;
	bool str = p && (p->type == AT_PARAM_STR || (d->type == AT_P_TEXT && p->type == AT_PARAM_RAW));

	*why = d->why;
	if (d->type == AT_P_LATE)
		return false;
	if (!p)
		return d->opt == AT_REQ;
	if (p->type == AT_PARAM_EMPTY)
		return d->opt != AT_OPT;
	if (d->type == AT_P_INT)
		return bad_int(p, d, why, buf, len);
	if (d->type == AT_P_ANY && p->type == AT_PARAM_INT)
		return false;
	if (!str) {
		if (!d->why) {
			snprintf(buf, len, "<%s> must be a quoted string", d->name);
			*why = buf;
		}
		return true;
	}
	if (d->bits)
		return bad_bits(p, d);
	if ((d->nonempty && p->len == 0) || (d->max_len && p->len > d->max_len)) {
		if (!d->why) {
			snprintf(buf, len, "<%s> is %zu characters; the SLM takes at most %u",
				 d->name, p->len, (unsigned)d->max_len);
			*why = buf;
		}
		return true;
	}
	return false;
}

static int fail(const char *text, const struct at_form *f, char *why, size_t whylen)
{
	snprintf(why, whylen, "%s", text ? text : f->usage ? f->usage : "wrong parameters");
	return AT_ERROR;
}

const struct at_form *at_schema_form(const struct at_schema *s, const struct at_cmd *cmd)
{
	if (s->n_forms == 1)
		return &s->forms[0];
	if (!cmd->nparams || cmd->params[0].type != AT_PARAM_INT)
		return NULL;
	for (size_t k = 0; k < s->n_forms; k++)
		if (cmd->params[0].ival >= s->forms[k].op_lo && cmd->params[0].ival <= s->forms[k].op_hi)
			return &s->forms[k];
	return NULL;
}

static void drop_trailing_empty(const struct at_schema *s, struct at_cmd *cmd)
{
	if (s->flags & AT_S_DROP_TRAILING_EMPTY)
		at_cmd_drop_trailing_empty(cmd);
}

int at_schema_check(const struct at_schema *s, struct at_cmd *cmd, struct modem *m,
		    char *why, size_t whylen)
{
	const struct at_form *f = &s->forms[0];
	const char *text;
	char buf[160];
	size_t i = 0;
	int rc;

	why[0] = '\0';
	drop_trailing_empty(s, cmd);
	if (s->n_forms > 1) {
		if (bad(cmd, 0, &f->p[0], &text, buf, sizeof(buf)) || !cmd->nparams)
			return fail(text, f, why, whylen);
		if (!(f = at_schema_form(s, cmd)))
			return 0;	/* an <op> the handler answers itself */
		i = 1;
	}
	if (f->guard && (rc = f->guard(m, cmd)))
		return rc;
	if (f->max_count && (cmd->nparams < f->min_count || cmd->nparams > f->max_count))
		return fail(f->count_why, f, why, whylen);
	for (; i < f->n; i++)
		if (bad(cmd, i, &f->p[i], &text, buf, sizeof(buf))) {
			if (f->keep)
				f->keep(m, cmd, i);
			return fail(text, f, why, whylen);
		}
	cmd->form = f;
	return 0;
}

int at_schema_role(const struct at_schema *s, enum at_role role)
{
	for (size_t k = 0; s && k < s->n_forms; k++)
		for (size_t i = 0; i < s->forms[k].n; i++)
			if (s->forms[k].p[i].role == role)
				return (int)i;
	return -1;
}

bool at_arg_has(const struct at_cmd *cmd, size_t i)
{
	return at_param_present(cmd, i);
}

int64_t at_arg_int(const struct at_cmd *cmd, size_t i)
{
	return at_arg_has(cmd, i) && cmd->params[i].type == AT_PARAM_INT ? cmd->params[i].ival : 0;
}

const char *at_arg_str(const struct at_cmd *cmd, size_t i, size_t *len)
{
	bool ok = at_arg_has(cmd, i) && cmd->params[i].type != AT_PARAM_INT;

	if (len)
		*len = ok ? cmd->params[i].len : 0;
	return ok ? cmd->params[i].str : "";
}

static size_t index_of(const struct at_cmd *cmd, const char *name)
{
	for (size_t i = 0; cmd->form && i < cmd->form->n; i++)
		if (!strcmp(cmd->form->p[i].name, name))
			return i;
	return AT_MAX_PARAMS;	/* reads as absent */
}

int64_t at_int(const struct at_cmd *cmd, const char *name)
{
	return at_arg_int(cmd, index_of(cmd, name));
}

const char *at_str(const struct at_cmd *cmd, const char *name)
{
	return at_arg_str(cmd, index_of(cmd, name), NULL);
}
