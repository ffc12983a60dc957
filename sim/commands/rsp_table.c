/* The response and URC table: every shape the emulator writes and
 * slmreplay reads, declared once.  Field names follow the nRF91 AT
 * reference and the SLM's documents. */
#include "rsp_table.h"

#include <string.h>
#include <strings.h>

#include "at_cmd_def.h"

#define ANSWER(c, f) { .prefix = c, .fields = f, .kind = AT_RSP_ANSWER, .answers = c }
#define BARE(c, f) { .prefix = "", .fields = f, .kind = AT_RSP_ANSWER, .answers = c }
#define URC(p, f, sub) { .prefix = p, .fields = f, .kind = AT_RSP_URC, .subscribe = sub }

#define CEREG_FIELDS "stat,tac,ci,act,cause_type,reject_cause,active_time,periodic_tau"
#define EDRX_FIELDS "act,requested_edrx,nw_provided_edrx,paging_time_window"

/* Modem URCs, by the command that subscribes to them. */
const struct at_rsp RSP_CEREG = { .prefix = "+CEREG", .fields = CEREG_FIELDS,
				  .kind = AT_RSP_URC, .subscribe = "+CEREG", .cause = "+CFUN" };
const struct at_rsp RSP_CSCON = URC("+CSCON", "mode", "+CSCON");
const struct at_rsp RSP_CESQ_URC = URC("%CESQ", "rsrp,rsrp_threshold_index,rsrq,"
				       "rsrq_threshold_index", "%CESQ");
const struct at_rsp RSP_CEDRXP = URC("+CEDRXP", EDRX_FIELDS, "+CEDRXS");
const struct at_rsp RSP_CGEV = URC("+CGEV", "event", "+CGEREP");
const struct at_rsp RSP_CIND_URC = URC("+CIND", "descr,value", "+CIND");
const struct at_rsp RSP_XSIM_URC = URC("%XSIM", "state", "%XSIM");
const struct at_rsp RSP_XTIME = URC("%XTIME", "local_time_zone,universal_time,"
				    "daylight_saving_time", "%XTIME");
const struct at_rsp RSP_CNEC_EMM = URC("+CNEC_EMM", "cause", "+CNEC");
const struct at_rsp RSP_MDMEV = URC("%MDMEV", "event", "%MDMEV");
/* The SMS-DELIVER PDU in hex follows on its own line (27.005 3.4.1). */
const struct at_rsp RSP_CMT = { .prefix = "+CMT", .fields = "alpha,length",
				.kind = AT_RSP_URC, .subscribe = "+CNMI", .lines_after = 1 };

/* The SLM's own URCs, caused by the command named. */
const struct at_rsp RSP_XMQTTEVT = { .prefix = "#XMQTTEVT", .fields = "evt_type,result",
				     .kind = AT_RSP_SLM_URC, .cause = "#XMQTTCON" };
const struct at_rsp RSP_XMQTTMSG = { .prefix = "#XMQTTMSG",
				     .fields = "topic_length,message_length", .kind = AT_RSP_SLM_URC,
				     .cause = "#XMQTTSUB", .lines_after = 2 };
const struct at_rsp RSP_XGPS = { .prefix = "#XGPS", .fields = "latitude,longitude,altitude,"
				 "accuracy,speed,heading,datetime", .kind = AT_RSP_SLM_URC,
				 .cause = "#XGPS" };
const struct at_rsp RSP_XSMS = { .prefix = "#XSMS", .fields = "datetime,number,text",
				 .kind = AT_RSP_SLM_URC, .cause = "#XSMS" };
/* A stage of #XFOTA's download; after a reset, the report after Ready. */
const struct at_rsp RSP_XFOTA_URC = { .prefix = "#XFOTA", .fields = "stage,status,info",
				      .kind = AT_RSP_SLM_URC, .cause = "#XFOTA" };
const struct at_rsp RSP_XDATAMODE = { .prefix = "#XDATAMODE", .fields = "status",
				      .kind = AT_RSP_SLM_URC, .cause = "#XSEND" };

