/* Errno values as the SLM prints them: Zephyr's numbering (fact sheet 6.6),
 * which differs from Linux for several socket errors. */
#ifndef SLMSIM_ZERRNO_H
#define SLMSIM_ZERRNO_H

#include <errno.h>

static inline int zephyr_errno(int linux_errno)
{
	switch (linux_errno) {
	case ETIMEDOUT: return 116;
	case ECONNABORTED: return 113;
	case ENOTCONN: return 128;
	case EISCONN: return 127;
	case EALREADY: return 120;
	case EMSGSIZE: return 122;
	case ECONNRESET: return 104;
	case ECONNREFUSED: return 111;
	case EHOSTUNREACH: return 118;
	case ENETUNREACH: return 114;
	case ENETDOWN: return 115;
	case EOPNOTSUPP: return 95;
	case EADDRINUSE: return 112;
	case EOVERFLOW: return 139;	/* newlib's: a data-mode overflow (2.5+) */
	default: return linux_errno;	/* EINVAL, EAGAIN, ENOMEM, ... agree */
	}
}

#endif
