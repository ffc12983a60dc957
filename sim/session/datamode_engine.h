/* Between the two halves of data mode: datamode.c (entering, leaving,
 * sends, answers) and datamode_input.c (cutting the input, the escape). */
#ifndef SLMSIM_DATAMODE_ENGINE_H
#define SLMSIM_DATAMODE_ENGINE_H

#include <stdbool.h>

struct modem;

/* Hands what is buffered to the service; more: the buffer was full. */
void datamode_send_buffered(struct modem *m, bool more);
/* The host's escape (or the last <data_len> byte) ends data mode. */
void datamode_quit(struct modem *m);

#endif
