/* The modem firmware lines slmsim emulates (slm-versions.md section 5;
 * docs/tls-profiles.md for their TLS limits). */
#include "mfw_profile.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "config.h"

static const struct mfw_feature_from mfw13_features[] = { { 0, { 0, 0, 0 } } };

static const struct mfw_feature_from mfw20_features[] = {
	/* nRF91x1 rai_set: <rai> 2 is tagged v2.0.x>=2. */
	{ MFW_RAI_NOTIFY, { 2, 0, 2 } },
	/* nRF91x1 cmng_set lists them; from which 2.0 release is not said:
	 * every one (docs/configuration.md). */
	{ MFW_TEST_SEC_TAGS, { 2, 0, 0 } },
	/* nrf_modem CHANGELOG 2.4.0: NRF_SO_SEC_CIPHERSUITE_USED needs mfw 2.0.0. */
	{ MFW_CIPHERSUITE_USED, { 2, 0, 0 } },
	{ 0, { 0, 0, 0 } },
};

static const struct mfw_profile mfw13 = {
	.name = "mfw-1.3.x",
	.summary = "nRF9160 modem firmware 1.3.x (SICA)",
	.chip = "nrf9160",
	.from = { 1, 3, 0 }, .to = { 1, 4, 0 }, .usual = { 1, 3, 1 },
	.model = "nRF9160-SICA",
	.hw_revision = "B1A",		/* a DK's SiP: UNCONFIRMED per board */
	.tls_profile = "mfw-1.3.1",
	.features = mfw13_features,
};

static const struct mfw_profile mfw20 = {
	.name = "mfw-2.0.x",
	.summary = "nRF9151/nRF9161 modem firmware 2.0.x (LACA)",
	.chip = "nrf91x1",
	.from = { 2, 0, 0 }, .to = { 2, 1, 0 }, .usual = { 2, 0, 4 },
	/* The nRF9151 DK ships 2.0.2 and 2.0.4; its +CGMM and SiP revision
	 * are UNCONFIRMED (modem.model, modem.hw_revision change them). */
	.model = "nRF9151-LACA",
	.hw_revision = "A0A",
	.tls_profile = "mfw-2.0.x",
	.features = mfw20_features,
};

static const struct mfw_profile *const profiles[] = { &mfw13, &mfw20, NULL };

const struct mfw_profile *const *mfw_profile_all(void) { return profiles; }

struct mfw_release mfw_release_default(void)
{
	return (struct mfw_release){ &mfw13, mfw13.usual };
}

static int vcmp(const struct mfw_version *a, const struct mfw_version *b)
{
	uint32_t x = (uint32_t)a->major << 20 | (uint32_t)a->minor << 10 | a->patch;
	uint32_t y = (uint32_t)b->major << 20 | (uint32_t)b->minor << 10 | b->patch;

	return x < y ? -1 : x > y;
}

/* "2.0.4", "2.0" or a line's name "2.0.x"; *any set for the name. */
static int parse_version(const char *s, struct mfw_version *v, bool *any)
{
	unsigned part[3] = { 0, 0, 0 };
	size_t n = strlen(s);
	int used = 0, k;

	if (*s == 'v' || *s == 'V')
		s++, n--;
	*any = n > 2 && !strcasecmp(s + n - 2, ".x");
	if (*any)
		n -= 2;
	if (!n || strspn(s, "0123456789.") < n)
		return -1;
	k = sscanf(s, "%3u.%3u%n.%3u%n", &part[0], &part[1], &used, &part[2], &used);
	if (k < 2 || (size_t)used != n || (*any && k == 3))
		return -1;
	*v = (struct mfw_version){ (uint16_t)part[0], (uint16_t)part[1], (uint16_t)part[2] };
	return 0;
}

int mfw_release_find(const char *spec, struct mfw_release *out)
{
	const char *chip = NULL;
	struct mfw_version v;
	bool any;

	if (!strncasecmp(spec, "mfw-", 4)) {
		spec += 4;
	} else if (!strncasecmp(spec, "mfw_", 4) && strchr(spec + 4, '_')) {
		chip = spec + 4;	/* a +CGMR answer: mfw_<chip>_<version> */
		spec = strchr(chip, '_') + 1;
	}
	if (parse_version(spec, &v, &any))
		return -1;
	for (size_t i = 0; profiles[i]; i++) {
		const struct mfw_profile *p = profiles[i];

		if (chip && (strncasecmp(chip, p->chip, strlen(p->chip)) ||
			     chip[strlen(p->chip)] != '_'))
			continue;
		if (any ? v.major == p->usual.major && v.minor == p->usual.minor :
		    vcmp(&p->from, &v) <= 0 && vcmp(&v, &p->to) < 0) {
			*out = (struct mfw_release){ p, any ? p->usual : v };
			return 0;
		}
	}
	return -1;
}

bool mfw_has(const struct mfw_release *r, enum mfw_feature f)
{
	for (const struct mfw_feature_from *ff = r->p->features; ff->from.major; ff++)
		if (ff->feature == f && vcmp(&ff->from, &r->v) <= 0)
			return true;
	return false;
}

void mfw_version_str(const struct mfw_version *v, char *out, size_t len)
{
	snprintf(out, len, "%u.%u.%u", v->major, v->minor, v->patch);
}

void mfw_revision(const struct mfw_release *r, char *out, size_t len)
{
	char v[24];

	mfw_version_str(&r->v, v, sizeof(v));
	snprintf(out, len, "mfw_%s_%s", r->p->chip, v);
}

#define FILL(dst, v) do { if (!(dst)[0]) snprintf((dst), sizeof(dst), "%s", (v)); } while (0)

struct mfw_release mfw_configure(struct modem_config *cfg, const char *slm_default)
{
	struct mfw_release r = mfw_release_default();

	if ((!cfg->mfw_spec[0] || mfw_release_find(cfg->mfw_spec, &r)) &&
	    (!cfg->revision[0] || mfw_release_find(cfg->revision, &r)) &&
	    (!slm_default || mfw_release_find(slm_default, &r)))
		r = mfw_release_default();
	if (!cfg->revision[0])
		mfw_revision(&r, cfg->revision, sizeof(cfg->revision));
	FILL(cfg->model, r.p->model);
	FILL(cfg->hw_revision, r.p->hw_revision);
	return r;
}
