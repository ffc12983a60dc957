/* What a cold boot does with a downloaded image, as SLM v1.8 sees it
 * (main.c start_execute(), slm_at_host_init()): MCUboot swaps in a test
 * image it can validate, the modem applies a scheduled delta, and with a
 * FOTA stage saved the SLM asks both how it went.  v1.8 asks both whatever
 * was updated: after a modem update it reboots once more (no "Ready" in
 * between), then MCUboot reports no swap, so the report after "Ready" is
 * "#XFOTA: 5,1,-9" even when the modem took the update (fixed in 1.9 by
 * commit 85a24ed, "BUG-FIX post FOTA handling"). */
#include <stdio.h>
#include <string.h>

#include "at_cmd.h"
#include "cmd_fota.h"
#include "cmd_fota_state.h"
#include "tls_profile.h"

#define ZEPHYR_EBADF 9

/* The firmware a boot brought: what +CGMR and #XSLMVER say from now on. */
static void take_versions(struct modem *m, const struct fota_boot *b)
{
	struct mfw_release r;

	snprintf(m->cfg.slm_version, sizeof(m->cfg.slm_version), "%s",
		 m->fota_flash.primary.slm_version);
	if (!b->new_revision[0])
		return;
	snprintf(m->cfg.revision, sizeof(m->cfg.revision), "%s", b->new_revision);
	if (!mfw_release_find(b->new_revision, &r)) {
		m->mfw = r;
		if (!m->ctx->profile)
			m->tls = tls_profile_find(r.p->tls_profile);
	}
}

/* handle_nrf_modem_lib_init_ret(): true when it rebooted. */
static bool modem_lib_ret(struct modem *m, const struct fota_boot *b)
{
	struct fota_state *s = m->fota;

	switch (b->mfw) {
	case FOTA_MFW_NONE:
		return false;
	case FOTA_MFW_OK:
		s->stage = FOTA_STAGE_COMPLETE;
		s->status = FOTA_STATUS_OK;
		s->info = 0;
		break;
	case FOTA_MFW_UUID_ERROR:
	case FOTA_MFW_AUTH_ERROR:
		s->status = FOTA_STATUS_ERROR;
		s->info = b->mfw == FOTA_MFW_UUID_ERROR ? FOTA_MODEM_DFU_RESULT_UUID_ERROR :
			  FOTA_MODEM_DFU_RESULT_AUTH_ERROR;
		break;
	}
	fota_save(m);
	modem_log(m, SLOG_INFO, "fota: the SLM saw the modem's update result 0x%x and reboots "
		  "once more", (unsigned)(b->mfw == FOTA_MFW_OK ? FOTA_MODEM_DFU_RESULT_OK :
					  (uint32_t)s->info));
	return true;
}

/* handle_mcuboot_swap_ret() */
static void mcuboot_ret(struct modem *m, const struct fota_boot *b, bool after_mfw)
{
	struct fota_state *s = m->fota;

	s->stage = FOTA_STAGE_COMPLETE;
	if (b->swap == FOTA_SWAP_REVERT) {
		fota_flash_confirm(&m->fota_flash);	/* boot_write_img_confirmed() */
		s->status = FOTA_STATUS_OK;
		s->info = 0;
		return;
	}
	s->status = FOTA_STATUS_ERROR;
	s->info = -ZEPHYR_EBADF;
	modem_log(m, SLOG_WHY, "fota: MCUboot reports no swap (BOOT_SWAP_TYPE_NONE): SLM v1.8 "
		  "reports error %d%s", -ZEPHYR_EBADF, !after_mfw ? "" :
		  " although the stage was a modem update (its post-FOTA check asks MCUboot "
		  "whatever was updated; fixed in v1.9)");
}

void fota_booted(struct modem *m)
{
	struct fota_state *s = m->fota;
	struct fota_boot b;

	if (!s)
		return;
	fota_flash_boot(&m->fota_flash, m->cfg.revision, &b);
	if (b.why[0])
		modem_log(m, SLOG_INFO, "fota: %s", b.why);
	take_versions(m, &b);
	if (s->stage != FOTA_STAGE_INIT) {
		bool after_mfw = modem_lib_ret(m, &b);

		if (after_mfw) {
			/* the second boot: the modem starts as usual */
			fota_flash_boot(&m->fota_flash, m->cfg.revision, &b);
			take_versions(m, &b);
		}
		mcuboot_ret(m, &b, after_mfw);
	}
	/* slm_fota_post_process(), after "Ready" */
	if (s->stage != FOTA_STAGE_INIT)
		fota_urc(m, s->status != FOTA_STATUS_OK);
	fota_ram_init(m);
	fota_save(m);
}
