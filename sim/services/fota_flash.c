/* What the flash keeps for FOTA, and the boot that uses it: MCUboot's
 * slots (image header, SHA-256 TLV), the modem's DFU scratch area and its
 * update at the next modem start.  Image layouts: docs/fota.md. */
#include "fota.h"

#include <mbedtls/sha256.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TLV_INFO_MAGIC 0x6907
#define TLV_PROT_INFO_MAGIC 0x6908
#define TLV_SHA256 0x10

static uint32_t le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint16_t le16(const uint8_t *p) { return (uint16_t)(p[0] | p[1] << 8); }

int fota_img_type(const uint8_t *buf, size_t len)
{
	if (len < 32)	/* MIN_SIZE_IDENTIFY_BUF */
		return -1;
	if (le32(buf) == FOTA_MCUBOOT_MAGIC)
		return FOTA_IMG_MCUBOOT;
	if (le32(buf + 4) == FOTA_MODEM_MAGIC)
		return FOTA_IMG_MODEM_DELTA;
	return -1;
}

/* Whether the SHA-256 TLV after the image matches header, body and
 * protected TLVs, as MCUboot validates the secondary slot. */
static bool app_hash_ok(const uint8_t *buf, size_t len)
{
	uint16_t hdr = le16(buf + 8), prot = le16(buf + 10);
	size_t body = (size_t)hdr + le32(buf + 12), at = body + prot, end;
	uint8_t sum[32];

	if (at + 4 > len || le16(buf + at) != TLV_INFO_MAGIC)
		return false;
	end = at + le16(buf + at + 2);
	if (end > len)
		return false;
	if (mbedtls_sha256_ret(buf, at, sum, 0))
		return false;
	for (at += 4; at + 4 <= end; at += 4 + le16(buf + at + 2))
		if (le16(buf + at) == TLV_SHA256 && le16(buf + at + 2) == 32 && at + 36 <= end)
			return !memcmp(buf + at + 4, sum, 32);
	return false;
}

void fota_app_parse(const uint8_t *buf, size_t len, struct fota_app_image *out)
{
	memset(out, 0, sizeof(*out));
	if (len < 32 || le32(buf) != FOTA_MCUBOOT_MAGIC)
		return;
	out->valid = true;
	out->size = le32(buf + 12);
	out->major = buf[20];
	out->minor = buf[21];
	out->revision = le16(buf + 22);
	out->build = le32(buf + 24);
	out->hash_ok = app_hash_ok(buf, len);
	/* Version 0.0.0 is imgtool's default (an NCS build without
	 * CONFIG_MCUBOOT_IMAGE_VERSION): the SLM's own version stays. */
	if (out->major || out->minor || out->revision)
		snprintf(out->slm_version, sizeof(out->slm_version), "%u.%u.%u", out->major,
			 out->minor, out->revision);
}

void fota_flash_init(struct fota_flash *f, const char *app_version, uint32_t app_size,
		     const char *slm_version)
{
	unsigned a = 0, b = 0, c = 0, d = 0;

	if (f->ready)
		return;
	memset(f, 0, sizeof(*f));
	f->ready = true;
	sscanf(app_version, "%u.%u.%u+%u", &a, &b, &c, &d);
	f->primary = (struct fota_app_image){ .valid = true, .major = (uint8_t)a,
		.minor = (uint8_t)b, .revision = (uint16_t)c, .build = d, .size = app_size,
		.hash_ok = true };
	snprintf(f->primary.slm_version, sizeof(f->primary.slm_version), "%s", slm_version);
}

void fota_flash_free(struct fota_flash *f)
{
	free(f->slot2);
	free(f->scratch);
	memset(f, 0, sizeof(*f));
}

