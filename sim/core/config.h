/* Per-modem configuration: identity and network model values.  Defaults
 * reproduce the DevZone EC-key report; a user changes them with an INI file
 * (--config, read with libinih) or --set SECTION.KEY=VALUE. */
#ifndef SLMSIM_CONFIG_H
#define SLMSIM_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "at_term.h"

struct slm_profile;

/* The longest delay a time setting takes: a day. */
#define DAY_MS (24L * 3600 * 1000)

/* Where #XGPS finds the modem: a fixed point, or a track file when set. */
struct gnss_config {
	char lat[24], lon[24], alt[24];	/* degrees, degrees, m */
	char accuracy[24];	/* m, as each fix reports it */
	int fix_ms;		/* started -> first fix */
	int refix_ms;		/* periodic mode: wake-up -> fix */
	char track[256];	/* path of a track file; "" the fixed point */
};

/* #XFOTA: the download's fragments, the slots and the modem's DFU area. */
struct fota_config {
	int frag_size;		/* CONFIG_DOWNLOAD_CLIENT_HTTP_FRAG_SIZE */
	char app_version[24];	/* the running image's MCUboot version */
	int app_size;		/* its size in bytes */
	int app_slot_size;	/* PM_MCUBOOT_SECONDARY_SIZE */
	int mfw_scratch_size;	/* the modem's DFU area */
	int mfw_erase_ms;	/* the modem erasing it */
};

struct net_config {
	char tac[5];		/* 2-byte hex */
	char ci[9];		/* 4-byte hex */
	int act;		/* 7 LTE-M, 9 NB-IoT: the cell's, when the modem allows both */
	int reg_stat;		/* 1 home, 5 roaming */
	int reject_cause;	/* 0; else the EMM cause the network rejects every attach with */
	int search_delay_ms;	/* CFUN=1 -> +CEREG: 2 */
	int register_delay_ms;	/* +CEREG: 2 -> registered */
	bool psm;		/* the network grants PSM timers to a modem that asks */
	char active_time[9];	/* granted T3324, GPRS timer 2, 8-bit string */
	char periodic_tau[9];	/* granted T3412-ext, GPRS timer 3, 8-bit string */
	char periodic_tau_legacy[9];	/* T3412, %XMONITOR's last field */
	char edrx[5];		/* granted eDRX value, 4 bits; "" none */
	char ptw[5];		/* paging time window, 4 bits */
	char plmn[7];		/* MCC+MNC, 5 or 6 digits */
	char oper_long[33], oper_short[17];
	char apn[64];		/* the APN the network assigns to the default context */
	char pdn_addr[16];	/* IPv4 address of the default context */
	char ipv6_addr[46];	/* IPv6 address of a context that asks for one; "" none */
	int band, pci, earfcn;
	int rrc_idle_ms;	/* RRC released after this long without traffic (+CSCON) */
	int clock_offset_ms;	/* the network's clock minus the host's (+CCLK, %XTIME) */
	char ping_rtt_ms[128];	/* #XPING round trips, one per echo ("-" lost), the last repeats */
	int rsrp, rsrq, snr;	/* +CESQ/%XMONITOR indices: 0..97, 0..34, 0..49 */
	int tz_quarters;	/* network time zone, quarter hours from UTC */
	int light_search_ms;	/* no cell found this long after the search began: %MDMEV 1 */
	int full_search_ms;	/* ... and this long: every frequency scanned, %MDMEV 2 */
	char smsc[22];		/* the SMS centre's number in a +CMT PDU */
	int sms_delay_ms;	/* a submitted SMS reaches its modem this much later */
};

