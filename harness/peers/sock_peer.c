#include "sock_peer.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "peer_tls.h"

/* Bytes that came, then silence this long: the modem sent all it will
 * before the logged answer, even when the count the log implies is off
 * (a data-mode payload's line ends). */
#define QUIET_MS 300

static int64_t mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* A flow being played: the connection accepted for it, or a UDP
 * destination's datagrams. */
struct play {
	const struct peer_flow *flow;
	int fd;				/* -1: none */
	struct peer_tls_conn *tls;
	size_t rx, rx_at_op, op;
	int64_t last_rx;
	struct sockaddr_in from;	/* UDP: where answers go */
};

#define LIVE_MAX SOCK_PEER_MAX

struct peer_run {
	struct sock_peer *sp;
	const struct peer_plan *plan;
	struct peer_tls_server *tls;
	size_t next_flow[SOCK_PEER_MAX];	/* stream endpoints: flows served so far */
	/* The stream (and DTLS) connections, each the modem's own socket. */
	struct play live[LIVE_MAX];
	int live_ep[LIVE_MAX];			/* DTLS: the endpoint it holds; -1 */
	struct play udp[SOCK_PEER_MAX];
	struct play cl[SOCK_PEER_MAX];		/* clients of the modem's servers */
	int ctl;				/* the runner's pipe */
	int64_t released;			/* log time the replay has reached */
};

static bool same_endpoint(const struct sock_peer_endpoint *e, const struct peer_flow *f)
{
	return e->port == f->port && e->kind == f->kind && !strcmp(e->host, f->host);
}

static bool is_live(const struct peer_run *r, const struct play *p)
{
	return p >= r->live && p < r->live + LIVE_MAX;
}

static void end_live(struct peer_run *r, struct play *p)
{
	int *ep = &r->live_ep[p - r->live];

	if (p->tls)
		peer_tls_close(p->tls);
	if (*ep >= 0) {
		/* The endpoint's UDP socket takes any client again. */
		struct sockaddr any = { .sa_family = AF_UNSPEC };

		connect(r->sp->ep[*ep].fd, &any, sizeof(any));
		*ep = -1;
	}
	if (p->fd >= 0)
		close(p->fd);
	*p = (struct play){ .fd = -1 };
}

/* A free place for a new connection; the oldest when none is free. */
static struct play *new_live(struct peer_run *r)
{
	for (size_t k = 0; k < LIVE_MAX; k++)
		if (r->live[k].fd < 0)
			return &r->live[k];
	end_live(r, &r->live[0]);
	return &r->live[0];
}

static void send_op(struct peer_run *r, struct play *p, const struct peer_op *op)
{
	if (is_live(r, p) && op->close) {
		end_live(r, p);
		return;
	}
	if (p->tls)
		peer_tls_write(p->tls, op->data, op->len);
	else if (!is_live(r, p))
		sendto(p->fd, op->data, op->len, 0, (struct sockaddr *)&p->from, sizeof(p->from));
	else if (send(p->fd, op->data, op->len, MSG_NOSIGNAL) < 0)
		end_live(r, p);
}

static void play_ops(struct peer_run *r, struct play *p);

/* A TCP client of the modem's server connects: the connection is then a
 * live one like any other. */
static void connect_client(struct peer_run *r, struct play *p)
{
	struct play *l;

	if (connect(p->fd, (struct sockaddr *)&p->from, sizeof(p->from))) {
		close(p->fd);
		p->fd = -1, p->flow = NULL;
		return;
	}
	l = new_live(r);
	*l = *p;
	l->last_rx = mono_ms();
	p->fd = -1, p->flow = NULL;
	play_ops(r, l);
}

/* Plays every answer whose bytes have come (or that silence implies) and
 * whose log time the replay has reached. */
static void play_ops(struct peer_run *r, struct play *p)
{
	while (p->flow && p->op < p->flow->n_ops) {
		const struct peer_op *op = &p->flow->ops[p->op];
		bool quiet = p->rx > p->rx_at_op && mono_ms() - p->last_rx >= QUIET_MS;

		if ((p->rx < op->after && !quiet) || op->at > r->released)
			return;
		p->op++;
		p->rx_at_op = p->rx;
		if (op->connect) {
			connect_client(r, p);
			return;
		}
		send_op(r, p, op);
		if (is_live(r, p) && p->fd < 0)
			return;
	}
}

/* The next flow logged for this endpoint; past the last one, a
 * connection that only listens. */
