import Foundation

/// How many times longer the watcher's waits may take under `make sanitize` (SLUICE_SANITIZER set): a rescan of
/// thousands of files hashes each one, several times slower under ThreadSanitizer.
enum Sanitized {
    static let slowdown: Int = ProcessInfo.processInfo.environment["SLUICE_SANITIZER"] == nil ? 1 : 5
}
