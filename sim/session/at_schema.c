#include "at_schema.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

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

/* An integer of d->vals. */
static bool bad_val(const struct at_param *p, const struct at_param_def *d, const char **why,
		    char *buf, size_t len)
{
	for (size_t k = 0; k < d->n_vals; k++)
		if (d->vals[k] == p->ival)
			return false;
	why_value(p, d, why, buf, len);
	return true;
}

static bool bad_int(const struct at_param *p, const struct at_param_def *d, const char **why,
		    char *buf, size_t len)
{
	if (p->type != AT_PARAM_INT)
		return true;
	if (d->n_vals)
		return bad_val(p, d, why, buf, len);
	if (p->ival < d->lo || p->ival > d->hi) {
		/* With `only`, lo..hi is the getter's type: its own why. */
		if (d->value_fmt && !d->only)
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
	if (d->bits_max ? p->len == 0 || p->len > d->bits : p->len != d->bits)
		return true;
	return strspn(p->str, "01") < p->len;
}

/* A string of d->words. */
static bool bad_word(const struct at_param *p, const struct at_param_def *d, const char **why)
{
	for (size_t k = 0; k < d->n_words; k++)
		if (!strcasecmp(d->words[k], p->str))
			return false;
	if (d->why_value)
		*why = d->why_value;
	return true;
}

/* The definition an AT_P_DEPENDS parameter has on cmd; NULL: not read. */
static const struct at_param_def *depends(const struct at_cmd *cmd, const struct at_param_def *d)
{
	int64_t v;

	if (at_param_int(cmd, d->on, &v))
		return NULL;
	for (size_t k = 0; k < d->n_cases; k++)
		if (v >= d->cases[k].lo && v <= d->cases[k].hi)
			return d->cases[k].def;
	return NULL;
}

/* An integer below the one before it (a range's low end). */
static bool below_prev(const struct at_cmd *cmd, size_t i, const struct at_param_def *d)
{
	return d->min_prev && i > 0 && cmd->params[i - 1].type == AT_PARAM_INT &&
	       cmd->params[i].ival < cmd->params[i - 1].ival;
}

/* An AT_TRY parameter the SLM's getter fails on, so leaves unread: another
 * type, or an integer outside lo..hi (the getter's type: an unsigned getter
 * refuses -1). */
static bool passed_over(const struct at_param *p, const struct at_param_def *d, bool str)
{
	if (d->type != AT_P_INT)
		return !str;
	return p->type != AT_PARAM_INT || p->ival < d->lo || p->ival > d->hi;
}

/* Whether d, parameter i of cmd, fails; *why says why (NULL: the form's
 * usage). */
static bool bad(const struct at_cmd *cmd, size_t i, const struct at_param_def *d,
		const char **why, char *buf, size_t len)
{
	const struct at_param *p = i < cmd->nparams ? &cmd->params[i] : NULL;
	bool str;

	if (d->type == AT_P_DEPENDS && !(d = depends(cmd, d)))
		return false;
	str = p && (p->type == AT_PARAM_STR || (d->type == AT_P_TEXT && p->type == AT_PARAM_RAW));
	*why = d->why;
	if (d->type == AT_P_LATE)
		return false;
	if (!p)
		return d->opt == AT_REQ;
	if (p->type == AT_PARAM_EMPTY)
		return d->opt != AT_OPT && d->opt != AT_TRY;
	if (d->opt == AT_TRY && passed_over(p, d, str))
		return false;
	if (d->type == AT_P_INT)
		return bad_int(p, d, why, buf, len) || below_prev(cmd, i, d);
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
	return d->n_words && bad_word(p, d, why);
}

static int fail(const char *text, const struct at_form *f, char *why, size_t whylen)
{
	snprintf(why, whylen, "%s", text ? text : f->usage ? f->usage : "wrong parameters");
	return AT_ERROR;
}

/* Parameter i of f: a fixed one, or one of the repeated group. */
static const struct at_param_def *param_of(const struct at_form *f, size_t i)
{
	return i < f->n ? &f->p[i] : &f->rep[(i - f->n) % f->n_rep];
}

/* A repeated group: its count in range and as many parameters as it says. */
static bool bad_repeat(const struct at_form *f, const struct at_cmd *cmd)
{
	const struct at_param_def *c = &f->p[f->rep_count];
	int64_t n;

	return at_param_int_range(cmd, f->rep_count, c->lo, c->hi, &n) ||
	       cmd->nparams != f->n + (size_t)n * f->n_rep;
}

/* Checks parameters from..end of f. */
static int check_params(const struct at_form *f, struct at_cmd *cmd, struct modem *m, size_t from,
			char *why, size_t whylen)
{
	size_t end = f->n_rep ? cmd->nparams : f->n;
	const char *text;
	char buf[160];

	for (size_t i = from; i < end; i++) {
		if (!bad(cmd, i, param_of(f, i), &text, buf, sizeof(buf)))
			continue;
		if (f->keep)
			f->keep(m, cmd, i);
		if (!text && f->pos_why) {
			snprintf(why, whylen, "%s (parameter %zu %s)", f->usage, i + 1, f->pos_why);
			return AT_ERROR;
		}
		return fail(text, f, why, whylen);
	}
	return 0;
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
	if ((f->max_count && (cmd->nparams < f->min_count || cmd->nparams > f->max_count)) ||
	    (f->n_rep && bad_repeat(f, cmd)))
		return fail(f->count_why, f, why, whylen);
	if ((rc = check_params(f, cmd, m, i, why, whylen)))
		return rc;
	cmd->form = f;
	return 0;
}

/* "(a,b,c)" or "(lo-hi)": the values d takes (nothing for a string). */
static void value_set(struct strbuf *sb, const struct at_param_def *d)
{
	if (d->type != AT_P_INT)
		return;
	sb_append(sb, "(", 1);
	if (d->n_vals) {
		for (size_t k = 0; k < d->n_vals; k++)
			sb_appendf(sb, "%s%lld", k ? "," : "", (long long)d->vals[k]);
	} else if (d->only) {
		for (int v = 0, n = 0; v < 64; v++)
			if (d->only & AT_BIT(v))
				sb_appendf(sb, "%s%d", n++ ? "," : "", v);
	} else {
		sb_appendf(sb, "%lld-%lld", (long long)d->lo, (long long)d->hi);
	}
	sb_append(sb, ")", 1);
}

const char *at_schema_test(const struct at_schema *s, char *buf, size_t len)
{
	struct strbuf sb = { 0 };

	if (!s || !s->test || !(s->flags & AT_S_TEST_SETS))
		return s ? s->test : NULL;
	sb_appendf(&sb, "%s", s->test);
	for (size_t i = 0; i < s->forms[0].n; i++) {
		if (i)
			sb_append(&sb, ",", 1);
		value_set(&sb, &s->forms[0].p[i]);
	}
	snprintf(buf, len, "%s", sb.data);
	sb_free(&sb);
	return buf;
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

bool at_has(const struct at_cmd *cmd, const char *name)
{
	size_t i = index_of(cmd, name);
	const struct at_param_def *d;

	if (!at_arg_has(cmd, i))
		return false;
	d = &cmd->form->p[i];
	if (d->opt == AT_TRY && d->type == AT_P_INT)
		return !passed_over(&cmd->params[i], d, false);
	return (d->type == AT_P_INT) == (cmd->params[i].type == AT_PARAM_INT);
}

int at_word(const struct at_cmd *cmd, const char *name)
{
	size_t i = index_of(cmd, name);
	const struct at_param_def *d;

	if (!at_arg_has(cmd, i))
		return -1;
	d = &cmd->form->p[i];
	for (size_t k = 0; k < d->n_words; k++)
		if (!strcasecmp(d->words[k], cmd->params[i].str))
			return (int)k;
	return -1;
}
