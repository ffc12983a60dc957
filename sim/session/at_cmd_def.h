/* A command's row in the table (cmd_table.c): its forms' handlers and the
 * facts other layers and slmreplay read about it.  No modem state here:
 * slmreplay sees rows, never a struct modem. */
#ifndef SLMSIM_AT_CMD_DEF_H
#define SLMSIM_AT_CMD_DEF_H

#include <stdint.h>

#include "at_schema.h"

struct at_cmd;
struct modem;

/* Where a command lives decides its framing (fact sheet 1.3): SLM's own
 * commands print "\r\n<line>\r\n" per line and "\r\nOK\r\n"; commands the
 * SLM forwards to the modem come back as "\r\n" + "<line>\r\n...OK\r\n". */
enum at_origin {
	AT_ORIGIN_SLM,
	AT_ORIGIN_MODEM,
};

typedef int (*at_handler)(struct modem *m, const struct at_cmd *cmd);

/* Facts about a command that layers other than its handler use. */
#define AT_F_NEEDS_REG		(1u << 0)	/* talks to the network: needs registration */
#define AT_F_BLOCKING		(1u << 1)	/* the SLM stops reading the UART until it answers */
#define AT_F_OPENS_SOCKET	(1u << 2)	/* opens the socket later commands connect */
#define AT_F_CRED_WRITE		(1u << 3)	/* <op>=0 writes <sec_tag>,<type>,<content> */
#define AT_F_RECEIVES		(1u << 4)	/* answers with the peer's bytes, then a count */
#define AT_F_EMPTY_DATAMODE	(1u << 5)	/* empty data, not only none, enters data mode */
#define AT_F_SUBSCRIBES		(1u << 6)	/* its topic is a filter the broker sends matches of */
#define AT_F_FRESH		(1u << 7)	/* answers with what the modem makes anew each time
						 * (a key, a signature, a nonce) */
#define AT_F_MAKES_KEY		(1u << 8)	/* <key_type> 2 makes <sec_tag>'s private key */
#define AT_F_REBOOTS		(1u << 9)	/* the modem boots again after answering: Ready */
#define AT_F_DATAGRAM		(1u << 10)	/* a proxy's peer talks datagrams (UDP) */

/* What the host parameter of a row reaches (or, without one, the row
 * talks to): an MQTT broker, the peer of an #XSOCKET socket, the peer of
 * the TCP/UDP proxy (#XTCPCLI, #XTCPSEND, #XTCPSVR...), an HTTP server. */
enum at_peer { AT_PEER_NONE, AT_PEER_BROKER, AT_PEER_SOCKET, AT_PEER_PROXY, AT_PEER_HTTP };

/* A set of CFUN modes (0..63). */
#define AT_CFUN(n)		(UINT64_C(1) << (n))

struct at_cmd_def {
	const char *name;	/* upper case with its separator: "+CFUN", "#XSLMVER" */
	enum at_origin origin;
	/* One handler per form; NULL: that form answers ERROR. */
	at_handler action, set, read;
	const struct at_schema *schema;	/* its set form's parameters; NULL: the handler
					 * checks them */
	const char *test;	/* fixed text of the =? form; NULL: the schema's, test_fn,
				 * or ERROR */
	at_handler test_fn;	/* a test form that is not one plain line */
	unsigned flags;		/* AT_F_* */
	uint8_t peer;		/* enum at_peer: who is at host:port */
	uint64_t cfun_refused;	/* CFUN modes that refuse its state-changing forms */
	const char *since;	/* the SLM or modem firmware that has it */
	const char *summary;	/* one line for --list-commands */
	const char *limits;	/* what of the real command is not emulated (docs/fidelity.md) */
};

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* Data mode (AT_F_EMPTY_DATAMODE and the senders without data): everything
 * the host sends is payload until "+++" framed by silence each side. */
#define DATAMODE_TERMINATOR "+++"
#define DATAMODE_SILENCE_MS 1000	/* CONFIG_SLM_DATAMODE_SILENCE */

#endif
