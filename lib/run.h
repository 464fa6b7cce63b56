/*
 * run.h - running another program (ghostscript, ssh-keygen) the one
 * way: with the user's own ids, its standard streams on files or
 * /dev/null, and waited for.
 */
#ifndef SD_RUN_H
#define SD_RUN_H

/*
 * Run argv[0] (looked up in PATH) with argv, with the real user and
 * group ids (a set-id program's privilege is not passed on: the program
 * opens what it is given as the user), standard input from in and
 * standard output to out (NULL: /dev/null; out is created 0600 or
 * truncated), standard error to /dev/null, and wait for it.  Returns its
 * exit status (0-255; 256 + the signal when one killed it), or -1 with
 * errno set when it could not be started.
 */
int sd_run(char *const argv[], const char *in, const char *out);

#endif
