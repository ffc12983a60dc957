/* The version answers of slm-versions.md 1.1 and 3.1, read: #XSLMVER
 * names the NCS release (one, two or three quoted fields, maybe
 * -CUSTOMIZED); #XSMVER's second field names the NCS release the Serial
 * Modem was built on, which tells its tag (the profiles' pins). */
#include "profile_detect.h"

#include <ctype.h>
#include <regex.h>
#include <stdio.h>
#include <string.h>

#include "rsp_table.h"
#include "slm_profiles.h"

/* The release at the start of s ("v1.0.1-3-gabc", "3.3.0-rc1"): its
 * digits and dots; -1 when there are none. */
static int leading_version(const char *s, size_t n, struct slm_version *v, char *text,
			   size_t len)
{
	size_t i = 0, k = 0;

	if (n && (*s == 'v' || *s == 'V'))
		s++, n--;
	while (i < n && (isdigit((unsigned char)s[i]) || s[i] == '.'))
		i++;
	while (i && s[i - 1] == '.')
		i--;
	for (; k < i && k + 1 < len; k++)
		text[k] = s[k];
	text[k] = '\0';
	return i ? slm_version_parse(text, v) : -1;
}

static int profile_of(enum slm_line line, const struct slm_version *v)
{
	for (const struct slm_profile *const *p = slm_profile_all(); *p; p++)
		if (slm_profile_covers(*p, line, v))
			return det_index(*p);
	return -1;
}

/* An NCS release no profile covers: the nearest NCS profile. */
static void nearest_ncs(const struct slm_version *v, const char *text, struct profile_guess *g)
{
	int p = slm_version_cmp(v, &det_profile(DET_NCS18)->range.from) < 0 ? DET_NCS18 : DET_NCS26;

	g->profile = (enum det_profile)p;
	snprintf(g->spec, sizeof(g->spec), "%s", det_names[p]);
	snprintf(g->nearest, sizeof(g->nearest), "no profile covers NCS %s: judged on the nearest, %s",
		 text, det_names[p]);
}

static bool slmver(const char *ncs, size_t n, struct profile_guess *g)
{
	struct slm_version v;
	char text[20];
	int p;

	if (leading_version(ncs, n, &v, text, sizeof(text)))
		return false;
	p = profile_of(SLM_LINE_NCS, &v);
	if (p < 0) {
		nearest_ncs(&v, text, g);
		return true;
	}
	g->profile = (enum det_profile)p;
	snprintf(g->spec, sizeof(g->spec), "%s", text);
	return true;
}

/* The Serial Modem tag built on NCS release ncs: the last pin at or
 * before it; the first, with a note, when it is older than all. */
static struct slm_version pinned_tag(const struct slm_version *ncs, const char *text,
				     struct profile_guess *g)
{
	const struct slm_pin *pins = det_profile(DET_SM02)->pins;
	struct slm_version tag = pins[0].sm, pin;
	char name[24];

	for (size_t i = 0; pins[i].ncs; i++)
		if (!slm_version_parse(pins[i].ncs, &pin) && slm_version_cmp(ncs, &pin) >= 0)
			tag = pins[i].sm;
	slm_version_format(SLM_LINE_SM, &tag, name, sizeof(name));
	if (!slm_version_parse(pins[0].ncs, &pin) && slm_version_cmp(ncs, &pin) < 0)
		snprintf(g->nearest, sizeof(g->nearest), "no Serial Modem tag was built on NCS %s: "
			 "judged on the nearest, %s", text, name);
	return tag;
}

/* #XSMVER: "<sm>","<ncs>": the tag the NCS release was pinned by, else
 * the SM field's own release. */
static bool smver(const char *sm, size_t sm_n, const char *ncs, size_t ncs_n,
		  struct profile_guess *g)
{
	struct slm_version v;
	char text[20];
	int p;

	if (!leading_version(ncs, ncs_n, &v, text, sizeof(text)))
		v = pinned_tag(&v, text, g);
	else if (leading_version(sm, sm_n, &v, text, sizeof(text)))
		return false;
	p = profile_of(SLM_LINE_SM, &v);
	if (p < 0)
		return false;
	g->profile = (enum det_profile)p;
	slm_version_format(SLM_LINE_SM, &v, g->spec, sizeof(g->spec));
	return true;
}

#define FIELD "\"([^\"]*)\""

bool det_record_header(const char *note, struct profile_guess *g)
{
	static const char head[] = "INFO slmsim: SLM profile ";
	char spec[sizeof(g->spec)];
	size_t n;
	int p;

	if (strncmp(note, head, sizeof(head) - 1))
		return false;
	note += sizeof(head) - 1;
	n = strcspn(note, " ");
	if (n >= sizeof(spec))
		return false;
	memcpy(spec, note, n);
	spec[n] = '\0';
	p = det_index(slm_profile_find(spec));
	if (p < 0)
		return false;
	g->profile = (enum det_profile)p;
	memcpy(g->spec, spec, sizeof(spec));
	return true;
}

bool det_version_answer(const char *line, struct profile_guess *g)
{
	regex_t re;
	regmatch_t m[3];
	bool ok = false;

	g->nearest[0] = '\0';
	if (at_rsp_is(&RSP_XSLMVER, line) &&
	    !regcomp(&re, "^#XSLMVER: " FIELD "(-CUSTOMIZED)?(," FIELD "){0,2}$", REG_EXTENDED)) {
		if (!regexec(&re, line, 2, m, 0))
			ok = slmver(line + m[1].rm_so, (size_t)(m[1].rm_eo - m[1].rm_so), g);
		regfree(&re);
	} else if (at_rsp_is(&RSP_XSMVER, line) &&
		   !regcomp(&re, "^#XSMVER: " FIELD "," FIELD "(," FIELD ")?$", REG_EXTENDED)) {
		if (!regexec(&re, line, 3, m, 0))
			ok = smver(line + m[1].rm_so, (size_t)(m[1].rm_eo - m[1].rm_so),
				   line + m[2].rm_so, (size_t)(m[2].rm_eo - m[2].rm_so), g);
		regfree(&re);
	}
	return ok;
}
