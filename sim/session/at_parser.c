#include "at_parser.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

const char *at_parse_strerror(int err)
{
	switch (err) {
	case AT_PARSE_OK: return "ok";
	case AT_PARSE_NOT_AT: return "line does not start with AT";
	case AT_PARSE_GRAMMAR: return "not of the form AT, AT<+%#>NAME, NAME?, NAME=?, NAME=<params>";
	case AT_PARSE_BINARY: return "NUL byte inside the command";
	case AT_PARSE_NAME_LONG: return "command name too long";
	case AT_PARSE_TOO_MANY: return "more than 42 parameters";
	case AT_PARSE_QUOTE: return "unbalanced quotes or text after a closing quote";
	case AT_PARSE_NOMEM: return "out of memory";
	}
	return "unknown parse error";
}

static bool parse_int(const char *s, size_t len, int64_t *out)
{
	char tmp[24];
	char *end;
	long long v;

	if (len == 0 || len >= sizeof(tmp))
		return false;
	memcpy(tmp, s, len);
	tmp[len] = '\0';
	if (!(isdigit((unsigned char)tmp[0]) ||
	      ((tmp[0] == '-' || tmp[0] == '+') && len > 1 && isdigit((unsigned char)tmp[1]))))
		return false;
	errno = 0;
	v = strtoll(tmp, &end, 10);
	if (errno || *end)
		return false;
	*out = v;
	return true;
}

/* Splits "a,"b,c",,3" into parameters, copied into cmd->store.  A quoted
 * string ends at the next quote: the SLM's parser has no escapes. */
static int split_params(struct at_cmd *cmd, const char *p, size_t len)
{
	char *out;
	size_t i = 0;

	cmd->store = malloc(len + 1);
	if (!cmd->store)
		return AT_PARSE_NOMEM;
	out = cmd->store;
	for (;;) {
		struct at_param *par;
		size_t start;

		if (cmd->nparams == AT_MAX_PARAMS)
			return AT_PARSE_TOO_MANY;
		par = &cmd->params[cmd->nparams++];
		while (i < len && p[i] == ' ')
			i++;
		par->str = out;
		if (i < len && p[i] == '"') {
			i++;
			start = (size_t)(out - cmd->store);
			for (;;) {
				if (i >= len)
					return AT_PARSE_QUOTE;
				if (p[i] == '"')
					break;
				*out++ = p[i++];
			}
			i++;
			par->type = AT_PARAM_STR;
			par->len = (size_t)(out - cmd->store) - start;
			*out++ = '\0';
			while (i < len && p[i] == ' ')
				i++;
			if (i < len && p[i] != ',')
				return AT_PARSE_QUOTE;
		} else {
			start = i;
			while (i < len && p[i] != ',') {
				if (p[i] == '"')
					return AT_PARSE_QUOTE;
				i++;
			}
			size_t end = i;

			while (end > start && p[end - 1] == ' ')
				end--;
			memcpy(out, p + start, end - start);
			par->len = end - start;
			out += par->len;
			*out++ = '\0';
			if (par->len == 0)
				par->type = AT_PARAM_EMPTY;
			else if (parse_int(par->str, par->len, &par->ival))
				par->type = AT_PARAM_INT;
			else
				par->type = AT_PARAM_RAW;
		}
		if (i >= len)
			break;
		i++;	/* the comma */
	}
	return AT_PARSE_OK;
}

void at_cmd_drop_trailing_empty(struct at_cmd *cmd)
{
	if (cmd->nparams >= 2 && cmd->params[cmd->nparams - 1].type == AT_PARAM_EMPTY)
		cmd->nparams--;
}

int at_cmd_parse(struct at_cmd *cmd, const char *line, size_t len)
{
	size_t i, name_start;
	int err;

	memset(cmd, 0, sizeof(*cmd));
	if (memchr(line, '\0', len))
		return AT_PARSE_BINARY;
	if (len < 2 || toupper((unsigned char)line[0]) != 'A' || toupper((unsigned char)line[1]) != 'T')
		return AT_PARSE_NOT_AT;
	if (len == 2) {
		cmd->mode = AT_MODE_ACTION;
		return AT_PARSE_OK;
	}
	if (line[2] != '+' && line[2] != '%' && line[2] != '#')
		return AT_PARSE_GRAMMAR;
	name_start = 2;
	for (i = 3; i < len && isalnum((unsigned char)line[i]); i++)
		;
	if (i == 3)
		return AT_PARSE_GRAMMAR;
	if (i - name_start >= AT_MAX_NAME)
		return AT_PARSE_NAME_LONG;
	for (size_t k = name_start; k < i; k++)
		cmd->name[k - name_start] = (char)toupper((unsigned char)line[k]);
	if (i == len) {
		cmd->mode = AT_MODE_ACTION;
		return AT_PARSE_OK;
	}
	if (line[i] == '?') {
		if (i + 1 != len)
			return AT_PARSE_GRAMMAR;
		cmd->mode = AT_MODE_READ;
		return AT_PARSE_OK;
	}
	if (line[i] != '=')
		return AT_PARSE_GRAMMAR;
	i++;
	if (i == len) {
		cmd->mode = AT_MODE_SET;
		return AT_PARSE_OK;
	}
	if (line[i] == '?') {
		if (i + 1 != len)
			return AT_PARSE_GRAMMAR;
		cmd->mode = AT_MODE_TEST;
		return AT_PARSE_OK;
	}
	cmd->mode = AT_MODE_SET;
	err = split_params(cmd, line + i, len - i);
	if (err) {
		at_cmd_free(cmd);
		cmd->nparams = 0;
	}
	return err;
}

void at_cmd_free(struct at_cmd *cmd)
{
	free(cmd->store);
	cmd->store = NULL;
}

bool at_param_present(const struct at_cmd *cmd, size_t i)
{
	return i < cmd->nparams && cmd->params[i].type != AT_PARAM_EMPTY;
}

int at_param_int(const struct at_cmd *cmd, size_t i, int64_t *out)
{
	if (i >= cmd->nparams || cmd->params[i].type != AT_PARAM_INT)
		return -1;
	*out = cmd->params[i].ival;
	return 0;
}

int at_param_int_range(const struct at_cmd *cmd, size_t i, int64_t lo, int64_t hi, int64_t *out)
{
	int64_t v;

	if (at_param_int(cmd, i, &v) || v < lo || v > hi)
		return -1;
	*out = v;
	return 0;
}

int at_param_text(const struct at_cmd *cmd, size_t i, const char **s, size_t *len)
{
	if (i >= cmd->nparams || (cmd->params[i].type != AT_PARAM_STR &&
				  cmd->params[i].type != AT_PARAM_RAW))
		return -1;
	*s = cmd->params[i].str;
	if (len)
		*len = cmd->params[i].len;
	return 0;
}

int at_param_str(const struct at_cmd *cmd, size_t i, const char **s, size_t *len)
{
	if (i >= cmd->nparams || cmd->params[i].type != AT_PARAM_STR)
		return -1;
	*s = cmd->params[i].str;
	if (len)
		*len = cmd->params[i].len;
	return 0;
}
