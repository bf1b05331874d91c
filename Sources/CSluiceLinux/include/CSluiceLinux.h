#ifndef CSLUICELINUX_H
#define CSLUICELINUX_H

#include <sys/types.h>
#include <sys/xattr.h>

/// What sluice_spawn needs to start a worker process.
typedef struct {
    const char *path;            // executable (absolute, or looked up in search_path when it has no '/')
    char *const *argv;           // NULL-terminated
    char *const *envp;           // NULL-terminated: the complete environment of the child
    const char *working_directory; // NULL: inherit
    int stdin_fd, stdout_fd, stderr_fd; // the child's ends; -1 connects /dev/null
    long long memory_limit_bytes; // RLIMIT_AS; 0: none
    int switch_user;             // nonzero: become uid / gid with these supplementary groups before exec
    uid_t uid;
    gid_t gid;
    const gid_t *groups;
    int group_count;
} sluice_spawn_request;

/// Starts a process in a session (and process group) of its own, with a clean signal state, the parent-death
/// signal set to SIGKILL, no ambient capabilities (what sluiced may hold to switch users is never passed on), as
/// another user when asked, and only the three given descriptors open. Returns 0 and the pid, or an errno value
/// (from the child's setup or exec, reported back through a close-on-exec pipe).
///
/// The child is created with vfork semantics (it shares the parent's memory until exec and runs only this C
/// code), so spawning costs the same from a small or a large daemon and no Swift runs in the child.
int sluice_spawn(const sluice_spawn_request *request, pid_t *pid_out);

/// Opens a pidfd for `pid` (readable once the process has exited); -1 with errno on failure.
int sluice_pidfd_open(pid_t pid);

/// pipe2 with O_CLOEXEC: fds[0] read end, fds[1] write end.
int sluice_pipe(int fds[2]);

/// Sends `signal` to the process group `pgid` (the worker and everything it started). Only while the group's
/// leader is not reaped: its pid, a zombie once it ends, keeps the group's id from being given to another process.
int sluice_kill_group(pid_t pgid, int signal);

/// Whether the child `pid` has ended, without reaping it (waitid with WNOWAIT; `block` waits for its end): 1 with
/// `code` its exit code or the signal that ended it (`signaled` 1), 0 while it runs, -1 on error.
int sluice_peek_exit(pid_t pid, int block, int *code, int *signaled);

/// Reaps the ended child `pid` (waitpid, blocking): 0, or -1 on error.
int sluice_reap(pid_t pid);

/// Decoding of a raw wait status (a Slurm launcher's, SlurmSubmitter+Allocation).
int sluice_exited(int status);
int sluice_exit_code(int status);

/// Whether any process has the file at `path` open for writing (or mapped writable): 1 yes, 0 no, -1 unknown.
///
/// Asked with a read lease (fcntl F_SETLEASE), which the kernel refuses with EAGAIN while the file is open for
/// writing, and released at once. A lease needs the file to be the caller's own or the capability CAP_LEASE, and a
/// file system that supports leases; otherwise the answer is unknown.
int sluice_open_for_writing(const char *path);

#endif
