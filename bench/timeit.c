/*
 * bench/timeit.c - run one command and say how long it took, for
 * bench/run's interleaved rows (issue 17): a shell's `date` before and
 * after costs a fork each, which is more than akt-show itself.
 *
 *   timeit OUT ERR CMD [ARG...]
 *
 * Runs CMD with stdout to OUT and stderr to ERR (stdin as given) and
 * prints one line: wall seconds, CPU seconds (user + system), peak
 * resident set in KiB, and the exit status.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int
main(int argc, char **argv)
{
	struct timespec t0, t1;
	struct rusage ru;
	int status, out, err;
	pid_t pid;

	if (argc < 4) {
		fputs("usage: timeit OUT ERR CMD [ARG...]\n", stderr);
		return 64;
	}
	if ((out = open(argv[1], O_WRONLY | O_CREAT | O_TRUNC, 0600)) < 0 ||
	    (err = open(argv[2], O_WRONLY | O_CREAT | O_TRUNC, 0600)) < 0) {
		perror("timeit");
		return 73;
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if ((pid = fork()) < 0) {
		perror("timeit: fork");
		return 71;
	}
	if (pid == 0) {
		dup2(out, 1);
		dup2(err, 2);
		execvp(argv[3], argv + 3);
		perror(argv[3]);
		_exit(127);
	}
	if (wait4(pid, &status, 0, &ru) < 0) {
		perror("timeit: wait4");
		return 71;
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	printf("%.6f %.6f %ld %d\n",
	       (double)(t1.tv_sec - t0.tv_sec) +
		   (double)(t1.tv_nsec - t0.tv_nsec) / 1e9,
	       (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
		   (double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6,
	       ru.ru_maxrss, WIFEXITED(status) ? WEXITSTATUS(status) : 128);
	return 0;
}
