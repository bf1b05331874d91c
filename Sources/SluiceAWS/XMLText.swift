/// XML text written by hand (the responses are small and their shapes fixed): escaping and elements.
package enum XMLText {
    /// `text` with the five characters XML reserves escaped, and the other control characters as references.
    package static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\r": out += "&#13;"
            default:
                if scalar.value < 0x20, scalar != "\n", scalar != "\t" {
                    out += "&#\(scalar.value);"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    /// `<name>escaped text</name>`.
    package static func element(_ name: String, _ text: String) -> String {
        "<\(name)>\(escape(text))</\(name)>"
    }

    /// `<name>children</name>`, the children already XML.
    package static func element(_ name: String, children: String) -> String {
        "<\(name)>\(children)</\(name)>"
    }
}
