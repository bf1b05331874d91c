import Foundation
import Glibc
import SluiceEngine
import SluiceStore
import SluiceTesting
import SluiceVocabulary
import Testing

/// The listener as an administrator meets it: a port another program holds does not stop sluiced (the journal
/// says why, the pipeline runs on), `"Api": null` turns the API off, and the key file is written once, 0640.
@Suite struct APIListenerTests {
    @Test func aTakenPortIsLoggedAndThePipelineRunsOn() async throws {
        let root = try DaemonRoot()
        try root.apiMachines()
        // A port held by this process.
        let holder = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(holder) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(holder, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        #expect(bound == 0)
        #expect(listen(holder, 1) == 0)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(holder, $0, &length) }
        }
        let port = Int(UInt16(bigEndian: address.sin_port))
        var settings = SluiceSettings.testing
        settings.api.listen = "127.0.0.1:\(port)"
        try await InProcessDaemon.run(on: root, settings: settings) { daemon in
            #expect(daemon.log.contains("API: cannot listen on 127.0.0.1:\(port)"))
            #expect(!root.exists("run/sluice/api-endpoint"))
            // The pipeline itself is untouched: a start through the store runs.
            let started = try await SluiceTool(root: root).run([
                "start-execution", "hello", "--input", #"{"name": "x"}"#,
            ])
            #expect(started.status == 0, "\(started.errors)")
            try await eventually("the execution ends", within: .seconds(30)) {
                try root.store()?.executions(status: .succeeded).count == 1
            }
        }
    }

    @Test func apiNullTurnsItOffAndTheKeyIsWrittenOnce() async throws {
        let root = try DaemonRoot()
        var settings = SluiceSettings.testing
        settings.api.listen = nil
        try await InProcessDaemon.run(on: root, settings: settings) { daemon in
            #expect(!daemon.log.contains("API listening on"))
            #expect(!root.exists("run/sluice/api-endpoint"))
            #expect(!root.exists("var/lib/sluice/credentials"))
        }
        try await InProcessDaemon.run(on: root) { daemon in
            let first = try #require(root.read("var/lib/sluice/credentials"))
            #expect(first.contains("[sluice]\naws_access_key_id = AKIA"))
            // The secret never reaches the log, not even the service group's debug lines naming its services.
            let secret = try #require(first.split(separator: "\n").last?.split(separator: " ").last)
            #expect(!daemon.log.contains(String(secret), includingDebug: true))
            var status = stat()
            #expect(stat(root.path + "/var/lib/sluice/credentials", &status) == 0)
            #expect(status.st_mode & 0o777 == 0o640)
        }
        let written = root.read("var/lib/sluice/credentials")
        try await InProcessDaemon.run(on: root) { _ in
            #expect(root.read("var/lib/sluice/credentials") == written)
        }
    }

    @Test func settingsRejectAMalformedListenAndKeys() throws {
        let root = try DaemonRoot()
        try root.write("etc/sluice/sluiced.json", #"{"Api": {"Listen": "nowhere"}}"#)
        #expect(throws: SettingsError.self) { try SluiceSettings.load(root: root.path) }
        try root.write("etc/sluice/sluiced.json", #"{"Api": {"Keys": [{"AccessKeyId": "A"}]}}"#)
        #expect(throws: SettingsError.self) { try SluiceSettings.load(root: root.path) }
        try root.write("etc/sluice/sluiced.json", #"{"Api": null}"#)
        #expect(try SluiceSettings.load(root: root.path).api.listen == nil)
    }
}
