/* The detection rows of slm-versions.md 1.1: a line only some SLM
 * generations produce, and which.  A row is data; profile_detect.c reads
 * them all alike.  Commands a generation added count only when the log
 * shows them not refused (an older SLM answers them ERROR). */
#include "profile_detect.h"

#include <string.h>

#include "slm_profiles.h"

#define A DET_NCS18
#define A1 DET_NCS19
#define B DET_NCS20
#define C DET_NCS21
#define D DET_NCS25
#define E DET_NCS26
#define F DET_SM02
#define G DET_SM03
#define H DET_SM20

/* The profiles the rows name, in slmsim's order (PROFILES.md). */
const char *const det_names[DET_N] = {
	[A] = "ncs-1.8", [A1] = "ncs-1.9", [B] = "ncs-2.0", [C] = "ncs-2.1", [D] = "ncs-2.5",
	[E] = "ncs-2.6", [F] = "sm-0.2", [G] = "sm-0.3", [H] = "sm-2.0",
};

const struct slm_profile *det_profile(int p)
{
	return slm_profile_find(det_names[p]);
}

int det_index(const struct slm_profile *p)
{
	for (int i = 0; p && i < DET_N; i++)
		if (!strcmp(det_names[i], p->name))
			return i;
	return -1;
}

#define REFUSED "^ERROR$"
#define Q "\"[^\"]*\""		/* a quoted string */

