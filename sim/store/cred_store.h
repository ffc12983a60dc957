/* The modem's credential storage (%CMNG): sec_tag/type pairs with content,
 * bounded in count and bytes, optionally kept in a state directory the way
 * the modem keeps them in flash. */
#ifndef SLMSIM_CRED_STORE_H
#define SLMSIM_CRED_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define CRED_TYPE_MAX 6
#define CRED_SEC_TAG_MAX 2147483647u
/* nRF91x1 test tags: Nordic's tools can decrypt their TLS traffic. */
#define CRED_TEST_TAG_FIRST 2147483648u
#define CRED_TEST_TAG_LAST 2147483667u

enum cred_type {
	CRED_CA_CERT = 0,
	CRED_CLIENT_CERT = 1,
	CRED_PRIVATE_KEY = 2,
	CRED_PSK = 3,
	CRED_PSK_IDENTITY = 4,
	CRED_PUBLIC_KEY = 5,
	CRED_DEVICE_ID_PUBKEY = 6,
};

struct cred {
	uint32_t sec_tag;
	uint8_t type;
	char *data;		/* content as written, NUL-terminated */
	size_t len;
	char *passwd;		/* optional key password, NULL if none */
	char sha_hex[65];	/* SHA-256 of data, upper-case hex */
};

struct cred_store {
	struct cred *items;	/* sorted by (sec_tag, type) */
	size_t count;
	size_t max_items;
	size_t max_bytes;
	size_t bytes;
	char *path;		/* NULL: nothing persists */
};

const char *cred_type_name(int type);

/* dir NULL keeps the store in memory.  A damaged file fails with a message
 * and is left untouched. */
int cred_store_open(struct cred_store **out, const char *dir, size_t max_items,
		    size_t max_bytes, char *err, size_t errlen);
void cred_store_close(struct cred_store *s);
/* Loads the file format from a buffer (used by open; exposed for fuzzing). */
int cred_store_parse(struct cred_store *s, const char *buf, size_t len, char *err, size_t errlen);
/* 0; -ENOMEM when the count or byte limit would be passed; -EIO when the
 * change could not be made durable (the store is unchanged). */
int cred_store_write(struct cred_store *s, uint32_t sec_tag, int type, const char *data,
		     size_t len, const char *passwd);
/* 0, -ENOENT, -EIO. */
int cred_store_delete(struct cred_store *s, uint32_t sec_tag, int type);
const struct cred *cred_store_get(const struct cred_store *s, uint32_t sec_tag, int type);

#endif
