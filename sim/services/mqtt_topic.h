/* MQTT 3.1.1 topic filters (section 4.7): which topics a subscription
 * receives, so the client knows when the broker owes it its own message. */
#ifndef SLMSIM_MQTT_TOPIC_H
#define SLMSIM_MQTT_TOPIC_H

#include <stdbool.h>
#include <stddef.h>

/* True when filter (with + and # wildcards) matches topic.  A topic that
 * starts with '$' is not matched by a wildcard in the first level. */
bool mqtt_topic_matches(const char *filter, size_t flen, const char *topic, size_t tlen);

#endif
