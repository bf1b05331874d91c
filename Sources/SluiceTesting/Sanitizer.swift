import Foundation

/// The sanitizer the tests run under, when `make sanitize` runs them (.ci/sanitize.sh sets SLUICE_SANITIZER):
/// the code, and the sluiced and sluice they start, run several times slower, so waits set for a plain debug
/// build are stretched by `slowdown`.
package enum Sanitizer {
    /// "address" or "thread"; nil in a plain build.
    package static let name: String? = ProcessInfo.processInfo.environment["SLUICE_SANITIZER"]

    /// How many times longer a wait may take: AddressSanitizer costs ~3× in CPU, ThreadSanitizer 5–15×, and two
    /// cores shared by a whole suite's processes make that more.
    package static let slowdown: Int = name == nil ? 1 : 5
}
