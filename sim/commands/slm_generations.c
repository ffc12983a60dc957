/* The SLM generations as data: profiles A to H of slm-versions.md.  Each
 * lists its own rows ahead of the rows it shares (a later row of the same
 * name shadows an earlier generation's), the rows it lacks, the features
 * it has from the release that brought them, and its framing, data mode
 * and URC rules.  NCS 1.8's rows are the whole command table (cmd_table.c). */
#include "slm_profiles.h"

#include "cmd_table.h"

#define V(a, b, c) { a, b, c }
#define NCS(a, b, c, d) { SLM_LINE_NCS, V(a, b, 0), V(c, d, 0) }
#define SM(a, b, c, d) { SLM_LINE_SM, V(a, b, 0), V(c, d, 0) }
#define FEATURES(f) .features = (f), .n_features = ARRAY_SIZE(f)
#define ROWS(r) .row_sets = (r), .n_row_sets = ARRAY_SIZE(r)

/* What AT#XCLAC prints, in order, on an SLM v1.8 build for the nRF9160 DK:
 * default Kconfig; its board overlay disables i2c2, so the #XTWI* commands
 * are absent (fact sheet 9).  Later generations print their SLM rows. */
static const char *const ncs18_clac[] = {
	"AT#XSLMVER", "AT#XSLEEP", "AT#XRESET", "AT#XUUID", "AT#XCLAC", "AT#XSLMUART",
	"AT#XDATACTRL", "AT#XTCPSVR", "AT#XTCPCLI", "AT#XTCPSEND", "AT#XTCPHANGUP",
	"AT#XUDPSVR", "AT#XUDPCLI", "AT#XUDPSEND", "AT#XSOCKET", "AT#XSSOCKET",
	"AT#XSOCKETOPT", "AT#XSSOCKETOPT", "AT#XBIND", "AT#XCONNECT", "AT#XLISTEN",
	"AT#XACCEPT", "AT#XSEND", "AT#XRECV", "AT#XSENDTO", "AT#XRECVFROM",
	"AT#XGETADDRINFO", "AT#XPING", "AT#XSMS", "AT#XFOTA", "AT#XGPS", "AT#XNRFCLOUD",
	"AT#XFTP", "AT#XMQTTCON", "AT#XMQTTPUB", "AT#XMQTTSUB", "AT#XMQTTUNSUB",
	"AT#XHTTPCCON", "AT#XHTTPCREQ", "AT#XGPIOCFG", "AT#XGPIO", NULL,
};

/* The later generations' lists on the same build (nRF9160 DK, default
 * Kconfig: SMS, GNSS, nRF Cloud from 2.5, FTP, TFTP from 2.3, MQTT, HTTP
 * client, GPIO on; native TLS, carrier library, location and A-GPS/P-GPS,
 * nRF52 DFU, PPP and CMUX off), in their table's order. */
static const char *const ncs20_clac[] = {
	"AT#XSLMVER", "AT#XSLEEP", "AT#XRESET", "AT#XUUID", "AT#XCLAC", "AT#XSLMUART",
	"AT#XDATACTRL", "AT#XTCPSVR", "AT#XTCPCLI", "AT#XTCPSEND", "AT#XTCPHANGUP",
	"AT#XUDPSVR", "AT#XUDPCLI", "AT#XUDPSEND", "AT#XSOCKET", "AT#XSSOCKET",
	"AT#XSOCKETSELECT", "AT#XSOCKETOPT", "AT#XSSOCKETOPT", "AT#XBIND", "AT#XCONNECT",
	"AT#XLISTEN", "AT#XACCEPT", "AT#XSEND", "AT#XRECV", "AT#XSENDTO", "AT#XRECVFROM",
	"AT#XPOLL", "AT#XGETADDRINFO", "AT#XPING", "AT#XSMS", "AT#XFOTA", "AT#XGPS",
	"AT#XNRFCLOUD", "AT#XFTP", "AT#XMQTTCON", "AT#XMQTTPUB", "AT#XMQTTSUB",
	"AT#XMQTTUNSUB", "AT#XHTTPCCON", "AT#XHTTPCREQ", "AT#XGPIOCFG", "AT#XGPIO", NULL,
};

