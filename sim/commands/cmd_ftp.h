/* SLM FTP client command (#XFTP) and its module. */
#ifndef SLMSIM_CMD_FTP_H
#define SLMSIM_CMD_FTP_H

#include <stddef.h>

struct at_cmd;
struct at_schema;
struct modem;

extern const struct at_schema xftp_schema;

int xftp_set(struct modem *m, const struct at_cmd *cmd);
int ftp_init(struct modem *m, char *err, size_t errlen);
void ftp_uninit(struct modem *m);
void ftp_fini(struct modem *m);

#endif
