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
int xsystemmode_set(struct modem *m, const struct at_cmd *cmd);
int xsystemmode_read(struct modem *m, const struct at_cmd *cmd);
int cereg_set(struct modem *m, const struct at_cmd *cmd);
int cereg_read(struct modem *m, const struct at_cmd *cmd);
void cereg_net_changed(struct modem *m);

/* cmd_pdn.c, cmd_psm.c, cmd_netinfo.c, cmd_sim.c, cmd_time.c */
int cgdcont_set(struct modem *m, const struct at_cmd *cmd);
int cgdcont_read(struct modem *m, const struct at_cmd *cmd);
int cgact_set(struct modem *m, const struct at_cmd *cmd);
int cgact_read(struct modem *m, const struct at_cmd *cmd);
void pdn_net_changed(struct modem *m);
/* cmd_events.c */
int events_init(struct modem *m, char *err, size_t errlen);
void events_fini(struct modem *m);
void events_net_changed(struct modem *m);
/* After +CFUN: the UICC may have changed. */
void events_radio_changed(struct modem *m);
int cnec_set(struct modem *m, const struct at_cmd *cmd);
int cnec_read(struct modem *m, const struct at_cmd *cmd);
int cgerep_set(struct modem *m, const struct at_cmd *cmd);
int cgerep_read(struct modem *m, const struct at_cmd *cmd);
int cind_set(struct modem *m, const struct at_cmd *cmd);
int cind_read(struct modem *m, const struct at_cmd *cmd);
int xsim_set(struct modem *m, const struct at_cmd *cmd);
int xsim_read(struct modem *m, const struct at_cmd *cmd);
int cscon_set(struct modem *m, const struct at_cmd *cmd);
int cscon_read(struct modem *m, const struct at_cmd *cmd);
int xping_set(struct modem *m, const struct at_cmd *cmd);
int xsocketopt_set(struct modem *m, const struct at_cmd *cmd);
int ping_init(struct modem *m, char *err, size_t errlen);
void ping_fini(struct modem *m);
int cemode_set(struct modem *m, const struct at_cmd *cmd);
int cemode_read(struct modem *m, const struct at_cmd *cmd);
int xcband_action(struct modem *m, const struct at_cmd *cmd);
int xcband_test(struct modem *m, const struct at_cmd *cmd);
int cgpaddr_set(struct modem *m, const struct at_cmd *cmd);
int cgpaddr_test(struct modem *m, const struct at_cmd *cmd);
int cpsms_set(struct modem *m, const struct at_cmd *cmd);
int cpsms_read(struct modem *m, const struct at_cmd *cmd);
int cedrxs_set(struct modem *m, const struct at_cmd *cmd);
int cedrxs_read(struct modem *m, const struct at_cmd *cmd);
int cedrxrdp_action(struct modem *m, const struct at_cmd *cmd);
void psm_net_changed(struct modem *m);
int cesq_action(struct modem *m, const struct at_cmd *cmd);
int xcesq_set(struct modem *m, const struct at_cmd *cmd);
int cops_set(struct modem *m, const struct at_cmd *cmd);
int cops_read(struct modem *m, const struct at_cmd *cmd);
int cops_test(struct modem *m, const struct at_cmd *cmd);
int xmonitor_action(struct modem *m, const struct at_cmd *cmd);
void netinfo_net_changed(struct modem *m);
int cpin_read(struct modem *m, const struct at_cmd *cmd);
int cpin_set(struct modem *m, const struct at_cmd *cmd);
int cimi_action(struct modem *m, const struct at_cmd *cmd);
int xiccid_action(struct modem *m, const struct at_cmd *cmd);
int xmodemuuid_action(struct modem *m, const struct at_cmd *cmd);
int xbandlock_set(struct modem *m, const struct at_cmd *cmd);
int xbandlock_read(struct modem *m, const struct at_cmd *cmd);
int xconnstat_set(struct modem *m, const struct at_cmd *cmd);
int xconnstat_read(struct modem *m, const struct at_cmd *cmd);
int cclk_set(struct modem *m, const struct at_cmd *cmd);
int cclk_read(struct modem *m, const struct at_cmd *cmd);
int xtime_set(struct modem *m, const struct at_cmd *cmd);
void time_net_changed(struct modem *m);

/* cmd_keygen.c */
int keygen_set(struct modem *m, const struct at_cmd *cmd);
int attesttoken_action(struct modem *m, const struct at_cmd *cmd);
void keygen_free_identity(struct modem *m);

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
