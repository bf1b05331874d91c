/// Where a state's result goes in its raw input. `null` discards the result and passes the input through.
package enum ResultPathField: Sendable, Hashable {
    case path(String)
    case discard

    package static let root = ResultPathField.path("$")
}
