/* The response and URC table (rsp_table.c): the emulator writes these
 * shapes with at_reply(); slmreplay classifies log lines by them. */
#ifndef SLMSIM_RSP_TABLE_H
#define SLMSIM_RSP_TABLE_H

#include "at_rsp.h"

struct at_cmd_def;

extern const struct at_rsp RSP_CEREG, RSP_CSCON, RSP_CESQ_URC, RSP_CEDRXP, RSP_CGEV,
	RSP_CIND_URC, RSP_XSIM_URC, RSP_XTIME, RSP_CNEC_EMM, RSP_MDMEV, RSP_XMQTTEVT,
	RSP_XMQTTMSG, RSP_XDATAMODE, RSP_CMT, RSP_XSMS, RSP_XGPS;
extern const struct at_rsp RSP_CEREG_READ, RSP_CSCON_READ, RSP_CIND_READ, RSP_XSIM_READ,
	RSP_CFUN, RSP_XSYSTEMMODE, RSP_XMONITOR, RSP_COPS, RSP_CCLK, RSP_CESQ, RSP_CEMODE,
	RSP_XCBAND, RSP_CGDCONT, RSP_CGACT, RSP_CGPADDR, RSP_CEDRXRDP, RSP_XICCID, RSP_CGSN,
	RSP_CGSN_BARE, RSP_CIMI, RSP_CGMR, RSP_CGMM, RSP_CGMI, RSP_XMODEMUUID, RSP_CMNG,
	RSP_KEYGEN, RSP_XSLMVER, RSP_XSMVER, RSP_XUUID, RSP_XMODEMRESET,
	RSP_XSOCKET, RSP_XSSOCKET, RSP_XCONNECT, RSP_XSEND,
	RSP_XSENDTO, RSP_XRECV, RSP_XRECVFROM, RSP_XGETADDRINFO, RSP_XPING, RSP_XMQTTCON, RSP_XMQTTCFG,
	RSP_XVBAT, RSP_HWVERSION, RSP_SHORTSWVER, RSP_CRSM, RSP_CONEVAL, RSP_CNMI, RSP_CMGS;
extern const struct at_rsp RSP_XACCEPT, RSP_XTCPACCEPT, RSP_XTCPCLI, RSP_XTCPCLI_URC,
	RSP_XTCPSVR, RSP_XTCPSVR_URC, RSP_XTCPSEND, RSP_XTCPDATA;
extern const struct at_rsp RSP_CNEC, RSP_CGEREP, RSP_CMEE, RSP_ATTESTTOKEN, RSP_XDATAPRFL,
	RSP_REL14FEAT, RSP_XRAI, RSP_RAI, RSP_XPTW, RSP_XMAGPIO, RSP_XCOEX0, RSP_CSQ, RSP_CEER,
	RSP_CPINR, RSP_CPSMS, RSP_CEDRXS, RSP_CPIN, RSP_XBANDLOCK, RSP_XCONNSTAT, RSP_XSLMUART,
	RSP_XDATACTRL, RSP_XSSOCKETOPT, RSP_XSOCKETOPT;
extern const struct at_rsp RSP_XUDPSVR, RSP_XUDPCLI, RSP_XUDPSEND, RSP_XUDPDATA;
extern const struct at_rsp RSP_XHTTPCCON, RSP_XHTTPCRSP;
extern const struct at_rsp RSP_XFOTA, RSP_XFOTA_MFW, RSP_XFOTA_URC;
extern const struct at_rsp RSP_XFTP;
extern const struct at_rsp RSP_XRECVFROM_PORT, RSP_XSOCKET_READ5, RSP_XSSOCKET_READ6,
	RSP_XSOCKETSELECT, RSP_XSOCKETSELECT_CUR, RSP_XSOCKETSELECT_LIST,
	RSP_XSOCKETSELECT_LIST7, RSP_XPOLL;
extern const struct at_rsp RSP_XCLOSE,
	RSP_XCONNECT_SM, RSP_XSEND_SM, RSP_XSENDTO_SM, RSP_XSENDNTF, RSP_XRECV_SM,
	RSP_XRECVFROM_SM, RSP_XRECV_SM_URC, RSP_XRECVFROM_SM_URC, RSP_XRECVCFG, RSP_XAPOLL_SM,
	RSP_XAPOLL_SM_READ, RSP_XAPOLL_V02_READ, RSP_XACCEPT_SM, RSP_XLISTEN;
/* Every shape; ends with NULL. */
extern const struct at_rsp *const at_responses[];

/* The shape of a logged line: an answer of cmd (a command name such as
 * "+CEREG"; NULL or "" when the line answers none) when cmd has one of the
 * line's prefix (or a bare one), else a URC of that prefix; NULL none. */
const struct at_rsp *at_rsp_classify(const char *line, const char *cmd);
/* The URC shape of line unless it answers cmd; NULL otherwise. */
const struct at_rsp *at_rsp_unsolicited(const char *line, const char *cmd);
/* Whether the set form of d's row makes URCs of r come (+CFUN: +CEREG);
 * the URC a row's set form causes, or NULL. */
bool at_rsp_caused_by(const struct at_rsp *r, const struct at_cmd_def *d);
const struct at_rsp *at_rsp_caused(const struct at_cmd_def *d);
/* Whether the set form of d's row chooses r's subscription (+CEREG=<n>). */
bool at_rsp_subscribed_by(const struct at_rsp *r, const struct at_cmd_def *d);

#endif