/* Answers. */
const struct at_rsp RSP_CEREG_READ = ANSWER("+CEREG", "n," CEREG_FIELDS);
const struct at_rsp RSP_CSCON_READ = ANSWER("+CSCON", "n,mode");
const struct at_rsp RSP_CIND_READ = ANSWER("+CIND", "service,roam,message");
const struct at_rsp RSP_XSIM_READ = ANSWER("%XSIM", "state");
const struct at_rsp RSP_CFUN = ANSWER("+CFUN", "fun");
const struct at_rsp RSP_XSYSTEMMODE = ANSWER("%XSYSTEMMODE", "lte_m,nb_iot,gnss,preference");
const struct at_rsp RSP_XMONITOR = ANSWER("%XMONITOR", "reg_status,full_name,short_name,plmn,"
	"tac,act,band,cell_id,phys_cell_id,earfcn,rsrp,snr,edrx,active_time,periodic_tau_ext,"
	"periodic_tau");
const struct at_rsp RSP_COPS = ANSWER("+COPS", "mode,format,oper,act");
const struct at_rsp RSP_CCLK = ANSWER("+CCLK", "time");
const struct at_rsp RSP_CESQ = ANSWER("+CESQ", "rxlev,ber,rscp,ecno,rsrq,rsrp");
const struct at_rsp RSP_CEMODE = ANSWER("+CEMODE", "mode");
const struct at_rsp RSP_XCBAND = ANSWER("%XCBAND", "band");
const struct at_rsp RSP_CGDCONT = ANSWER("+CGDCONT", "cid,pdp_type,apn,pdp_addr,d_comp,h_comp");
const struct at_rsp RSP_CGACT = ANSWER("+CGACT", "cid,state");
const struct at_rsp RSP_CGPADDR = ANSWER("+CGPADDR", "cid,pdp_addr_1,pdp_addr_2");
const struct at_rsp RSP_CEDRXRDP = ANSWER("+CEDRXRDP", EDRX_FIELDS);
const struct at_rsp RSP_XICCID = ANSWER("%XICCID", "iccid");
const struct at_rsp RSP_CGSN = ANSWER("+CGSN", "sn");
const struct at_rsp RSP_CGSN_BARE = BARE("+CGSN", "imei");
const struct at_rsp RSP_CIMI = BARE("+CIMI", "imsi");
const struct at_rsp RSP_CGMR = BARE("+CGMR", "revision");
const struct at_rsp RSP_CGMM = BARE("+CGMM", "model");
const struct at_rsp RSP_CGMI = BARE("+CGMI", "manufacturer");
const struct at_rsp RSP_XMODEMUUID = ANSWER("%XMODEMUUID", "uuid");
const struct at_rsp RSP_XVBAT = ANSWER("%XVBAT", "vbat");
const struct at_rsp RSP_HWVERSION = ANSWER("%HWVERSION", "version");
const struct at_rsp RSP_SHORTSWVER = ANSWER("%SHORTSWVER", "version");
const struct at_rsp RSP_CRSM = ANSWER("+CRSM", "sw1,sw2,response");
const struct at_rsp RSP_CONEVAL = ANSWER("%CONEVAL", "result,rrc_state,energy_estimate,rsrp,"
	"rsrq,snr,cell_id,plmn,phys_cell_id,earfcn,band,tau_triggered,ce_level,tx_power,"
	"tx_repetitions,rx_repetitions,dl_pathloss");
const struct at_rsp RSP_CMNG = ANSWER("%CMNG", "sec_tag,type,sha256,content");
const struct at_rsp RSP_KEYGEN = ANSWER("%KEYGEN", "data");
/* The NCS release; from 2.3 libmodem's, from 2.6 the customer's if set. */
const struct at_rsp RSP_XSLMVER = ANSWER("#XSLMVER", "version,libmodem,customer");
/* The Serial Modem's tag (git describe), the NCS it is built on. */
const struct at_rsp RSP_XSMVER = ANSWER("#XSMVER", "version,ncs,customer");
const struct at_rsp RSP_XUUID = ANSWER("#XUUID", "uuid");
/* 0, or the step that failed (1 shutdown, 2 init) and its error (2.5+). */
const struct at_rsp RSP_XMODEMRESET = ANSWER("#XMODEMRESET", "result,error");
/* An opener's "<handle>,<type>,<protocol>"; the read form's "<handle>,
 * <family>,<role>" has the same prefix; a close says "0,\"closed\"". */