static void accept_on(struct peer_run *r, size_t e)
{
	const struct sock_peer_endpoint *ep = &r->sp->ep[e];
	int fd = accept(ep->fd, NULL, NULL);
	struct play *p;

	if (fd < 0)
		return;
	p = new_live(r);
	p->fd = fd;
	for (size_t i = r->next_flow[e]; i < r->plan->n; i++)
		if (same_endpoint(ep, &r->plan->flows[i])) {
			p->flow = &r->plan->flows[i];
			break;
		}
	if (ep->kind == FLOW_TLS && !(p->tls = r->tls ? peer_tls_accept(r->tls, fd,
			p->flow && p->flow->mutual) : NULL)) {
		end_live(r, p);	/* a failed handshake is no flow's: the modem retries */
		return;
	}
	if (p->flow)
		r->next_flow[e] = (size_t)(p->flow - r->plan->flows) + 1;
	p->last_rx = mono_ms();
	play_ops(r, p);
}

/* The first datagram of a DTLS client: the endpoint's socket is connected
 * to it for the handshake and the flow, until the client closes. */
static void accept_dtls(struct peer_run *r, size_t e)
{
	const struct sock_peer_endpoint *ep = &r->sp->ep[e];
	struct sockaddr_in from;
	socklen_t len = sizeof(from);
	const struct peer_flow *flow = NULL;
	struct play *p;
	char byte;

	if (recvfrom(ep->fd, &byte, 1, MSG_PEEK, (struct sockaddr *)&from, &len) < 0)
		return;
	for (size_t i = r->next_flow[e]; i < r->plan->n && !flow; i++)
		if (same_endpoint(ep, &r->plan->flows[i]))
			flow = &r->plan->flows[i];
	if (!flow || !flow->psk[0] || connect(ep->fd, (struct sockaddr *)&from, len)) {
		recv(ep->fd, &byte, 1, 0);	/* nobody to talk to: drop it */
		return;
	}
	p = new_live(r);
	r->live_ep[p - r->live] = (int)e;
	p->fd = dup(ep->fd);
	p->flow = flow;
	p->tls = peer_tls_accept_dtls(r->tls, p->fd, flow->psk, flow->psk_identity);
	if (!p->tls) {
		end_live(r, p);	/* a failed handshake is no flow's: the modem retries */
		return;
	}
	r->next_flow[e] = (size_t)(flow - r->plan->flows) + 1;
	p->last_rx = mono_ms();
	play_ops(r, p);
}

static void read_live(struct peer_run *r, struct play *p)
{
	char buf[4096];
	int n;

	do {
		n = p->tls ? peer_tls_read(p->tls, buf, sizeof(buf))
			   : (int)recv(p->fd, buf, sizeof(buf), 0);
		if (n <= 0) {
			end_live(r, p);	/* the modem closed its socket */
			return;
		}
		p->rx += (size_t)n;
	} while (p->tls && peer_tls_pending(p->tls));
	p->last_rx = mono_ms();
	play_ops(r, p);
}

static void read_dgram(struct peer_run *r, struct play *p)
{
	char buf[2048];
	socklen_t len = sizeof(p->from);

	if (recvfrom(p->fd, buf, sizeof(buf), 0, (struct sockaddr *)&p->from, &len) < 0)
		return;
	p->rx++;
	p->last_rx = mono_ms();
	play_ops(r, p);
}

/* What the runner says: the log time it has reached. */
static bool read_ctl(struct peer_run *r)
{
	int64_t t[16];
	ssize_t n = read(r->ctl, t, sizeof(t));

	if (n <= 0)
		return false;	/* the parent is gone */
	for (ssize_t k = 0; k < n / (ssize_t)sizeof(t[0]); k++)
		if (t[k] > r->released)
			r->released = t[k];
	return true;
}

static bool ep_held(const struct peer_run *r, size_t e)
{
	for (size_t k = 0; k < LIVE_MAX; k++)
		if (r->live_ep[k] == (int)e)
			return true;
	return false;
}

