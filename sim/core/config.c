#include "config.h"
#include "mfw_profile.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <ini.h>
#include <mbedtls/sha256.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Kinds of value a setting takes. */
enum kind { K_STR, K_DIGITS, K_HEX, K_BITS, K_INT, K_BOOL, K_UUID, K_TERM, K_BUSY, K_STAT,
	    K_SYSMODE, K_ICCID, K_FLAGS, K_COUNTS, K_MFW, K_REAL, K_PDP, K_IPV6 };

struct key {
	const char *section, *name;
	enum kind kind;
	size_t off;
	size_t size;		/* the field's size */
	long lo, hi;		/* K_INT, K_REAL: range; K_STR: minimum length; K_DIGITS, K_HEX,
				 * K_BITS: the exact length (0: a PLMN's 5 or 6) */
	const char *what;
};

#define M(f) offsetof(struct modem_config, f), sizeof(((struct modem_config *)0)->f)
#define N(f) offsetof(struct modem_config, net.f), sizeof(((struct modem_config *)0)->net.f)

static const struct key keys[] = {
	{ "modem", "imei", K_DIGITS, M(imei), 15, 0, "15 digits: AT+CGSN" },
	{ "modem", "svn", K_DIGITS, M(svn), 2, 0, "2 digits: AT+CGSN=2/3" },
	{ "modem", "imsi", K_DIGITS, M(imsi), 15, 0, "15 digits: AT+CIMI" },
	{ "modem", "iccid", K_ICCID, M(iccid), 0, 0, "19-20 digits, may end in F: AT%XICCID" },
	{ "modem", "manufacturer", K_STR, M(manufacturer), 1, 0, "AT+CGMI" },
	{ "modem", "model", K_STR, M(model), 0, 0, "AT+CGMM; empty: the firmware's chip" },
	{ "modem", "revision", K_STR, M(revision), 0, 0, "AT+CGMR; empty: the firmware's, e.g. mfw_nrf91x1_2.0.4" },
	{ "modem", "slm_profile", K_STR, M(slm_spec), 0, 0, "the SLM generation: a profile name (ncs-2.6, sm-0.3) or a release (2.3, 3.1, sm-1.0.1); empty: ncs-1.8 (--slm; --list-profiles)" },
	{ "modem", "mfw", K_MFW, M(mfw_spec), 0, 0, "the modem firmware release (1.3.1, 2.0.4, mfw-2.0.x ...); empty: the SLM profile's (--mfw; --list-profiles)" },
	{ "modem", "slm_version", K_STR, M(slm_version), 1, 0, "AT#XSLMVER's (AT#XSMVER's) first field; default: the profile's release" },
	{ "modem", "slm_version2", K_STR, M(slm_version2), 0, 0, "the second field: libmodem's version (NCS 2.3-3.1, UNCONFIRMED: the NCS release's number) or the Serial Modem's NCS" },
	{ "modem", "slm_customer", K_STR, M(slm_customer), 0, 0, "CONFIG_SLM_CUSTOMER_VERSION: a third version field from NCS 2.6 when not empty" },
	{ "modem", "terminator", K_TERM, M(term), 0, 0, "any | crlf | cr | lf" },
	{ "modem", "datamode_urc", K_BOOL, M(datamode_urc), 0, 0, "CONFIG_SLM_DATAMODE_URC: \"#XDATAMODE: <sent>\" after each data-mode send (NCS 2.2 to SM v0.3; off as the SLM builds it)" },
	{ "modem", "busy_input", K_BUSY, M(busy_input), 0, 0, "drop | keep | consume: input sent while a command runs" },
	{ "modem", "uuid", K_UUID, M(uuid), 0, 0, "device UUID (#XUUID, %KEYGEN); empty: made from the IMEI" },
	{ "modem", "fw_uuid", K_UUID, M(fw_uuid), 0, 0, "%XMODEMUUID" },
	{ "modem", "boot_ms", K_INT, M(boot_ms), 0, DAY_MS, "#XRESET or a wake-up until Ready" },
	{ "modem", "socket_fd", K_INT, M(socket_fd), 0, 7, "the lowest fd the modem's sockets get (every socket takes the lowest free one, 0-7; those below are held by something not emulated)" },
	{ "modem", "listen_port_offset", K_INT, M(listen_port_offset), -65535, 65535, "added to an #XBIND port: the host port on 127.0.0.1 where a local client reaches the modem's server" },
	{ "modem", "systemmode", K_SYSMODE, M(systemmode), 0, 0, "%XSYSTEMMODE at boot: LTE-M,NB-IoT,GNSS,preference" },
	{ "modem", "psm_requested", K_BOOL, M(psm_requested), 0, 0, "+CPSMS mode at boot (NVM)" },
	{ "modem", "cemode", K_INT, M(cemode), 0, 2, "+CEMODE: 0 PS mode 2, 2 CS/PS mode 2" },
	{ "modem", "bands", K_STR, M(bands), 1, 0, "%XCBAND=?: supported bands, e.g. 1,2,3,4" },
	{ "modem", "uicc_init_ms", K_INT, M(uicc_init_ms), 0, DAY_MS, "UICC powered on -> %XSIM: 1" },
	{ "modem", "slm", K_BOOL, M(slm), 0, 0, "the SLM runs on the modem (Ready, #X commands); no: the modem alone, as a modem-library application drives it" },
	{ "modem", "init_error", K_BOOL, M(init_error), 0, 0, "the SLM's init fails: INIT ERROR instead of Ready (NCS 3.1+, SM), commands still answered (--fault init-error)" },
	{ "modem", "cfun31_needs_gnss", K_BOOL, M(cfun31_needs_gnss), 0, 0, "AT+CFUN=31 answers ERROR while %XSYSTEMMODE has GNSS off (UNCONFIRMED)" },
	{ "modem", "idle_context", K_BOOL, M(idle_context), 0, 0, "+CGDCONT?/+CGACT? show context 0 before the first attach (UNCONFIRMED)" },
	{ "modem", "apn", K_STR, M(apn), 0, 0, "context 0's APN set by +CGDCONT before (NVM); empty: the network's" },
	{ "modem", "pdp_type", K_PDP, M(pdp_type), 0, 0, "context 0's PDP type set by +CGDCONT before (NVM): IP | IPV6 | IPV4V6 | Non-IP (the factory's: IP, UNCONFIRMED)" },
	{ "modem", "tcp_recvfrom_addr", K_BOOL, M(tcp_recvfrom_addr), 0, 0, "#XRECVFROM on a TCP socket shows the server's address, as the modem's recvfrom() fills it; no: \"\" (UNCONFIRMED)" },
	{ "modem", "ipv6_needs_addr", K_BOOL, M(ipv6_needs_addr), 0, 0, "an IPv6 socket (family/op 2) fails to open when context 0 has no IPv6 address; no: it opens and its connect or send fails (UNCONFIRMED)" },
	{ "modem", "hw_revision", K_STR, M(hw_revision), 0, 0, "%HWVERSION: the SiP revision after the model; empty: the firmware's (UNCONFIRMED per DK)" },
	{ "modem", "vbat_mv", K_INT, M(vbat_mv), 0, 6000, "%XVBAT: supply voltage in mV (a guess)" },
	{ "modem", "pin_retries", K_COUNTS, M(pin_retries), 0, 0, "+CPINR: SIM PIN,SIM PIN2,SIM PUK,SIM PUK2 tries left (UNCONFIRMED)" },
	{ "modem", "rel14feat", K_FLAGS, M(rel14feat), 5, 0, "%REL14FEAT at boot: five 0/1 flags (UNCONFIRMED)" },
	{ "modem", "factory_systemmode", K_SYSMODE, M(factory_systemmode), 0, 0, "%XSYSTEMMODE after %XFACTORYRESET (UNCONFIRMED)" },
	{ "modem", "cmng_crlf_527", K_BOOL, M(cmng_crlf_527), 0, 0, "AT%CMNG of a CA or client certificate (types 0, 1) with CR LF line ends answers +CME ERROR: 527, as users report on mfw 2.0.2/2.0.4 (UNCONFIRMED; off)" },
	{ "modem", "factory_reset_creds", K_BOOL, M(factory_reset_creds), 0, 0, "%XFACTORYRESET=0 erases the %CMNG credentials (UNCONFIRMED)" },
	{ "modem", "msisdn", K_STR, M(msisdn), 2, 0, "phone number ('+' and digits) other modems' SMS reach; a fleet's modem i: this plus i" },
	{ "modem", "xsms_shows_cmt", K_BOOL, M(xsms_shows_cmt), 0, 0, "with #XSMS started the host sees the modem's +CMT before #XSMS, as the SLM forwards every modem notification (UNCONFIRMED)" },
	{ "modem", "gpio_inputs", K_STR, M(gpio_inputs), 0, 0, "pin=level,... what the outside drives on GPIO input pins (#XGPIO read); an undriven input reads its pull" },
	{ "modem", "gpio_output_reads_back", K_BOOL, M(gpio_output_reads_back), 0, 0, "#XGPIO reads an output pin's own level; no: 0, the nrfx driver disconnects its input buffer (UNCONFIRMED)" },
	{ "gnss", "lat", K_REAL, M(gnss.lat), -90, 90, "#XGPS fixed point: latitude in degrees" },
	{ "gnss", "lon", K_REAL, M(gnss.lon), -180, 180, "#XGPS fixed point: longitude in degrees" },
	{ "gnss", "alt", K_REAL, M(gnss.alt), -1000, 100000, "#XGPS fixed point: altitude in m" },
	{ "gnss", "accuracy", K_REAL, M(gnss.accuracy), 0, 100000, "#XGPS: the accuracy a fix reports, in m (UNCONFIRMED)" },
	{ "gnss", "fix_ms", K_INT, M(gnss.fix_ms), 0, DAY_MS, "#XGPS started -> first fix (time to first fix, UNCONFIRMED)" },
	{ "gnss", "refix_ms", K_INT, M(gnss.refix_ms), 0, DAY_MS, "#XGPS periodic: each wake-up -> its fix (UNCONFIRMED)" },
	{ "gnss", "track", K_STR, M(gnss.track), 0, 0, "#XGPS track file (docs/configuration.md); empty: the fixed point" },
	{ "fota", "frag_size", K_INT, M(fota.frag_size), 256, 2048, "#XFOTA: bytes per HTTP(S) Range request (CONFIG_DOWNLOAD_CLIENT_HTTP_FRAG_SIZE: 256, 512, 1024 or 2048)" },
	{ "fota", "app_version", K_STR, M(fota.app_version), 5, 0, "the running application's MCUboot version major.minor.revision+build (#XFOTA=6)" },
	{ "fota", "app_size", K_INT, M(fota.app_size), 0, 16777216, "the running application's image size in bytes (#XFOTA=6)" },
	{ "fota", "app_slot_size", K_INT, M(fota.app_slot_size), 1024, 16777216, "MCUboot's secondary slot: the largest application image (UNCONFIRMED for the DK build)" },
	{ "fota", "mfw_scratch_size", K_INT, M(fota.mfw_scratch_size), 1024, 16777216, "the modem's DFU area: the largest delta (#XFOTA=7)" },
	{ "fota", "mfw_erase_ms", K_INT, M(fota.mfw_erase_ms), 0, DAY_MS, "the modem erasing its DFU area (#XFOTA=9, a delta after an update; about 10 s, UNCONFIRMED)" },
	{ "mqtt", "keepalive_s", K_INT, M(mqtt_keepalive_s), 0, 65535, "CONFIG_MQTT_KEEPALIVE" },
	{ "network", "tac", K_HEX, N(tac), 4, 0, "2-byte hex tracking area code" },
	{ "network", "ci", K_HEX, N(ci), 8, 0, "4-byte hex cell id" },
	{ "network", "act", K_INT, N(act), 7, 9, "7 LTE-M, 9 NB-IoT (when the modem allows both)" },
	{ "network", "status", K_STAT, N(reg_stat), 0, 0, "roaming (5) | home (1): stat once registered" },
	{ "network", "reject_cause", K_INT, N(reject_cause), 0, 255, "0, or the EMM cause the network rejects the attach with (+CEREG: 3)" },
	{ "network", "search_delay_ms", K_INT, N(search_delay_ms), 0, DAY_MS, "AT+CFUN=1 -> +CEREG: 2" },
	{ "network", "register_delay_ms", K_INT, N(register_delay_ms), 0, DAY_MS, "searching -> registered" },
	{ "network", "psm", K_BOOL, N(psm), 0, 0, "the network grants PSM to a modem that asks" },
	{ "network", "active_time", K_BITS, N(active_time), 8, 0, "granted T3324, GPRS timer 2" },
	{ "network", "periodic_tau", K_BITS, N(periodic_tau), 8, 0, "granted T3412-ext, GPRS timer 3" },
	{ "network", "periodic_tau_legacy", K_BITS, N(periodic_tau_legacy), 8, 0, "T3412 (%XMONITOR)" },
	{ "network", "edrx", K_BITS, N(edrx), 4, 0, "granted eDRX value, 4 bits; empty: none" },
	{ "network", "ptw", K_BITS, N(ptw), 4, 0, "paging time window, 4 bits" },
	{ "network", "plmn", K_DIGITS, N(plmn), 0, 0, "MCC+MNC, 5 or 6 digits" },
	{ "network", "operator_long", K_STR, N(oper_long), 0, 0, "+COPS format 0, %XMONITOR" },
	{ "network", "operator_short", K_STR, N(oper_short), 0, 0, "+COPS format 1, %XMONITOR" },
	{ "network", "apn", K_STR, N(apn), 0, 0, "APN of the default context once attached" },
	{ "network", "pdn_addr", K_STR, N(pdn_addr), 7, 0, "IPv4 address of the default context" },
	{ "network", "ipv6_addr", K_IPV6, N(ipv6_addr), 0, 0, "IPv6 address the network gives a context of type IPV6 or IPV4V6 (the next contexts count up); empty: the network gives no IPv6" },
	{ "network", "band", K_INT, N(band), 0, 88, "%XMONITOR, %XCBAND" },
	{ "network", "pci", K_INT, N(pci), 0, 503, "physical cell id" },
	{ "network", "earfcn", K_INT, N(earfcn), 0, 262143, "EARFCN" },
	{ "network", "smsc", K_STR, N(smsc), 2, 0, "SMS centre's number, the address in a +CMT PDU" },
	{ "network", "sms_delay_ms", K_INT, N(sms_delay_ms), 0, DAY_MS, "an SMS sent to a modem of the fleet reaches it this much later" },
	{ "network", "rsrp", K_INT, N(rsrp), 0, 255, "RSRP index 0..97 (dBm = index - 140)" },
	{ "network", "rsrq", K_INT, N(rsrq), 0, 255, "RSRQ index 0..34 (dB = index / 2 - 19.5)" },
	{ "network", "snr", K_INT, N(snr), 0, 127, "SNR index 0..49" },
	{ "network", "ping_rtt_ms", K_STR, N(ping_rtt_ms), 1, 0, "#XPING round trips in ms, one per echo (- lost), the last repeats" },
	{ "network", "clock_offset_ms", K_INT, N(clock_offset_ms), -DAY_MS, DAY_MS, "the network's clock minus the host's, in ms (+CCLK, %XTIME)" },
	{ "network", "rrc_idle_ms", K_INT, N(rrc_idle_ms), 0, DAY_MS, "RRC released after this long without traffic (+CSCON)" },
	{ "network", "light_search_ms", K_INT, N(light_search_ms), 0, DAY_MS, "no usable cell this long after the search began: %MDMEV: SEARCH STATUS 1" },
	{ "network", "full_search_ms", K_INT, N(full_search_ms), 0, DAY_MS, "no usable cell this long: every frequency scanned, %MDMEV: SEARCH STATUS 2" },
	{ "network", "tz_quarters", K_INT, N(tz_quarters), -48, 56, "network time zone, quarter hours" },
};

