/// A line that is not a message of the agent protocol.
package struct AgentWireError: Error, Hashable, Sendable, CustomStringConvertible {
    package var reason: String
    package var description: String { reason }
}
