/* dfu_target (NCS 1.8) over struct fota_flash: MCUboot's stream writes
 * its 512-byte buffer to the secondary slot when full, so the offset it
 * reports lags the bytes given; the modem takes each write whole and
 * checks a delta's header against its own firmware. */
#include "fota_target.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mfw_profile.h"

static int app_init(struct fota_target *t, size_t file_size, char *why, size_t whylen)
{
	struct fota_flash *f = t->flash;

	if (file_size > t->lim->slot_size) {
		snprintf(why, whylen, "the image (%zu bytes) does not fit MCUboot's secondary slot "
			 "(%zu bytes, fota.app_slot_size)", file_size, t->lim->slot_size);
		return -EFBIG;
	}
	if (!f->slot2 || f->slot2_cap < t->lim->slot_size) {
		uint8_t *p = realloc(f->slot2, t->lim->slot_size);

		if (!p) {
			snprintf(why, whylen, "out of memory");
			return -ENOMEM;
		}
		f->slot2 = p;
		f->slot2_cap = t->lim->slot_size;
	}
	t->written = t->buffered = 0;
	f->slot2_len = 0;
	return 0;
}

static int mfw_init(struct fota_target *t, size_t file_size, int64_t now, char *why,
		    size_t whylen)
{
	struct fota_flash *f = t->flash;
	size_t off = 0;

	if (file_size > t->lim->scratch_size) {
		snprintf(why, whylen, "the delta (%zu bytes) does not fit the modem's DFU area (%zu "
			 "bytes, fota.mfw_scratch_size)", file_size, t->lim->scratch_size);
		return -EFBIG;
	}
	if (!f->scratch) {
		f->scratch = malloc(t->lim->scratch_size);
		if (!f->scratch) {
			snprintf(why, whylen, "out of memory");
			return -ENOMEM;
		}
	}
	t->mfw_open = true;
	if (fota_flash_mfw_offset(f, now, &off) == 0 && off != FOTA_MFW_DIRTY) {
		t->mfw_offset = off;
		return 0;
	}
	/* delete_banked_modem_delta_fw(): a used area is erased first. */
	if (off == FOTA_MFW_DIRTY)
		fota_flash_mfw_erase(f, now, t->lim->erase_ms);
	return 1;
}

int fota_target_init(struct fota_target *t, int type, size_t file_size, int64_t now,
		     char *why, size_t whylen)
{
	int rc;

	if (type != FOTA_IMG_MCUBOOT && type != FOTA_IMG_MODEM_DELTA) {
		snprintf(why, whylen, "no supported image type");
		return -ENOTSUP;
	}
	/* A target aborted before is taken up again where it stopped; the
	 * modem's socket is always opened again. */
	if (type == t->current && type != FOTA_IMG_MODEM_DELTA)
		return 0;
	t->current = type;
	if (type == FOTA_IMG_MCUBOOT)
		return app_init(t, file_size, why, whylen);
	rc = mfw_init(t, file_size, now, why, whylen);
	return rc;
}

void fota_target_erased(struct fota_target *t)
{
	t->mfw_offset = t->flash->scratch_len;
}

size_t fota_target_offset(const struct fota_target *t)
{
	return t->current == FOTA_IMG_MODEM_DELTA ? t->mfw_offset : t->written;
}

static void app_flush(struct fota_target *t)
{
	struct fota_flash *f = t->flash;
	size_t n = t->buffered;

	if (t->written + n > f->slot2_cap)
		n = f->slot2_cap - t->written;
	memcpy(f->slot2 + t->written, t->buf, n);
	t->written += t->buffered;
	t->buffered = 0;
	f->slot2_len = t->written < f->slot2_cap ? t->written : f->slot2_cap;
	fota_app_parse(f->slot2, f->slot2_len < 32 ? f->slot2_len : 32, &f->secondary);
}

/* stream_flash_buffered_write(..., false) */
static int app_write(struct fota_target *t, const uint8_t *buf, size_t len)
{
	while (len) {
		size_t room = sizeof(t->buf) - t->buffered, n = len < room ? len : room;

		if (t->written + t->buffered + n > t->lim->slot_size)
			return -ENOMEM;
		memcpy(t->buf + t->buffered, buf, n);
		t->buffered += n;
		buf += n;
		len -= n;
		if (t->buffered == sizeof(t->buf))
			app_flush(t);
	}
	return 0;
}

/* The modem checks whom a delta is for once its header is in. */
static int mfw_header_check(const struct fota_target *t, char *why, size_t whylen)
{
	const char *d = (const char *)t->flash->scratch;
	const char *rev = t->lim->revision;
	struct mfw_release cur, to;
	char name[FOTA_REV_LEN + 1];

	snprintf(name, sizeof(name), "%.*s", FOTA_REV_LEN, d + 40);
	if (strncmp(d + 8, rev, FOTA_REV_LEN)) {
		snprintf(why, whylen, "the modem refuses the delta (DFU_INVALID_UUID): it updates "
			 "'%.*s', the modem runs '%s'", FOTA_REV_LEN, d + 8, rev);
		return -EINVAL;
	}
	if (mfw_release_find(rev, &cur) || mfw_release_find(name, &to) ||
	    strcmp(cur.p->chip, to.p->chip)) {
		snprintf(why, whylen, "the modem refuses the delta (DFU_INVALID_UUID): its target "
			 "'%s' is no firmware of this chip", name);
		return -EINVAL;
	}
	return 0;
}

static int mfw_write(struct fota_target *t, const uint8_t *buf, size_t len, char *why,
		     size_t whylen)
{
	struct fota_flash *f = t->flash;
	size_t before = t->mfw_offset;

	if (!t->mfw_open)
		return -EFAULT;
	if (before + len > t->lim->scratch_size) {
		snprintf(why, whylen, "the modem's DFU area is full");
		return -EFAULT;
	}
	memcpy(f->scratch + before, buf, len);
	if (before < FOTA_DELTA_HDR && before + len >= FOTA_DELTA_HDR &&
	    mfw_header_check(t, why, whylen))
		return -EINVAL;
	t->mfw_offset += len;
	f->scratch_len = t->mfw_offset;
	return 0;
}

int fota_target_write(struct fota_target *t, const uint8_t *buf, size_t len, char *why,
		      size_t whylen)
{
	if (t->current == FOTA_IMG_MCUBOOT)
		return app_write(t, buf, len);
	if (t->current == FOTA_IMG_MODEM_DELTA)
		return mfw_write(t, buf, len, why, whylen);
	return -EACCES;
}

int fota_target_done(struct fota_target *t, bool ok)
{
	struct fota_flash *f = t->flash;

	if (!t->current)
		return -EACCES;
	if (t->current == FOTA_IMG_MCUBOOT && ok) {
		if (t->buffered)
			app_flush(t);
		f->upgrade_test = true;	/* boot_request_upgrade(BOOT_UPGRADE_TEST) */
	} else if (t->current == FOTA_IMG_MODEM_DELTA) {
		f->apply = ok;		/* SO_DFU_APPLY; its failure is only logged */
		t->mfw_open = false;
	}
	if (ok)
		t->current = 0;
	return 0;
}