static void serve(struct peer_run *r)
{
	struct pollfd pf[SOCK_PEER_MAX + LIVE_MAX + 1 + SOCK_PEER_MAX];
	size_t n_ep = r->sp->n_ep, n_cl = r->sp->n_cl;

	for (;;) {
		for (size_t e = 0; e < n_ep; e++)
			pf[e] = (struct pollfd){ .fd = ep_held(r, e) ? -1 : r->sp->ep[e].fd,
						 .events = POLLIN };
		for (size_t k = 0; k < LIVE_MAX; k++)
			pf[n_ep + k] = (struct pollfd){ .fd = r->live[k].fd, .events = POLLIN };
		pf[n_ep + LIVE_MAX] = (struct pollfd){ .fd = r->ctl, .events = POLLIN };
		for (size_t k = 0; k < n_cl; k++)
			pf[n_ep + LIVE_MAX + 1 + k] = (struct pollfd){ .events = POLLIN,
				.fd = r->cl[k].flow && r->cl[k].flow->kind == FLOW_UDP ? r->cl[k].fd : -1 };
		if (poll(pf, n_ep + LIVE_MAX + 1 + n_cl, QUIET_MS / 3) < 0 && errno != EINTR)
			return;
		if (pf[n_ep + LIVE_MAX].revents && !read_ctl(r))
			return;
		for (size_t k = 0; k < n_cl; k++) {
			if (pf[n_ep + LIVE_MAX + 1 + k].revents & POLLIN)
				read_dgram(r, &r->cl[k]);
			play_ops(r, &r->cl[k]);
		}
		for (size_t e = 0; e < n_ep; e++) {
			if (!(pf[e].revents & POLLIN))
				continue;
			if (r->sp->ep[e].kind == FLOW_UDP)
				read_dgram(r, &r->udp[e]);
			else if (r->sp->ep[e].kind == FLOW_DTLS)
				accept_dtls(r, e);
			else
				accept_on(r, e);
		}
		for (size_t k = 0; k < LIVE_MAX; k++) {
			if (r->live[k].fd >= 0 && pf[n_ep + k].fd == r->live[k].fd &&
			    pf[n_ep + k].revents)
				read_live(r, &r->live[k]);
			play_ops(r, &r->live[k]);
		}
		for (size_t e = 0; e < n_ep; e++)
			play_ops(r, &r->udp[e]);
	}
}

static void child(struct sock_peer *sp, const struct peer_plan *plan,
		  const struct sock_peer_tls *tls, int ctl)
{
	struct peer_run r = { .sp = sp, .plan = plan, .ctl = ctl };

	for (size_t k = 0; k < LIVE_MAX; k++) {
		r.live[k] = (struct play){ .fd = -1 };
		r.live_ep[k] = -1;
	}

	prctl(PR_SET_PDEATHSIG, SIGKILL);
	/* Nothing of the parent's stays open here: a socket of the emulator
	 * held by this process would never show its close to the other end. */
	for (int fd = 3; fd < 1024; fd++) {
		bool ours = fd == ctl;

		for (size_t e = 0; e < sp->n_ep; e++)
			ours |= sp->ep[e].fd == fd;
		for (size_t k = 0; k < sp->n_cl; k++)
			ours |= sp->cl[k].fd == fd;
		if (!ours)
			close(fd);
	}
	r.tls = peer_tls_server_new(tls->cert, tls->key, tls->ca);
	for (size_t e = 0; e < sp->n_ep; e++) {
		r.udp[e].fd = sp->ep[e].fd;
		for (size_t i = 0; sp->ep[e].kind == FLOW_UDP && i < plan->n; i++)
			if (same_endpoint(&sp->ep[e], &plan->flows[i]))
				r.udp[e].flow = &plan->flows[i];
	}
	for (size_t k = 0; k < sp->n_cl; k++) {
		const struct peer_flow *f = &plan->flows[sp->cl[k].flow];

		r.cl[k] = (struct play){ .fd = sp->cl[k].fd, .flow = f, .from = {
			.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK),
			.sin_port = htons((uint16_t)(f->port + sp->listen_offset)) } };
	}
	serve(&r);
	_exit(0);
}

/* One loopback socket per endpoint, bound (and listening, when it serves
 * a stream) here, so the port is ours before the emulator is told it. */
static int bind_endpoint(struct sock_peer_endpoint *e, bool serve)
{
	struct sockaddr_in sa = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	socklen_t len = sizeof(sa);

	bool dgram = e->kind == FLOW_UDP || e->kind == FLOW_DTLS;

	e->fd = socket(AF_INET, dgram ? SOCK_DGRAM : SOCK_STREAM, 0);
	if (e->fd < 0 || bind(e->fd, (struct sockaddr *)&sa, sizeof(sa)) ||
	    (serve && !dgram && listen(e->fd, 4)) ||
	    getsockname(e->fd, (struct sockaddr *)&sa, &len))
		return -1;
	e->local_port = ntohs(sa.sin_port);
	return 0;
}