/* 2.1 adds #XGPSDEL; 2.3 #XSHUTDOWN and #XTFTP (added_21 dates them). */
static const char *const ncs21_clac[] = {
	"AT#XSLMVER", "AT#XSLEEP", "AT#XSHUTDOWN", "AT#XRESET", "AT#XUUID", "AT#XCLAC",
	"AT#XSLMUART", "AT#XDATACTRL", "AT#XTCPSVR", "AT#XTCPCLI", "AT#XTCPSEND",
	"AT#XTCPHANGUP", "AT#XUDPSVR", "AT#XUDPCLI", "AT#XUDPSEND", "AT#XSOCKET", "AT#XSSOCKET",
	"AT#XSOCKETSELECT", "AT#XSOCKETOPT", "AT#XSSOCKETOPT", "AT#XBIND", "AT#XCONNECT",
	"AT#XLISTEN", "AT#XACCEPT", "AT#XSEND", "AT#XRECV", "AT#XSENDTO", "AT#XRECVFROM",
	"AT#XPOLL", "AT#XGETADDRINFO", "AT#XPING", "AT#XSMS", "AT#XFOTA", "AT#XGPS",
	"AT#XNRFCLOUD", "AT#XGPSDEL", "AT#XFTP", "AT#XTFTP", "AT#XMQTTCON", "AT#XMQTTPUB",
	"AT#XMQTTSUB", "AT#XMQTTUNSUB", "AT#XHTTPCCON", "AT#XHTTPCREQ", "AT#XGPIOCFG",
	"AT#XGPIO", NULL,
};

static const char *const ncs25_clac[] = {
	"AT#XSLMVER", "AT#XSLEEP", "AT#XSHUTDOWN", "AT#XRESET", "AT#XMODEMRESET", "AT#XUUID",
	"AT#XCLAC", "AT#XDATACTRL", "AT#XTCPSVR", "AT#XTCPCLI", "AT#XTCPSEND", "AT#XTCPHANGUP",
	"AT#XUDPSVR", "AT#XUDPCLI", "AT#XUDPSEND", "AT#XSOCKET", "AT#XSSOCKET",
	"AT#XSOCKETSELECT", "AT#XSOCKETOPT", "AT#XSSOCKETOPT", "AT#XBIND", "AT#XCONNECT",
	"AT#XLISTEN", "AT#XACCEPT", "AT#XSEND", "AT#XRECV", "AT#XSENDTO", "AT#XRECVFROM",
	"AT#XPOLL", "AT#XGETADDRINFO", "AT#XPING", "AT#XSMS", "AT#XFOTA", "AT#XNRFCLOUD",
	"AT#XNRFCLOUDPOS", "AT#XGPS", "AT#XGPSDEL", "AT#XFTP", "AT#XTFTP", "AT#XMQTTCON",
	"AT#XMQTTPUB", "AT#XMQTTSUB", "AT#XMQTTUNSUB", "AT#XHTTPCCON", "AT#XHTTPCREQ",
	"AT#XGPIOCFG", "AT#XGPIO", NULL,
};

/* 2.6: #XMQTTCFG; #XSLEEP is there as the DK sets CONFIG_SLM_POWER_PIN. */
static const char *const ncs26_clac[] = {
	"AT#XSLMVER", "AT#XSLEEP", "AT#XSHUTDOWN", "AT#XRESET", "AT#XMODEMRESET", "AT#XUUID",
	"AT#XCLAC", "AT#XDATACTRL", "AT#XTCPSVR", "AT#XTCPCLI", "AT#XTCPSEND", "AT#XTCPHANGUP",
	"AT#XUDPSVR", "AT#XUDPCLI", "AT#XUDPSEND", "AT#XSOCKET", "AT#XSSOCKET",
	"AT#XSOCKETSELECT", "AT#XSOCKETOPT", "AT#XSSOCKETOPT", "AT#XBIND", "AT#XCONNECT",
	"AT#XLISTEN", "AT#XACCEPT", "AT#XSEND", "AT#XRECV", "AT#XSENDTO", "AT#XRECVFROM",
	"AT#XPOLL", "AT#XGETADDRINFO", "AT#XPING", "AT#XSMS", "AT#XFOTA", "AT#XNRFCLOUD",
	"AT#XNRFCLOUDPOS", "AT#XGPS", "AT#XGPSDEL", "AT#XFTP", "AT#XTFTP", "AT#XMQTTCFG",
	"AT#XMQTTCON", "AT#XMQTTPUB", "AT#XMQTTSUB", "AT#XMQTTUNSUB", "AT#XHTTPCCON",
	"AT#XHTTPCREQ", "AT#XGPIOCFG", "AT#XGPIO", NULL,
};

