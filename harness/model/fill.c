#include "fill.h"
#include "replay_pki.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd_table.h"
#include "script.h"

const char *fill_key_shape(const char *v)
{
	if (strstr(v, "BEGIN EC PARAMETERS"))
		return "client-ec-params";
	if (strstr(v, "BEGIN EC PRIVATE KEY"))
		return "client-ec";
	if (strstr(v, "BEGIN RSA PRIVATE KEY"))
		return "client-rsa";
	if (strstr(v, "PRIVATE KEY"))
		return "client-rsa-pkcs8";
	return NULL;
}

int logged_facts_parse(struct logged_facts *lf, const struct replay_log *log,
		       const struct slm_profile *p)
{
	lf->log = log;
	lf->of = calloc(log->nev ? log->nev : 1, sizeof(*lf->of));
	if (!lf->of)
		return -1;
	for (size_t i = 0; i < log->nev; i++) {
		struct at_cmd_facts *f;

		if (log->ev[i].kind != EV_SEND || !(f = malloc(sizeof(*f))))
			continue;
		if (at_cmd_facts_of(p, log->ev[i].text, f))
			lf->of[i] = f;
		else
			free(f);
	}
	return 0;
}

void logged_facts_free(struct logged_facts *lf)
{
	for (size_t i = 0; lf->of && i < lf->log->nev; i++)
		free((void *)lf->of[i]);
	free(lf->of);
	lf->of = NULL;
}

/* The log's AT%CMNG=0,<tag>,2,... text, if it writes one. */
const char *fill_log_write(const struct logged_facts *lf, uint32_t tag, int type)
{
	for (size_t i = 0; i < lf->log->nev; i++) {
		const struct at_cmd_facts *f = lf->of[i];

		if (!f || f->sec_tag != tag)
			continue;
		if ((f->cred_write && (type < 0 || f->cred_type == type)) ||
		    (f->key_made && (type < 0 || type == 2)))
			return lf->log->ev[i].text;
	}
	return NULL;
}

void fill_pick(const struct logged_facts *lf, const struct scenario *s, uint32_t tag, int type,
	       char *out, size_t outlen, char *why, size_t whylen)
{
	const char *key, *shape;

	for (size_t i = 0; s && i < s->n_creds; i++) {
		if (s->creds[i].sec_tag == tag && s->creds[i].type == type) {
			snprintf(out, outlen, "%s", s->creds[i].file);
			snprintf(why, whylen, "from the scenario");
			return;
		}
	}
	if (type == 0) {
		snprintf(out, outlen, "ca.crt");
		snprintf(why, whylen, "the test CA that signed the local broker");
		return;
	}
	key = lf ? fill_log_write(lf, tag, 2) : NULL;
	shape = key ? fill_key_shape(key) : NULL;
	if (!shape) {
		shape = "client-rsa";
		snprintf(why, whylen, "sec_tag %u's key is not visible in the log: a working RSA set", tag);
	} else {
		snprintf(why, whylen, "the log's PEM headers show %s", shape);
	}
	snprintf(out, outlen, "%s.%s", shape, type == 2 ? "key" : "crt");
}

char *fill_cmng_write(const char *certs_dir, const char *scen_dir, uint32_t tag, int type,
		      const char *file, char *err, size_t errlen)
{
	char path[1024];
	FILE *f;
	char *buf, *cmd;
	size_t n;

	if (file[0] == '/')
		snprintf(path, sizeof(path), "%s", file);
	else
		snprintf(path, sizeof(path), "%s/%s", certs_dir, file);
	f = fopen(path, "rb");
	if (!f && scen_dir && file[0] != '/') {
		snprintf(path, sizeof(path), "%s/%s", scen_dir, file);
		f = fopen(path, "rb");
	}
	if (!f) {
		snprintf(err, errlen, "cannot read credential %s: %s", path, strerror(errno));
		return NULL;
	}
	buf = malloc(65536);
	n = fread(buf, 1, 65535, f);
	fclose(f);
	while (n && (buf[n - 1] == '\n' || buf[n - 1] == '\r'))
		n--;
	buf[n] = '\0';
	if (asprintf(&cmd, "AT%%CMNG=0,%u,%d,\"%s\"", tag, type, buf) < 0)
		cmd = NULL;
	free(buf);
	return cmd;
}

/* The quoted body of AT%CMNG=0,<tag>,<type>,"<body>". */
static char *body_of(const char *send)
{
	const char *a = strchr(send, '"'), *b = strrchr(send, '"');

	return a && b > a ? strndup(a + 1, (size_t)(b - a - 1)) : NULL;
}

char *fill_full_body(const char *certs_dir, uint32_t tag, int type, const char *send, char *note,
		     size_t notelen)
{
	char *body = body_of(send), *pem = NULL, *cmd = NULL;
	char path[600];

	note[0] = '\0';
	if (!body || (type != 0 && type != 1))
		goto out;
	if (type == 1 && pki_client_cert(certs_dir, body, &pem) == PKI_REISSUED) {
		snprintf(note, notelen, "client certificate re-issued by the replay CA for the same "
			 "key and subject, so the local broker can verify it");
	} else if (type == 0 && pki_ca_cert(certs_dir, body) == PKI_REISSUED) {
		snprintf(path, sizeof(path), "%s/ca.crt", certs_dir);
		cmd = fill_cmng_write(certs_dir, NULL, tag, 0, path, note, notelen);
		if (cmd)
			snprintf(note, notelen, "CA certificate replaced by the replay CA, which "
				 "issued the local peers' certificates");
		goto out;
	}
	if (pem) {
		size_t n = strlen(pem);

		while (n && (pem[n - 1] == '\n' || pem[n - 1] == '\r'))
			pem[--n] = '\0';
		if (asprintf(&cmd, "AT%%CMNG=0,%u,%d,\"%s\"", tag, type, pem) < 0)
			cmd = NULL;
	}
out:
	free(pem);
	free(body);
	return cmd;
}

char *fill_setup_write(uint32_t tag, uint8_t types, int type, const struct scenario *s,
		       const char *certs_dir, char *what, size_t whatlen, char *err, size_t errlen)
{
	char file[512], why[160], *cmd;

	err[0] = '\0';
	if (types ? !(types & (1u << type)) : type > 2)
		return NULL;
	if (type >= 3) {
		/* A DTLS tag: the test PSK and identity the local peer shares. */
		if (asprintf(&cmd, "AT%%CMNG=0,%u,%d,\"%s\"", tag, type,
			     type == 3 ? FILL_PSK_HEX : FILL_PSK_IDENTITY) < 0)
			return NULL;
		snprintf(what, whatlen, "sec_tag %u type %d <- the test %s", tag, type,
			 type == 3 ? "PSK" : "PSK identity");
		return cmd;
	}
	fill_pick(NULL, s, tag, type, file, sizeof(file), why, sizeof(why));
	cmd = fill_cmng_write(certs_dir, s->dir, tag, type, file, err, errlen);
	snprintf(what, whatlen, "sec_tag %u type %d <- %s", tag, type, file);
	return cmd;
}
