#include "cred_store.h"

#include <errno.h>
#include <fcntl.h>
#include <mbedtls/sha256.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* File layout (text header per item, raw content, SHA-256 trailer over all
 * that precedes it):
 *   slmsim-credentials 1\n
 *   <sec_tag> <type> <len> <passwd_len>\n<content><passwd>\n   (per item)
 *   end <sha256 hex>\n
 */
#define MAGIC "slmsim-credentials 1\n"
#define FILE_NAME "credentials"
#define TRAILER_LEN (4 + 64 + 1)	/* "end " hex "\n" */

const char *cred_type_name(int type)
{
	static const char *const names[] = {
		"root CA certificate", "client certificate", "client private key", "PSK",
		"PSK identity", "public key", "device identity public key",
	};

	return type >= 0 && type <= CRED_TYPE_MAX ? names[type] : "unknown type";
}

static void sha_hex(const void *data, size_t len, char out[65])
{
	unsigned char sum[32];

	mbedtls_sha256_ret(data, len, sum, 0);
	for (int i = 0; i < 32; i++)
		sprintf(out + 2 * i, "%02X", sum[i]);
}

static void cred_free(struct cred *c)
{
	free(c->data);
	free(c->passwd);
}

static size_t find_pos(const struct cred_store *s, uint32_t tag, int type, bool *found)
{
	size_t lo = 0, hi = s->count;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		const struct cred *c = &s->items[mid];

		if (c->sec_tag < tag || (c->sec_tag == tag && c->type < type))
			lo = mid + 1;
		else
			hi = mid;
	}
	*found = lo < s->count && s->items[lo].sec_tag == tag && s->items[lo].type == type;
	return lo;
}

const struct cred *cred_store_get(const struct cred_store *s, uint32_t sec_tag, int type)
{
	bool found;
	size_t i = find_pos(s, sec_tag, type, &found);

	return found ? &s->items[i] : NULL;
}

static int serialize(const struct cred_store *s, char **out, size_t *outlen)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	char hex[65];

	if (!f)
		return -ENOMEM;
	fputs(MAGIC, f);
	for (size_t i = 0; i < s->count; i++) {
		const struct cred *c = &s->items[i];
		size_t plen = c->passwd ? strlen(c->passwd) : 0;

		fprintf(f, "%u %u %zu %zu\n", c->sec_tag, c->type, c->len, plen);
		fwrite(c->data, 1, c->len, f);
		if (plen)
			fwrite(c->passwd, 1, plen, f);
		fputc('\n', f);
	}
	fflush(f);
	sha_hex(buf, len, hex);
	fprintf(f, "end %s\n", hex);
	if (fclose(f))
		return -ENOMEM;
	*out = buf;
	*outlen = len;
	return 0;
}

/* Temp file, fsync, rename, fsync of the directory: after a crash the file
 * holds either the old or the new store, never half of one. */
static int persist(const struct cred_store *s)
{
	char *buf, *tmp, *dir, *slash;
	size_t len, off = 0;
	int fd, rc;

	if (!s->path)
		return 0;
	rc = serialize(s, &buf, &len);
	if (rc)
		return rc;
	if (asprintf(&tmp, "%s.tmp", s->path) < 0) {
		free(buf);
		return -ENOMEM;
	}
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	rc = fd < 0 ? -errno : 0;
	while (!rc && off < len) {
		ssize_t n = write(fd, buf + off, len - off);

		if (n < 0 && errno != EINTR)
			rc = -errno;
		else if (n > 0)
			off += (size_t)n;
	}
	if (!rc && fsync(fd))
		rc = -errno;
	if (fd >= 0 && close(fd) && !rc)
		rc = -errno;
	if (!rc && rename(tmp, s->path))
		rc = -errno;
	if (rc)
		unlink(tmp);
	free(tmp);
	free(buf);
	if (rc)
		return -EIO;
	dir = strdup(s->path);
	if (dir && (slash = strrchr(dir, '/'))) {
		*slash = '\0';
		fd = open(*dir ? dir : "/", O_RDONLY | O_DIRECTORY);
		if (fd >= 0) {
			fsync(fd);
			close(fd);
		}
	}
	free(dir);
	return 0;
}

