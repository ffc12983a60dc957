/* What one modem firmware line is, as data: the chip it runs on, what
 * +CGMM/+CGMR/%HWVERSION answer, its TLS profile (by name: tls_profile.c)
 * and the behaviours the modem commands ask for by feature, each with the
 * release it starts at.  Handlers ask mfw_has() and never compare versions. */
#ifndef SLMSIM_MFW_PROFILE_H
#define SLMSIM_MFW_PROFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct modem_config;

struct mfw_version {
	uint16_t major, minor, patch;
};

enum mfw_feature {
	MFW_RAI_NOTIFY,		/* %RAI=2: RAI with %RAI: notifications */
	MFW_TEST_SEC_TAGS,	/* %CMNG takes the test sec_tags 2147483648..2147483667 */
	MFW_CIPHERSUITE_USED,	/* getsockopt(TLS_CIPHERSUITE_USED) answers (2.0.0+) */
	MFW_FEATURE_COUNT
};

struct mfw_feature_from {
	enum mfw_feature feature;
	struct mfw_version from;
};

struct mfw_profile {
	const char *name;		/* "mfw-2.0.x" */
	const char *summary;
	const char *chip;		/* "nrf91x1": the middle word of +CGMR */
	struct mfw_version from, to;	/* the releases it stands for: [from, to) */
	struct mfw_version usual;	/* the release the short name "2.0.x" picks */
	const char *model;		/* +CGMM, the default of modem.model */
	const char *hw_revision;	/* %HWVERSION's last word, modem.hw_revision */
	const char *tls_profile;	/* the TLS profile's name (tls_profile.c) */
	const struct mfw_feature_from *features;	/* ended by a zero from */
};

/* One firmware release: its line's profile and the release itself. */
struct mfw_release {
	const struct mfw_profile *p;
	struct mfw_version v;
};

/* NULL-terminated, for --list-profiles and errors. */
const struct mfw_profile *const *mfw_profile_all(void);
/* mfw 1.3.1 on the nRF9160: what slmsim emulates unless told otherwise. */
struct mfw_release mfw_release_default(void);
/* "1.3.1", "2.0.4", "mfw-2.0.4", "v2.0.1", "2.0.x", "mfw-1.3.x" or a +CGMR
 * answer such as "mfw_nrf91x1_2.0.1": 0 and *out, or -1 when no profile
 * covers it.  A line's name ("2.0.x") picks its usual release. */
int mfw_release_find(const char *spec, struct mfw_release *out);
/* Whether release r has feature f. */
bool mfw_has(const struct mfw_release *r, enum mfw_feature f);
/* What +CGMR answers for r: "mfw_nrf91x1_2.0.4". */
void mfw_revision(const struct mfw_release *r, char *out, size_t len);
/* "2.0.4" */
void mfw_version_str(const struct mfw_version *v, char *out, size_t len);
/* The release cfg asks for: modem.mfw; else the firmware its +CGMR
 * revision names; else slm_default (the SLM profile's, may be NULL); else
 * the default.  Then the identity settings left empty get r's values. */
struct mfw_release mfw_configure(struct modem_config *cfg, const char *slm_default);

#endif
