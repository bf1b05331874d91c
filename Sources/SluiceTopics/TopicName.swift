import SluiceCore

/// Topic names and ARNs as SNS accepts them.
package enum TopicName {
    /// SNS's rule: 1 to 256 ASCII letters, digits, hyphens and underscores; a FIFO topic adds `.fifo`. The rule also
    /// keeps every topic folder a plain name under topics/ (no dots, no slashes).
    package static func isValid(_ name: String) -> Bool {
        let base = name.hasSuffix(".fifo") ? String(name.dropLast(5)) : name
        return !base.isEmpty && name.utf8.count <= 256
            && base.utf8.allSatisfy { byte in
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                    UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"):
                    true
                default: false
                }
            }
    }

    /// `arn:aws:sns:REGION:ACCOUNT:TOPIC`; region and account are ignored, as everywhere in sluice.
    package static func fromArn(_ arn: String) -> String? {
        guard case .topic(let name)? = ResourceName.parse(arn), isValid(name) else { return nil }
        return name
    }

    /// A topic given on the command line: a name or a topic ARN; nil when it is neither.
    package static func resolve(_ text: String) -> String? {
        if text.hasPrefix("arn:") {
            return fromArn(text)
        }
        return isValid(text) ? text : nil
    }

    /// The ARN sluice gives a topic (DESIGN.md "Names and ARNs").
    package static func arn(_ topic: String, region: String, account: String) -> String {
        "arn:aws:sns:\(region):\(account):\(topic)"
    }
}
