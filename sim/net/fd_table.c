/* The modem's file descriptors: the lowest free one, as Zephyr gives them. */
#include <errno.h>
#include <string.h>

#include "fd_table.h"

void fd_table_init(struct fd_table *t, int base)
{
	memset(t, 0, sizeof(*t));
	t->base = base < 0 ? 0 : base;
}

int fd_lowest(const struct fd_table *t)
{
	for (int fd = t->base; fd < FD_TABLE_MAX; fd++)
		if (!t->owner[fd])
			return fd;
	return -ENFILE;
}

int fd_take(struct fd_table *t, const char *owner)
{
	int fd = fd_lowest(t);

	if (fd >= 0)
		t->owner[fd] = owner ? owner : "?";
	return fd;
}

void fd_give(struct fd_table *t, int fd)
{
	if (t && fd >= 0 && fd < FD_TABLE_MAX)
		t->owner[fd] = NULL;
}

const char *fd_owner(const struct fd_table *t, int fd)
{
	return fd >= 0 && fd < FD_TABLE_MAX ? t->owner[fd] : NULL;
}
