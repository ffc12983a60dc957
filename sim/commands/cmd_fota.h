/* SLM FOTA (#XFOTA) and its module: the download's stage URCs, and after
 * a reset the result of the image the boot applied. */
#ifndef SLMSIM_CMD_FOTA_H
#define SLMSIM_CMD_FOTA_H

#include <stddef.h>

struct at_cmd;
struct at_schema;
struct modem;

extern const struct at_schema xfota_schema;

int xfota_set(struct modem *m, const struct at_cmd *cmd);
int fota_init(struct modem *m, char *err, size_t errlen);
void fota_fini(struct modem *m);
/* After the boot's "Ready": what MCUboot and the modem did with a
 * downloaded image, and the SLM's report of it (slm_fota_post_process()). */
void fota_booted(struct modem *m);

#endif
