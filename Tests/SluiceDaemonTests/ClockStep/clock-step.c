// A system clock stepped for one process tree, for ClockStepTests: preloaded into sluiced, it adds to the wall
// clock (CLOCK_REALTIME and its coarse variant, gettimeofday, time) the seconds written in the file named by
// SLUICE_CLOCK_STEP_FILE, read again at most every 100 ms. The monotonic clocks and every timer are left alone, as
// a real step (NTP, settimeofday) leaves them. libfaketime does not do for this: it also moves the absolute
// timerfd deadlines libdispatch sets on the monotonic clock, so every sleep of a Swift program stalls.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

typedef int (*clock_gettime_fn)(clockid_t, struct timespec *);

static clock_gettime_fn real_clock_gettime(void) {
    static _Atomic(clock_gettime_fn) real;
    clock_gettime_fn found = atomic_load(&real);
    if (!found) {
        found = (clock_gettime_fn)dlsym(RTLD_NEXT, "clock_gettime");
        atomic_store(&real, found);
    }
    return found;
}

static _Atomic long long step_seconds;
static _Atomic long long read_at_ms = -1000000;

static long long step(void) {
    struct timespec now;
    if (real_clock_gettime()(CLOCK_MONOTONIC, &now) != 0) return atomic_load(&step_seconds);
    long long ms = (long long)now.tv_sec * 1000 + now.tv_nsec / 1000000;
    if (ms - atomic_load(&read_at_ms) < 100) return atomic_load(&step_seconds);
    atomic_store(&read_at_ms, ms);
    const char *path = getenv("SLUICE_CLOCK_STEP_FILE");
    if (!path) return 0;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return atomic_load(&step_seconds);
    char text[32] = {0};
    ssize_t got = read(fd, text, sizeof text - 1);
    close(fd);
    if (got > 0) atomic_store(&step_seconds, strtoll(text, NULL, 10));
    return atomic_load(&step_seconds);
}

int clock_gettime(clockid_t id, struct timespec *ts) {
    int status = real_clock_gettime()(id, ts);
    if (status == 0 && (id == CLOCK_REALTIME || id == CLOCK_REALTIME_COARSE)) ts->tv_sec += step();
    return status;
}

int gettimeofday(struct timeval *restrict tv, void *restrict tz) {
    (void)tz;
    struct timespec now;
    int status = clock_gettime(CLOCK_REALTIME, &now);
    if (status == 0) {
        tv->tv_sec = now.tv_sec;
        tv->tv_usec = now.tv_nsec / 1000;
    }
    return status;
}

time_t time(time_t *out) {
    struct timespec now;
    if (clock_gettime(CLOCK_REALTIME, &now) != 0) return (time_t)-1;
    if (out) *out = now.tv_sec;
    return now.tv_sec;
}
