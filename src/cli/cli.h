/*
** cli.h — the safepath command: subcommands and the helpers they share.
**
** Exit statuses are part of the command-line contract (docs/safepath.1):
** 0 success, 1 internal error (or, for `rules`, problems found in the rules),
** 2 bad input or usage. Messages go to stderr, in the language asked for, and
** never repeat a value a person typed: a facts file, its name or a stray argument
** may hold personal data.
*/
#ifndef SAFEPATH_CLI_H
#define SAFEPATH_CLI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../base/i18n.h"
#include "../rules/embedded.h"
#include "../rules/rules.h"

#define CLI_VERSION "0.1.0"
#define CLI_FACTS_MAX (64u * 1024u)     /* largest facts document accepted */
#define CLI_OUT_MAX (16u << 20)         /* largest output one evaluation may produce */

enum cli_exit { CLI_EXIT_OK = 0, CLI_EXIT_FAIL = 1, CLI_EXIT_USAGE = 2 };

/* The rule sets and data compiled into the binary (embedded_federal,
** embedded_continuum, embedded_training, embedded_seed): src/rules/embedded.h. */


/* ---- options ---- */

struct cli_opt {
	const char *name;        /* "--facts" */
	bool takes_value;
	const char **value;      /* OUT: the value, or NULL when absent */
	bool *seen;              /* OUT, for flags; may be NULL for value options */
};

/* Parses argv[0..argc) against opts: "--name VALUE", "--name=VALUE", flags,
** "--help"/"-h" (sets *help), "--" (the rest is positional). Positionals land in
** pos (at most maxpos). On a problem prints a message and returns CLI_EXIT_USAGE;
** else 0. `cmd` names the command in "try ... --help". */
int cli_parse_opts(int argc, char **argv, const struct cli_opt *opts, size_t nopts,
                   const char **pos, size_t maxpos, size_t *npos, bool *help,
                   const char *cmd, enum lang lang);

/* "safepath: " + message + newline on stderr. */
void cli_error(enum lang lang, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* cli_error, then a hint to run `safepath CMD --help`; returns CLI_EXIT_USAGE. */
int cli_usage_error(enum lang lang, const char *cmd, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Writes the whole of s to stdout; -1 on a write error. */
int cli_write_out(const char *s, size_t len);
/* Writes a command's formatted output b to stdout. When formatting failed
** (failed, or b's sticky error) says "cannot format the result" and writes
** nothing; when stdout fails says "cannot write the output". Returns
** CLI_EXIT_OK or CLI_EXIT_FAIL. */
int cli_write_buf(const struct buf *b, bool failed, enum lang lang);

/* Loads the embedded federal rule set, or the rule files of dir when dir is not
** NULL; diagnostics go to stderr. Returns 0, or an exit status. */
int cli_load_rules(const char *dir, enum lang lang, struct ruleset **out);
/* The same for any embedded rule set (e.g. embedded_continuum). */
int cli_load_ruleset(const char *dir, const struct rules_source *embedded, size_t nembedded,
                     enum lang lang, struct ruleset **out);

/* Reads the file at path ("-": standard input) whole, up to max + 1 bytes so
** the caller can tell a document over its cap (then *len is max + 1). doc
** names the option in messages, which never name the file: its name may be a
** person's. Returns 0 (*out NUL-terminated, the caller frees it), or an exit
** status after printing the message. */
enum cli_doc { CLI_DOC_FACTS, CLI_DOC_ANSWERS };
int cli_read_doc(const char *path, enum cli_doc doc, size_t max, enum lang lang, char **out,
                 size_t *len);
/* One line of standard input for an interactive prompt, without its line end
** (LF or CRLF): 1, or 0 at the end of the input, or -1 when the line did not
** fit in cap bytes (the rest of it is read and dropped, never shown back). */
int cli_read_line(char *line, size_t cap);
/* --as-of: a real day YYYY-MM-DD, years 1900-2199. 0, or CLI_EXIT_USAGE after a
** message. */
int cli_parse_as_of(const char *s, enum lang lang, int32_t *day);
/* --format text|json (NULL: text) for command cmd: sets *json; 0, or
** CLI_EXIT_USAGE after a message. */
int cli_parse_format(const char *format, const char *cmd, enum lang lang, bool *json);

/* ---- commands (argv[0] is the command's own name) ---- */
int cli_pathways(int argc, char **argv, enum lang lang);
int cli_assess(int argc, char **argv, enum lang lang);
int cli_rules(int argc, char **argv, enum lang lang);
int cli_train(int argc, char **argv, enum lang lang);
void cli_help_pathways(enum lang lang);
void cli_help_assess(enum lang lang);
void cli_help_rules(enum lang lang);
void cli_help_train(enum lang lang);
int cli_serve(int argc, char **argv, enum lang lang);          /* cmd_serve.c */
void cli_help_serve(enum lang lang);

/* safepath directory SUBCOMMAND (cmd_directory.c dispatches; argv[0] is the
** subcommand's own name). Each lives in its own cmd_directory_*.c file. */
int cli_directory(int argc, char **argv, enum lang lang);
struct db;
/* Opens the directory database of --db (or the default) for reading what it
** holds; 0, or CLI_EXIT_FAIL after a message saying how to create it. */
int cli_directory_open(const char *db_arg, enum lang lang, struct db **db);
void cli_help_directory(enum lang lang);
int cli_directory_import(int argc, char **argv, enum lang lang);   /* cmd_directory_import.c */
int cli_directory_export(int argc, char **argv, enum lang lang);   /* cmd_directory_export.c */
int cli_directory_search(int argc, char **argv, enum lang lang);   /* cmd_directory_search.c */
int cli_directory_slip(int argc, char **argv, enum lang lang);     /* cmd_directory_search.c */
int cli_directory_show(int argc, char **argv, enum lang lang);     /* cmd_directory_show.c */
int cli_directory_init(int argc, char **argv, enum lang lang);     /* cmd_directory_seed.c */
int cli_directory_generate(int argc, char **argv, enum lang lang); /* cmd_directory_seed.c */

#endif