static int insert(struct cred_store *s, uint32_t tag, int type, const char *data, size_t len,
		  const char *passwd, size_t plen)
{
	bool found;
	size_t pos = find_pos(s, tag, type, &found);
	struct cred c = { .sec_tag = tag, .type = (uint8_t)type, .len = len };

	c.data = malloc(len + 1);
	if (!c.data)
		return -ENOMEM;
	memcpy(c.data, data, len);
	c.data[len] = '\0';
	if (passwd && plen) {
		c.passwd = strndup(passwd, plen);
		if (!c.passwd) {
			free(c.data);
			return -ENOMEM;
		}
	}
	sha_hex(c.data, len, c.sha_hex);
	if (found) {
		s->bytes -= s->items[pos].len;
		cred_free(&s->items[pos]);
		s->items[pos] = c;
	} else {
		struct cred *n = realloc(s->items, (s->count + 1) * sizeof(*n));

		if (!n) {
			cred_free(&c);
			return -ENOMEM;
		}
		s->items = n;
		memmove(&s->items[pos + 1], &s->items[pos], (s->count - pos) * sizeof(*n));
		s->items[pos] = c;
		s->count++;
	}
	s->bytes += len;
	return 0;
}

static void remove_at(struct cred_store *s, size_t pos)
{
	s->bytes -= s->items[pos].len;
	cred_free(&s->items[pos]);
	memmove(&s->items[pos], &s->items[pos + 1], (s->count - pos - 1) * sizeof(s->items[0]));
	s->count--;
}

/* Detaches the current item at pos (for rollback). */
static struct cred take_copy(const struct cred *c)
{
	struct cred copy = *c;

	copy.data = malloc(c->len + 1);
	if (copy.data)
		memcpy(copy.data, c->data, c->len + 1);
	copy.passwd = c->passwd ? strdup(c->passwd) : NULL;
	return copy;
}

int cred_store_write(struct cred_store *s, uint32_t sec_tag, int type, const char *data,
		     size_t len, const char *passwd)
{
	bool found;
	size_t pos = find_pos(s, sec_tag, type, &found);
	size_t replaced = found ? s->items[pos].len : 0;
	struct cred old = { 0 };
	int rc;

	if (!found && s->count >= s->max_items)
		return -ENOMEM;
	if (s->bytes - replaced + len > s->max_bytes)
		return -ENOMEM;
	if (found) {
		old = take_copy(&s->items[pos]);
		if (!old.data)
			return -ENOMEM;
	}
	rc = insert(s, sec_tag, type, data, len, passwd, passwd ? strlen(passwd) : 0);
	if (rc) {
		cred_free(&old);
		return rc;
	}
	rc = persist(s);
	if (rc) {
		pos = find_pos(s, sec_tag, type, &found);
		remove_at(s, pos);
		if (old.data)
			insert(s, old.sec_tag, old.type, old.data, old.len, old.passwd,
			       old.passwd ? strlen(old.passwd) : 0);
	}
	cred_free(&old);
	return rc;
}

int cred_store_delete(struct cred_store *s, uint32_t sec_tag, int type)
{
	bool found;
	size_t pos = find_pos(s, sec_tag, type, &found);
	struct cred old;
	int rc;

	if (!found)
		return -ENOENT;
	old = take_copy(&s->items[pos]);
	if (!old.data)
		return -ENOMEM;
	remove_at(s, pos);
	rc = persist(s);
	if (rc)
		insert(s, old.sec_tag, old.type, old.data, old.len, old.passwd,
		       old.passwd ? strlen(old.passwd) : 0);
	cred_free(&old);
	return rc;
}