/* From 2.7 the commands are the modem library's custom commands: AT#XCLAC
 * prints "\r\n", then the AT#X ones in the linker's order of their
 * entries (Zephyr sorts iterable sections by name; UNCONFIRMED on a
 * board).  Same list through 3.1, which adds #XAPOLL (added_26). */
static const char *const ncs27_clac[] = {
	"AT#XACCEPT", "AT#XAPOLL", "AT#XBIND", "AT#XCLAC", "AT#XCONNECT", "AT#XDATACTRL",
	"AT#XFOTA", "AT#XFTP", "AT#XGETADDRINFO", "AT#XGPIO", "AT#XGPIOCFG", "AT#XGPS",
	"AT#XGPSDEL", "AT#XHTTPCCON", "AT#XHTTPCREQ", "AT#XLISTEN", "AT#XMODEMRESET",
	"AT#XMQTTCFG", "AT#XMQTTCON", "AT#XMQTTPUB", "AT#XMQTTSUB", "AT#XMQTTUNSUB",
	"AT#XNRFCLOUD", "AT#XNRFCLOUDPOS", "AT#XPING", "AT#XPOLL", "AT#XRECV", "AT#XRECVFROM",
	"AT#XRESET", "AT#XSEND", "AT#XSENDTO", "AT#XSHUTDOWN", "AT#XSLEEP", "AT#XSLMVER",
	"AT#XSMS", "AT#XSOCKET", "AT#XSOCKETOPT", "AT#XSOCKETSELECT", "AT#XSSOCKET",
	"AT#XSSOCKETOPT", "AT#XTCPCLI", "AT#XTCPHANGUP", "AT#XTCPSEND", "AT#XTCPSVR", "AT#XTFTP",
	"AT#XUDPCLI", "AT#XUDPSEND", "AT#XUDPSVR", "AT#XUUID", NULL,
};

static const struct slm_clac ncs26_later[] = {
	{ V(2, 7, 0), true, ncs27_clac }, { V(0, 0, 0), false, NULL },
};

/* The Serial Modem on the nRF9151 DK, default Kconfig (PPP, CMUX and the
 * carrier library off), in the same custom-command order. */
static const char *const sm02_clac[] = {
	"AT#XAPOLL", "AT#XBIND", "AT#XCLAC", "AT#XCLOSE", "AT#XCONNECT", "AT#XDATACTRL",
	"AT#XFOTA", "AT#XGETADDRINFO", "AT#XGNSS", "AT#XGNSSDEL", "AT#XMODEMRESET", "AT#XMQTTCFG",
	"AT#XMQTTCON", "AT#XMQTTPUB", "AT#XMQTTSUB", "AT#XMQTTUNSUB", "AT#XNRFCLOUD",
	"AT#XNRFCLOUDPOS", "AT#XPING", "AT#XRECV", "AT#XRECVFROM", "AT#XRESET", "AT#XSEND",
	"AT#XSENDTO", "AT#XSHUTDOWN", "AT#XSLEEP", "AT#XSMS", "AT#XSMVER", "AT#XSOCKET",
	"AT#XSOCKETOPT", "AT#XSSOCKET", "AT#XSSOCKETOPT", "AT#XTCPCLI", "AT#XTCPSEND",
	"AT#XUDPCLI", "AT#XUDPSEND", "AT#XUUID", NULL,
};

/* v0.3.0: #XRECVCFG, no proxies; v1.0.0 adds #XDFU* (added_sm03). */
static const char *const sm03_clac[] = {
	"AT#XAPOLL", "AT#XBIND", "AT#XCLAC", "AT#XCLOSE", "AT#XCONNECT", "AT#XDATACTRL",
	"AT#XDFUAPPLY", "AT#XDFUINIT", "AT#XDFUWRITE", "AT#XFOTA", "AT#XGETADDRINFO", "AT#XGNSS",
	"AT#XGNSSDEL", "AT#XMODEMRESET", "AT#XMQTTCFG", "AT#XMQTTCON", "AT#XMQTTPUB",
	"AT#XMQTTSUB", "AT#XMQTTUNSUB", "AT#XNRFCLOUD", "AT#XNRFCLOUDPOS", "AT#XPING", "AT#XRECV",
	"AT#XRECVCFG", "AT#XRECVFROM", "AT#XRESET", "AT#XSEND", "AT#XSENDTO", "AT#XSHUTDOWN",
	"AT#XSLEEP", "AT#XSMS", "AT#XSMVER", "AT#XSOCKET", "AT#XSOCKETOPT", "AT#XSSOCKET",
	"AT#XSSOCKETOPT", "AT#XUUID", NULL,
};