#define COPY(dst, v) snprintf((dst), sizeof(dst), "%s", (v))

/* The SLM's FOTA documentation shows these sizes; version 0.0.0+0 is an
 * NCS build's without CONFIG_MCUBOOT_IMAGE_VERSION. */
static const struct fota_config fota_defaults = { .frag_size = 2048, .app_version = "0.0.0+0",
	.app_size = 295288, .app_slot_size = 0x70000, .mfw_scratch_size = 368640,
	.mfw_erase_ms = 10000 };

void config_defaults(struct modem_config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	COPY(cfg->imei, "352656100367872");
	COPY(cfg->svn, "89");
	/* A roaming SIM: its home PLMN is not the network's. */
	COPY(cfg->imsi, "901280012345678");
	COPY(cfg->iccid, "8988228066601234567F");
	COPY(cfg->manufacturer, "Nordic Semiconductor ASA");
	/* model, revision and hw_revision stay empty: the firmware's
	 * (mfw_configure() when the modem is made). */
	COPY(cfg->slm_version, "1.8.0");
	COPY(cfg->pdp_type, "IP");
	cfg->tcp_recvfrom_addr = true;
	cfg->term = AT_TERM_ANY;
	/* Zephyr's default CONFIG_MQTT_KEEPALIVE; rsa-key.log pings every 60 s. */
	cfg->mqtt_keepalive_s = 60;
	cfg->baud = 115200;
	cfg->boot_ms = 500;
	COPY(cfg->fw_uuid, "25c95751-efa4-40d4-8b4a-1dcaab81fac9");
	COPY(cfg->systemmode, "1,0,1,0");
	/* A point in Trondheim; a cold start's fix in about half a minute. */
	COPY(cfg->gnss.lat, "63.4216");
	COPY(cfg->gnss.lon, "10.4373");
	COPY(cfg->gnss.alt, "58.5");
	COPY(cfg->gnss.accuracy, "8.2");
	cfg->gnss.fix_ms = 32000;
	cfg->gnss.refix_ms = 2000;
	cfg->fota = fota_defaults;
	cfg->psm_requested = true;
	/* mfw 1.2.0 lists +CGDCONT: 0,"IP","","",0,0 before attach; 1.3.x in CFUN=0 is unconfirmed. */
	cfg->idle_context = true;
	/* The nRF91 AT reference's example reads +CEMODE: 2; the band list is the
	 * nRF9160 SICA's (UNCONFIRMED per firmware); the two times are guesses. */
	cfg->cemode = 2;
	COPY(cfg->bands, "1,2,3,4,5,8,12,13,17,19,20,25,26,28,66");
	cfg->uicc_init_ms = 100;
	/* Guesses: a supply, a fresh SIM's tries, all
	 * release 14 features off, LTE-M only after a factory reset. */
	cfg->vbat_mv = 3700;
	COPY(cfg->pin_retries, "3,3,10,10");
	COPY(cfg->rel14feat, "0,0,0,0,0");
	COPY(cfg->factory_systemmode, "1,0,0,0");
	cfg->net.light_search_ms = 10000;
	cfg->net.full_search_ms = 60000;
	COPY(cfg->msisdn, "+15550100100");
	COPY(cfg->net.smsc, "+15550109999");
	cfg->net.sms_delay_ms = 1000;
	cfg->xsms_shows_cmt = true;
	/* As +CFUN=41 needs LTE-M or NB-IoT in the system mode (documented),
	 * 31 needs GNSS there: UNCONFIRMED, as users report it. */
	cfg->cfun31_needs_gnss = true;
	cfg->slm = true;
	cfg->net.rrc_idle_ms = 10000;
	COPY(cfg->net.ping_rtt_ms, "186");
	COPY(cfg->net.tac, "0001");	/* a placeholder cell: a replay takes the log's */
	COPY(cfg->net.ci, "00000001");
	/* ec-key.log: CFUN=1 OK at 25.852, searching at 27.750, roaming at 29.448 */
	cfg->net.act = 7;
	cfg->net.reg_stat = 5;
	cfg->net.search_delay_ms = 1898;
	cfg->net.register_delay_ms = 1698;
	cfg->net.psm = true;
	COPY(cfg->net.active_time, "00011110");
	COPY(cfg->net.periodic_tau, "11100000");
	COPY(cfg->net.periodic_tau_legacy, "00000000");
	COPY(cfg->net.ptw, "0011");
	COPY(cfg->net.plmn, "26201");
	COPY(cfg->net.oper_long, "Telekom.de");
	COPY(cfg->net.oper_short, "TDG");
	COPY(cfg->net.apn, "iot.example");
	COPY(cfg->net.pdn_addr, "10.160.36.21");
	COPY(cfg->net.ipv6_addr, "2001:DB8:10A0:2415:5C1E:88FF:FE21:24");
	cfg->net.band = 20;
	cfg->net.pci = 281;
	cfg->net.earfcn = 6400;
	cfg->net.rsrp = 62;
	cfg->net.rsrq = 31;
	cfg->net.snr = 42;
}

