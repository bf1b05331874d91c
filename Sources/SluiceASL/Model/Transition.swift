/// How a state ends: go to `Next`, or end its (sub-)machine.
package enum Transition: Sendable, Hashable {
    case next(String)
    case end
}