/* v2.0.0-preview1: the socket-based HTTP client (default y), #XLISTEN and
 * #XACCEPT again, #XCMUXURC. */
static const char *const sm20_clac[] = {
	"AT#XACCEPT", "AT#XAPOLL", "AT#XBIND", "AT#XCLAC", "AT#XCLOSE", "AT#XCMUXURC",
	"AT#XCONNECT", "AT#XDATACTRL", "AT#XDFUAPPLY", "AT#XDFUINIT", "AT#XDFUWRITE", "AT#XFOTA",
	"AT#XGETADDRINFO", "AT#XGNSS", "AT#XGNSSDEL", "AT#XHTTPCCANCEL", "AT#XHTTPCDATA",
	"AT#XHTTPCREQ", "AT#XLISTEN", "AT#XMODEMRESET", "AT#XMQTTCFG", "AT#XMQTTCON",
	"AT#XMQTTPUB", "AT#XMQTTSUB", "AT#XMQTTUNSUB", "AT#XNRFCLOUD", "AT#XNRFCLOUDPOS",
	"AT#XPING", "AT#XRECV", "AT#XRECVCFG", "AT#XRECVFROM", "AT#XRESET", "AT#XSEND",
	"AT#XSENDTO", "AT#XSHUTDOWN", "AT#XSLEEP", "AT#XSMS", "AT#XSMVER", "AT#XSOCKET",
	"AT#XSOCKETOPT", "AT#XSSOCKET", "AT#XSSOCKETOPT", "AT#XUUID", NULL,
};

/* The Serial Modem prints "\r\n" first too, from its first release. */
static const struct slm_clac sm02_later[] = {
	{ V(0, 0, 0), true, sm02_clac }, { V(0, 0, 0), false, NULL },
};
static const struct slm_clac sm03_later[] = {
	{ V(0, 0, 0), true, sm03_clac }, { V(0, 0, 0), false, NULL },
};
static const struct slm_clac sm20_later[] = {
	{ V(0, 0, 0), true, sm20_clac }, { V(0, 0, 0), false, NULL },
};

static const struct slm_rows *const ncs18_rows[] = { &at_table };
static const struct slm_rows *const ncs20_rows[] = { &rows_mqtt_v20, &rows_v20, &at_table };
static const struct slm_rows *const ncs21_rows[] = { &rows_v21, &rows_mqtt_v20, &rows_v20, &at_table };
#define ROWS_25 &rows_mqtt_v25, &rows_v25, &rows_v21, &rows_mqtt_v20, &rows_v20, &at_table
static const struct slm_rows *const ncs25_rows[] = { ROWS_25 };
static const struct slm_rows *const ncs26_rows[] = { &rows_mqtt_v26, &rows_v26, ROWS_25 };
static const struct slm_rows *const sm02_rows[] = { &rows_sm02, &rows_mqtt_v26, &rows_v26, ROWS_25 };
static const struct slm_rows *const sm03_rows[] = { &rows_sm03, &rows_sm02, &rows_mqtt_v26,
						    &rows_v26, ROWS_25 };
static const struct slm_rows *const sm20_rows[] = { &rows_sm20, &rows_sm03, &rows_sm02,
						    &rows_mqtt_v26, &rows_v26, ROWS_25 };

/* The SLM's framing: CR LF ends a command on the real one; slmsim's
 * interactive default takes what terminal programs send (modem.terminator
 * = crlf is the SLM's, and slmreplay's). */
/* 2.5's cmd_send() ignores an empty line and skips what comes before
 * "AT" in one change: one goes with the other. */
#define SLM_FRAMING(blank, empty, keep) \
	{ .term = AT_TERM_ANY, .blank_before_modem_final = (blank), .empty_line = (empty), \
	  .skip_to_at = (empty) == SLM_EMPTY_IGNORED, .busy_keep = (keep), \
	  .drop_trailing_empty = true }