const struct at_rsp RSP_XSOCKET = ANSWER("#XSOCKET", "handle,type,protocol");
const struct at_rsp RSP_XSSOCKET = ANSWER("#XSSOCKET", "handle,type,protocol");
const struct at_rsp RSP_XCONNECT = ANSWER("#XCONNECT", "status");
const struct at_rsp RSP_XSEND = ANSWER("#XSEND", "size");
const struct at_rsp RSP_XSENDTO = ANSWER("#XSENDTO", "size");
const struct at_rsp RSP_XRECV = ANSWER("#XRECV", "size");
const struct at_rsp RSP_XRECVFROM = ANSWER("#XRECVFROM", "size,ip_addr");
/* NCS 2.0-3.1's socket model (cmd_socket_ncs.c, cmd_sockpoll.c). */
const struct at_rsp RSP_XRECVFROM_PORT = ANSWER("#XRECVFROM", "size,ip_addr,port");
const struct at_rsp RSP_XSOCKET_READ5 = ANSWER("#XSOCKET", "handle,family,role,type,cid");
const struct at_rsp RSP_XSSOCKET_READ6 = ANSWER("#XSSOCKET",
						"handle,family,role,type,sec_tag,cid");
const struct at_rsp RSP_XSOCKETSELECT = ANSWER("#XSOCKETSELECT", "handle,family,role");
const struct at_rsp RSP_XSOCKETSELECT_CUR = ANSWER("#XSOCKETSELECT", "handle");
const struct at_rsp RSP_XSOCKETSELECT_LIST = ANSWER("#XSOCKETSELECT",
						    "handle,family,role,type,sec_tag,ranking");
const struct at_rsp RSP_XSOCKETSELECT_LIST7 = ANSWER("#XSOCKETSELECT",
						     "handle,family,role,type,sec_tag,ranking,cid");
const struct at_rsp RSP_XPOLL = ANSWER("#XPOLL", "handle,revents");
const struct at_rsp RSP_XGETADDRINFO = ANSWER("#XGETADDRINFO", "ip_addr");
const struct at_rsp RSP_XPING = ANSWER("#XPING", "rtt");
const struct at_rsp RSP_CNMI = ANSWER("+CNMI", "mode,mt,bm,ds,bfr");
const struct at_rsp RSP_CMGS = ANSWER("+CMGS", "mr");
/* 2.5+ without a session: "#XMQTTCON: 0" alone, the first field. */
const struct at_rsp RSP_XMQTTCON = ANSWER("#XMQTTCON", "connected,client_id,url,port,sec_tag");
const struct at_rsp RSP_XMQTTCFG = ANSWER("#XMQTTCFG", "client_id,keep_alive,clean_session");
const struct at_rsp RSP_XACCEPT = ANSWER("#XACCEPT", "handle,ip_addr");
const struct at_rsp RSP_XTCPACCEPT = { .prefix = "#XTCPACCEPT", .fields = "handle",
				       .kind = AT_RSP_ANSWER, .answers = "#XACCEPT" };
/* The TCP proxy: "<handle>,\"connected\"" and the like answer the command;
 * the same prefix unasked is its receive thread's news. */
const struct at_rsp RSP_XTCPCLI = ANSWER("#XTCPCLI", "handle,status");
const struct at_rsp RSP_XTCPCLI_URC = { .prefix = "#XTCPCLI", .fields = "handle,status",
					.kind = AT_RSP_SLM_URC, .cause = "#XTCPCLI" };
const struct at_rsp RSP_XTCPSVR = ANSWER("#XTCPSVR", "handle,status");
const struct at_rsp RSP_XTCPSVR_URC = { .prefix = "#XTCPSVR", .fields = "handle,status",
					.kind = AT_RSP_SLM_URC, .cause = "#XTCPSVR" };
const struct at_rsp RSP_XTCPSEND = ANSWER("#XTCPSEND", "size");
/* Follows the bytes it counts. */
const struct at_rsp RSP_XTCPDATA = { .prefix = "#XTCPDATA", .fields = "size",
				     .kind = AT_RSP_SLM_URC, .cause = "#XTCPCLI" };
/* Settings read back. */
const struct at_rsp RSP_CNEC = ANSWER("+CNEC", "n");
const struct at_rsp RSP_CGEREP = ANSWER("+CGEREP", "mode,bfr");
const struct at_rsp RSP_CMEE = ANSWER("+CMEE", "n");
const struct at_rsp RSP_ATTESTTOKEN = ANSWER("%ATTESTTOKEN", "token");
const struct at_rsp RSP_XDATAPRFL = ANSWER("%XDATAPRFL", "power_level");
const struct at_rsp RSP_REL14FEAT = ANSWER("%REL14FEAT",
	"user_plane,control_plane,cp_data_over_nas,sps,ce_mode");