static bool all_of(const char *s, size_t n, int (*pred)(int))
{
	if (n && strlen(s) != n)
		return false;
	for (size_t i = 0; s[i]; i++)
		if (!pred((unsigned char)s[i]))
			return false;
	return true;
}

static int is_bit(int c) { return c == '0' || c == '1'; }

/* 8-4-4-4-12 lower-case hex. */
static bool is_uuid(const char *v)
{
	if (strlen(v) != 36)
		return false;
	for (int i = 0; i < 36; i++) {
		bool dash = i == 8 || i == 13 || i == 18 || i == 23;

		if (dash ? v[i] != '-' : !(isdigit((unsigned char)v[i]) || (v[i] >= 'a' && v[i] <= 'f')))
			return false;
	}
	return true;
}

static int parse_long(const char *v, long lo, long hi, long *out)
{
	char *end;

	errno = 0;
	*out = strtol(v, &end, 10);
	return errno || end == v || *end || *out < lo || *out > hi ? -1 : 0;
}

static int parse_bool(const char *v, bool *out)
{
	if (!strcmp(v, "1") || !strcasecmp(v, "yes") || !strcasecmp(v, "true") || !strcasecmp(v, "on"))
		*out = true;
	else if (!strcmp(v, "0") || !strcasecmp(v, "no") || !strcasecmp(v, "false") || !strcasecmp(v, "off"))
		*out = false;
	else
		return -1;
	return 0;
}

