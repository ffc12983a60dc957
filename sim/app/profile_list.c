/* --list-profiles: the three kinds of profile slmsim combines, a header
 * per kind and one profile per line, its kind first, for grep. */
#include "profile_list.h"

#include <stdint.h>

#include "mfw_profile.h"
#include "slm_profiles.h"
#include "tls_profile.h"

/* "NCS [2.6.0, 3.2.0)", "SM [2.0.0, ...)" */
static int slm_range(const struct slm_range *r, char *out, size_t len)
{
	const char *line = r->line == SLM_LINE_SM ? "SM" : "NCS";

	if (!r->to.major && !r->to.minor && !r->to.patch)
		return snprintf(out, len, "%s [%u.%u.%u, ...)", line, r->from.major, r->from.minor,
				r->from.patch);
	return snprintf(out, len, "%s [%u.%u.%u, %u.%u.%u)", line, r->from.major, r->from.minor,
			r->from.patch, r->to.major, r->to.minor, r->to.patch);
}

static void list_slm(FILE *out)
{
	char range[96];

	fputs("SLM profiles (--slm NAME or RELEASE):\n", out);
	for (const struct slm_profile *const *p = slm_profile_all(); *p; p++) {
		int n = slm_range(&(*p)->range, range, sizeof(range));

		/* SM v0.1.0 is NCS 3.1's SLM: a second range of the other line. */
		if ((*p)->also.from.major || (*p)->also.from.minor || (*p)->also.from.patch) {
			range[n++] = ' ';
			slm_range(&(*p)->also, range + n, sizeof(range) - (size_t)n);
		}
		fprintf(out, "slm %-8s %-40s %s; mfw %s%s\n", (*p)->name, range, (*p)->summary,
			(*p)->default_mfw ? (*p)->default_mfw : "1.3.1",
			*p == slm_profile_default() ? " (default)" : "");
	}
}

static void list_mfw(FILE *out)
{
	struct mfw_release def = mfw_release_default();
	char from[24], to[24], usual[24], range[64];

	fputs("Modem firmware profiles (--mfw RELEASE):\n", out);
	for (const struct mfw_profile *const *p = mfw_profile_all(); *p; p++) {
		mfw_version_str(&(*p)->from, from, sizeof(from));
		mfw_version_str(&(*p)->to, to, sizeof(to));
		mfw_version_str(&(*p)->usual, usual, sizeof(usual));
		snprintf(range, sizeof(range), "mfw [%s, %s)", from, to);
		fprintf(out, "mfw %-10s %-22s %s: +CGMM %s, TLS %s; %s means %s%s\n",
			(*p)->name, range, (*p)->summary, (*p)->model, (*p)->tls_profile,
			(*p)->name + 4 /* "1.3.x" */, usual, *p == def.p ? " (default)" : "");
	}
}

static void list_tls(FILE *out)
{
	fputs("TLS profiles (--profile NAME; default: the firmware's):\n", out);
	for (const struct tls_profile *const *p = tls_profile_all(); *p; p++)
		fprintf(out, "tls %-16s %s%s\n", (*p)->name, (*p)->summary,
			*p == tls_profile_default() ? " (default)" : "");
}

void profile_list(FILE *out)
{
	list_slm(out);
	list_mfw(out);
	list_tls(out);
}
