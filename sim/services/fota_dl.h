/* download_client of NCS 1.8 (private to the FOTA service): one HTTP(S)
 * connection, a GET with a Range of one fragment per request, the response
 * gathered into its 2048-byte buffer until a fragment is whole, socket
 * errors and the peer's close reported for fota_download to retry. */
#ifndef SLMSIM_FOTA_DL_H
#define SLMSIM_FOTA_DL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "clock.h"
#include "fota.h"

struct fota_dl;

struct fota_dl_ops {
	/* A connect's end: 0 or -errno (why). */
	void (*on_connected)(void *arg, int err, const char *why);
	/* DOWNLOAD_CLIENT_EVT_FRAGMENT: 0 goes on, 1 holds the download until
	 * fota_dl_resume(), anything else stops it. */
	int (*on_fragment)(void *arg, const uint8_t *buf, size_t len);
	void (*on_done)(void *arg);
	/* DOWNLOAD_CLIENT_EVT_ERROR (a positive errno): 0 reconnects and goes
	 * on, anything else stops. */
	int (*on_error)(void *arg, int err, const char *why);
};

struct fota_dl_cfg {
	const char *url;	/* "https://name:port" */
	long long sec_tag;	/* -1: none */
	size_t frag_size;
	struct conn_params conn;	/* creds, profile, owner, stats */
	struct fd_table *fds;		/* the modem's: the socket holds one; NULL none */
};

struct fota_dl *fota_dl_new(struct sim_ctx *ctx, const struct fota_dl_ops *ops, void *arg);
void fota_dl_free(struct fota_dl *d);
/* download_client_connect(): 0 already connected, 1 connecting
 * (on_connected follows), -errno at once with why. */
int fota_dl_connect(struct fota_dl *d, const struct fota_dl_cfg *cfg, char *why, size_t whylen);
/* download_client_start(): the first request from byte from; 0 or -errno. */
int fota_dl_start(struct fota_dl *d, const char *file, size_t from);
void fota_dl_resume(struct fota_dl *d);
/* download_client_disconnect(): -EINVAL when not connected. */
int fota_dl_disconnect(struct fota_dl *d);
bool fota_dl_connected(const struct fota_dl *d);
size_t fota_dl_file_size(const struct fota_dl *d);
/* The host and file as given, for a restart from an offset. */
const struct fota_dl_cfg *fota_dl_cfg(const struct fota_dl *d);
const char *fota_dl_file(const struct fota_dl *d);

#endif