/* "a,b,c,d": each 0/1 but the preference 0..4, and LTE-M or NB-IoT for it. */
static bool is_sysmode(const char *v)
{
	int a, b, c, d, n = 0;

	return sscanf(v, "%1d,%1d,%1d,%1d%n", &a, &b, &c, &d, &n) == 4 && !v[n] && a <= 1 &&
	       b <= 1 && c <= 1 && d <= 4 && a >= 0 && b >= 0 && c >= 0 && d >= 0 &&
	       (d == 0 || a || b);
}

/* n comma-separated 0/1 flags, or four counts of tries (0..99). */
static bool is_flags(const char *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!is_bit(v[2 * i]) || v[2 * i + 1] != (i + 1 < n ? ',' : '\0'))
			return false;
	return true;
}

static bool is_counts(const char *v)
{
	unsigned a, b, c, d;
	int n = 0;

	return sscanf(v, "%2u,%2u,%2u,%2u%n", &a, &b, &c, &d, &n) == 4 && !v[n] &&
	       strspn(v, "0123456789,") == strlen(v);
}

static bool is_real(const char *v, long lo, long hi)
{
	char *end;
	double d;

	errno = 0;
	d = strtod(v, &end);
	return *v && !*end && !errno && d >= (double)lo && d <= (double)hi;
}

