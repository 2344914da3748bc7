/*
** replay.c — a main for the fuzz targets without libFuzzer: feeds each file
** named on the command line, or every file in each folder named, to
** LLVMFuzzerTestOneInput once. make check builds it with gcc and the sanitizers
** and replays the committed corpora, so a crash found once stays fixed.
*/
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"

#define REPLAY_MAX_INPUT (4u << 20)   /* libFuzzer's default -max_len is far less */
#define REPLAY_MAX_PATH 4096

static size_t nrun;

static int run_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
		return -1;
	}
	uint8_t *buf = malloc(REPLAY_MAX_INPUT + 1);
	if (!buf) {
		fclose(f);
		fprintf(stderr, "replay: out of memory\n");
		return -1;
	}
	size_t n = fread(buf, 1, REPLAY_MAX_INPUT + 1, f);
	int bad = ferror(f) || n > REPLAY_MAX_INPUT;
	fclose(f);
	if (bad) {
		free(buf);
		fprintf(stderr, "replay: %s: unreadable or larger than %u bytes\n", path, REPLAY_MAX_INPUT);
		return -1;
	}
	/* Exactly n bytes, so an overread is caught by ASan as it would be by libFuzzer. */
	uint8_t *exact = malloc(n ? n : 1);
	if (!exact) {
		free(buf);
		return -1;
	}
	memcpy(exact, buf, n);
	free(buf);
	(void)LLVMFuzzerTestOneInput(exact, n);
	free(exact);
	nrun++;
	return 0;
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every regular file of dir, in name order so runs are reproducible. */
static int run_dir(const char *dir)
{
	DIR *d = opendir(dir);
	if (!d) {
		fprintf(stderr, "replay: %s: %s\n", dir, strerror(errno));
		return -1;
	}
	char **names = NULL;
	size_t n = 0, cap = 0;
	int rc = 0;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		if (n == cap) {
			size_t nc = cap ? cap * 2 : 64;
			char **nn = realloc(names, nc * sizeof *nn);
			if (!nn) {
				rc = -1;
				break;
			}
			names = nn;
			cap = nc;
		}
		names[n] = strdup(e->d_name);
		if (!names[n]) {
			rc = -1;
			break;
		}
		n++;
	}
	closedir(d);
	if (n > 1)
		qsort(names, n, sizeof *names, cmp_names);
	for (size_t i = 0; i < n && rc == 0; i++) {
		char path[REPLAY_MAX_PATH];
		int len = snprintf(path, sizeof path, "%s/%s", dir, names[i]);
		struct stat st;
		if (len < 0 || (size_t)len >= sizeof path) {
			rc = -1;
			break;
		}
		if (stat(path, &st) == 0 && S_ISREG(st.st_mode))
			rc = run_file(path);
	}
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return rc;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: %s FILE|DIR...\n", argv[0]);
		return 2;
	}
	for (int i = 1; i < argc; i++) {
		struct stat st;
		if (stat(argv[i], &st) != 0) {
			fprintf(stderr, "replay: %s: %s\n", argv[i], strerror(errno));
			return 1;
		}
		if ((S_ISDIR(st.st_mode) ? run_dir(argv[i]) : run_file(argv[i])) != 0)
			return 1;
	}
	printf("replayed %zu inputs\n", nrun);
	return 0;
}