const struct det_rule det_rules[] = {
	/* #XRECV and #XRECVFROM: the bytes after the header from 2.0 */
	{ EV_RECV, "^#XRECV: [0-9]+$", CTX_AFTER_DATA, "^AT#XRECV=", PROFS(A, A1), NULL,
	  "received bytes before #XRECV: <size>" },
	{ EV_RECV, "^#XRECVFROM: [0-9]+," Q "$", CTX_AFTER_DATA, "^AT#XRECVFROM=", PROFS(A, A1), NULL,
	  "received bytes before #XRECVFROM: <size>,\"<ip>\"" },
	{ EV_RECV, "^#XRECV: [0-9]+$", CTX_AFTER_SEND, "^AT#XRECV=", PROFS(B, E), NULL,
	  "#XRECV: <size> before the received bytes" },
	{ EV_RECV, "^#XRECVFROM: [0-9]+," Q "$", CTX_AFTER_SEND, "^AT#XRECVFROM=", PROFS(B, C), NULL,
	  "#XRECVFROM: <size>,\"<ip>\" before the received bytes" },
	{ EV_RECV, "^#XRECVFROM: [0-9]+," Q ",[0-9]+$", CTX_LINE, NULL, PROFS(D, E), NULL,
	  "#XRECVFROM: <size>,\"<ip>\",<port>" },
	{ EV_RECV, "^#XRECV: [0-9]+,[0-9]+,[0-9]+$", CTX_LINE, NULL, PROFS(F, H), NULL,
	  "#XRECV: <handle>,<mode>,<size>" },
	{ EV_RECV, "^#XRECVFROM: [0-9]+,[0-9]+,[0-9]+," Q ",[0-9]+$", CTX_LINE, NULL, PROFS(F, H), NULL,
	  "#XRECVFROM: <handle>,<mode>,<size>,\"<ip>\",<port>" },
	{ EV_RECV, "^#XRECV: ", CTX_UNASKED, "^AT#XRECV=", PROFS(G, H), NULL,
	  "#XRECV with no AT#XRECV before it (automatic reception)" },
	/* data mode: OK on entry from 2.1, its exit reported by #XDATAMODE */
	{ EV_SEND, "^AT#XSEND$", CTX_NEXT_IS, "^OK$", PROFS(C, H), NULL,
	  "AT#XSEND answered OK before any data" },
	{ EV_SEND, "^\\+\\+\\+$", CTX_NEXT_IS, "^OK$", PROFS(A, B), NULL, "+++ answered by OK" },
	{ EV_SEND, "^\\+\\+\\+$", CTX_NEXT_IS, "^#XDATAMODE: ", PROFS(C, H), NULL,
	  "+++ answered by #XDATAMODE" },
	/* several sockets from 2.0, none selected in the Serial Modem */
	{ EV_SEND, "^AT#X(SOCKETSELECT|POLL)[=?]", CTX_NEXT_NOT, REFUSED, PROFS(B, E), NULL,
	  "AT#XSOCKETSELECT or AT#XPOLL" },
	{ EV_RECV, "^#XPOLL: [0-9]+,\"0x[0-9a-fA-F]{8}\"$", CTX_LINE, NULL, PROF(B), NULL,
	  "#XPOLL events in 8 hex digits" },
	{ EV_RECV, "^#XPOLL: [0-9]+,\"0x[0-9a-fA-F]{4}\"$", CTX_LINE, NULL, PROFS(C, E), NULL,
	  "#XPOLL events in 4 hex digits" },
	{ EV_RECV, "^#XSOCKETSELECT: [0-9]+,[0-9]+,[0-9]+$", CTX_AFTER_SEND, "^AT#XSOCKETSELECT=",
	  PROF(B), NULL, "#XSOCKETSELECT: <handle>,<family>,<role> as the set reply" },
	{ EV_RECV, "^#XSOCKETSELECT: [0-9]+$", CTX_AFTER_SEND, "^AT#XSOCKETSELECT=", PROFS(C, E),
	  NULL, "#XSOCKETSELECT: <handle> as the set reply" },
	{ EV_RECV, "^#XSOCKET: 0$", CTX_AFTER_SEND, "^AT#XSOCKET\\?$", PROFS(A, A1), NULL,
	  "#XSOCKET: 0 read with no socket open" },
	{ EV_RECV, "^#XSOCKET: [0-9]+,[0-9]+,[0-9]+$", CTX_AFTER_SEND, "^AT#XSOCKET\\?$", PROFS(A, B),
	  NULL, "a 3-field #XSOCKET read reply" },
	{ EV_RECV, "^#XSOCKET: [0-9]+,[0-9]+,[0-9]+,[0-9]+,[0-9]+$", CTX_LINE, NULL, PROFS(C, H), NULL,
	  "a 5-field #XSOCKET read reply" },
	{ EV_SEND, "^AT#XSOCKET=[0-9]+,[0-9]+,[0-9]+,[0-9]+$", CTX_NEXT_NOT, REFUSED, PROFS(C, H), NULL,
	  "AT#XSOCKET with a <cid>" },
	/* MQTT: the client id left #XMQTTCON for #XMQTTCFG in 2.6 */
	{ EV_SEND, "^AT#XMQTTCON=[12],(" Q ")?,(" Q ")?,(" Q ")?,\"[^\"]+\"", CTX_LINE, NULL,
	  PROFS(A, D), NULL, "a client id in AT#XMQTTCON (a string in field 5)" },
	{ EV_SEND, "^AT#XMQTTCON=[12],(" Q ")?,(" Q ")?,\"[^\"]+\",[0-9]+", CTX_LINE, NULL,
	  PROFS(E, H), NULL, "no client id in AT#XMQTTCON (a number in field 5)" },
	{ EV_SEND, "^AT#XMQTTCFG=", CTX_NEXT_NOT, REFUSED, PROFS(E, H), NULL, "AT#XMQTTCFG" },
	{ EV_RECV, "^#XMQTTCON: 0$", CTX_LINE, NULL, PROFS(D, H), NULL, "#XMQTTCON: 0 alone" },
	{ EV_RECV, "^#XMQTTCON: 0,\"\",\"\",0$", CTX_LINE, NULL, PROFS(A, C), NULL,
	  "#XMQTTCON: 0,\"\",\"\",0" },
	{ EV_SEND, "^AT#XMQTTPUB=" Q ",[0-9]", CTX_NEXT_NOT, REFUSED, PROFS(A, A1), NULL,
	  "AT#XMQTTPUB with an integer QoS in field 2, not refused" },
	{ EV_RECV, "^#XMQTTEVT: 2,-122$", CTX_LINE, NULL, PROFS(A, A1), NULL,
	  "#XMQTTEVT: 2,-122 (a payload over 576 bytes)" },
	/* the Serial Modem's handles, echo and polls */
	{ EV_SEND, "^AT#XCLOSE", CTX_NEXT_NOT, REFUSED, PROFS(F, H), NULL, "AT#XCLOSE" },
	{ EV_RECV, "^#X(CLOSE|SENDNTF): ", CTX_LINE, NULL, PROFS(F, H), NULL, "#XCLOSE or #XSENDNTF" },
	{ EV_SEND, "^ATE[01]$", CTX_NEXT_IS, "^OK$", PROFS(F, H), NULL, "ATE0/ATE1 answered OK" },
	{ EV_RECV, "^AT", CTX_ECHO, NULL, PROFS(F, H), NULL, "the command line echoed" },
	{ EV_SEND, "^AT#XAPOLL=[0-9]+(,[0-9]+,[0-9]+.*)?$", CTX_NEXT_NOT, REFUSED, PROF(E) | PROF(F),
	  "3.1", "AT#XAPOLL with the operation first" },
	{ EV_SEND, "^AT#XAPOLL=,", CTX_NEXT_NOT, REFUSED, PROFS(G, H), NULL,
	  "AT#XAPOLL with the handle first" },
	{ EV_SEND, "^AT#XSEND=(" Q ",[0-9]+|,[0-9]*)$", CTX_NEXT_NOT, REFUSED, PROF(E), "3.1",
	  "AT#XSEND with send flags" },
	{ EV_SEND, "^AT#XGETADDRINFO=" Q ",[0-9]", CTX_NEXT_NOT, REFUSED, PROFS(E, H), "2.8",
	  "AT#XGETADDRINFO with a family" },
	/* commands only some generations have */
	{ EV_SEND, "^AT#XSLMUART", CTX_NEXT_NOT, REFUSED, PROFS(A, C), NULL, "AT#XSLMUART" },
	{ EV_SEND, "^AT#XSHUTDOWN", CTX_NEXT_NOT, REFUSED, PROFS(C, H), "2.3", "AT#XSHUTDOWN" },
	{ EV_SEND, "^AT#XMODEMRESET", CTX_NEXT_NOT, REFUSED, PROFS(D, H), NULL, "AT#XMODEMRESET" },
	{ EV_SEND, "^AT#X(CMUX|PPP)", CTX_NEXT_NOT, REFUSED, PROFS(E, H), NULL, "AT#XCMUX or AT#XPPP" },
	{ EV_SEND, "^AT#XSMVER", CTX_NEXT_NOT, REFUSED, PROFS(F, H), NULL, "AT#XSMVER" },
	{ EV_SEND, "^AT#XRECVCFG", CTX_NEXT_NOT, REFUSED, PROFS(G, H), NULL, "AT#XRECVCFG" },
	{ EV_SEND, "^AT#XGNSS", CTX_NEXT_NOT, REFUSED, PROFS(F, H), NULL, "AT#XGNSS (not #XGPS)" },
	{ EV_RECV, "^#XGNSSPOS: ", CTX_LINE, NULL, PROF(H), NULL, "#XGNSSPOS" },
	{ EV_RECV, "^#XGNSS: ", CTX_LINE, NULL, PROFS(F, H), NULL, "#XGNSS (not #XGPS)" },
	/* results only some generations give */
	{ EV_RECV, "^INIT ERROR$", CTX_LINE, NULL, PROFS(E, H), "3.1", "INIT ERROR" },
	{ EV_RECV, "^\\+CME ERROR: [0-9]+$", CTX_LAST_SEND, "^AT#X", PROFS(E, H), "3.1",
	  "+CME ERROR as an SLM command's result" },
	{ EV_RECV, "^#XSLEEP: \\(0,1,2\\)$", CTX_LINE, NULL, PROFS(A, A1), NULL, "#XSLEEP: (0,1,2)" },
	{ EV_RECV, "^#XSLEEP: \\(1,2\\)$", CTX_LINE, NULL, PROFS(B, H), NULL, "#XSLEEP: (1,2)" },
};

const size_t det_n_rules = sizeof(det_rules) / sizeof(det_rules[0]);