static void app_boot(struct fota_flash *f, struct fota_boot *out)
{
	struct fota_app_image old = f->primary;

	if (f->unconfirmed) {
		/* A test image that was not confirmed: MCUboot swaps back. */
		f->primary = f->secondary;
		f->secondary = old;
		f->unconfirmed = false;
		snprintf(out->why, sizeof(out->why), "MCUboot reverted the unconfirmed image");
		return;
	}
	if (!f->upgrade_test)
		return;
	f->upgrade_test = false;
	fota_app_parse(f->slot2, f->slot2_len, &f->secondary);
	f->slot2_len = 0;	/* the slot's bytes now are the old image's */
	if (!f->secondary.valid || !f->secondary.hash_ok) {
		snprintf(out->why, sizeof(out->why), "MCUboot: the image in the secondary slot is "
			 "not valid (%s); erased, the old image boots", !f->secondary.valid ?
			 "no image header" : "its SHA-256 TLV does not match");
		f->secondary.valid = false;
		return;
	}
	if (!f->secondary.slm_version[0])
		memcpy(f->secondary.slm_version, old.slm_version, sizeof(old.slm_version));
	f->primary = f->secondary;
	f->secondary = old;
	f->unconfirmed = true;
	out->swap = FOTA_SWAP_REVERT;
	snprintf(out->why, sizeof(out->why), "MCUboot swapped in image %u.%u.%u+%u (test)",
		 f->primary.major, f->primary.minor, f->primary.revision, f->primary.build);
}

/* The delta's checks at the modem's start: for this firmware, intact. */
static void mfw_boot(struct fota_flash *f, const char *revision, struct fota_boot *out)
{
	const uint8_t *d = f->scratch;
	uint32_t n;
	uint8_t sum[32];
	size_t w = strlen(out->why);

	if (!f->apply)
		return;
	f->apply = false;
	n = f->scratch_len >= FOTA_DELTA_HDR ? le32(d + 72) : 0;
	if (f->scratch_len < FOTA_DELTA_HDR || strncmp((const char *)d + 8, revision, FOTA_REV_LEN)) {
		out->mfw = FOTA_MFW_UUID_ERROR;
	} else if ((size_t)n + FOTA_DELTA_HDR + 32 > f->scratch_len ||
		   mbedtls_sha256_ret(d, FOTA_DELTA_HDR + n, sum, 0) ||
		   memcmp(d + FOTA_DELTA_HDR + n, sum, 32)) {
		out->mfw = FOTA_MFW_AUTH_ERROR;
	} else {
		out->mfw = FOTA_MFW_OK;
		snprintf(out->new_revision, sizeof(out->new_revision), "%.*s", FOTA_REV_LEN,
			 (const char *)d + 40);
		/* The area now holds the old firmware: dirty until erased. */
		f->dirty = true;
		f->scratch_len = 0;
	}
	snprintf(out->why + w, sizeof(out->why) - w, "%smodem update %s", w ? "; " : "",
		 out->mfw == FOTA_MFW_OK ? "applied" : out->mfw == FOTA_MFW_UUID_ERROR ?
		 "refused: the delta is for other firmware (UUID error)" :
		 "refused: the delta is damaged (authentication error)");
}

void fota_flash_boot(struct fota_flash *f, const char *revision, struct fota_boot *out)
{
	memset(out, 0, sizeof(*out));
	app_boot(f, out);
	mfw_boot(f, revision, out);
}

void fota_flash_confirm(struct fota_flash *f) { f->unconfirmed = false; }

void fota_flash_erase_app(struct fota_flash *f)
{
	f->slot2_len = 0;
	memset(&f->secondary, 0, sizeof(f->secondary));
}

int fota_flash_mfw_offset(const struct fota_flash *f, int64_t now, size_t *offset)
{
	if (f->erase_done_at && now < f->erase_done_at)
		return -1;	/* DFU_ERASE_PENDING */
	*offset = f->dirty ? FOTA_MFW_DIRTY : f->scratch_len;
	return 0;
}

void fota_flash_mfw_erase(struct fota_flash *f, int64_t now, int64_t erase_ms)
{
	f->dirty = false;
	f->scratch_len = 0;
	f->apply = false;
	f->erase_done_at = now + erase_ms;
}
