import SluiceInterpreter

/// The MD5 of bytes fed in pieces: an S3 ETag computed from a file's content. The bucket watcher hashes files
/// with the same `MD5` (the interpreter's, a pure module), so both report the same ETag for the same bytes.
package struct ContentMD5 {
    private var md5 = MD5()

    /// An empty digest.
    package init() {}

    /// Adds the next bytes of the content.
    package mutating func update(_ bytes: UnsafeRawBufferPointer) {
        md5.update(bytes)
    }

    /// The digest of everything added, as 32 lowercase hex digits (an S3 ETag without its quotes).
    package mutating func finalizeHex() -> String {
        md5.finalizeHex()
    }
}