/* A string-valued key: does v fit and have the right shape? */
static bool string_ok(const struct key *k, const char *v)
{
	size_t n = strlen(v), exact = (size_t)k->lo;

	if (n >= k->size)
		return false;
	switch (k->kind) {
	case K_STR: return n >= exact;
	case K_DIGITS: return exact ? all_of(v, exact, isdigit) : (n == 5 || n == 6) && all_of(v, 0, isdigit);
	case K_HEX: return all_of(v, exact, isxdigit);
	case K_BITS: return (exact == 4 && n == 0) || all_of(v, exact, is_bit);
	case K_UUID: return is_uuid(v);
	case K_SYSMODE: return is_sysmode(v);
	case K_FLAGS: return n == 2 * exact - 1 && is_flags(v, exact);
	case K_COUNTS: return is_counts(v);
	case K_MFW: return !n || !mfw_release_find(v, &(struct mfw_release){ 0 });
	case K_REAL: return is_real(v, k->lo, k->hi);
	case K_PDP: return !strcmp(v, "IP") || !strcmp(v, "IPV6") || !strcmp(v, "IPV4V6") ||
			   !strcmp(v, "Non-IP");
	case K_IPV6: return !n || inet_pton(AF_INET6, v, &(struct in6_addr){ 0 }) == 1;
	case K_ICCID: return (n == 19 || n == 20) && strspn(v, "0123456789") >= 19 &&
			     (n == 19 || isdigit((unsigned char)v[19]) || v[19] == 'F');
	default: return false;
	}
}

