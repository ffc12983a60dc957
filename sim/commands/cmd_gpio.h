/* AT#XGPIOCFG and AT#XGPIO: the SLM's pin model of GPIO port 0. */
#ifndef SLMSIM_CMD_GPIO_H
#define SLMSIM_CMD_GPIO_H

#include <stddef.h>

struct at_cmd;
struct at_schema;
struct modem;

extern const struct at_schema xgpiocfg_schema, xgpio_schema;

int xgpiocfg_set(struct modem *m, const struct at_cmd *cmd);
int xgpiocfg_read(struct modem *m, const struct at_cmd *cmd);
int xgpio_set(struct modem *m, const struct at_cmd *cmd);
int gpio_init(struct modem *m, char *err, size_t errlen);
void gpio_fini(struct modem *m);

#endif
