#include "socket_raw.h"

#include <stdlib.h>
#include <string.h>

#include "at_cmd.h"
#include "cmd_ping.h"

#define RAW_MTU 1280		/* the modem's MTU: a longer packet does not leave */
#define RAW_SLOTS 8		/* echoes in flight, and packets waiting to be read */

struct raw_pkt {
	size_t len;
	uint8_t data[RAW_MTU];
};

struct echo {
	struct raw_sock *r;
	bool busy;
	struct sim_timer timer;
	struct raw_pkt pkt;
};

struct raw_sock {
	struct modem *m;
	struct echo flight[RAW_SLOTS];
	struct raw_pkt queue[RAW_SLOTS];
	size_t head, count;
	raw_data_fn on_data;
	void *arg;
};

static uint32_t sum16(const uint8_t *p, size_t n, uint32_t acc)
{
	for (size_t i = 0; i + 1 < n; i += 2)
		acc += (uint32_t)(p[i] << 8 | p[i + 1]);
	if (n & 1)
		acc += (uint32_t)p[n - 1] << 8;
	return acc;
}

/* The Internet checksum of a sum: 0 when the summed bytes held a right one. */
static uint16_t fold(uint32_t acc)
{
	while (acc >> 16)
		acc = (acc & 0xffff) + (acc >> 16);
	return (uint16_t)~acc;
}

static void put16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

static void swap(uint8_t *a, uint8_t *b, size_t n)
{
	uint8_t t[16];

	memcpy(t, a, n);
	memcpy(a, b, n);
	memcpy(b, t, n);
}

/* An IPv4 ICMP echo request turned into its reply in place: the reply's
 * length, or 0 with why. */
static size_t echo4(uint8_t *p, size_t len, const char **why)
{
	size_t ihl = (size_t)(p[0] & 15) * 4, total = (size_t)(p[2] << 8 | p[3]);
	uint8_t *icmp = p + ihl;

	if (len < 20 || ihl < 20 || total > len || total < ihl + 8)
		return (void)(*why = "not a whole IPv4 packet (header or total length)"), 0;
	if (fold(sum16(p, ihl, 0)))
		return (void)(*why = "IPv4 header checksum wrong"), 0;
	if (p[9] != 1 || icmp[0] != 8)
		return (void)(*why = "not an ICMP echo request"), 0;
	if (fold(sum16(icmp, total - ihl, 0)))
		return (void)(*why = "ICMP checksum wrong"), 0;
	swap(p + 12, p + 16, 4);
	p[8] = 64;
	put16(p + 10, 0);
	put16(p + 10, fold(sum16(p, ihl, 0)));
	icmp[0] = 0;
	put16(icmp + 2, 0);
	put16(icmp + 2, fold(sum16(icmp, total - ihl, 0)));
	return total;
}

/* The ICMPv6 checksum's sum: the pseudo-header, then the message. */
static uint32_t sum6(const uint8_t *p, size_t plen)
{
	return sum16(p + 40, plen, sum16(p + 8, 32, (uint32_t)plen + 58));
}

static size_t echo6(uint8_t *p, size_t len, const char **why)
{
	size_t plen = (size_t)(p[4] << 8 | p[5]);
	uint8_t *icmp = p + 40;

	if (len < 48 || 40 + plen > len || plen < 8)
		return (void)(*why = "not a whole IPv6 packet (payload length)"), 0;
	if (p[6] != 58 || icmp[0] != 128)
		return (void)(*why = "not an ICMPv6 echo request"), 0;
	if (fold(sum6(p, plen)))
		return (void)(*why = "ICMPv6 checksum wrong"), 0;
	swap(p + 8, p + 24, 16);
	p[7] = 64;
	icmp[0] = 129;
	put16(icmp + 2, 0);
	put16(icmp + 2, fold(sum6(p, plen)));
	return 40 + plen;
}