#define SM_FRAMING \
	{ .term = AT_TERM_CR, .blank_before_modem_final = true, .empty_line = SLM_EMPTY_IGNORED, \
	  .skip_to_at = true, .busy_keep = true, .drop_trailing_empty = true }
/* Data mode (fact sheet 3.2): 256-byte UART receive events, a 4096-byte
 * buffer (the ring of AT_MAX_CMD_LEN, later CONFIG_SLM_DATAMODE_BUF_SIZE). */
#define DM_SIZES .quit = DATAMODE_TERMINATOR, .rx_chunk = 256, .buffer = 4096
#define DM_19 { DM_SIZES, .cut = SLM_DM_CUT_TIME, .quit_at = SLM_DM_QUIT_AT_END, \
	.answer = SLM_DM_ANSWER_OK, .send_fail = SLM_DM_FAIL_EXIT, .service_exit = SLM_DM_SVC_MODES, \
	.ctrl_zero = SLM_DM_ZERO_ERROR }
#define DM_20 { DM_SIZES, .cut = SLM_DM_CUT_TIME, .quit_at = SLM_DM_QUIT_AT_END, \
	.answer = SLM_DM_ANSWER_OK, .send_fail = SLM_DM_FAIL_EXIT, .service_exit = SLM_DM_SVC_MODES, \
	.ctrl_zero = SLM_DM_ZERO_MIN }
#define DM_21 { DM_SIZES, .entry_ok = true, .cut = SLM_DM_CUT_TIME, .quit_at = SLM_DM_QUIT_AT_END, \
	.answer = SLM_DM_ANSWER_ZERO, .send_fail = SLM_DM_FAIL_EXIT, \
	.service_exit = SLM_DM_SVC_RESULT, .ctrl_zero = SLM_DM_ZERO_MIN }
#define DM_25(answer_) { DM_SIZES, .entry_ok = true, .cut = SLM_DM_CUT_TIME_OR_FULL, \
	.quit_at = SLM_DM_QUIT_ANYWHERE, .answer = (answer_), .send_fail = SLM_DM_FAIL_STAY, \
	.service_exit = SLM_DM_SVC_NULL_MODE, .ctrl_zero = SLM_DM_ZERO_MIN }
#define DM_NCS25 DM_25(SLM_DM_ANSWER_RESULT)
#define DM_SM DM_25(SLM_DM_ANSWER_SIGN)
/* AT_MAX_CMD_LEN 4096 with its NUL; the echo's CONFIG_SM_AT_ECHO_MAX_LEN */
#define LIMITS { .max_cmd_len = 4095, .echo_max = 4096 }
#define SLM_URC(keep) { .timing = SLM_URC_AT_ONCE, .in_datamode = SLM_URC_DM_DROP, \
			.asleep_keep = (keep) }
#define SM_URC { .timing = SLM_URC_AFTER_RESPONSE, .in_datamode = SLM_URC_DM_HOLD, \
		 .asleep_keep = 1024 }

/* Commands slmsim emulates that a generation has dropped (fact sheet 3.8),
 * and #XFOTA, emulated as v1.8 has it only (1.9 reports after a reset by
 * the image type and refuses an unknown <op>). */
#define WITHOUT_19 "#XFOTA"
#define WITHOUT_25 WITHOUT_19, "#XSLMUART"
#define WITHOUT_SM_COMMON WITHOUT_25, "#XSLMVER", "#XSOCKETSELECT", "#XPOLL", "#XTCPSVR", \
	"#XTCPHANGUP", "#XUDPSVR", "#XCMNG", "#XFTP", "#XTFTP", "#XHTTPCCON", "#XHTTPCREQ", \
	"#XGPIOCFG", "#XGPIO", "#XGPS"
#define WITHOUT_SM02 WITHOUT_SM_COMMON, "#XLISTEN", "#XACCEPT"
#define WITHOUT_SM03 WITHOUT_SM02, "#XTCPCLI", "#XTCPSEND", "#XUDPCLI", "#XUDPSEND"
#define WITHOUT_SM03_BUT_SERVER WITHOUT_SM_COMMON, "#XTCPCLI", "#XTCPSEND", "#XUDPCLI", \
	"#XUDPSEND"

