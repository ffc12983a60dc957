/* The FOTA flash without a peer: image types by their magic, MCUboot's
 * header and SHA-256 TLV, the boot that swaps an image in (or refuses it,
 * or reverts one not confirmed), and the modem's checks of a delta. */
#include <check.h>
#include <mbedtls/sha256.h>
#include <string.h>

#include "ck_run.h"
#include "fota.h"

#define HDR 0x200

static uint8_t img[HDR + 700 + 40];

static void put32(uint8_t *p, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

/* An image as fixtures/fota/make-images writes one: version 2.4.1+9. */
static size_t app_image(bool good_hash)
{
	size_t body = 700;

	memset(img, 0, sizeof(img));
	put32(img, FOTA_MCUBOOT_MAGIC);
	img[8] = HDR & 0xff;
	img[9] = HDR >> 8;
	put32(img + 12, (uint32_t)body);
	img[20] = 2;
	img[21] = 4;
	img[22] = 1;
	put32(img + 24, 9);
	for (size_t i = 0; i < body; i++)
		img[HDR + i] = (uint8_t)(i * 7);
	img[HDR + body] = 0x07;
	img[HDR + body + 1] = 0x69;
	img[HDR + body + 2] = 40;
	img[HDR + body + 4] = 0x10;
	img[HDR + body + 6] = 32;
	mbedtls_sha256_ret(img, HDR + body, img + HDR + body + 8, 0);
	if (!good_hash)
		img[HDR + body + 8] ^= 1;
	return HDR + body + 40;
}

START_TEST(types_by_magic)
{
	uint8_t delta[40] = { 0 };

	app_image(true);
	ck_assert_int_eq(fota_img_type(img, 32), FOTA_IMG_MCUBOOT);
	ck_assert_int_eq(fota_img_type(img, 31), -1);	/* too short to tell */
	put32(delta + 4, FOTA_MODEM_MAGIC);
	ck_assert_int_eq(fota_img_type(delta, sizeof(delta)), FOTA_IMG_MODEM_DELTA);
	put32(delta + 4, 0);
	ck_assert_int_eq(fota_img_type(delta, sizeof(delta)), -1);
}
END_TEST

START_TEST(app_header_and_hash)
{
	struct fota_app_image a;
	size_t n = app_image(true);

	fota_app_parse(img, n, &a);
	ck_assert(a.valid && a.hash_ok);
	ck_assert_uint_eq(a.size, 700);
	ck_assert_str_eq(a.slm_version, "2.4.1");
	ck_assert_uint_eq(a.build, 9);
	fota_app_parse(img, n - 1, &a);		/* the TLV cut short */
	ck_assert(a.valid && !a.hash_ok);
	n = app_image(false);
	fota_app_parse(img, n, &a);
	ck_assert(a.valid && !a.hash_ok);
}
END_TEST

static void download(struct fota_flash *f, size_t n)
{
	static uint8_t slot[sizeof(img)];

	memcpy(slot, img, n);
	f->slot2 = slot;
	f->slot2_len = n;
	f->upgrade_test = true;
}

START_TEST(boot_swaps_reverts_refuses)
{
	struct fota_flash f = { 0 };
	struct fota_boot b;

	fota_flash_init(&f, "0.0.0+0", 1000, "1.8.0");
	download(&f, app_image(true));
	fota_flash_boot(&f, "mfw_nrf9160_1.3.1", &b);
	ck_assert_int_eq(b.swap, FOTA_SWAP_REVERT);
	ck_assert_str_eq(f.primary.slm_version, "2.4.1");
	ck_assert_str_eq(f.secondary.slm_version, "1.8.0");
	/* Not confirmed: the next boot swaps back. */
	fota_flash_boot(&f, "mfw_nrf9160_1.3.1", &b);
	ck_assert_int_eq(b.swap, FOTA_SWAP_NONE);
	ck_assert_str_eq(f.primary.slm_version, "1.8.0");
	/* A damaged image is erased; the old one runs. */
	download(&f, app_image(false));
	fota_flash_boot(&f, "mfw_nrf9160_1.3.1", &b);
	ck_assert_int_eq(b.swap, FOTA_SWAP_NONE);
	ck_assert(!f.secondary.valid);
	ck_assert_str_eq(f.primary.slm_version, "1.8.0");
	f.slot2 = NULL;
}
END_TEST

static uint8_t scratch[FOTA_DELTA_HDR + 100 + 32];

static void delta(struct fota_flash *f, const char *from, bool good)
{
	memset(scratch, 0, sizeof(scratch));
	put32(scratch + 4, FOTA_MODEM_MAGIC);
	strcpy((char *)scratch + 8, from);
	strcpy((char *)scratch + 40, "mfw_nrf9160_1.3.4");
	put32(scratch + 72, 100);
	mbedtls_sha256_ret(scratch, FOTA_DELTA_HDR + 100, scratch + FOTA_DELTA_HDR + 100, 0);
	if (!good)
		scratch[FOTA_DELTA_HDR] ^= 1;
	f->scratch = scratch;
	f->scratch_len = sizeof(scratch);
	f->apply = true;
}

START_TEST(delta_at_the_modem_start)
{
	struct fota_flash f = { 0 };
	struct fota_boot b;
	size_t off;

	fota_flash_init(&f, "0.0.0+0", 1000, "1.8.0");
	delta(&f, "mfw_nrf9160_1.3.0", true);
	fota_flash_boot(&f, "mfw_nrf9160_1.3.1", &b);
	ck_assert_int_eq(b.mfw, FOTA_MFW_UUID_ERROR);
	delta(&f, "mfw_nrf9160_1.3.1", false);
	fota_flash_boot(&f, "mfw_nrf9160_1.3.1", &b);
	ck_assert_int_eq(b.mfw, FOTA_MFW_AUTH_ERROR);
	delta(&f, "mfw_nrf9160_1.3.1", true);
	fota_flash_boot(&f, "mfw_nrf9160_1.3.1", &b);
	ck_assert_int_eq(b.mfw, FOTA_MFW_OK);
	ck_assert_str_eq(b.new_revision, "mfw_nrf9160_1.3.4");
	/* The area holds the old firmware until erased. */
	ck_assert_int_eq(fota_flash_mfw_offset(&f, 0, &off), 0);
	ck_assert_uint_eq(off, FOTA_MFW_DIRTY);
	fota_flash_mfw_erase(&f, 1000, 500);
	ck_assert_int_eq(fota_flash_mfw_offset(&f, 1499, &off), -1);
	ck_assert_int_eq(fota_flash_mfw_offset(&f, 1500, &off), 0);
	ck_assert_uint_eq(off, 0);
	f.scratch = NULL;
}
END_TEST

int main(void)
{
	Suite *s = suite_create("fota");
	TCase *tc = tcase_create("flash");

	tcase_add_test(tc, types_by_magic);
	tcase_add_test(tc, app_header_and_hash);
	tcase_add_test(tc, boot_swaps_reverts_refuses);
	tcase_add_test(tc, delta_at_the_modem_start);
	suite_add_tcase(s, tc);
	return ck_run(s);
}
