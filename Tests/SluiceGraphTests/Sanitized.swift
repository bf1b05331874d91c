import Foundation

/// How many times slower the code runs than in the plain debug build the time limits are set for: 10 under
/// `make sanitize` (SLUICE_SANITIZER: AddressSanitizer costs ~3×, ThreadSanitizer 5–15×), else 1.
enum Sanitized {
    static let slowdown: Int = ProcessInfo.processInfo.environment["SLUICE_SANITIZER"] == nil ? 1 : 10
}