static void arrive(struct sim_timer *t, void *arg)
{
	struct echo *e = arg;
	struct raw_sock *r = e->r;

	(void)t;
	e->busy = false;
	if (!net_registered(&r->m->net)) {
		modem_log(r->m, SLOG_WHY, "raw socket: the echo reply is lost: the modem left the "
			  "network");
		return;
	}
	if (r->count == RAW_SLOTS) {
		modem_log(r->m, SLOG_WHY, "raw socket: %d packets wait unread, the reply is "
			  "dropped", RAW_SLOTS);
		return;
	}
	r->queue[(r->head + r->count++) % RAW_SLOTS] = e->pkt;
	if (r->on_data)
		r->on_data(r->arg);
}

/* The reply on its way, after the network's next round trip. */
static void answer(struct raw_sock *r, const struct raw_pkt *pkt)
{
	struct echo *e = NULL;
	int rtt;

	for (int i = 0; i < RAW_SLOTS && !e; i++)
		e = r->flight[i].busy ? NULL : &r->flight[i];
	if (!e) {
		modem_log(r->m, SLOG_WHY, "raw socket: %d echoes in flight, this one is dropped",
			  RAW_SLOTS);
		return;
	}
	if ((rtt = ping_next_rtt(r->m)) < 0) {
		modem_log(r->m, SLOG_INFO, "raw socket: the echo is lost (network.ping_rtt_ms)");
		return;
	}
	e->busy = true;
	e->pkt = *pkt;
	sim_timer_start(r->m->ctx->clock, &e->timer, rtt);
}

int raw_sock_send(struct raw_sock *r, const uint8_t *pkt, size_t len)
{
	struct raw_pkt p = { .len = len };
	const char *why = "neither IPv4 nor IPv6";

	link_stats_add(&r->m->radio.stats, len, 0);
	if (len > RAW_MTU) {
		modem_log(r->m, SLOG_WHY, "raw socket: a %zu-byte packet is longer than the %d-byte "
			  "MTU: dropped", len, RAW_MTU);
		return (int)len;
	}
	memcpy(p.data, pkt, len);
	if (len && (p.data[0] >> 4) == 4)
		p.len = echo4(p.data, len, &why);
	else if (len && (p.data[0] >> 4) == 6)
		p.len = echo6(p.data, len, &why);
	else
		p.len = 0;
	if (p.len)
		answer(r, &p);
	else
		modem_log(r->m, SLOG_WHY, "raw socket: %zu bytes sent, no answer: %s (the emulated "
			  "network answers ICMP echo requests only)", len, why);
	return (int)len;
}

bool raw_sock_pending(const struct raw_sock *r) { return r->count > 0; }

size_t raw_sock_recv(struct raw_sock *r, void *buf, size_t len)
{
	const struct raw_pkt *p = &r->queue[r->head];
	size_t n = p->len < len ? p->len : len;

	if (!r->count)
		return 0;
	memcpy(buf, p->data, n);
	link_stats_add(&r->m->radio.stats, 0, p->len);
	r->head = (r->head + 1) % RAW_SLOTS;
	r->count--;
	return n;
}

void raw_sock_await(struct raw_sock *r, raw_data_fn on_data, void *arg)
{
	r->on_data = on_data;
	r->arg = arg;
}

struct raw_sock *raw_sock_new(struct modem *m)
{
	struct raw_sock *r = calloc(1, sizeof(*r));

	if (!r)
		return NULL;
	r->m = m;
	for (int i = 0; i < RAW_SLOTS; i++) {
		r->flight[i].r = r;
		sim_timer_init(&r->flight[i].timer, arrive, &r->flight[i]);
	}
	return r;
}

void raw_sock_free(struct raw_sock *r)
{
	if (!r)
		return;
	for (int i = 0; i < RAW_SLOTS; i++)
		sim_timer_stop(&r->flight[i].timer);
	free(r);
}
