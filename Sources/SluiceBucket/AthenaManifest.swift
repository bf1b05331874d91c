/// The data files listed by an Athena UNLOAD manifest (ManifestType ATHENA_DATA): one `s3://bucket/key` per line,
/// every file of the InputType given (CSV, whose UNLOAD output has no header row, or JSONL).
enum AthenaManifest {
    static let maximumSize = 64 << 20

    static func open(_ manifest: ObjectLocation, settings: ReaderSettings, store: BucketStore)
        throws(ItemReaderError) -> any ItemSource
    {
        let bytes = try ObjectContent.readAll(manifest, limit: maximumSize)
        var files: [DataFile] = []
        for (index, raw) in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated() {
            var line = String(decoding: raw, as: UTF8.self)
            while line.last == "\r" || line.last == " " { line.removeLast() }
            guard !line.isEmpty else { continue }
            guard line.hasPrefix("s3://"), let slash = line.dropFirst(5).firstIndex(of: "/") else {
                throw manifest.error("line \(index + 1) of the Athena manifest is not an s3://bucket/key URI: \(line)")
            }
            let bucket = String(line[line.index(line.startIndex, offsetBy: 5)..<slash])
            let key = String(line[line.index(after: slash)...])
            files.append(DataFile(store: store, bucket: bucket, key: key, settings: settings))
        }
        return ConcatenatedItemSource(files)
    }
}
