/// The protocol's clocks, shared by both sides so that they agree.
package enum AgentTimings {
    /// Both sides send a heartbeat this often.
    package static let heartbeat: Duration = .seconds(5)
    /// Silence this long means the other side is gone.
    package static let silence: Duration = .seconds(15)
    /// sluiced waits this long for the hello.
    package static let hello: Duration = .seconds(5)
    /// The agent tries to reconnect this long before it gives up.
    package static let reconnect: Duration = .seconds(60)
}
