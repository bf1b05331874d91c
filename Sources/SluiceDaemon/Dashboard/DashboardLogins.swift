import SluiceEngine
import SluiceVocabulary
import Synchronization

/// The one-time logins already used, until they expire. Held in memory: a login made before this sluiced started
/// is refused (`since`), so a restart cannot make a used one good again.
final class DashboardLogins: Sendable {
    /// When this sluiced started, Unix seconds.
    let since: Int64
    private let used = Mutex<[String: Int64]>([:])

    /// Logins made from now on: the clock is the daemon's, read as it starts.
    init(since clock: WallClock) { self.since = clock.now().epochSeconds }

    /// True the first time a login's nonce is used; false for every later use. `now` prunes the expired ones.
    func use(nonce: String, issued: Int64, now: Int64) -> Bool {
        guard issued >= since else { return false }
        return used.withLock { used in
            used = used.filter { now - $0.value <= DashboardToken.loginLifetime + DashboardToken.skew }
            guard used[nonce] == nil else { return false }
            used[nonce] = issued
            return true
        }
    }
}
