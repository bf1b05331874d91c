#define _GNU_SOURCE
#include "CSluiceLinux.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef SYS_pidfd_open
#define SYS_pidfd_open 434
#endif
#ifndef SYS_close_range
#define SYS_close_range 436
#endif

// Report errno to the parent and end the child without running any atexit handler of the parent.
static void child_fail(int report_fd, int error) {
    (void)write(report_fd, &error, sizeof(error));
    _exit(127);
}

static int connect_fd(int fd, int target, int report_fd) {
    if (fd < 0) {
        fd = open("/dev/null", O_RDWR);
        if (fd < 0) child_fail(report_fd, errno);
    }
    if (fd == target) {
        // Already in place: just make sure it survives exec.
        int flags = fcntl(fd, F_GETFD);
        if (flags >= 0) fcntl(fd, F_SETFD, flags & ~FD_CLOEXEC);
        return 0;
    }
    if (dup2(fd, target) < 0) child_fail(report_fd, errno);
    return 0;
}

int sluice_spawn(const sluice_spawn_request *request, pid_t *pid_out) {
    int report[2];
    if (pipe2(report, O_CLOEXEC) != 0) return errno;

    // Block every signal while the child shares our memory, so no handler of ours runs in it; the child resets
    // dispositions and unblocks before exec.
    sigset_t all, old;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &old);

    // The descriptors the child must keep may collide with 0..2 themselves; copy them above 2 first.
    pid_t pid = vfork();
    if (pid == 0) {
        // Child: only async-signal-safe calls from here to exec.
        for (int s = 1; s < NSIG; s++) {
            struct sigaction dfl;
            memset(&dfl, 0, sizeof(dfl));
            dfl.sa_handler = SIG_DFL;
            sigaction(s, &dfl, NULL);
        }
        sigset_t none;
        sigemptyset(&none);
        sigprocmask(SIG_SETMASK, &none, NULL);
        if (setsid() < 0) child_fail(report[1], errno);
        // If sluiced dies, its workers go with it: no orphans.
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (request->memory_limit_bytes > 0) {
            struct rlimit limit = {(rlim_t)request->memory_limit_bytes, (rlim_t)request->memory_limit_bytes};
            if (setrlimit(RLIMIT_AS, &limit) != 0) child_fail(report[1], errno);
        }
        int in = request->stdin_fd, out = request->stdout_fd, err = request->stderr_fd;
        // Move the sources out of 0..2 so one dup2 cannot clobber another's source.
        if (in >= 0 && in <= 2) in = fcntl(in, F_DUPFD_CLOEXEC, 3);
        if (out >= 0 && out <= 2) out = fcntl(out, F_DUPFD_CLOEXEC, 3);
        if (err >= 0 && err <= 2) err = fcntl(err, F_DUPFD_CLOEXEC, 3);
        connect_fd(in, 0, report[1]);
        connect_fd(out, 1, report[1]);
        connect_fd(err, 2, report[1]);
        // Everything else closes on exec: close_range marks 3.. as close-on-exec where the kernel supports it,
        // except the report pipe, which is close-on-exec already.
        syscall(SYS_close_range, 3, ~0U, 4 /* CLOSE_RANGE_CLOEXEC */);
        // Capabilities sluiced holds to switch users (AmbientCapabilities= in its unit) stay with sluiced: a
        // worker must not be able to become anyone else. (EINVAL on kernels without ambient capabilities.)
        prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0);
        if (request->switch_user) {
            // Raw system calls: glibc's setuid() & co. would make every thread of the process change credentials,
            // and this child shares the parent's memory, thread list included. Groups first: after setuid the
            // right to change them is gone.
            if (syscall(SYS_setgroups, (size_t)request->group_count, request->groups) != 0) child_fail(report[1], errno);
            if (syscall(SYS_setresgid, request->gid, request->gid, request->gid) != 0) child_fail(report[1], errno);
            if (syscall(SYS_setresuid, request->uid, request->uid, request->uid) != 0) child_fail(report[1], errno);
        }
        if (request->working_directory && chdir(request->working_directory) != 0) child_fail(report[1], errno);
        if (strchr(request->path, '/')) {
            execve(request->path, request->argv, request->envp);
        } else {
            execvpe(request->path, request->argv, request->envp);
        }
        child_fail(report[1], errno);
    }
    int spawn_errno = pid < 0 ? errno : 0;
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    close(report[1]);
    if (pid < 0) {
        close(report[0]);
        return spawn_errno;
    }
    int child_errno = 0;
    ssize_t n;
    do {
        n = read(report[0], &child_errno, sizeof(child_errno));
    } while (n < 0 && errno == EINTR);
    close(report[0]);
    if (n == sizeof(child_errno)) {
        int status;
        while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {}
        return child_errno;
    }
    *pid_out = pid;
    return 0;
}

int sluice_pidfd_open(pid_t pid) { return (int)syscall(SYS_pidfd_open, pid, 0); }

int sluice_pipe(int fds[2]) { return pipe2(fds, O_CLOEXEC); }

int sluice_kill_group(pid_t pgid, int signal) { return kill(-pgid, signal); }

int sluice_peek_exit(pid_t pid, int block, int *code, int *signaled) {
    siginfo_t info;
    memset(&info, 0, sizeof info);
    int r;
    do {
        r = waitid(P_PID, (id_t)pid, &info, WEXITED | WNOWAIT | (block ? 0 : WNOHANG));
    } while (r < 0 && errno == EINTR);
    if (r < 0) return -1;
    // With WNOHANG, a child still running leaves si_pid zero.
    if (info.si_pid == 0) return 0;
    *signaled = info.si_code == CLD_KILLED || info.si_code == CLD_DUMPED;
    *code = info.si_status;
    return 1;
}

int sluice_reap(pid_t pid) {
    int status;
    pid_t r;
    do {
        r = waitpid(pid, &status, 0);
    } while (r < 0 && errno == EINTR);
    return r < 0 ? -1 : 0;
}

int sluice_exited(int status) { return WIFEXITED(status); }
int sluice_exit_code(int status) { return WEXITSTATUS(status); }
