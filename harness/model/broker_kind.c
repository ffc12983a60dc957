#include "broker_kind.h"

static const char *const kind_names[BK_N] = {
	[BK_PLAIN] = "plain MQTT", [BK_PLAIN_AUTH] = "plain MQTT with a password",
	[BK_TLS] = "TLS", [BK_TLS_AUTH] = "TLS with a password",
	[BK_MTLS] = "mutual TLS", [BK_MTLS_AUTH] = "mutual TLS with a password",
};

const char *broker_kind_name(enum broker_kind k)
{
	return kind_names[k];
}
