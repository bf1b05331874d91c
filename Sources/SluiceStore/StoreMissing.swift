/// There is no sluice.db where a command looked: sluiced has not run with that root yet.
package struct StoreMissing: Error, CustomStringConvertible {
    package var path: String

    package init(path: String) { self.path = path }

    package var description: String { "no store at \(path) (has sluiced run with this --root?)" }
}
