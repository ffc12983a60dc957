/* FTP reply parsing as NCS 1.8's ftp_client reads replies (see ftp_client.h). */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ftp_client.h"

static const char *line_end(const char *p, const char *end)
{
	const char *lf = p < end ? memchr(p, '\n', (size_t)(end - p)) : NULL;

	return lf ? lf + 1 : NULL;
}

static bool is_code(const char *p, const char *end)
{
	return end - p >= 4 && isdigit((unsigned char)p[0]) && isdigit((unsigned char)p[1]) &&
	       isdigit((unsigned char)p[2]);
}

/* Replies come from the server's separate writes, so on the modem's side
 * one recv() takes one reply (RFC 959 4.2: "ddd-" opens lines that end at
 * "ddd "), or the modem's MSS of a longer one. */
size_t ftp_reply_len(const char *buf, size_t len)
{
	const char *end = buf + len, *p = buf, *next = line_end(p, end);

	if (next && (!is_code(buf, end) || buf[3] != '-'))
		return (size_t)(next - buf) < FTP_MSS ? (size_t)(next - buf) : FTP_MSS;
	while (next && (size_t)(next - buf) < FTP_MSS) {
		p = next;
		next = line_end(p, end);
		if (next && is_code(p, end) && !memcmp(p, buf, 3) && p[3] == ' ')
			return (size_t)(next - buf) < FTP_MSS ? (size_t)(next - buf) : FTP_MSS;
	}
	return len >= FTP_MSS ? FTP_MSS : 0;
}

int ftp_reply_code(const char *msg, int code)
{
	char want[16];

	if (code == 0)
		return 0;
	snprintf(want, sizeof(want), "%d ", code);
	return strstr(msg, want) ? code : 500;
}

/* establish_data_channel(): the port from the last two numbers before
 * ')'; the address is the control connection's, whatever the reply says. */
int ftp_pasv_port(const char *msg)
{
	const char *close = strrchr(msg, ')'), *comma = strrchr(msg, ','), *p;
	char tmp[8] = "";
	int port;

	if (!close || !comma || close < comma || close - comma - 1 >= (long)sizeof(tmp))
		return -1;
	memcpy(tmp, comma + 1, (size_t)(close - comma - 1));
	port = atoi(tmp);
	for (p = comma - 1; p >= msg && isdigit((unsigned char)*p); p--)
		;
	if (p < msg || *p != ',' || comma - p - 1 >= (long)sizeof(tmp))
		return -1;
	memset(tmp, 0, sizeof(tmp));
	memcpy(tmp, p + 1, (size_t)(comma - p - 1));
	return (port + (atoi(tmp) << 8)) & 0xffff;
}
