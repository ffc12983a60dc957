/* The one command table.  Adding a command is a handler (declared in its
 * cmd_*.h) and a row here; everything else (dispatch, --list-commands,
 * docs/commands.md, slmreplay's reading of logs) follows from the row. */
#include "cmd_table.h"

#include "at_cmd.h"
#include "cmd_cereg.h"
#include "cmd_cfun.h"
#include "cmd_cmng.h"
#include "cmd_coneval.h"
#include "cmd_events.h"
#include "cmd_factory.h"
#include "cmd_fota.h"
#include "cmd_generic.h"
#include "cmd_keygen.h"
#include "cmd_gpio.h"
#include "cmd_gps.h"
#include "cmd_mdmev.h"
#include "cmd_nrfcloud.h"
#include "cmd_modemcfg.h"
#include "cmd_modeminfo.h"
#include "cmd_mqtt.h"
#include "cmd_ftp.h"
#include "cmd_httpc.h"
#include "cmd_netinfo.h"
#include "cmd_pdn.h"
#include "cmd_ping.h"
#include "cmd_psm.h"
#include "cmd_sim.h"
#include "cmd_slm.h"
#include "cmd_sms.h"
#include "cmd_socket.h"
#include "cmd_socket_io.h"
#include "cmd_socket_sm.h"
#include "cmd_sockserver.h"
#include "cmd_tcp_proxy.h"
#include "cmd_udp_proxy.h"
#include "cmd_sockopt.h"
#include "cmd_time.h"
#include "cmd_tlsopt.h"
#include "cmd_xsms.h"

#define SLM18 "SLM 1.8.0"
#define MFW13 "mfw 1.3.x"
/* CFUN modes in which LTE is active: settings that need it off refuse. */
#define LTE_ACTIVE (AT_CFUN(1) | AT_CFUN(2) | AT_CFUN(21))

