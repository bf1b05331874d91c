/// There is no sluice.db where a command looked: sluiced has not run with that root yet.
public struct StoreMissing: Error, CustomStringConvertible {
    public var path: String

    public init(path: String) { self.path = path }

    public var description: String { "no store at \(path) (has sluiced run with this --root?)" }
}
