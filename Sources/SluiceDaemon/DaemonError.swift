/// A problem that stops the daemon from starting, said in words.
package struct DaemonError: Error, CustomStringConvertible {
    package var description: String
    package init(_ description: String) { self.description = description }
}
