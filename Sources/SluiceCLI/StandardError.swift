import Foundation

/// Writes to stderr (diagnostics must never mix into the one JSON document on stdout).
enum StandardError {
    static func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