const struct at_rsp RSP_XRAI = ANSWER("%XRAI", "rai_config");
const struct at_rsp RSP_RAI = ANSWER("%RAI", "rai");
const struct at_rsp RSP_XPTW = ANSWER("%XPTW", "act,requested_ptw");
const struct at_rsp RSP_XMAGPIO = ANSWER("%XMAGPIO", "config");
const struct at_rsp RSP_XCOEX0 = ANSWER("%XCOEX0", "config");
const struct at_rsp RSP_CSQ = ANSWER("+CSQ", "rssi,ber");
const struct at_rsp RSP_CEER = ANSWER("+CEER", "report");
const struct at_rsp RSP_CPINR = ANSWER("+CPINR", "code,retries");
const struct at_rsp RSP_CPSMS = ANSWER("+CPSMS", "mode,requested_periodic_rau,"
	"requested_gprs_ready_timer,requested_periodic_tau,requested_active_time");
const struct at_rsp RSP_CEDRXS = ANSWER("+CEDRXS", "act,requested_edrx");
const struct at_rsp RSP_CPIN = ANSWER("+CPIN", "code");
const struct at_rsp RSP_XBANDLOCK = ANSWER("%XBANDLOCK", "permanent,temporary");
const struct at_rsp RSP_XCONNSTAT = ANSWER("%XCONNSTAT",
	"sms_tx,sms_rx,data_tx,data_rx,packet_max,packet_avg");
const struct at_rsp RSP_XSLMUART = ANSWER("#XSLMUART", "baud_rate,hwfc");
const struct at_rsp RSP_XDATACTRL = ANSWER("#XDATACTRL",
	"current_time_limit,minimal_time_limit");
const struct at_rsp RSP_XSSOCKETOPT = ANSWER("#XSSOCKETOPT", "value");
const struct at_rsp RSP_XSOCKETOPT = ANSWER("#XSOCKETOPT", "value");
/* The UDP proxy's lines all answer its commands. */
const struct at_rsp RSP_XUDPSVR = ANSWER("#XUDPSVR", "handle,status");
const struct at_rsp RSP_XUDPCLI = ANSWER("#XUDPCLI", "handle,status");
const struct at_rsp RSP_XUDPSEND = ANSWER("#XUDPSEND", "size");
const struct at_rsp RSP_XUDPDATA = { .prefix = "#XUDPDATA", .fields = "size",
				     .kind = AT_RSP_SLM_URC, .cause = "#XUDPCLI" };
/* #XFOTA=6's line per MCUboot slot, #XFOTA=7's modem DFU area. */
const struct at_rsp RSP_XFOTA = ANSWER("#XFOTA", "area_id,mcuboot_version,image_size,version");
const struct at_rsp RSP_XFOTA_MFW = ANSWER("#XFOTA", "size,offset");
const struct at_rsp RSP_XHTTPCCON = ANSWER("#XHTTPCCON", "state,host,port,sec_tag");
/* A part of the response, its bytes after it (<state> 1: the end). */
const struct at_rsp RSP_XHTTPCRSP = { .prefix = "#XHTTPCRSP", .fields = "byte_count,state",
				      .kind = AT_RSP_SLM_URC, .cause = "#XHTTPCREQ" };
/* The FTP client lost its control connection (a 90x of the library). */
const struct at_rsp RSP_XFTP = { .prefix = "#XFTP", .fields = "error,status",
				 .kind = AT_RSP_SLM_URC, .cause = "#XFTP" };
/* The Serial Modem's sockets (SM v0.2.0+): every line names its handle;
 * the read forms are RSP_XSOCKET_READ5 and RSP_XSSOCKET_READ6.  v0.2.0's
 * #XAPOLL? line has as many fields as polled sockets: read by name only. */