int cred_store_parse(struct cred_store *s, const char *buf, size_t len, char *err, size_t errlen)
{
	const char *p, *end, *trailer;
	const char *name = s->path ? s->path : "(buffer)";
	char hex[65];

#define DAMAGED(...) do { \
		int k = snprintf(err, errlen, "credential store %s is damaged: ", name); \
		snprintf(err + k, errlen - (size_t)k, __VA_ARGS__); \
		return -1; \
	} while (0)
	if (len < strlen(MAGIC) || memcmp(buf, MAGIC, strlen(MAGIC)))
		DAMAGED("not a slmsim credential file (bad header)");
	trailer = NULL;
	if (len >= TRAILER_LEN && buf[len - 1] == '\n' && !memcmp(buf + len - TRAILER_LEN, "end ", 4))
		trailer = buf + len - TRAILER_LEN;
	if (!trailer)
		DAMAGED("the end marker is missing (file cut short?)");
	sha_hex(buf, (size_t)(trailer - buf), hex);
	if (memcmp(trailer + 4, hex, 64))
		DAMAGED("checksum mismatch");
	p = buf + strlen(MAGIC);
	end = trailer;
	while (p < end) {
		unsigned tag, type;
		size_t clen, plen;
		int used = 0;
		char head[96];
		size_t hl = (size_t)(end - p) < sizeof(head) - 1 ? (size_t)(end - p) : sizeof(head) - 1;

		/* sscanf on a bounded copy: the buffer has no NUL of its own. */
		memcpy(head, p, hl);
		head[hl] = '\0';
		if (sscanf(head, "%u %u %zu %zu%n", &tag, &type, &clen, &plen, &used) != 4 ||
		    used <= 0 || (size_t)used >= hl || head[used] != '\n' || type > CRED_TYPE_MAX ||
		    clen > len || plen > len || (size_t)(end - p) < (size_t)used + 1 + clen + plen + 1)
			DAMAGED("bad item header at byte %zu", (size_t)(p - buf));
		p += used + 1;
		if (insert(s, tag, (int)type, p, clen, p + clen, plen))
			DAMAGED("out of memory at byte %zu", (size_t)(p - buf));
		p += clen + plen;
		if (*p++ != '\n')
			DAMAGED("bad item end at byte %zu", (size_t)(p - buf));
	}
#undef DAMAGED
	return 0;
}

static int load(struct cred_store *s, char *err, size_t errlen)
{
	FILE *f = fopen(s->path, "rb");
	char *buf = NULL;
	size_t len = 0, cap = 0, n;
	int rc;

	if (!f) {
		if (errno == ENOENT)
			return 0;
		snprintf(err, errlen, "cannot read %s: %s", s->path, strerror(errno));
		return -1;
	}
	do {
		if (len + 4096 > cap) {
			char *nb = realloc(buf, cap = cap ? cap * 2 : 8192);

			if (!nb) {
				free(buf);
				fclose(f);
				snprintf(err, errlen, "out of memory reading %s", s->path);
				return -1;
			}
			buf = nb;
		}
		n = fread(buf + len, 1, cap - len - 1, f);
		len += n;
	} while (n > 0);
	fclose(f);
	rc = cred_store_parse(s, buf, len, err, errlen);
	free(buf);
	return rc;
}

int cred_store_open(struct cred_store **out, const char *dir, size_t max_items,
		    size_t max_bytes, char *err, size_t errlen)
{
	struct cred_store *s = calloc(1, sizeof(*s));

	if (!s) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	s->max_items = max_items;
	s->max_bytes = max_bytes;
	if (dir) {
		if (mkdir(dir, 0700) && errno != EEXIST) {
			snprintf(err, errlen, "cannot create state directory %s: %s", dir, strerror(errno));
			free(s);
			return -1;
		}
		if (asprintf(&s->path, "%s/" FILE_NAME, dir) < 0) {
			free(s);
			return -1;
		}
		if (load(s, err, errlen)) {
			cred_store_close(s);
			return -1;
		}
	}
	*out = s;
	return 0;
}

void cred_store_close(struct cred_store *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->count; i++)
		cred_free(&s->items[i]);
	free(s->items);
	free(s->path);
	free(s);
}
