/* slmreplay's command line: options into struct opts, usage errors with
 * the exit status 2. */
#include "options.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "corpus.h"
#include "mfw_profile.h"
#include "report_html.h"
#include "slm_profiles.h"

static const struct option long_opts[] = {
	{ "tty", required_argument, NULL, 't' },
	{ "time", required_argument, NULL, 'T' },
	{ "max-wait", required_argument, NULL, 'W' },
	{ "profile", required_argument, NULL, 'p' },
	{ "slm", required_argument, NULL, 'L' },
	{ "mfw", required_argument, NULL, 'M' },
	{ "certs", required_argument, NULL, 'c' },
	{ "scenario", required_argument, NULL, 's' },
	{ "junit", required_argument, NULL, 'U' },
	{ "tap", no_argument, NULL, 'a' },
	{ "sim-log", required_argument, NULL, 'l' },
	{ "world", required_argument, NULL, 'w' },
	{ "html", required_argument, NULL, 'H' },
	{ "quiet", no_argument, NULL, 'q' },
	{ "jobs", required_argument, NULL, 'J' },
	{ "shard", required_argument, NULL, 'S' },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 },
};

/* --time virtual|real|FACTOR; false when malformed. */
static bool parse_time(struct opts *o, const char *arg)
{
	char *end;

	o->time_set = true;
	if (!strcmp(arg, "virtual"))
		o->factor = 0;
	else if (!strcmp(arg, "real"))
		o->factor = 1;
	else if (!((o->factor = strtod(arg, &end)) > 0) || *end)
		return false;
	return true;
}

/* -1 to go on, or the exit status. */
int options_parse(int argc, char **argv, struct opts *o, void (*usage)(FILE *f))
{
	int opt;
	char *end;

	while ((opt = getopt_long(argc, argv, "qhVj:", long_opts, NULL)) != -1) {
		switch (opt) {
		case 't': o->tty = optarg; break;
		case 'T':
			if (!parse_time(o, optarg)) {
				fprintf(stderr, "slmreplay: --time wants virtual, real or a factor > 0, "
					"not '%s'\n", optarg);
				return 2;
			}
			break;
		case 'W':
			o->max_wait_s = strtod(optarg, &end);
			if (*end || o->max_wait_s <= 0) {
				fprintf(stderr, "slmreplay: --max-wait wants seconds, not '%s'\n", optarg);
				return 2;
			}
			break;
		case 'p': o->profile = optarg; break;
		case 'L':
			if (!slm_profile_find(optarg)) {
				fprintf(stderr, "slmreplay: --slm wants an SLM profile or release (see "
					"slmsim --list-profiles), not '%s'\n", optarg);
				return 2;
			}
			o->slm = optarg;
			break;
		case 'M':
			if (mfw_release_find(optarg, &(struct mfw_release){ 0 })) {
				fprintf(stderr, "slmreplay: --mfw wants a modem firmware release (1.3.1, "
					"2.0.4, ...; slmsim --list-profiles), not '%s'\n", optarg);
				return 2;
			}
			o->mfw = optarg;
			break;
		case 'c': o->certs = optarg; break;
		case 's': o->scenario = optarg; break;
		case 'U': o->junit = optarg; break;
		case 'a': o->tap = true; break;
		case 'l': o->sim_log = optarg; break;
		case 'w': o->world = optarg; break;
		case 'H': o->html = optarg; break;
		case 'q': o->quiet = true; break;
		case 'J':
		case 'j':
			o->jobs = (int)strtol(optarg, &end, 10);
			if (*end || o->jobs < 1 || o->jobs > 64) {
				fprintf(stderr, "slmreplay: -j wants 1 to 64 workers, not '%s'\n", optarg);
				return 2;
			}
			break;
		case 'S':
			if (corpus_parse_shard(optarg, &o->shard_k, &o->shard_n)) {
				fprintf(stderr, "slmreplay: --shard wants K/N with 1 <= K <= N, not '%s'\n",
					optarg);
				return 2;
			}
			break;
		case 'h': usage(stdout); return 0;
		case 'V': printf("slmreplay %s\n", SLMSIM_VERSION); return 0;
		default:
			fputs("Try 'slmreplay --help' for more information.\n", stderr);
			return 2;
		}
	}
	if (argc - optind < 1) {
		fputs("slmreplay: no log given\nTry 'slmreplay --help' for more information.\n", stderr);
		return 2;
	}
	if (o->scenario && argc - optind > 1) {
		fputs("slmreplay: --scenario goes with a single log\n", stderr);
		return 2;
	}
	return -1;
}

const char *options_html_page(const struct opts *o, const char *path)
{
	for (size_t i = 0; o->html_pages && i < o->html_n; i++)
		if (!strcmp(o->html_paths[i], path))
			return o->html_pages[i];
	return o->html;
}

void options_html_corpus(struct opts *o, char *const *args, int nargs, char *const *paths,
			 size_t n)
{
	struct stat st;

	if (!o->html || (nargs == 1 && !(stat(args[0], &st) == 0 && S_ISDIR(st.st_mode))))
		return;
	o->html_pages = report_html_names(o->html, paths, n);
	o->html_paths = paths;
	o->html_n = n;
}
