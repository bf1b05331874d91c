/// An AWS shared-credentials file (`[profile]`, `aws_access_key_id = ...`, `aws_secret_access_key = ...`), as
/// sluiced writes its API key into one and as `sluice` reads it back (to sign a dashboard login).
package enum CredentialsFile {
    /// Every profile's key pair, in the file's order.
    package static func keys(_ text: String) -> [APIKey] {
        var keys: [APIKey] = []
        var id: String?
        var secret: String?
        func flush() {
            if let id, let secret { keys.append(APIKey(accessKeyId: id, secretAccessKey: secret)) }
            id = nil
            secret = nil
        }
        for line in text.split(whereSeparator: \.isNewline) {
            let trimmed = line.trimmed
            if trimmed.hasPrefix("[") {
                flush()
                continue
            }
            let pair = trimmed.split(separator: "=", maxSplits: 1).map { $0.trimmed }
            guard pair.count == 2 else { continue }
            if pair[0] == "aws_access_key_id" { id = pair[1] }
            if pair[0] == "aws_secret_access_key" { secret = pair[1] }
        }
        flush()
        return keys
    }
}

extension Substring {
    /// Without the spaces and tabs around it.
    fileprivate var trimmed: String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" || $0 == "\r" }.reversed())
    }
}