const struct at_cmd_def at_commands[] = {
	{ .name = "+CMEE", .origin = AT_ORIGIN_MODEM, .set = cmee_set, .read = cmee_read,
	  .schema = &cmee_schema, .since = MFW13,
	  .summary = "error reporting: 0 plain ERROR, 1 +CME ERROR with a code" },
	{ .name = "+CGMI", .origin = AT_ORIGIN_MODEM, .action = cgmi_action, .since = MFW13,
	  .summary = "manufacturer" },
	{ .name = "+CGMM", .origin = AT_ORIGIN_MODEM, .action = cgmm_action, .since = MFW13,
	  .summary = "model" },
	{ .name = "+CGMR", .origin = AT_ORIGIN_MODEM, .action = cgmr_action, .since = MFW13,
	  .summary = "modem firmware revision" },
	{ .name = "+CGSN", .origin = AT_ORIGIN_MODEM, .action = cgsn_run, .set = cgsn_run,
	  .schema = &cgsn_schema, .since = MFW13, .summary = "IMEI, IMEISV or SVN" },
	{ .name = "#XSLMVER", .origin = AT_ORIGIN_SLM, .set = xslmver_set, .since = SLM18,
	  .summary = "SLM version" },
	{ .name = "#XSLEEP", .origin = AT_ORIGIN_SLM, .set = xsleep_set,
	  .schema = &xsleep_schema, .since = SLM18,
	  .summary = "sleep: input is lost until SIGUSR1 (the wake-up GPIO), then Ready",
	  .limits = "no power states: a pty has no GPIO, SIGUSR1 stands for the wake-up pin" },
	{ .name = "#XRESET", .origin = AT_ORIGIN_SLM, .set = xreset_set, .flags = AT_F_REBOOTS,
	  .since = SLM18,
	  .summary = "OK, then a cold boot: Ready, RAM state gone, credentials kept" },
	{ .name = "#XUUID", .origin = AT_ORIGIN_SLM, .set = xuuid_set, .since = SLM18,
	  .summary = "device UUID" },
	{ .name = "#XCLAC", .origin = AT_ORIGIN_SLM, .set = xclac_set, .since = SLM18,
	  .summary = "the SLM's command list" },
	{ .name = "#XSLMUART", .origin = AT_ORIGIN_SLM, .set = xslmuart_set, .read = xslmuart_read,
	  .schema = &xslmuart_schema, .since = SLM18,
	  .summary = "UART rate and flow control (kept; a pty ignores them)",
	  .limits = "the values are kept and read back; a pty has no baud rate" },
	{ .name = "#XDATACTRL", .origin = AT_ORIGIN_SLM, .set = xdatactrl_set,
	  .read = xdatactrl_read, .schema = &xdatactrl_schema, .since = SLM18,
	  .summary = "data mode time limit: gather input until the line is quiet" },
	{ .name = "+CFUN", .origin = AT_ORIGIN_MODEM, .set = cfun_set, .read = cfun_read,
	  .schema = &cfun_schema, .since = MFW13,
	  .summary = "functional mode: LTE, GNSS and UICC per mode (0,1,2,4,20,21,30,31,40,41,44)",
	  .limits = "GNSS modes change state only: there is no GNSS receiver" },
	{ .name = "+CEREG", .origin = AT_ORIGIN_MODEM, .set = cereg_set, .read = cereg_read,
	  .schema = &cereg_schema, .since = MFW13,
	  .summary = "registration status and its URCs, shaped by n" },
	{ .name = "%XSYSTEMMODE", .origin = AT_ORIGIN_MODEM, .set = xsystemmode_set,
	  .schema = &xsystemmode_schema,
	  .read = xsystemmode_read, .cfun_refused = LTE_ACTIVE, .since = MFW13,
	  .summary = "LTE-M, NB-IoT, GNSS and the preference: the AcT the network reports" },
	{ .name = "+CGDCONT", .origin = AT_ORIGIN_MODEM, .set = cgdcont_set, .read = cgdcont_read,
	  .schema = &cgdcont_schema, .since = MFW13, .summary = "PDP contexts; context 0 gets the network's APN and address" },
	{ .name = "+CGACT", .origin = AT_ORIGIN_MODEM, .set = cgact_set,
	  .schema = &cgact_schema, .read = cgact_read,
	  .since = MFW13, .summary = "context activation" },
	{ .name = "+CGPADDR", .origin = AT_ORIGIN_MODEM, .action = cgpaddr_set, .set = cgpaddr_set,
	  .schema = &cgpaddr_schema, .test_fn = cgpaddr_test, .since = MFW13, .summary = "addresses of active contexts" },
	{ .name = "+CPSMS", .origin = AT_ORIGIN_MODEM, .set = cpsms_set, .read = cpsms_read,
	  .schema = &cpsms_schema,
	  .since = MFW13, .summary = "PSM request; granted timers show in +CEREG n=4/5" },
	{ .name = "+CEDRXS", .origin = AT_ORIGIN_MODEM, .set = cedrxs_set, .read = cedrxs_read,
	  .schema = &cedrxs_schema,
	  .since = MFW13,
	  .summary = "eDRX request, +CEDRXP URC with mode 2" },
	{ .name = "+CEDRXRDP", .origin = AT_ORIGIN_MODEM, .action = cedrxrdp_action,
	  .since = MFW13, .summary = "eDRX the network granted" },
	{ .name = "+CESQ", .origin = AT_ORIGIN_MODEM, .action = cesq_action,
	  .test = "+CESQ: (99),(99),(255),(255),(0-34,255),(0-97,255)", .since = MFW13,
	  .summary = "signal quality (RSRQ, RSRP) while camped" },
	{ .name = "%CESQ", .origin = AT_ORIGIN_MODEM, .set = xcesq_set,
	  .schema = &xcesq_schema, .since = MFW13,
	  .summary = "signal quality URC subscription" },
	{ .name = "+COPS", .origin = AT_ORIGIN_MODEM, .set = cops_set, .read = cops_read,
	  .schema = &cops_schema, .test_fn = cops_test, .since = MFW13,
	  .summary = "operator: automatic, manual (blocks other PLMNs), format" },
	{ .name = "%XCBAND", .origin = AT_ORIGIN_MODEM, .action = xcband_action,
	  .test_fn = xcband_test, .since = MFW13,
	  .summary = "the band in use (0 when not camped), and the supported bands" },
	{ .name = "+CEMODE", .origin = AT_ORIGIN_MODEM, .set = cemode_set,
	  .schema = &cemode_schema, .read = cemode_read,
	  .since = MFW13,
	  .summary = "UE mode of operation: 0 PS mode 2, 2 CS/PS mode 2 (kept)" },
	{ .name = "+CNEC", .origin = AT_ORIGIN_MODEM, .set = cnec_set, .read = cnec_read,
	  .schema = &cnec_schema, .since = MFW13,
	  .summary = "EMM/ESM error code reporting (kept: the network never rejects)" },
	{ .name = "+CGEREP", .origin = AT_ORIGIN_MODEM, .set = cgerep_set, .read = cgerep_read,
	  .schema = &cgerep_schema, .since = MFW13,
	  .summary = "+CGEV packet domain events: PDN ACT at attach, ME DETACH at radio off" },
	{ .name = "+CNMI", .origin = AT_ORIGIN_MODEM, .set = cnmi_set, .read = cnmi_read,
	  .schema = &cnmi_schema, .since = MFW13,
	  .summary = "new SMS indication: 3,2 routes each SMS to the host as +CMT (PDU mode)",
	  .limits = "the values NCS's sms library uses; no class 2 storage (+CMTI), no "
		    "status reports (+CDS)" },
	{ .name = "+CMGS", .origin = AT_ORIGIN_MODEM, .set = cmgs_set, .schema = &cmgs_schema,
	  .flags = AT_F_NEEDS_REG, .since = MFW13,
	  .summary = "send an SMS-SUBMIT PDU: AT+CMGS=<length>, CR, hex, Ctrl-Z in one line; "
		     "+CMGS: <mr>",
	  .limits = "no '>' prompt: the PDU comes in the command's line, as the SLM forwards "
		    "it; no status reports" },
	{ .name = "+CNMA", .origin = AT_ORIGIN_MODEM, .action = cnma_run, .set = cnma_run,
	  .schema = &cnma_schema, .since = MFW13, .summary = "acknowledge the last +CMT",
	  .limits = "an unacknowledged SMS is not sent again" },
	{ .name = "+CIND", .origin = AT_ORIGIN_MODEM, .set = cind_set, .read = cind_read,
	  .schema = &cind_schema,
	  .since = MFW13, .summary = "service and roaming indicators and their URCs",
	  .limits = "the message indicator stays 0 (no SMS)" },
	{ .name = "%XSIM", .origin = AT_ORIGIN_MODEM, .set = xsim_set, .read = xsim_read,
	  .schema = &xsim_schema,
	  .since = MFW13, .summary = "UICC state and its URC (%XSIM: 1 once initialised)",
	  .limits = "no PIN or failure causes: the UICC always initialises" },
	{ .name = "+CSCON", .origin = AT_ORIGIN_MODEM, .set = cscon_set, .read = cscon_read,
	  .schema = &cscon_schema, .since = MFW13,
	  .summary = "RRC connection URCs: up with attach and traffic, released after "
		     "network.rrc_idle_ms idle",
	  .limits = "levels 2 and 3 report like 1 (no state or access fields)" },
	{ .name = "%XMONITOR", .origin = AT_ORIGIN_MODEM, .action = xmonitor_action, .since = MFW13,
	  .summary = "network and cell details while registered",
	  .limits = "one serving cell; neighbour and energy-estimate fields come from "
		    "configuration" },
	{ .name = "+CPIN", .origin = AT_ORIGIN_MODEM, .set = cpin_set, .read = cpin_read,
	  .schema = &cpin_schema, .since = MFW13, .summary = "SIM state: READY while the UICC is on" },
	{ .name = "+CIMI", .origin = AT_ORIGIN_MODEM, .action = cimi_action, .since = MFW13,
	  .summary = "IMSI (UICC on)" },
	{ .name = "%XICCID", .origin = AT_ORIGIN_MODEM, .action = xiccid_action, .since = MFW13,
	  .summary = "ICCID (UICC on)" },
	{ .name = "%XMODEMUUID", .origin = AT_ORIGIN_MODEM, .action = xmodemuuid_action,
	  .since = MFW13, .summary = "modem firmware UUID" },
	{ .name = "%XBANDLOCK", .origin = AT_ORIGIN_MODEM, .set = xbandlock_set,
	  .read = xbandlock_read, .schema = &xbandlock_schema, .cfun_refused = LTE_ACTIVE, .since = MFW13,
	  .summary = "band lock: a cell outside it cannot be used" },
	{ .name = "%XCONNSTAT", .origin = AT_ORIGIN_MODEM, .set = xconnstat_set,
	  .schema = &xconnstat_schema,
	  .read = xconnstat_read, .since = MFW13, .summary = "traffic statistics of the sockets" },
	{ .name = "+CCLK", .origin = AT_ORIGIN_MODEM, .set = cclk_set, .read = cclk_read,
	  .schema = &cclk_schema,
	  .since = MFW13, .summary = "clock: the network's time from registration" },
	{ .name = "%XTIME", .origin = AT_ORIGIN_MODEM, .set = xtime_set,
	  .schema = &xtime_schema, .since = MFW13,
	  .summary = "network time URC subscription" },
	{ .name = "%CMNG", .origin = AT_ORIGIN_MODEM, .set = cmng_set, .schema = &cmng_schema,
	  .flags = AT_F_CRED_WRITE, .cfun_refused = LTE_ACTIVE,
	  .since = MFW13, .summary = "credential write, list, read, delete" },
	{ .name = "%KEYGEN", .origin = AT_ORIGIN_MODEM, .set = keygen_set,
	  .schema = &keygen_schema,
	  .cfun_refused = LTE_ACTIVE, .flags = AT_F_FRESH | AT_F_MAKES_KEY,
	  .since = "mfw 1.3.0", .summary = "a P-256 key made in the modem: CSR or public key, "
	  "COSE-signed" },
	{ .name = "%ATTESTTOKEN", .origin = AT_ORIGIN_MODEM, .action = attesttoken_action,
	  .flags = AT_F_FRESH,
	  .since = "mfw 1.3.0", .summary = "attestation token, COSE-signed" },
	{ .name = "+CSQ", .origin = AT_ORIGIN_MODEM, .action = csq_action,
	  .test = "+CSQ: (99),(99)", .since = MFW13,
	  .summary = "signal quality of 27.007's GSM/UMTS scale: always 99,99 (not known) on LTE" },
	{ .name = "%XVBAT", .origin = AT_ORIGIN_MODEM, .action = xvbat_action, .since = MFW13,
	  .summary = "battery voltage in mV (`modem.vbat_mv`)",
	  .limits = "a fixed supply: no discharge, no low-battery events" },
	{ .name = "%HWVERSION", .origin = AT_ORIGIN_MODEM, .action = hwversion_action,
	  .since = MFW13, .summary = "hardware: the +CGMM model and `modem.hw_revision`" },
	{ .name = "%SHORTSWVER", .origin = AT_ORIGIN_MODEM, .action = shortswver_action,
	  .since = MFW13, .summary = "firmware: +CGMR without its `mfw_`" },
	{ .name = "+CEER", .origin = AT_ORIGIN_MODEM, .action = ceer_action, .since = MFW13,
	  .summary = "extended error report: the EMM cause of a rejected attach",
	  .limits = "the report's text is UNCONFIRMED; only attach rejections are reported" },
	{ .name = "%CONEVAL", .origin = AT_ORIGIN_MODEM, .action = coneval_action,
	  .since = "mfw 1.3.0",
	  .summary = "connection evaluation of the network model's cell (+CFUN 1, 2, 21)",
	  .limits = "energy estimate, CE level, TX power, repetitions and path loss are derived "
		    "from RSRP with UNCONFIRMED thresholds" },
	{ .name = "+CRSM", .origin = AT_ORIGIN_MODEM, .set = crsm_set, .schema = &crsm_schema,
	  .since = MFW13,
	  .summary = "restricted SIM access: READ BINARY of EF_ICCID (the ICCID, BCD, "
		     "nibble-swapped)",
	  .limits = "other commands and files answer `ERROR`; the log says which are emulated" },
	{ .name = "+CLAC", .origin = AT_ORIGIN_MODEM, .action = clac_action, .since = MFW13,
	  .summary = "the modem's commands: the modem rows of this table",
	  .limits = "lists only the modem commands slmsim emulates" },
	{ .name = "+CPINR", .origin = AT_ORIGIN_MODEM, .set = cpinr_set, .since = MFW13,
	  .schema = &cpinr_schema,
	  .summary = "PIN and PUK tries left (`modem.pin_retries`), `*` matches several" },
	{ .name = "%XFACTORYRESET", .origin = AT_ORIGIN_MODEM, .set = xfactoryreset_set,
	  .schema = &xfactoryreset_schema, .cfun_refused = LTE_ACTIVE, .since = "mfw 1.3.0",
	  .summary = "factory reset: 1 user-configurable settings, 0 all modem data",
	  .limits = "no restart; type 0 erases credentials only with "
		    "`modem.factory_reset_creds` (both UNCONFIRMED)" },
	{ .name = "%XDATAPRFL", .origin = AT_ORIGIN_MODEM, .set = xdataprfl_set,
	  .schema = &xdataprfl_schema, .read = xdataprfl_read, .since = MFW13,
	  .summary = "data profile 0..4 (kept)", .limits = "kept and read back; no power model" },
	{ .name = "%REL14FEAT", .origin = AT_ORIGIN_MODEM, .set = rel14feat_set,
	  .schema = &rel14feat_schema, .read = rel14feat_read, .since = MFW13,
	  .summary = "release 14 features: five flags (kept; `modem.rel14feat` at boot)",
	  .limits = "kept and read back; the network model has no release 14 features" },
	{ .name = "%XRAI", .origin = AT_ORIGIN_MODEM, .action = xrai_run, .set = xrai_run,
	  .read = xrai_read, .schema = &xrai_schema, .since = MFW13,
	  .summary = "control plane release assistance 0, 3 or 4 (kept)",
	  .limits = "kept and read back; no control plane data" },
	{ .name = "%RAI", .origin = AT_ORIGIN_MODEM, .action = rai_run, .set = rai_run,
	  .read = rai_read, .schema = &rai_schema, .since = MFW13,
	  .summary = "release assistance support 0 or 1; 2 (with notifications) on nRF91x1 2.0.2+",
	  .limits = "kept and read back (the read form is UNCONFIRMED); no %RAI notifications, "
		    "the network model has no RAI" },
	{ .name = "%XPTW", .origin = AT_ORIGIN_MODEM, .set = xptw_set, .read = xptw_read,
	  .schema = &xptw_schema,
	  .since = MFW13, .summary = "requested eDRX paging time window per AcT (kept)",
	  .limits = "the network grants `network.ptw` whatever is asked" },
	{ .name = "%XMODEMTRACE", .origin = AT_ORIGIN_MODEM, .set = xmodemtrace_set,
	  .schema = &xmodemtrace_schema,
	  .since = MFW13, .summary = "modem trace set on (1,<set>) or off (0)",
	  .limits = "no trace data: traces never reach the AT UART; bitmap operations answer "
		    "`ERROR`" },
	{ .name = "%MDMEV", .origin = AT_ORIGIN_MODEM, .set = mdmev_set, .since = MFW13,
	  .schema = &mdmev_schema,
	  .summary = "modem domain events: SEARCH STATUS 1/2 around the network search",
	  .limits = "no overheating, low battery or reset loop events" },
	{ .name = "%XMAGPIO", .origin = AT_ORIGIN_MODEM, .action = xmagpio_run, .set = xmagpio_run,
	  .read = xmagpio_read, .schema = &xmagpio_schema, .since = MFW13,
	  .summary = "MAGPIO antenna pins per frequency range (kept)",
	  .limits = "kept and read back; no pins, no antenna model" },
	{ .name = "%XCOEX0", .origin = AT_ORIGIN_MODEM, .action = xcoex0_run, .set = xcoex0_run,
	  .read = xcoex0_read, .schema = &xcoex0_schema, .since = MFW13,
	  .summary = "COEX0 pin per frequency range (kept)",
	  .limits = "kept and read back; no pin" },
	{ .name = "#XTCPSVR", .origin = AT_ORIGIN_SLM, .set = xtcpsvr_set, .read = xtcpsvr_read,
	  .schema = &xtcpsvr_schema, .flags = AT_F_NEEDS_REG, .peer = AT_PEER_PROXY, .since = SLM18,
	  .summary = "TCP server proxy on the host's 127.0.0.1 (::1 for op 2) at its port (plus "
		     "`modem.listen_port_offset`): client URCs, `#XTCPDATA`",
	  .limits = "one client (a second is closed, as the SLM does); no TLS server (the "
		    "modem has none)" },
	{ .name = "#XTCPCLI", .origin = AT_ORIGIN_SLM, .set = xtcpcli_set, .read = xtcpcli_read,
	  .schema = &xtcpcli_schema, .flags = AT_F_NEEDS_REG | AT_F_BLOCKING,
	  .peer = AT_PEER_PROXY, .since = SLM18,
	  .summary = "TCP (or TLS with a sec_tag) client proxy, IPv4 or IPv6 (op 2): what the "
		     "peer sends comes as `#XTCPDATA`" },
	{ .name = "#XTCPSEND", .origin = AT_ORIGIN_SLM, .set = xtcpsend_set,
	  .schema = &xtcpsend_schema, .peer = AT_PEER_PROXY, .since = SLM18,
	  .summary = "send through the TCP proxy, data mode without data" },
	{ .name = "#XTCPHANGUP", .origin = AT_ORIGIN_SLM, .set = xtcphangup_set,
	  .schema = &xtcphangup_schema, .peer = AT_PEER_PROXY, .since = SLM18,
	  .summary = "the TCP server drops its client" },
	{ .name = "#XUDPSVR", .origin = AT_ORIGIN_SLM, .set = xudpsvr_set, .read = xudpsvr_read,
	  .schema = &xudpsvr_schema, .flags = AT_F_NEEDS_REG | AT_F_DATAGRAM, .peer = AT_PEER_PROXY,
	  .since = SLM18,
	  .summary = "UDP server proxy on the host's 127.0.0.1 (::1 for op 2) at its port (plus "
		     "`modem.listen_port_offset`): datagrams as `#XUDPDATA`, answers to the last "
		     "sender" },
	{ .name = "#XUDPCLI", .origin = AT_ORIGIN_SLM, .set = xudpcli_set, .read = xudpcli_read,
	  .schema = &xudpcli_schema, .flags = AT_F_NEEDS_REG | AT_F_DATAGRAM, .peer = AT_PEER_PROXY,
	  .since = SLM18, .summary = "UDP client proxy: datagrams back as `#XUDPDATA`",
	  .limits = "no DTLS (a sec_tag answers `ERROR`; `#XSSOCKET` has DTLS); "
		    "datagrams from any sender are taken" },
	{ .name = "#XUDPSEND", .origin = AT_ORIGIN_SLM, .set = xudpsend_set,
	  .schema = &xudpsend_schema, .flags = AT_F_DATAGRAM, .peer = AT_PEER_PROXY, .since = SLM18,
	  .summary = "send a datagram through the UDP proxy, data mode without data" },
	{ .name = "#XSOCKET", .origin = AT_ORIGIN_SLM, .set = xsocket_set, .read = xsocket_read,
	  .schema = &xsocket_schema,
	  .test_fn = xsocket_test, .flags = AT_F_OPENS_SOCKET,
	  .since = SLM18,
	  .summary = "open or close the socket: TCP or UDP, IPv4 (op 1) or IPv6 (op 2, over "
		     "the host's ::1 when the PDN has an IPv6 address), or RAW (type 3: whole IP "
		     "packets; the network answers ICMP echo requests)",
	  .limits = "a RAW socket's packets other than ICMP echo requests get no answer (the "
		    "log says why)" },
	{ .name = "#XSSOCKET", .origin = AT_ORIGIN_SLM, .set = xssocket_set, .read = xssocket_read,
	  .schema = &xssocket_schema,
	  .flags = AT_F_OPENS_SOCKET,
	  .since = SLM18,
	  .summary = "open a TLS or DTLS (PSK) client socket",
	  .limits = "client only (no server role); a DTLS receive may join datagrams" },
	{ .name = "#XSOCKETOPT", .origin = AT_ORIGIN_SLM, .set = xsocketopt_set,
	  .schema = &xsocketopt_schema, .since = SLM18,
	  .summary = "socket options: kept with the socket, read back as SLM v1.8 prints them",
	  .limits = "values are kept and read back; only the SLM's own handling of them is "
		    "emulated (a time-out set here does not change #XRECV)" },
	{ .name = "#XSSOCKETOPT", .origin = AT_ORIGIN_SLM, .set = xssocketopt_set,
	  .schema = &xssocketopt_schema, .since = SLM18,
	  .summary = "TLS socket options: host name, peer verify, session cache",
	  .limits = "session cache and DTLS options are accepted with no effect" },
	{ .name = "#XBIND", .origin = AT_ORIGIN_SLM, .set = xbind_set, .schema = &xbind_schema,
	  .flags = AT_F_NEEDS_REG, .since = SLM18,
	  .summary = "bind the socket to a port: the host's 127.0.0.1 (::1 for IPv6) at that "
		     "port (plus `modem.listen_port_offset`), where local peers reach it; the PDN "
		     "needs an address of the socket's family",
	  .limits = "binds to the host's loopback, not a PDN address; TLS/DTLS sockets are "
		    "not bound (no server-side TLS)" },
	{ .name = "#XLISTEN", .origin = AT_ORIGIN_SLM, .set = xlisten_set,
	  .schema = &xlisten_schema, .since = SLM18,
	  .summary = "listen on the bound TCP server socket (backlog 1)",
	  .limits = "listening before `#XBIND` answers `ERROR` (UNCONFIRMED on the modem)" },
	{ .name = "#XACCEPT", .origin = AT_ORIGIN_SLM, .set = xaccept_set, .read = xaccept_read,
	  .schema = &xaccept_schema, .flags = AT_F_BLOCKING, .since = SLM18,
	  .summary = "accept a local client: `#XACCEPT: <fd>,\"<ip>\"`; `#XSEND`/`#XRECV` "
		     "then use it",
	  .limits = "one client at a time: a second accept closes the first client's "
		    "connection (the SLM leaves it open, unused)" },
	{ .name = "#XCONNECT", .origin = AT_ORIGIN_SLM, .set = xconnect_set,
	  .schema = &xconnect_schema,
	  .flags = AT_F_NEEDS_REG | AT_F_BLOCKING,
	  .peer = AT_PEER_SOCKET, .since = SLM18,
	  .summary = "connect the socket (TCP, TLS handshake)" },
	{ .name = "#XSEND", .origin = AT_ORIGIN_SLM, .set = xsend_set, .schema = &xsend_schema,
	  .peer = AT_PEER_SOCKET, .since = SLM18,
	  .summary = "send on the socket, data mode without data" },
	{ .name = "#XRECV", .origin = AT_ORIGIN_SLM, .set = xrecv_set, .schema = &xrecv_schema,
	  .flags = AT_F_RECEIVES,
	  .since = SLM18, .summary = "receive from the socket (binary, whole)" },
	{ .name = "#XSENDTO", .origin = AT_ORIGIN_SLM, .set = xsendto_set,
	  .schema = &xsendto_schema,
	  .flags = AT_F_NEEDS_REG,
	  .peer = AT_PEER_SOCKET, .since = SLM18,
	  .summary = "send a UDP datagram, data mode without data" },
	{ .name = "#XRECVFROM", .origin = AT_ORIGIN_SLM, .set = xrecvfrom_set,
	  .schema = &xrecvfrom_schema,
	  .flags = AT_F_RECEIVES, .since = SLM18,
	  .summary = "receive a UDP datagram and its sender; on a TCP client one read of the "
		     "connection, up to a datagram's 1252 bytes, with the server's address",
	  .limits = "on TCP, whether the modem's recvfrom() gives the server's address is "
		    "UNCONFIRMED (`modem.tcp_recvfrom_addr`); a TCP server answers `ERROR` at once "
		    "(the SLM polls its listening socket first)" },
	{ .name = "#XGETADDRINFO", .origin = AT_ORIGIN_SLM, .set = xgetaddrinfo_set,
	  .schema = &xgetaddrinfo_schema,
	  .flags = AT_F_NEEDS_REG, .since = SLM18,
	  .summary = "DNS lookup (the emulated DNS): the IPv4 address, or the IPv6 one of a "
		     "name with none",
	  .limits = "names resolve through the emulated DNS (`--resolve`, scenarios); one "
		    "address (the SLM's loop over several prints the first one's bytes)" },
	{ .name = "#XPING", .origin = AT_ORIGIN_SLM, .set = xping_set, .schema = &xping_schema,
	  .flags = AT_F_NEEDS_REG, .since = SLM18,
	  .summary = "ICMP echo: one line per reply, then the average",
	  .limits = "no packets leave: round trips come from `network.ping_rtt_ms`; the host "
		    "must resolve in the emulated DNS; an IPv6 target needs the PDN's IPv6 "
		    "address" },
	{ .name = "#XGPIOCFG", .origin = AT_ORIGIN_SLM, .set = xgpiocfg_set, .read = xgpiocfg_read,
	  .schema = &xgpiocfg_schema, .since = SLM18,
	  .summary = "configure a pin of GPIO port 0 (0..31): disable, output, input pull-up/down; "
		     "? lists the configured pins",
	  .limits = "a pin model, no hardware: inputs read `modem.gpio_inputs`, else their pull" },
	{ .name = "#XGPIO", .origin = AT_ORIGIN_SLM, .set = xgpio_set, .schema = &xgpio_schema,
	  .since = SLM18, .summary = "write, read or toggle a configured pin (<op> before <pin>)",
	  .limits = "a pin model: nothing outside sees the outputs; an output reads 0 "
		    "(`modem.gpio_output_reads_back`)" },
	{ .name = "#XGPS", .origin = AT_ORIGIN_SLM, .set = xgps_set, .schema = &xgps_schema,
	  .since = SLM18,
	  .summary = "GNSS start (single fix, continuous or periodic, with a fix retry) and stop: "
		     "a #XGPS URC per fix; refused while GNSS is off in +CFUN or %XSYSTEMMODE",
	  .limits = "no receiver: the position is `gnss.lat`/`gnss.lon`/`gnss.alt` or the track "
		    "`gnss.track`, fixes after `gnss.fix_ms` (then `gnss.refix_ms`); LTE never "
		    "blocks GNSS" },
	{ .name = "#XNRFCLOUD", .origin = AT_ORIGIN_SLM, .set = xnrfcloud_set, .read = xnrfcloud_read,
	  .schema = &xnrfcloud_schema, .since = SLM18,
	  .summary = "nRF Cloud connect, send, disconnect: as the SLM answers when no cloud "
		     "is reachable",
	  .limits = "no nRF Cloud: a connect answers OK and nothing follows (the library's "
		    "failure is only logged by the SLM); send and disconnect answer ERROR" },
	{ .name = "#XSMS", .origin = AT_ORIGIN_SLM, .set = xsms_set, .schema = &xsms_schema,
	  .since = SLM18,
	  .summary = "SMS: start (the SLM's sms library takes +CNMI), stop, send GSM 7-bit text "
		     "(concatenated past 160); #XSMS URC per message, 3 parts joined",
	  .limits = "messages go to the modems of this slmsim by number (modem.msisdn) and "
		    "come from `slmctl sms`; to any other number they are accepted and dropped" },
	{ .name = "#XFOTA", .origin = AT_ORIGIN_SLM, .set = xfota_set, .schema = &xfota_schema,
	  .since = SLM18,
	  .summary = "FOTA: an application (MCUboot) or modem delta image over HTTP(S) Range "
		     "requests, `#XFOTA: <stage>,<status>[,<info>]` URCs; after `#XRESET` the new "
		     "image runs (`#XSLMVER`, `+CGMR`) and its result follows Ready",
	  .limits = "images in slmsim's layout (docs/fota.md: MCUboot header and SHA-256 TLV, "
		    "no signature; a delta of slmsim's own); no <pdn_id> binding" },
	{ .name = "#XFTP", .origin = AT_ORIGIN_SLM, .set = xftp_set, .schema = &xftp_schema,
	  .flags = AT_F_NEEDS_REG | AT_F_BLOCKING, .since = SLM18,
	  .summary = "FTP client: open (plain, or TLS from the start with a sec_tag), close, "
		     "status, ascii, binary, verbose, pwd, cd, ls, mkdir, rmdir, rename, delete, "
		     "get, put, uput, mput (data mode without data); the server's replies as "
		     "received, passive data connections",
	  .limits = "the SLM's stop (#XRESET, #XSLEEP) sends QUIT without showing its reply; "
		    "the 1252-byte listing/file buffer is UNCONFIRMED by one byte (Zephyr 2.7 "
		    "ring buffer)" },
	{ .name = "#XMQTTCON", .origin = AT_ORIGIN_SLM, .set = xmqttcon_set, .read = xmqttcon_read,
	  .schema = &xmqttcon_schema,
	  .flags = AT_F_NEEDS_REG | AT_F_BLOCKING, .peer = AT_PEER_BROKER, .since = SLM18,
	  .summary = "MQTT 3.1.1 connect (TCP or TLS) and disconnect" },
	{ .name = "#XHTTPCCON", .origin = AT_ORIGIN_SLM, .set = xhttpccon_set,
	  .read = xhttpccon_read, .schema = &xhttpccon_schema,
	  .flags = AT_F_NEEDS_REG | AT_F_BLOCKING, .peer = AT_PEER_HTTP, .since = SLM18,
	  .summary = "HTTP client connect (TCP, or TLS with a sec_tag and peer verification) "
		     "and disconnect",
	  .limits = "op 2 (IPv6) connects to the name's IPv6 address (::1 for a local peer) "
		    "and needs the PDN's" },
	{ .name = "#XHTTPCREQ", .origin = AT_ORIGIN_SLM, .set = xhttpcreq_set,
	  .schema = &xhttpcreq_schema, .peer = AT_PEER_HTTP, .since = SLM18,
	  .summary = "HTTP request (body in data mode); #XHTTPCRSP URCs with the header, then "
		     "the body as the SLM cuts it from its 1024-byte buffer",
	  .limits = "bytes the SLM reads past its buffer (chunked bodies) are cut at its end" },
	{ .name = "#XMQTTSUB", .origin = AT_ORIGIN_SLM, .set = xmqttsub_set,
	  .schema = &xmqttsub_schema,
	  .flags = AT_F_SUBSCRIBES, .since = SLM18, .summary = "MQTT subscribe" },
	{ .name = "#XMQTTUNSUB", .origin = AT_ORIGIN_SLM, .set = xmqttunsub_set,
	  .schema = &xmqttunsub_schema, .since = SLM18, .summary = "MQTT unsubscribe" },
	{ .name = "#XMQTTPUB", .origin = AT_ORIGIN_SLM, .set = xmqttpub_set,
	  .schema = &xmqttpub_schema,
	  .peer = AT_PEER_BROKER, .flags = AT_F_EMPTY_DATAMODE, .since = SLM18,
	  .summary = "MQTT publish, data mode without a message" },
};