struct modem_config {
	char imei[16];
	char svn[3];
	char imsi[16];
	char iccid[21];
	char manufacturer[64];
	char model[32];		/* "" the firmware's, as revision and hw_revision */
	char revision[64];
	char slm_version[32];	/* #XSLMVER's (#XSMVER's) first field */
	char slm_version2[32];	/* its second: libmodem (2.3-3.1), NCS (SM) */
	char slm_customer[32];	/* its third from 2.6 when not empty (CONFIG_SLM_CUSTOMER_VERSION) */
	char slm_spec[24];	/* the SLM generation asked for: "2.6", "sm-1.0", "ncs-2.1"; "" default */
	char mfw_spec[24];	/* the modem firmware asked for: "1.3.1", "2.0.4"; "" default */
	enum at_term term;
	/* Input sent while a command runs: the SLM to 2.4 loses it (drop);
	 * keep runs it afterwards (2.5+, SM).  Unset: the generation's on a
	 * pty, keep on --stdio (a pipe is no UART, and scripts give their
	 * input up front). */
	enum { BUSY_INPUT_UNSET, BUSY_INPUT_DROP, BUSY_INPUT_KEEP, BUSY_INPUT_CONSUME } busy_input;
	char state_dir[512];	/* "" keeps no state across restarts */
	int mqtt_keepalive_s;	/* CONFIG_MQTT_KEEPALIVE */
	int datamode_time_limit_ms;	/* #XDATACTRL (0: one send per UART event) */
	bool datamode_urc;	/* CONFIG_SLM_DATAMODE_URC: "#XDATAMODE: <sent>" per send (2.2+) */
	int baud;		/* UART rate #XSLMUART reports and #XDATACTRL's minimum uses */
	bool hwfc;
	char uuid[37];		/* device UUID (#XUUID, %KEYGEN); "" derives one from the IMEI */
	char fw_uuid[37];	/* modem firmware UUID (%XMODEMUUID) */
	int boot_ms;		/* #XRESET or a wake-up until "Ready" */
	int socket_fd;		/* the handle #XSOCKET/#XSSOCKET report: the SLM's socket fd */
	/* A server of the modem (#XBIND) listens on the host's 127.0.0.1 at
	 * its port plus this, so one port can serve several modems. */
	int listen_port_offset;
	char systemmode[8];	/* %XSYSTEMMODE at boot: "LTE-M,NB-IoT,GNSS,preference" */
	bool psm_requested;	/* +CPSMS at boot (kept in the modem's NVM) */
	bool idle_context;	/* +CGDCONT?/+CGACT? list context 0 before the first attach */
	int cemode;		/* +CEMODE: 0 PS mode 2, 2 CS/PS mode 2 */
	char bands[128];	/* %XCBAND=?: the bands the modem supports */
	int uicc_init_ms;	/* UICC powered on -> %XSIM: 1 */
	bool cfun31_needs_gnss;
	char gpio_inputs[256];	/* "pin=level,...": what drives GPIO input pins */
	bool gpio_output_reads_back;	/* #XGPIO reads an output's level, not 0 */
	/* The SLM runs on the modem: "Ready" at boot, #X commands.  No: the
	 * modem as a modem-library application drives it (slmreplay's judge of
	 * a modem-only transcript). */
	bool slm;	/* AT+CFUN=31 refused while %XSYSTEMMODE has GNSS off */
	bool init_error;	/* the SLM's init fails: INIT ERROR instead of Ready (3.1+, SM) */
	char apn[64];		/* context 0's APN the host set before (NVM); "" the network's */
	char pdp_type[8];	/* context 0's PDP type before +CGDCONT sets one (NVM) */
	bool ipv6_needs_addr;	/* a family 2 socket fails to open when its PDN has no IPv6 */
	bool tcp_recvfrom_addr;	/* recvfrom() on a TCP socket fills the server's address */
	char hw_revision[16];	/* %HWVERSION's last word: the SiP's revision */
	int vbat_mv;		/* %XVBAT: the supply the modem measures */
	char pin_retries[32];	/* +CPINR: SIM PIN, SIM PIN2, SIM PUK, SIM PUK2 */
	char rel14feat[16];	/* %REL14FEAT at boot (NVM) */
	char factory_systemmode[8];	/* %XSYSTEMMODE after %XFACTORYRESET */
	bool factory_reset_creds;	/* %XFACTORYRESET=0 erases %CMNG credentials */
	bool cmng_crlf_527;	/* %CMNG types 0/1 with CR LF line ends: +CME ERROR: 527 (reports) */
	char msisdn[22];	/* the modem's phone number: SMS reach it there */
	bool xsms_shows_cmt;	/* with #XSMS started the host sees +CMT too */
	/* The SLM generation (slm_profile.h); NULL: the default, NCS 1.8.
	 * slm_profile_configure() sets it with the defaults it decides. */
	const struct slm_profile *slm_profile;
	struct gnss_config gnss;
	struct fota_config fota;
	struct net_config net;
	unsigned char given[16];	/* which keys (by index) a setting gave: config_is_set */
};

void config_defaults(struct modem_config *cfg);
/* Every key as "section.key = default ; what", one per line (docs, --help). */
void config_describe(FILE *out);
/* Every setting's value as an INI file that config_load_ini reads back. */
void config_write_ini(const struct modem_config *cfg, FILE *out);
/* Returns 0, or -1 with a message in err. */
int config_set(struct modem_config *cfg, const char *section, const char *key,
	       const char *value, char *err, size_t errlen);
/* Whether section.key was set by config_set (not a default). */
bool config_is_set(const struct modem_config *cfg, const char *section, const char *key);
/* "section.key=value" */
int config_set_arg(struct modem_config *cfg, const char *arg, char *err, size_t errlen);
int config_load_ini(struct modem_config *cfg, const char *path, char *err, size_t errlen);
/* A device UUID for cfg->imei when none is set: stable per IMEI, so a fleet's
 * modems differ and a replay is the same every time. */
void config_fill_uuid(struct modem_config *cfg);

#endif
