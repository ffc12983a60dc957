/* The FOTA module's state, shared by cmd_fota.c (the command and the
 * download's URCs) and cmd_fota_boot.c (the report after a reset). */
#ifndef SLMSIM_CMD_FOTA_STATE_H
#define SLMSIM_CMD_FOTA_STATE_H

#include <stdbool.h>
#include <stdint.h>

#include "clock.h"
#include "fota.h"

struct modem;

/* slm_at_fota.h */
enum fota_stages { FOTA_STAGE_INIT, FOTA_STAGE_DOWNLOAD, FOTA_STAGE_DOWNLOAD_ERASE_PENDING,
		   FOTA_STAGE_DOWNLOAD_ERASED, FOTA_STAGE_ACTIVATE, FOTA_STAGE_COMPLETE };
enum fota_statuses { FOTA_STATUS_OK, FOTA_STATUS_ERROR, FOTA_STATUS_CANCELLED };

struct fota_state {
	struct fota *svc;
	struct fota_limits lim;
	/* the SLM's fota_stage, fota_status, fota_info (RAM) */
	uint8_t stage, status;
	int32_t info;
	bool starting;		/* AT#XFOTA=1/2 waits for its connection */
	struct sim_timer erase_timer;	/* AT#XFOTA=9 */
	int erase_elapsed;
};

/* "#XFOTA: <stage>,<status>[,<info>]" of the RAM values. */
void fota_urc(struct modem *m, bool with_info);
/* slm_setting_fota_save() and slm_setting_fota_init() (RAM only). */
void fota_save(struct modem *m);
void fota_ram_init(struct modem *m);

#endif
