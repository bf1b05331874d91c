import ServiceLifecycle

/// Sleeps for `duration`, or until a graceful shutdown begins: a service's loop between two rounds, so that the
/// group's shutdown does not wait out a sleep.
func nap(_ duration: Duration) async {
    try? await cancelWhenGracefulShutdown { try await Task.sleep(for: duration) }
}
