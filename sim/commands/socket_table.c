/* The modem's sockets: SLM_MAX_SOCKETS slots, a current one, handles as
 * Zephyr gives file descriptors (the lowest free one). */
#include <stddef.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "at_cmd.h"
#include "cmd_socket.h"
#include "net_conn.h"
#include "socket_raw.h"
#include "socket_state.h"
#include "tcp_listen.h"
#include "udp_sock.h"

struct sock_state *sock_current(struct modem *m)
{
	return m->socks ? &m->socks->slot[m->socks->current] : NULL;
}

struct sock_state *sock_slot(struct modem *m, int i)
{
	return m->socks && i >= 0 && i < SLM_MAX_SOCKETS ? &m->socks->slot[i] : NULL;
}

struct sock_state *sock_by_handle(struct modem *m, int handle)
{
	for (int i = 0; m->socks && i < SLM_MAX_SOCKETS; i++)
		if (m->socks->slot[i].open && m->socks->slot[i].handle == handle)
			return &m->socks->slot[i];
	return NULL;
}

int sock_open_count(struct modem *m)
{
	int n = 0;

	for (int i = 0; m->socks && i < SLM_MAX_SOCKETS; i++)
		n += m->socks->slot[i].open;
	return n;
}

static void sock_clear(struct modem *m, struct sock_state *s)
{
	memset(s, 0, offsetof(struct sock_state, recv_timer));
	s->m = m;
	s->peer_handle = -1;
}

struct sock_state *sock_alloc(struct modem *m)
{
	struct sock_state *s;

	if (fd_lowest(&m->fds) < 0)
		return NULL;
	for (int i = 0; m->socks && i < SLM_MAX_SOCKETS; i++) {
		s = &m->socks->slot[i];
		if (s->open)
			continue;
		sim_timer_stop(&s->recv_timer);
		sock_clear(m, s);
		s->handle = fd_lowest(&m->fds);
		s->ranking = m->socks->ranking++;
		return s;
	}
	return NULL;
}

void sock_opened(struct modem *m, struct sock_state *s)
{
	s->open = true;
	s->handle = fd_take(&m->fds, "socket");
}

void sock_select(struct modem *m, struct sock_state *s)
{
	if (m->socks && s)
		m->socks->current = (int)(s - m->socks->slot);
}

/* The most recently opened socket still open, or NULL. */
static struct sock_state *newest_open(struct modem *m)
{
	struct sock_state *best = NULL;

	for (int i = 0; i < SLM_MAX_SOCKETS; i++) {
		struct sock_state *s = &m->socks->slot[i];

		if (s->open && (!best || s->ranking > best->ranking))
			best = s;
	}
	return best;
}

void sock_close(struct modem *m, struct sock_state *s)
{
	bool was_current = s == sock_current(m);

	sim_timer_stop(&s->recv_timer);
	if (s->open) {
		fd_give(&m->fds, s->handle);
		fd_give(&m->fds, s->peer_handle);
	}
	conn_close(s->conn);
	udp_sock_close(s->udp);
	raw_sock_free(s->raw);
	tcp_listen_close(s->listen);
	sock_clear(m, s);
	if (was_current && newest_open(m))
		sock_select(m, newest_open(m));
}

/* The SLM's slm_at_socket_init(): every socket goes. */
void socket_close_all(struct modem *m)
{
	for (int i = 0; m->socks && i < SLM_MAX_SOCKETS; i++)
		sock_close(m, &m->socks->slot[i]);
	if (!m->socks)
		return;
	sim_timer_stop(&m->socks->poll_timer);
	m->socks->current = 0;
	m->socks->ranking = 1;
}

int socket_init(struct modem *m, char *err, size_t errlen)
{
	m->socks = calloc(1, sizeof(*m->socks));
	if (!m->socks) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	for (int i = 0; i < SLM_MAX_SOCKETS; i++)
		m->socks->slot[i].m = m;
	m->socks->ranking = 1;
	return 0;
}

void socket_fini(struct modem *m)
{
	if (!m->socks)
		return;
	socket_close_all(m);
	free(m->socks);
	m->socks = NULL;
}
