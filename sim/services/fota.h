/* The FOTA libraries under the SLM's #XFOTA (NCS 1.8): fota_download with
 * its download_client (HTTP(S) Range requests of one fragment each, over a
 * real connection) and the dfu_target it picks from the image's magic:
 * MCUboot's secondary slot, or the modem's DFU scratch area.  What survives
 * a reboot (the SLM's settings page, the slots, the scratch area) is a
 * struct fota_flash the modem owns; the boot that applies an image is
 * fota_flash_boot().  Events come back through a callback; nothing here
 * writes to the host. */
#ifndef SLMSIM_FOTA_H
#define SLMSIM_FOTA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "net_conn.h"

struct fd_table;

#define FOTA_BUF_SIZE 2048		/* CONFIG_DOWNLOAD_CLIENT_BUF_SIZE */
#define FOTA_FRAG_DEFAULT 2048		/* CONFIG_DOWNLOAD_CLIENT_HTTP_FRAG_SIZE */
#define FOTA_MCUBOOT_BUF 512		/* CONFIG_FOTA_DOWNLOAD_MCUBOOT_FLASH_BUF_SZ */
#define FOTA_MFW_DIRTY 0x280000		/* the modem's offset of a used scratch area */
#define FOTA_MCUBOOT_MAGIC 0x96f3b83dU
#define FOTA_MODEM_MAGIC 0x7544656dU	/* at byte 4 of a delta image */
#define FOTA_DELTA_HDR 76		/* slmsim's delta header (docs/fota.md) */
#define FOTA_REV_LEN 32

enum fota_img { FOTA_IMG_ANY = 0, FOTA_IMG_MCUBOOT = 1, FOTA_IMG_MODEM_DELTA = 2 };

/* fota_download's events and error causes, numbered as the library does. */
enum fota_evt { FOTA_EVT_PROGRESS, FOTA_EVT_FINISHED, FOTA_EVT_ERASE_PENDING,
		FOTA_EVT_ERASE_DONE, FOTA_EVT_ERROR, FOTA_EVT_CANCELLED };
enum fota_cause { FOTA_CAUSE_NONE, FOTA_CAUSE_DOWNLOAD_FAILED, FOTA_CAUSE_INVALID_UPDATE,
		  FOTA_CAUSE_TYPE_MISMATCH };

/* An MCUboot image header's facts (image_header ih_ver, ih_img_size). */
struct fota_app_image {
	bool valid;		/* the header magic is there */
	uint8_t major, minor;
	uint16_t revision;
	uint32_t build, size;
	bool hash_ok;		/* the SHA-256 TLV matches: MCUboot boots it */
	char slm_version[32];	/* what #XSLMVER says while it runs */
};

/* What the flash keeps across a reboot. */
struct fota_flash {
	bool ready;
	/* The SLM's settings page: slm/fota_stage, fota_status, fota_info. */
	uint8_t stage, status;
	int32_t info;
	/* MCUboot: the running image, the secondary slot's bytes, the
	 * upgrade request (BOOT_UPGRADE_TEST) and a test image not confirmed. */
	struct fota_app_image primary, secondary;
	uint8_t *slot2;
	size_t slot2_len, slot2_cap;
	bool upgrade_test, unconfirmed;
	/* The modem: its DFU scratch area (offset = bytes held, or dirty
	 * after an update), an update scheduled for the next modem start, and
	 * the end of an erase in progress (clock ms; 0 none). */
	uint8_t *scratch;
	size_t scratch_len;
	bool dirty, apply;
	int64_t erase_done_at;
};

