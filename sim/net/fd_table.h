/* The modem's file descriptors, as Zephyr's fd table hands them to the SLM:
 * every socket, whoever opens it (#XSOCKET and #XSSOCKET, an #XACCEPT peer,
 * the TCP/UDP proxies and the proxy server's client, the MQTT and HTTP
 * clients, FTP, FOTA's download, nRF Cloud, a ping), takes the lowest free
 * fd when the code calls socket() or accept(), and gives it back at close().
 * Handles the SLM prints are these fds.  SLM v1.8 builds with
 * CONFIG_POSIX_MAX_FDS=8 (NRF_MODEM_MAX_SOCKET_COUNT) and without
 * CONFIG_POSIX_API, so no stdin/stdout/stderr are reserved: fd 0 is the
 * first, 7 the last.  modem.socket_fd is the lowest one the emulated users
 * get: those below it are held by something slmsim does not emulate. */
#ifndef SLMSIM_FD_TABLE_H
#define SLMSIM_FD_TABLE_H

#define FD_TABLE_MAX 8

struct fd_table {
	int base;
	const char *owner[FD_TABLE_MAX];	/* NULL: free */
};

void fd_table_init(struct fd_table *t, int base);
/* The fd fd_take() would give now, or -ENFILE when all are taken (what
 * socket() sets errno to then). */
int fd_lowest(const struct fd_table *t);
/* Takes the lowest free fd for owner (a static string for the log). */
int fd_take(struct fd_table *t, const char *owner);
/* Gives fd back; a negative or free fd, or no table, is ignored. */
void fd_give(struct fd_table *t, int fd);
/* Who holds fd, NULL when free or out of range. */
const char *fd_owner(const struct fd_table *t, int fd);

#endif
