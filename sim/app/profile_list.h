/* What --list-profiles prints. */
#ifndef SLMSIM_PROFILE_LIST_H
#define SLMSIM_PROFILE_LIST_H

#include <stdio.h>

/* The SLM, modem firmware and TLS profiles, with their ranges. */
void profile_list(FILE *out);

#endif
