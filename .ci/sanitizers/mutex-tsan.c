// Tells ThreadSanitizer about the contended paths of the Swift standard library's Synchronization.Mutex on Linux.
//
// Mutex's fast paths (an atomic compare-and-exchange inlined into our code) are instrumented, so TSan sees them
// order the critical sections. When the lock is contended, though, the owner's unlock and the waiter's lock go
// through _MutexHandle._unlockSlow and _lockSlow in libswiftSynchronization.so, which is not instrumented and
// hands the lock over in the kernel (a priority-inheritance futex): TSan sees no synchronisation there and
// reports every access made under a contended Mutex as a race (41 of our files use one). A suppression cannot
// help: the stacks it reports hold only our own frames.
//
// .ci/sanitize.sh builds this as a shared library and LD_PRELOADs it under TSan only: its definitions of the two
// slow paths come first, announce the release / acquire on the mutex's address to TSan and call the library's.
// Processes without TSan (python, the shell) load it too; the TSan hooks are weak, so there it only passes calls
// through. Swift passes a method's self in the swiftself register (r13), clang's swift_context parameter too.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdint.h>

extern void __tsan_acquire(void *addr) __attribute__((weak));
extern void __tsan_release(void *addr) __attribute__((weak));

typedef __attribute__((swiftcall)) void (*LockSlow)(uint32_t, __attribute__((swift_context)) void *);
typedef __attribute__((swiftcall)) void (*UnlockSlow)(__attribute__((swift_context)) void *);

#define LOCK_SLOW "$s15Synchronization12_MutexHandleV9_lockSlowyys6UInt32VF"
#define UNLOCK_SLOW "$s15Synchronization12_MutexHandleV11_unlockSlowyyF"

__attribute__((swiftcall)) void lockSlow(uint32_t selfId, __attribute__((swift_context)) void *handle)
    __asm__(LOCK_SLOW);
__attribute__((swiftcall)) void unlockSlow(__attribute__((swift_context)) void *handle) __asm__(UNLOCK_SLOW);

__attribute__((swiftcall)) void lockSlow(uint32_t selfId, __attribute__((swift_context)) void *handle) {
    static LockSlow real;
    if (!real) real = (LockSlow)dlsym(RTLD_NEXT, LOCK_SLOW);
    real(selfId, handle);
    if (__tsan_acquire) __tsan_acquire(handle);
}

__attribute__((swiftcall)) void unlockSlow(__attribute__((swift_context)) void *handle) {
    static UnlockSlow real;
    if (!real) real = (UnlockSlow)dlsym(RTLD_NEXT, UNLOCK_SLOW);
    if (__tsan_release) __tsan_release(handle);
    real(handle);
}
