#include "tls_profile.h"

#include <mbedtls/ecp.h>
#include <string.h>

/* nrf_socket.h, group nrf_socket_tls_cipher_suites (fact sheet 6.2); the
 * three GCM suites arrived in mfw 1.3.1. */
static const int mfw131_suites[] = {
	0xC024, 0xC00A, 0xC023, 0xC009, 0xC014, 0xC027, 0xC013,
	0xC02B, 0xC030, 0xC02F,
	0x008D, 0x00AE, 0x008C, 0xC0A8,
	0,
};

/* UNCONFIRMED (fact sheet 6.3): P-256 and P-384 are the curves seen working. */
static const mbedtls_ecp_group_id mfw131_curves[] = {
	MBEDTLS_ECP_DP_SECP256R1,
	MBEDTLS_ECP_DP_SECP384R1,
	MBEDTLS_ECP_DP_NONE,
};

/* What mfw 1.3.1's release notes give, and the choices made where they are
 * silent; mfw 2.0.x keeps them all until a source says otherwise. */
#define MFW13_LIMITS \
	.ciphersuites = mfw131_suites, \
	.curves = mfw131_curves, \
	.max_server_chain = 4096, \
	.verify_expiry = false, \
	.record_buffer = 2048, \
	/* Not offered: mbedTLS 2.28 cannot reassemble a handshake message split \
	 * over records, so a server honouring 2048 would break every chain over \
	 * 2 kB, which the modem handles up to 4 kB (docs/tls-profiles.md). */ \
	.negotiate_mfl = false, \
	.max_tls_sessions = 3, \
	.max_credentials = 32, \
	/* Not published; 64 KiB lets 32 typical credentials fit but not 32 \
	 * of the largest an AT command can carry (docs/tls-profiles.md). */ \
	.credential_storage = 65536, \
	.pkcs8_keys = false, \
	.ec_parameters_block = false, \
	.dtls_psk_only = true,		/* mfw 1.3.1 release notes (fact sheet 6.4) */ \
	/* Not published; chosen so a dead peer fails in well under the \
	 * report's 36 minutes (a stall is a fault to ask for). */ \
	.tcp_connect_timeout_ms = 30000, \
	.handshake_timeout_ms = 30000

static const struct tls_profile mfw_1_3_1 = {
	.name = "mfw-1.3.1",
	.summary = "nRF9160 modem firmware 1.3.1 (release-note limits)",
	MFW13_LIMITS,
};

/* slm-versions.md section 6: TLS 1.3, the curves, the key formats and the
 * server chain limit of 2.0.x are not confirmed, nor any other limit: all
 * UNCONFIRMED, as 1.3.1 (docs/tls-profiles.md). */
static const struct tls_profile mfw_2_0_x = {
	.name = "mfw-2.0.x",
	.summary = "nRF91x1 modem firmware 2.0.x (1.3.1's limits, UNCONFIRMED)",
	MFW13_LIMITS,
};

/* Everything mbedTLS 2.28 offers with its defaults: for telling a modem rule
 * from a broken credential ("would any TLS client manage?"). */
static const mbedtls_ecp_group_id all_curves[] = {
	MBEDTLS_ECP_DP_SECP256R1, MBEDTLS_ECP_DP_SECP384R1, MBEDTLS_ECP_DP_SECP521R1,
	MBEDTLS_ECP_DP_BP256R1, MBEDTLS_ECP_DP_BP384R1, MBEDTLS_ECP_DP_BP512R1,
	MBEDTLS_ECP_DP_SECP256K1, MBEDTLS_ECP_DP_CURVE25519, MBEDTLS_ECP_DP_CURVE448,
	MBEDTLS_ECP_DP_NONE,
};

static const struct tls_profile generic = {
	.name = "generic-mbedtls",
	.summary = "a plain mbedTLS 2.28 client: no modem limits",
	.ciphersuites = NULL,	/* mbedTLS defaults */
	.curves = all_curves,
	.max_server_chain = 0,
	.verify_expiry = true,
	.record_buffer = 16384,
	.negotiate_mfl = false,
	.max_tls_sessions = 8,
	.max_credentials = 256,
	.credential_storage = 1u << 20,
	.pkcs8_keys = true,
	.ec_parameters_block = true,
	.tcp_connect_timeout_ms = 30000,
	.handshake_timeout_ms = 30000,
};

static const struct tls_profile *const profiles[] = { &mfw_1_3_1, &mfw_2_0_x, &generic, NULL };

const struct tls_profile *const *tls_profile_all(void) { return profiles; }
const struct tls_profile *tls_profile_default(void) { return &mfw_1_3_1; }

const struct tls_profile *tls_profile_find(const char *name)
{
	for (size_t i = 0; profiles[i]; i++)
		if (!strcmp(profiles[i]->name, name))
			return profiles[i];
	return NULL;
}

bool tls_profile_curve_ok(const struct tls_profile *p, mbedtls_ecp_group_id grp)
{
	for (size_t i = 0; p->curves[i] != MBEDTLS_ECP_DP_NONE; i++)
		if (p->curves[i] == grp)
			return true;
	return false;
}
