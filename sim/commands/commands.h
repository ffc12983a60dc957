/* The command handlers the table's rows point at, and the hooks of the
 * modules that keep per-modem state.  Each handler serves one form of one
 * command (see at_cmd.h); its row in cmd_table.c says which. */
#ifndef SLMSIM_COMMANDS_H
#define SLMSIM_COMMANDS_H

#include "at_cmd.h"

/* cmd_generic.c */
int cmee_set(struct modem *m, const struct at_cmd *cmd);
int cmee_read(struct modem *m, const struct at_cmd *cmd);
int cgmi_action(struct modem *m, const struct at_cmd *cmd);
int cgmm_action(struct modem *m, const struct at_cmd *cmd);
int cgmr_action(struct modem *m, const struct at_cmd *cmd);
int cgsn_run(struct modem *m, const struct at_cmd *cmd);
int xslmver_set(struct modem *m, const struct at_cmd *cmd);
int xclac_set(struct modem *m, const struct at_cmd *cmd);

/* cmd_slm.c */
int xslmuart_set(struct modem *m, const struct at_cmd *cmd);
int xslmuart_read(struct modem *m, const struct at_cmd *cmd);
int xdatactrl_set(struct modem *m, const struct at_cmd *cmd);
int xdatactrl_read(struct modem *m, const struct at_cmd *cmd);
int xuuid_set(struct modem *m, const struct at_cmd *cmd);
int xreset_set(struct modem *m, const struct at_cmd *cmd);
int xsleep_set(struct modem *m, const struct at_cmd *cmd);

/* cmd_cfun.c, cmd_cereg.c */
int cfun_set(struct modem *m, const struct at_cmd *cmd);
int cfun_read(struct modem *m, const struct at_cmd *cmd);
int cereg_set(struct modem *m, const struct at_cmd *cmd);
int cereg_read(struct modem *m, const struct at_cmd *cmd);
void cereg_net_changed(struct modem *m);

/* cmd_cmng.c */
int cmng_set(struct modem *m, const struct at_cmd *cmd);

/* cmd_socket.c */
int xsocket_set(struct modem *m, const struct at_cmd *cmd);
int xsocket_read(struct modem *m, const struct at_cmd *cmd);
int xsocket_test(struct modem *m, const struct at_cmd *cmd);
int xsendto_set(struct modem *m, const struct at_cmd *cmd);
int xrecvfrom_set(struct modem *m, const struct at_cmd *cmd);
int xssocket_set(struct modem *m, const struct at_cmd *cmd);
int xssocket_read(struct modem *m, const struct at_cmd *cmd);
int xssocketopt_set(struct modem *m, const struct at_cmd *cmd);
int xconnect_set(struct modem *m, const struct at_cmd *cmd);
int xsend_set(struct modem *m, const struct at_cmd *cmd);
int xrecv_set(struct modem *m, const struct at_cmd *cmd);
int xgetaddrinfo_set(struct modem *m, const struct at_cmd *cmd);
int socket_init(struct modem *m, char *err, size_t errlen);
void socket_fini(struct modem *m);
void socket_net_changed(struct modem *m);

/* cmd_mqtt.c */
int xmqttcon_set(struct modem *m, const struct at_cmd *cmd);
int xmqttcon_read(struct modem *m, const struct at_cmd *cmd);
int xmqttsub_set(struct modem *m, const struct at_cmd *cmd);
int xmqttunsub_set(struct modem *m, const struct at_cmd *cmd);
int xmqttpub_set(struct modem *m, const struct at_cmd *cmd);
int mqtt_init(struct modem *m, char *err, size_t errlen);
void mqtt_fini(struct modem *m);
void mqtt_net_changed(struct modem *m);

#endif