const struct at_rsp RSP_XCLOSE = ANSWER("#XCLOSE", "handle,result");
const struct at_rsp RSP_XCONNECT_SM = ANSWER("#XCONNECT", "handle,status");
/* <result_type> 1: #XSENDNTF follows when the network acknowledges. */
const struct at_rsp RSP_XSEND_SM = ANSWER("#XSEND", "handle,result_type,size");
const struct at_rsp RSP_XSENDTO_SM = ANSWER("#XSENDTO", "handle,result_type,size");
const struct at_rsp RSP_XSENDNTF = { .prefix = "#XSENDNTF", .fields = "handle,status,size",
				     .kind = AT_RSP_SLM_URC, .cause = "#XSEND" };
/* Header first, then <size> bytes (<mode> 1: twice as many hex digits). */
const struct at_rsp RSP_XRECV_SM = ANSWER("#XRECV", "handle,mode,size");
const struct at_rsp RSP_XRECVFROM_SM = ANSWER("#XRECVFROM", "handle,mode,size,ip_addr,port");
/* Automatic reception (#XRECVCFG, SM v0.3.0+): the same lines unasked,
 * the bytes and a CRLF after them. */
const struct at_rsp RSP_XRECV_SM_URC = { .prefix = "#XRECV", .fields = "handle,mode,size",
					 .kind = AT_RSP_SLM_URC, .cause = "#XRECVCFG" };
const struct at_rsp RSP_XRECVFROM_SM_URC = { .prefix = "#XRECVFROM",
					     .fields = "handle,mode,size,ip_addr,port",
					     .kind = AT_RSP_SLM_URC, .cause = "#XRECVCFG" };
const struct at_rsp RSP_XRECVCFG = ANSWER("#XRECVCFG", "handle,flags,hex");
/* SM v2.0's server: the new socket's handle, its PDP context, the client. */
const struct at_rsp RSP_XACCEPT_SM = ANSWER("#XACCEPT", "handle,cid,ip_addr,port");
const struct at_rsp RSP_XLISTEN = ANSWER("#XLISTEN", "handle,cid,port");
/* A poll event; the read form (SM v0.3.0+): the events asked per socket. */
const struct at_rsp RSP_XAPOLL_SM = { .prefix = "#XAPOLL", .fields = "handle,revents",
				      .kind = AT_RSP_SLM_URC, .cause = "#XAPOLL" };
const struct at_rsp RSP_XAPOLL_SM_READ = ANSWER("#XAPOLL", "handle,events");
const struct at_rsp RSP_XAPOLL_V02_READ = ANSWER("#XAPOLL", "running,events,handles");