/* Writes v into the field k names; 0, or -1 when v does not fit. */
static int set_value(struct modem_config *cfg, const struct key *k, const char *v)
{
	char *field = (char *)cfg + k->off;
	long n;

	switch (k->kind) {
	case K_INT:
		if (parse_long(v, k->lo, k->hi, &n) || (k->hi == 9 && n == 8))
			return -1;
		*(int *)field = (int)n;
		return 0;
	case K_BOOL:
		return parse_bool(v, (bool *)field);
	case K_TERM:
		return at_term_parse(v, (enum at_term *)field);
	case K_BUSY:
		if (strcmp(v, "drop") && strcmp(v, "keep") && strcmp(v, "consume"))
			return -1;
		cfg->busy_input = !strcmp(v, "keep") ? BUSY_INPUT_KEEP :
				  !strcmp(v, "consume") ? BUSY_INPUT_CONSUME : BUSY_INPUT_DROP;
		return 0;
	case K_STAT:
		if (!strcmp(v, "home") || !strcmp(v, "1"))
			cfg->net.reg_stat = 1;
		else if (!strcmp(v, "roaming") || !strcmp(v, "5"))
			cfg->net.reg_stat = 5;
		else
			return -1;
		return 0;
	default:
		if (k->kind == K_UUID && !*v && k->off == offsetof(struct modem_config, uuid))
			return (void)(cfg->uuid[0] = '\0'), 0;
		if (!string_ok(k, v))
			return -1;
		snprintf(field, k->size, "%s", v);
		return 0;
	}
}

