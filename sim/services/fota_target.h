/* dfu_target of NCS 1.8 as fota_download drives it (private to the FOTA
 * service): the current target, MCUboot's stream with its 512-byte flash
 * buffer, and the modem's DFU socket with its offset. */
#ifndef SLMSIM_FOTA_TARGET_H
#define SLMSIM_FOTA_TARGET_H

#include "fota.h"

struct fota_target {
	struct fota_flash *flash;
	const struct fota_limits *lim;
	int current;			/* the target in use (enum fota_img); 0 none */
	/* dfu_target_stream: bytes written to flash, and the buffer not yet */
	size_t written, buffered;
	uint8_t buf[FOTA_MCUBOOT_BUF];
	size_t mfw_offset;		/* the modem DFU socket's offset */
	bool mfw_open;
};

/* dfu_target_init(): 0, 1 when the modem must erase its area first (done
 * when fota_flash_mfw_offset() says so), or -errno with why. */
int fota_target_init(struct fota_target *t, int type, size_t file_size, int64_t now,
		     char *why, size_t whylen);
/* After an erase: the modem's offset, as the init reads it. */
void fota_target_erased(struct fota_target *t);
size_t fota_target_offset(const struct fota_target *t);
/* 0, or -errno with why (the modem refuses a delta for other firmware). */
int fota_target_write(struct fota_target *t, const uint8_t *buf, size_t len, char *why,
		      size_t whylen);
/* dfu_target_done(): -EACCES when no target was initialised. */
int fota_target_done(struct fota_target *t, bool ok);

#endif
