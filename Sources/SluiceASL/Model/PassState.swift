import SluiceJSON

/// Pass: passes its input (or `Result`) to its output.
package struct PassState: Sendable, Hashable {
    package var result: JSONValue?
    package init() {}
}
