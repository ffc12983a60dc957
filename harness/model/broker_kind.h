/* Which of the local broker's listeners a host of the log goes to: the
 * script says it (model/), the broker process opens them (peers/). */
#ifndef SLMREPLAY_BROKER_KIND_H
#define SLMREPLAY_BROKER_KIND_H

enum broker_kind {
	BK_PLAIN, BK_PLAIN_AUTH, BK_TLS, BK_TLS_AUTH, BK_MTLS, BK_MTLS_AUTH, BK_N
};

/* "mutual TLS with a password": what a listener of that kind takes. */
const char *broker_kind_name(enum broker_kind k);

#endif