static const char *const without_19[] = { WITHOUT_19, NULL };
static const char *const without_25[] = { WITHOUT_25, NULL };
static const char *const without_sm02[] = { WITHOUT_SM02, NULL };
static const char *const without_sm03[] = { WITHOUT_SM03, NULL };
/* v2.0.0-preview1 has #XLISTEN and #XACCEPT again: its own rows. */
static const char *const without_sm20[] = { WITHOUT_SM03_BUT_SERVER, NULL };

/* MQTT since 2.0: payloads streamed, incoming QoS 1 acknowledged; 2.6
 * and SM also QoS 2, SM with a client id of its own. */
#define MQTT_20 { SLM_FEAT_MQTT_RX_STREAM, V(0, 0, 0) }, { SLM_FEAT_MQTT_RX_PUBACK, V(0, 0, 0) }
#define MQTT_26 MQTT_20, { SLM_FEAT_MQTT_PUB_1024, V(0, 0, 0) }, \
	{ SLM_FEAT_MQTT_RX_PUBREC, V(0, 0, 0) }
#define MQTT_SM MQTT_26, { SLM_FEAT_MQTT_SM_CLIENT_ID, V(0, 0, 0) }

static const struct slm_feature_from features_20[] = {
	MQTT_20,
};
static const struct slm_feature_from features_21[] = {
	{ SLM_FEAT_VERSION_LIBMODEM, V(2, 3, 0) },
	{ SLM_FEAT_DATAMODE_URC, V(2, 2, 0) },
	MQTT_20,
	{ SLM_FEAT_MQTT_PUB_1024, V(2, 3, 0) },
};
static const struct slm_feature_from features_25[] = {
	{ SLM_FEAT_VERSION_LIBMODEM, V(0, 0, 0) },
	{ SLM_FEAT_DATAMODE_URC, V(0, 0, 0) },
	MQTT_20,
	{ SLM_FEAT_MQTT_PUB_1024, V(0, 0, 0) },
	{ SLM_FEAT_DM_OVERFLOW, V(0, 0, 0) },
};
static const struct slm_feature_from features_26[] = {
	{ SLM_FEAT_VERSION_LIBMODEM, V(0, 0, 0) },
	{ SLM_FEAT_VERSION_CUSTOMER, V(0, 0, 0) },
	{ SLM_FEAT_INIT_ERROR, V(3, 1, 0) },
	{ SLM_FEAT_CME_FROM_SLM, V(3, 1, 0) },
	{ SLM_FEAT_DATAMODE_URC, V(0, 0, 0) },
	{ SLM_FEAT_PROXY_QUIT, V(2, 7, 0) },
	MQTT_26,
	{ SLM_FEAT_GETADDRINFO_FAMILY, V(2, 8, 0) },
	{ SLM_FEAT_DM_OVERFLOW, V(0, 0, 0) },
	{ SLM_FEAT_SEND_FLAGS, V(3, 1, 0) },
};
/* SM v0.2 still has the proxies; CONFIG_SM_DATAMODE_URC went in v1.0.0. */
static const struct slm_feature_from features_sm02[] = {
	{ SLM_FEAT_VERSION_CUSTOMER, V(0, 0, 0) },
	{ SLM_FEAT_INIT_ERROR, V(0, 0, 0) },
	{ SLM_FEAT_CME_FROM_SLM, V(0, 0, 0) },
	{ SLM_FEAT_DATAMODE_URC, V(0, 0, 0) },
	{ SLM_FEAT_PROXY_QUIT, V(0, 0, 0) },
	MQTT_SM,
	{ SLM_FEAT_GETADDRINFO_FAMILY, V(0, 0, 0) },
	{ SLM_FEAT_DM_OVERFLOW, V(0, 0, 0) },
};
static const struct slm_feature_from features_sm03[] = {
	{ SLM_FEAT_VERSION_CUSTOMER, V(0, 0, 0) },
	{ SLM_FEAT_INIT_ERROR, V(0, 0, 0) },
	{ SLM_FEAT_CME_FROM_SLM, V(0, 0, 0) },
	{ SLM_FEAT_DATAMODE_URC, V(0, 0, 0) },
	{ SLM_FEAT_NO_DATAMODE_URC, V(1, 0, 0) },
	MQTT_SM,
	{ SLM_FEAT_SM_DATAMODE_BREAK, V(0, 0, 0) },
	{ SLM_FEAT_SM_HEX_LOWER, V(1, 0, 0) },
	{ SLM_FEAT_GETADDRINFO_FAMILY, V(0, 0, 0) },
	{ SLM_FEAT_DM_OVERFLOW, V(0, 0, 0) },
};
static const struct slm_feature_from features_sm20[] = {
	{ SLM_FEAT_VERSION_CUSTOMER, V(0, 0, 0) },
	{ SLM_FEAT_INIT_ERROR, V(0, 0, 0) },
	{ SLM_FEAT_CME_FROM_SLM, V(0, 0, 0) },
	MQTT_SM,
	{ SLM_FEAT_SM_DATAMODE_BREAK, V(0, 0, 0) },
	{ SLM_FEAT_SM_HEX_LOWER, V(0, 0, 0) },
	{ SLM_FEAT_GETADDRINFO_FAMILY, V(0, 0, 0) },
	{ SLM_FEAT_DM_OVERFLOW, V(0, 0, 0) },
};

