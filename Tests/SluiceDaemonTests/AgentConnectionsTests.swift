import NIOCore
import NIOEmbedded
import Testing

@testable import SluiceDaemon

/// An agent reconnecting the instant sluiced stops can be accepted by the closing listener; its connection must not
/// outlive that sluiced (CI saw one hold agent a1 away from the restarted sluiced for good).
struct AgentConnectionsTests {
    @Test("a connection accepted after closeAll is refused; the ones before are closed")
    func lateConnectionRefused() throws {
        let connections = AgentConnections()
        let early = EmbeddedChannel()
        try early.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 1)).wait()
        #expect(connections.add(early))
        connections.closeAll()
        #expect(!early.isActive)
        let late = EmbeddedChannel()
        #expect(!connections.add(late))
    }
}
