/* Values a modem reply shows in another shape than the setting that makes
 * it: the emulator derives the reply from the setting, slmreplay turns the
 * reply back into it. */
#include "world.h"

#include <stdio.h>
#include <string.h>

#include "mfw_profile.h"

bool world_hwversion(const char *v, int part, char *out, size_t len)
{
	char chip[40], variant[40], rev[40];

	if (sscanf(v, "%39s %39s %39s", chip, variant, rev) != 3)
		return false;
	if (part)
		snprintf(out, len, "%s", rev);
	else
		snprintf(out, len, "%s-%s", chip, variant);
	return true;
}

/* EF_ICCID holds the ICCID in BCD, low digit first, padded with F: every
 * byte's two hex digits swapped give the ICCID (which starts "89"). */
bool world_ef_iccid(const char *hex, char *out, size_t len)
{
	if (strlen(hex) != 20 || len < 21)
		return false;
	for (int i = 0; i < 20; i += 2) {
		out[i] = hex[i + 1];
		out[i + 1] = hex[i];
	}
	out[20] = '\0';
	return !strncmp(out, "89", 2);
}

/* +CGDCONT's "<v4> <v6>" (a dual-stack context) or either alone, and each
 * +CGPADDR address: the IPv6 one has colons. */
bool world_pdp_addr(const char *v, bool v6, char *out, size_t len)
{
	char a[2][64] = { "", "" };

	sscanf(v, "%63s %63s", a[0], a[1]);
	for (int i = 0; i < 2; i++)
		if (a[i][0] && (strchr(a[i], ':') != NULL) == v6) {
			snprintf(out, len, "%s", a[i]);
			return true;
		}
	return false;
}

const char *world_mfw_release(const char *v, char *out, size_t len)
{
	struct mfw_release r;
	char rev[96];

	snprintf(rev, sizeof(rev), "%s%s", strncmp(v, "mfw_", 4) ? "mfw_" : "", v);
	if (mfw_release_find(rev, &r))
		*out = '\0';
	else
		mfw_version_str(&r.v, out, len);
	return out;
}
