import SluiceInterpreter

/// The MD5 of bytes fed in pieces, for other sluice modules that compute S3 ETags themselves.
///
/// The bucket watcher hashes files as they arrive, without going through a listing; it shares this module's digest
/// so both report the same ETag for the same bytes, without depending on the interpreter that holds `MD5`.
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