static void close_endpoints(struct sock_peer *sp)
{
	for (size_t e = 0; e < sp->n_ep; e++)
		if (sp->ep[e].fd >= 0)
			close(sp->ep[e].fd);
	for (size_t k = 0; k < sp->n_cl; k++)
		if (sp->cl[k].fd >= 0)
			close(sp->cl[k].fd);
}

/* Each client of the modem's servers, bound to a loopback port now. */
static int bind_clients(struct sock_peer *sp, const struct peer_plan *plan)
{
	for (size_t i = 0; i < plan->n && sp->n_cl < SOCK_PEER_MAX; i++) {
		struct sock_peer_endpoint e = { .kind = plan->flows[i].kind };

		if (!plan->flows[i].connects)
			continue;
		if (bind_endpoint(&e, false))
			return -1;
		sp->cl[sp->n_cl++] = (struct sock_peer_client){ .flow = i, .fd = e.fd,
								 .local_port = e.local_port };
	}
	return 0;
}

int sock_peer_start(struct sock_peer *sp, const struct peer_plan *plan,
		    const struct sock_peer_tls *tls, int listen_offset, char *err, size_t errlen)
{
	struct sock_peer_endpoint refuser = { .kind = FLOW_TCP };
	int ctl[2];

	memset(sp, 0, sizeof(*sp));
	sp->refuse_fd = sp->ctl_fd = -1;
	if (bind_endpoint(&refuser, false)) {
		snprintf(err, errlen, "no loopback port: %s", strerror(errno));
		return -1;
	}
	sp->refuse_fd = refuser.fd;
	sp->refuse_port = refuser.local_port;
	sp->listen_offset = listen_offset;
	if (bind_clients(sp, plan)) {
		snprintf(err, errlen, "a client for the modem's server: %s", strerror(errno));
		return -1;
	}
	for (size_t i = 0; i < plan->n; i++) {
		size_t e = 0;

		if (plan->flows[i].connects)
			continue;
		while (e < sp->n_ep && !same_endpoint(&sp->ep[e], &plan->flows[i]))
			e++;
		if (e < sp->n_ep || sp->n_ep == SOCK_PEER_MAX)
			continue;
		sp->ep[e] = (struct sock_peer_endpoint){ .host = plan->flows[i].host,
			.port = plan->flows[i].port, .kind = plan->flows[i].kind, .fd = -1 };
		sp->n_ep++;
		if (bind_endpoint(&sp->ep[e], true)) {
			snprintf(err, errlen, "socket peer for %s:%d: %s", sp->ep[e].host,
				 sp->ep[e].port, strerror(errno));
			close_endpoints(sp);
			return -1;
		}
	}
	if (!sp->n_ep && !sp->n_cl)
		return 0;
	if (pipe(ctl)) {
		snprintf(err, errlen, "pipe: %s", strerror(errno));
		close_endpoints(sp);
		return -1;
	}
	fflush(NULL);
	sp->pid = fork();
	if (sp->pid == 0)
		child(sp, plan, tls, ctl[0]);
	close(ctl[0]);
	sp->ctl_fd = ctl[1];
	close_endpoints(sp);
	if (sp->pid < 0) {
		snprintf(err, errlen, "fork: %s", strerror(errno));
		return -1;
	}
	return 0;
}

void sock_peer_stop(struct sock_peer *sp)
{
	if (sp->refuse_fd > 0)
		close(sp->refuse_fd);
	sp->refuse_fd = -1;
	if (sp->ctl_fd > 0)
		close(sp->ctl_fd);
	sp->ctl_fd = -1;
	if (sp->pid > 0) {
		kill(sp->pid, SIGKILL);
		waitpid(sp->pid, NULL, 0);
	}
	sp->pid = 0;
}

int sock_peer_port(const struct sock_peer *sp, const char *host, int port)
{
	for (size_t e = 0; e < sp->n_ep; e++)
		if (sp->ep[e].port == port && !strcmp(sp->ep[e].host, host))
			return sp->ep[e].local_port;
	return sp->refuse_port;
}

void sock_peer_release(struct sock_peer *sp, int64_t log_ms)
{
	if (sp->ctl_fd > 0 && write(sp->ctl_fd, &log_ms, sizeof(log_ms)) < 0)
		return;	/* the peer process is gone: nothing more comes from it */
}

int sock_peer_client_port(const struct sock_peer *sp, size_t flow)
{
	for (size_t k = 0; k < sp->n_cl; k++)
		if (sp->cl[k].flow == flow)
			return sp->cl[k].local_port;
	return 0;
}
