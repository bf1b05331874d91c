/// How a state ends: go to `Next`, or end its (sub-)machine.
public enum Transition: Sendable, Hashable {
    case next(String)
    case end
}