int config_set(struct modem_config *cfg, const char *section, const char *key,
	       const char *value, char *err, size_t errlen)
{
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		if (strcmp(keys[i].section, section) || strcmp(keys[i].name, key))
			continue;
		if (!set_value(cfg, &keys[i], value)) {
			cfg->given[i / 8] |= (unsigned char)(1u << (i % 8));
			return 0;
		}
		break;
	}
	snprintf(err, errlen, "invalid setting %s.%s=%s (see docs/configuration.md)", section, key,
		 value);
	return -1;
}

_Static_assert(sizeof(keys) / sizeof(keys[0]) <= 8 * sizeof(((struct modem_config *)0)->given),
	       "struct modem_config.given has a bit per key");

bool config_is_set(const struct modem_config *cfg, const char *section, const char *key)
{
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if (!strcmp(keys[i].section, section) && !strcmp(keys[i].name, key))
			return cfg->given[i / 8] & (1u << (i % 8));
	return false;
}

void config_describe(FILE *out)
{
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		fprintf(out, "%s.%s: %s\n", keys[i].section, keys[i].name, keys[i].what);
}

/* The value of key k in cfg, as config_set takes it back. */
static void get_value(const struct modem_config *cfg, const struct key *k, char *out, size_t len)
{
	const char *field = (const char *)cfg + k->off;

	switch (k->kind) {
	case K_INT: snprintf(out, len, "%d", *(const int *)field); return;
	case K_BOOL: snprintf(out, len, "%s", *(const bool *)field ? "yes" : "no"); return;
	case K_TERM: snprintf(out, len, "%s", at_term_name(cfg->term)); return;
	case K_BUSY: snprintf(out, len, "%s", cfg->busy_input == BUSY_INPUT_KEEP ? "keep" :
			      cfg->busy_input == BUSY_INPUT_CONSUME ? "consume" : "drop"); return;
	case K_STAT: snprintf(out, len, "%s", cfg->net.reg_stat == 1 ? "home" : "roaming"); return;
	default: snprintf(out, len, "%s", field); return;
	}
}