static const struct slm_row_from added_21[] = {
	{ "#XSHUTDOWN", V(2, 3, 0) }, { "#XTFTP", V(2, 3, 0) },
	{ NULL, V(0, 0, 0) },
};
static const struct slm_row_from added_26[] = {
	{ "#XAPOLL", V(3, 1, 0) },
	{ NULL, V(0, 0, 0) },
};
static const struct slm_row_from added_sm03[] = {
	{ "#XDFUINIT", V(1, 0, 0) }, { "#XDFUWRITE", V(1, 0, 0) }, { "#XDFUAPPLY", V(1, 0, 0) },
	{ NULL, V(0, 0, 0) },
};

/* The NCS each SM tag's west.yml pins (fact sheet 0); v2.0.0-preview1's
 * is v3.3.0-rc1, whose version string is UNCONFIRMED. */
static const struct slm_pin sm_pins[] = {
	{ V(0, 2, 0), "3.1.99" }, { V(0, 3, 0), "3.2.0" }, { V(1, 0, 0), "3.2.2" },
	{ V(1, 0, 1), "3.2.4" }, { V(2, 0, 0), "3.3.0" }, { V(0, 0, 0), NULL },
};

const struct slm_profile slm_profile_ncs18 = {
	.name = "ncs-1.8", .label = "SLM v1.8", .summary = "SLM of NCS 1.8 (profile A)",
	.range = NCS(1, 8, 1, 9), .default_mfw = "1.3.1",
	ROWS(ncs18_rows), .clac = ncs18_clac,
	.framing = SLM_FRAMING(false, SLM_EMPTY_ERROR, false),
	.datamode = { DM_SIZES, .silence_ms = DATAMODE_SILENCE_MS, .cut = SLM_DM_CUT_CHUNK,
		      .quit_at = SLM_DM_QUIT_ALONE, .answer = SLM_DM_ANSWER_OK,
		      .send_fail = SLM_DM_FAIL_ERROR, .service_exit = SLM_DM_SVC_MODES,
		      .ctrl_zero = SLM_DM_ZERO_OFF },
	.limits = LIMITS, .urc = SLM_URC(0),
};

static const struct slm_profile ncs19 = {
	.name = "ncs-1.9", .label = "SLM v1.9", .summary = "SLM of NCS 1.9 (A'): data mode "
	"without the silence rule",
	.range = NCS(1, 9, 2, 0), .default_mfw = "1.3.1", ROWS(ncs18_rows), .without = without_19,
	.clac = ncs18_clac,
	.framing = SLM_FRAMING(false, SLM_EMPTY_ERROR, false), .datamode = DM_19,
	.limits = LIMITS, .urc = SLM_URC(0),
};

static const struct slm_profile ncs20 = {
	.name = "ncs-2.0", .label = "SLM v2.0", .summary = "SLM of NCS 2.0 (B): several "
	"sockets, #XRECV header first, a blank line before the modem's final result",
	.range = NCS(2, 0, 2, 1), .default_mfw = "1.3.1", ROWS(ncs20_rows), .without = without_19, FEATURES(features_20),
	.clac = ncs20_clac,
	.framing = SLM_FRAMING(true, SLM_EMPTY_ERROR, false), .datamode = DM_20,
	.limits = LIMITS, .urc = SLM_URC(1024),
};

