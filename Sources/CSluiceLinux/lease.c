#define _GNU_SOURCE
#include "CSluiceLinux.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

int sluice_open_for_writing(const char *path) {
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
    if (fd < 0) return -1;
    // Should a writer open the file while the lease is held, the kernel signals the holder: SIGIO by default, whose
    // default action ends the process. SIGURG is ignored unless handled.
    if (fcntl(fd, F_SETSIG, SIGURG) != 0) {
        close(fd);
        return -1;
    }
    int answer;
    if (fcntl(fd, F_SETLEASE, F_RDLCK) == 0) {
        fcntl(fd, F_SETLEASE, F_UNLCK);
        answer = 0;
    } else {
        answer = errno == EAGAIN ? 1 : -1;
    }
    close(fd);
    return answer;
}