const struct at_rsp *const at_responses[] = {
	&RSP_CEREG, &RSP_CSCON, &RSP_CESQ_URC, &RSP_CEDRXP, &RSP_CGEV, &RSP_CIND_URC,
	&RSP_XSIM_URC, &RSP_XTIME, &RSP_CNEC_EMM, &RSP_MDMEV, &RSP_XMQTTEVT, &RSP_XMQTTMSG,
	&RSP_XDATAMODE, &RSP_CEREG_READ, &RSP_CSCON_READ, &RSP_CIND_READ, &RSP_XSIM_READ,
	&RSP_CFUN, &RSP_XSYSTEMMODE, &RSP_XMONITOR, &RSP_COPS, &RSP_CCLK, &RSP_CESQ, &RSP_CEMODE,
	&RSP_XCBAND, &RSP_CGDCONT, &RSP_CGACT, &RSP_CGPADDR, &RSP_CEDRXRDP, &RSP_XICCID,
	&RSP_CGSN, &RSP_CGSN_BARE, &RSP_CIMI, &RSP_CGMR, &RSP_CGMM, &RSP_CGMI, &RSP_XMODEMUUID,
	&RSP_CMNG, &RSP_KEYGEN, &RSP_XSLMVER, &RSP_XSMVER, &RSP_XUUID, &RSP_XMODEMRESET, &RSP_XSOCKET, &RSP_XSSOCKET,
	&RSP_XCONNECT, &RSP_XSEND, &RSP_XSENDTO, &RSP_XRECV, &RSP_XRECVFROM, &RSP_XGETADDRINFO,
	&RSP_XPING, &RSP_XMQTTCON, &RSP_XMQTTCFG, &RSP_XVBAT, &RSP_HWVERSION, &RSP_SHORTSWVER, &RSP_CRSM,
	&RSP_CONEVAL, &RSP_CMT, &RSP_XSMS, &RSP_XGPS, &RSP_CNMI, &RSP_CMGS, &RSP_XACCEPT, &RSP_XTCPACCEPT,
	&RSP_XTCPCLI, &RSP_XTCPCLI_URC, &RSP_XTCPSVR, &RSP_XTCPSVR_URC, &RSP_XTCPSEND, &RSP_XTCPDATA,
	&RSP_CNEC, &RSP_CGEREP, &RSP_CMEE, &RSP_ATTESTTOKEN, &RSP_XDATAPRFL, &RSP_REL14FEAT,
	&RSP_XRAI, &RSP_RAI, &RSP_XPTW, &RSP_XMAGPIO, &RSP_XCOEX0, &RSP_CSQ, &RSP_CEER, &RSP_CPINR,
	&RSP_CPSMS, &RSP_CEDRXS, &RSP_CPIN, &RSP_XBANDLOCK, &RSP_XCONNSTAT, &RSP_XSLMUART,
	&RSP_XDATACTRL, &RSP_XSSOCKETOPT, &RSP_XSOCKETOPT,
	&RSP_XUDPSVR, &RSP_XUDPCLI, &RSP_XUDPSEND, &RSP_XUDPDATA, &RSP_XHTTPCCON,
	&RSP_XFOTA, &RSP_XFOTA_MFW, &RSP_XFOTA_URC, &RSP_XHTTPCRSP, &RSP_XFTP,
	&RSP_XRECVFROM_PORT, &RSP_XSOCKET_READ5, &RSP_XSSOCKET_READ6, &RSP_XSOCKETSELECT,
	&RSP_XSOCKETSELECT_CUR, &RSP_XSOCKETSELECT_LIST, &RSP_XSOCKETSELECT_LIST7, &RSP_XPOLL,
	&RSP_XCLOSE, &RSP_XCONNECT_SM, &RSP_XSEND_SM, &RSP_XSENDTO_SM, &RSP_XSENDNTF, &RSP_XRECV_SM,
	&RSP_XRECVFROM_SM, &RSP_XRECV_SM_URC, &RSP_XRECVFROM_SM_URC, &RSP_XRECVCFG, &RSP_XAPOLL_SM,
	&RSP_XAPOLL_SM_READ, &RSP_XAPOLL_V02_READ, &RSP_XACCEPT_SM, &RSP_XLISTEN, NULL,
};

static size_t count_fields(const char *text)
{
	size_t n = 1;
	bool quoted = false;

	for (; *text && *text != '\r' && *text != '\n'; text++) {
		if (*text == '"')
			quoted = !quoted;
		else if (*text == ',' && !quoted)
			n++;
	}
	return n;
}

/* Of a command's answers with line's prefix, the one with as many fields
 * as line (a generation's other shape: #XSOCKET? in 3 or 5 fields), else
 * the first. */
const struct at_rsp *at_rsp_classify(const char *line, const char *cmd)
{
	const struct at_rsp *urc = NULL, *answer = NULL;

	for (size_t i = 0; at_responses[i]; i++) {
		const struct at_rsp *r = at_responses[i];

		if (r->kind == AT_RSP_ANSWER && cmd && !strcmp(r->answers, cmd) &&
		    (r->prefix[0] ? at_rsp_is(r, line) : line[0] && !strchr("+%#", line[0]))) {
			if (count_fields(r->fields) == count_fields(at_rsp_values(r, line)))
				return r;
			if (!answer)
				answer = r;
		}
		if (r->kind != AT_RSP_ANSWER && !urc && at_rsp_is(r, line))
			urc = r;
	}
	return answer ? answer : urc;
}

const struct at_rsp *at_rsp_unsolicited(const char *line, const char *cmd)
{
	const struct at_rsp *r = at_rsp_classify(line, cmd);

	return r && r->kind != AT_RSP_ANSWER ? r : NULL;
}

bool at_rsp_caused_by(const struct at_rsp *r, const struct at_cmd_def *d)
{
	return d && r->cause && !strcasecmp(r->cause, d->name);
}

bool at_rsp_subscribed_by(const struct at_rsp *r, const struct at_cmd_def *d)
{
	return d && r->subscribe && !strcasecmp(r->subscribe, d->name);
}

const struct at_rsp *at_rsp_caused(const struct at_cmd_def *d)
{
	for (size_t i = 0; at_responses[i]; i++)
		if (at_rsp_caused_by(at_responses[i], d))
			return at_responses[i];
	return NULL;
}
