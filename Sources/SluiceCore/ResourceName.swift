/// How sluice names the things a definition or rule points at: by AWS ARN or bare name, resolved to the last
/// component so that AWS ARNs work unchanged (region and account are ignored).
package enum ResourceName {
    /// The kind of resource an ARN names.
    package enum Kind: Sendable, Hashable {
        case stateMachine(String)
        case topic(String)
        case function(String)
    }

    /// `arn:aws:states:R:A:stateMachine:NAME`, `arn:aws:sns:R:A:TOPIC`, `arn:aws:lambda:R:A:function:NAME[:qualifier]`.
    package static func parse(_ arn: String) -> Kind? {
        let parts = arn.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard parts.count >= 6, parts[0] == "arn", parts[1].hasPrefix("aws") else { return nil }
        switch parts[2] {
        case "states" where parts[5] == "stateMachine" && parts.count == 7 && !parts[6].isEmpty:
            return .stateMachine(parts[6])
        case "sns" where parts.count == 6 && !parts[5].isEmpty:
            return .topic(parts[5])
        case "lambda" where parts[5] == "function" && parts.count >= 7 && !parts[6].isEmpty:
            return .function(parts[6])
        default:
            return nil
        }
    }

    /// EventBridge's rule and target id rule: 1 to 64 of `A-Z a-z 0-9 . - _`.
    package static func isValidRuleName(_ name: String) -> Bool {
        !name.isEmpty && name.count <= 64
            && name.unicodeScalars.allSatisfy {
                ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0)))
                    || ".-_".unicodeScalars.contains($0)
            }
    }
}