const struct slm_rows at_table = { .rows = at_commands, .n = ARRAY_SIZE(at_commands) };

const struct cmd_module cmd_modules[] = {
	{ .name = "mdmev", .init = mdmev_init, .fini = mdmev_fini,
	  .net_changed = mdmev_net_changed },	/* the search ends before +CEREG: 2 */
	{ .name = "cereg", .net_changed = cereg_net_changed },
	{ .name = "psm", .net_changed = psm_net_changed },
	{ .name = "netinfo", .net_changed = netinfo_net_changed },
	{ .name = "pdn", .net_changed = pdn_net_changed },
	{ .name = "ping", .init = ping_init, .fini = ping_fini },
	{ .name = "events", .init = events_init, .fini = events_fini,
	  .net_changed = events_net_changed },
	{ .name = "time", .net_changed = time_net_changed },
	{ .name = "socket", .init = socket_init, .fini = socket_fini,
	  .net_changed = socket_net_changed, .uninit = socket_uninit },
	{ .name = "socket_sm", .init = smsock_init, .fini = smsock_fini },
	{ .name = "tcp_proxy", .init = tcp_proxy_init, .fini = tcp_proxy_fini },
	{ .name = "udp_proxy", .init = udp_proxy_init, .fini = udp_proxy_fini },
	{ .name = "mqtt", .init = mqtt_init, .fini = mqtt_fini, .net_changed = mqtt_net_changed,
	  .uninit = mqtt_uninit },
	{ .name = "keygen", .fini = keygen_free_identity },
	{ .name = "modemcfg", .init = modemcfg_init, .fini = modemcfg_fini },
	{ .name = "sms", .init = sms_init, .fini = sms_fini },
	{ .name = "gpio", .init = gpio_init, .fini = gpio_fini },
	{ .name = "nrfcloud", .init = nrfcloud_init, .fini = nrfcloud_fini },
	{ .name = "gps", .init = gps_init, .fini = gps_fini, .uninit = gps_uninit },
	{ .name = "httpc", .init = httpc_init, .fini = httpc_fini },
	{ .name = "fota", .init = fota_init, .fini = fota_fini, .booted = fota_booted },
	{ .name = "ftp", .init = ftp_init, .fini = ftp_fini, .uninit = ftp_uninit },
	{ .name = NULL },
};
