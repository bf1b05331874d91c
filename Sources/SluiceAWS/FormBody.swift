/// `application/x-www-form-urlencoded` text (awsQuery's request bodies, and every query string), as name/value
/// pairs in the order sent.
package enum FormBody {
    /// The pairs of `text`; a malformed escape leaves that part as sent rather than dropping it.
    package static func pairs(_ text: some StringProtocol, plusIsSpace: Bool = true) -> [(name: String, value: String)]
    {
        text.split(separator: "&", omittingEmptySubsequences: true).map { part in
            let pieces = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = PercentEncoding.decode(pieces[0], plusIsSpace: plusIsSpace) ?? String(pieces[0])
            let raw = pieces.count > 1 ? pieces[1] : ""
            return (name, PercentEncoding.decode(raw, plusIsSpace: plusIsSpace) ?? String(raw))
        }
    }

    /// Whether `text` is well formed: every escape complete and every value UTF-8.
    package static func isWellFormed(_ text: some StringProtocol) -> Bool {
        text.split(separator: "&").allSatisfy { part in
            part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).allSatisfy {
                PercentEncoding.decode($0, plusIsSpace: true) != nil
            }
        }
    }
}