static const struct slm_profile ncs21 = {
	.name = "ncs-2.1", .label = "SLM v2.1-2.4", .summary = "SLM of NCS 2.1-2.4 (C): OK on "
	"entering data mode, #XDATAMODE: 0 on leaving; 2.3 adds libmodem to #XSLMVER",
	.range = NCS(2, 1, 2, 5), .default_mfw = "1.3.3", ROWS(ncs21_rows), .without = without_19,
	FEATURES(features_21), .added = added_21,
	.clac = ncs21_clac,
	.framing = SLM_FRAMING(true, SLM_EMPTY_ERROR, false), .datamode = DM_21,
	.limits = LIMITS, .urc = SLM_URC(1024),
};

static const struct slm_profile ncs25 = {
	.name = "ncs-2.5", .label = "SLM v2.5", .summary = "SLM of NCS 2.5 (D): input queued, "
	"empty lines ignored, +++ anywhere in the stream",
	.range = NCS(2, 5, 2, 6), .default_mfw = "1.3.5", ROWS(ncs25_rows), .without = without_25,
	FEATURES(features_25),
	.clac = ncs25_clac,
	.framing = SLM_FRAMING(true, SLM_EMPTY_IGNORED, true), .datamode = DM_NCS25,
	.limits = LIMITS, .urc = SLM_URC(1024),
};

static const struct slm_profile ncs26 = {
	.name = "ncs-2.6", .label = "SLM v2.6-3.1", .summary = "SLM of NCS 2.6-3.1 and Serial "
	"Modem v0.1.0 (E): #XMQTTCFG; 3.1 adds INIT ERROR and +CME ERROR from SLM commands",
	.range = NCS(2, 6, 3, 2), .also = SM(0, 1, 0, 2), .same_as = V(3, 1, 99),
	.default_mfw = "1.3.6", ROWS(ncs26_rows), .without = without_25, FEATURES(features_26),
	.clac = ncs26_clac, .clac_later = ncs26_later, .added = added_26,
	.framing = SLM_FRAMING(true, SLM_EMPTY_IGNORED, true), .datamode = DM_NCS25,
	.limits = LIMITS, .urc = SLM_URC(1024),
};

static const struct slm_profile sm02 = {
	.name = "sm-0.2", .label = "SM v0.2", .summary = "Serial Modem v0.2.0 (F): #XSMVER, CR, "
	"ATE0/ATE1, handle-first sockets, #XCLOSE, URCs after the response",
	.range = SM(0, 2, 0, 3), .default_mfw = "2.0.2", ROWS(sm02_rows), .without = without_sm02,
	FEATURES(features_sm02), .pins = sm_pins,
	.clac = sm02_clac, .clac_later = sm02_later,
	.framing = SM_FRAMING, .datamode = DM_SM, .limits = LIMITS, .urc = SM_URC,
};

static const struct slm_profile sm03 = {
	.name = "sm-0.3", .label = "SM v0.3-1.0", .summary = "Serial Modem v0.3.0-v1.0.x (G): "
	"#XRECVCFG, #XAPOLL with a handle, no TCP/UDP proxies",
	.range = SM(0, 3, 2, 0), .default_mfw = "2.0.4", ROWS(sm03_rows), .without = without_sm03,
	FEATURES(features_sm03), .pins = sm_pins,
	.clac = sm03_clac, .clac_later = sm03_later, .added = added_sm03,
	.framing = SM_FRAMING, .datamode = DM_SM, .limits = LIMITS, .urc = SM_URC,
};

static const struct slm_profile sm20 = {
	.name = "sm-2.0", .label = "SM v2.0", .summary = "Serial Modem v2.0.0-preview1 (H): "
	"#XLISTEN/#XACCEPT again, socket-based HTTP client, AT+CMUX",
	.range = { SLM_LINE_SM, V(2, 0, 0), V(0, 0, 0) }, .default_mfw = "2.0.4",
	ROWS(sm20_rows), .without = without_sm20, FEATURES(features_sm20), .pins = sm_pins,
	.clac = sm20_clac, .clac_later = sm20_later,
	.framing = SM_FRAMING, .datamode = DM_SM, .limits = LIMITS, .urc = SM_URC,
};

static const struct slm_profile *const profiles[] = {
	&slm_profile_ncs18, &ncs19, &ncs20, &ncs21, &ncs25, &ncs26, &sm02, &sm03, &sm20, NULL,
};

const struct slm_profile *const *slm_profile_all(void) { return profiles; }