void config_write_ini(const struct modem_config *cfg, FILE *out)
{
	const char *section = "";
	char v[160];

	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		if (strcmp(section, keys[i].section)) {
			fprintf(out, "%s[%s]\n", *section ? "\n" : "", keys[i].section);
			section = keys[i].section;
		}
		get_value(cfg, &keys[i], v, sizeof(v));
		fprintf(out, "%s = %s\n", keys[i].name, v);
	}
}

void config_fill_uuid(struct modem_config *cfg)
{
	unsigned char h[32];

	if (cfg->uuid[0])
		return;
	mbedtls_sha256_ret((const unsigned char *)cfg->imei, strlen(cfg->imei), h, 0);
	h[6] = (unsigned char)((h[6] & 0x0f) | 0x40);	/* version 4 layout */
	h[8] = (unsigned char)((h[8] & 0x3f) | 0x80);
	snprintf(cfg->uuid, sizeof(cfg->uuid),
		 "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
		 h[0], h[1], h[2], h[3], h[4], h[5], h[6], h[7], h[8], h[9], h[10], h[11], h[12],
		 h[13], h[14], h[15]);
}

int config_set_arg(struct modem_config *cfg, const char *arg, char *err, size_t errlen)
{
	char section[32], key[64];
	const char *dot = strchr(arg, '.');
	const char *eq = strchr(arg, '=');

	if (!dot || !eq || dot > eq || (size_t)(dot - arg) >= sizeof(section) ||
	    (size_t)(eq - dot - 1) >= sizeof(key)) {
		snprintf(err, errlen, "expected SECTION.KEY=VALUE, got '%s'", arg);
		return -1;
	}
	snprintf(section, sizeof(section), "%.*s", (int)(dot - arg), arg);
	snprintf(key, sizeof(key), "%.*s", (int)(eq - dot - 1), dot + 1);
	return config_set(cfg, section, key, eq + 1, err, errlen);
}

struct ini_ctx {
	struct modem_config *cfg;
	char *err;
	size_t errlen;
	int failed;
};

static int on_ini_entry(void *user, const char *section, const char *name, const char *value)
{
	struct ini_ctx *ctx = user;

	if (ctx->failed)
		return 0;
	if (config_set(ctx->cfg, section, name, value, ctx->err, ctx->errlen)) {
		ctx->failed = 1;
		return 0;
	}
	return 1;
}

int config_load_ini(struct modem_config *cfg, const char *path, char *err, size_t errlen)
{
	struct ini_ctx ctx = { cfg, err, errlen, 0 };
	int rc = ini_parse(path, on_ini_entry, &ctx);

	if (rc == -1) {
		snprintf(err, errlen, "%s: cannot open: %s", path, strerror(errno));
		return -1;
	}
	if (ctx.failed) {
		size_t n = strlen(err);

		snprintf(err + n, errlen - n, " in %s line %d", path, rc);
		return -1;
	}
	if (rc) {
		snprintf(err, errlen, "%s: syntax error on line %d", path, rc);
		return -1;
	}
	return 0;
}