/* What a boot did: the swap MCUboot reports and the modem library's result. */
enum fota_swap { FOTA_SWAP_NONE, FOTA_SWAP_REVERT };
enum fota_mfw_result { FOTA_MFW_NONE, FOTA_MFW_OK, FOTA_MFW_UUID_ERROR, FOTA_MFW_AUTH_ERROR };
/* nrf_modem_lib_init()'s returns of a modem update (nrf_modem.h, mfw 1.3) */
#define FOTA_MODEM_DFU_RESULT_OK 0x5500001
#define FOTA_MODEM_DFU_RESULT_UUID_ERROR 0x4400004
#define FOTA_MODEM_DFU_RESULT_AUTH_ERROR 0x4400005

struct fota_limits {
	size_t frag_size;	/* 0: FOTA_FRAG_DEFAULT */
	size_t slot_size;	/* PM_MCUBOOT_SECONDARY_SIZE */
	size_t scratch_size;	/* the modem's DFU area */
	int64_t erase_ms;	/* the modem erasing its area */
	const char *revision;	/* the modem firmware running (+CGMR) */
};

/* Sets the flash up once: the running image's version ("1.2.3+4") and
 * size, the SLM version it reports. */
void fota_flash_init(struct fota_flash *f, const char *app_version, uint32_t app_size,
		     const char *slm_version);
void fota_flash_free(struct fota_flash *f);
/* A cold boot: MCUboot swaps in a requested image it can validate (or
 * reverts an unconfirmed one), the modem applies a scheduled delta.
 * new_revision gets the modem's revision when an update took. */
struct fota_boot {
	enum fota_swap swap;
	enum fota_mfw_result mfw;
	char new_revision[FOTA_REV_LEN + 1];
	char why[160];		/* what happened, for the log; "" nothing */
};
void fota_flash_boot(struct fota_flash *f, const char *revision, struct fota_boot *out);
/* boot_write_img_confirmed() */
void fota_flash_confirm(struct fota_flash *f);
/* boot_erase_img_bank(secondary) */
void fota_flash_erase_app(struct fota_flash *f);
/* nrf_modem_delta_dfu_offset(): 0, or -1 while an erase runs. */
int fota_flash_mfw_offset(const struct fota_flash *f, int64_t now, size_t *offset);
/* nrf_modem_delta_dfu_erase(): the area is blank at now + erase_ms. */
void fota_flash_mfw_erase(struct fota_flash *f, int64_t now, int64_t erase_ms);
/* The image's type from its first bytes, as dfu_target_img_type(): -1 none. */
int fota_img_type(const uint8_t *buf, size_t len);
/* An MCUboot image's facts from its bytes (hash checked when whole). */
void fota_app_parse(const uint8_t *buf, size_t len, struct fota_app_image *out);

struct fota;
struct fota_event {
	enum fota_evt id;
	int progress;			/* PROGRESS: percent */
	enum fota_cause cause;		/* ERROR */
};
struct fota_ops {
	/* The start's result (connected and the first request sent): 0 or -errno. */
	void (*on_start)(void *arg, int err, const char *why);
	void (*on_event)(void *arg, const struct fota_event *e, const char *why);
	/* What the SLM only logs (a restart from an offset that failed). */
	void (*on_log)(void *arg, const char *why);
};

struct fota_start {
	const char *host;	/* "http://name:port" as the SLM cuts it from the URL */
	const char *file;	/* its path */
	long long sec_tag;	/* -1: none */
	enum fota_img expected;
	struct conn_params conn;	/* creds, TLS profile, stats, owner; host/port/tls here */
	struct fd_table *fds;		/* the modem's: the download's socket takes one */
};

struct fota *fota_new(struct sim_ctx *ctx, struct fota_flash *flash, const struct fota_limits *lim,
		      const struct fota_ops *ops, void *arg);
void fota_free(struct fota *f);
/* fota_download_start_with_image_type(): 0 connecting (on_start follows),
 * or -errno at once with why. */
int fota_start(struct fota *f, const struct fota_start *s, char *why, size_t whylen);
/* fota_download_cancel(): 0 (CANCELLED sent), -EAGAIN when no socket is open. */
int fota_cancel(struct fota *f);

#endif
