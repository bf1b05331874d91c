import Foundation
import SluiceEngine
import SluiceVocabulary

/// The real sluiced on a root with the shipped pipeline, for the dashboard's benchmark: logins made as
/// `sluice dashboard` makes them, and the pipeline run from a dropped file to the topic's message.
struct DashboardBenchDaemon {
    let root: String
    let process: Process
    let endpoint: String

    init(binary: String, root: String) throws {
        self.root = root
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["--root", root]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        self.process = process
        let file = SluicePaths(root: root).apiEndpoint
        let deadline = Date().addingTimeInterval(60)
        var endpoint: String?
        while endpoint == nil, Date() < deadline {
            endpoint = (try? String(contentsOfFile: file, encoding: .utf8))?
                .trimmingCharacters(in: .whitespacesAndNewlines)
            if endpoint == nil { Thread.sleep(forTimeInterval: 0.1) }
        }
        guard let endpoint else {
            process.terminate()
            throw BenchError("sluiced did not write \(file)")
        }
        self.endpoint = endpoint
    }

    /// A one-time login URL signed with the credentials file's key.
    func login() throws -> String {
        let text = try String(contentsOfFile: SluicePaths(root: root).credentials, encoding: .utf8)
        guard let key = CredentialsFile.keys(text).first else { throw BenchError("no key in the credentials file") }
        var generator = SystemRandomNumberGenerator()
        let claims = DashboardToken.Claims(
            accessKeyId: key.accessKeyId,
            user: "bench",
            time: Int64(Date().timeIntervalSince1970),
            nonce: Hex.lowercase((0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) })
        )
        return endpoint + "/_sluice/login?token=" + DashboardToken.login(claims, secret: key.secretAccessKey)
    }

    /// Drops `csv` as inbox/companies/companies.csv and waits for the next message in topic `scores`: the wall
    /// time from the rename, and the CPU time sluiced spent meanwhile.
    func runPipeline(_ csv: String) throws -> (wall: Double, cpu: Double) {
        let folder = root + "/var/lib/sluice/buckets/inbox/companies"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let before = messages()
        let part = folder + "/.companies.csv.part"
        try? FileManager.default.removeItem(atPath: part)
        try FileManager.default.copyItem(atPath: csv, toPath: part)
        let cpuBefore = cpuSeconds()
        let start = Date()
        guard rename(part, folder + "/companies.csv") == 0 else { throw BenchError("cannot drop \(csv)") }
        let deadline = start.addingTimeInterval(600)
        while messages() == before {
            guard Date() < deadline else { throw BenchError("no message in topic scores within 10 minutes") }
            Thread.sleep(forTimeInterval: 0.01)
        }
        return (Date().timeIntervalSince(start), cpuSeconds() - cpuBefore)
    }

    func messages() -> Int {
        ((try? FileManager.default.contentsOfDirectory(atPath: root + "/var/lib/sluice/topics/scores")) ?? [])
            .filter { $0.hasSuffix(".json") && !$0.hasPrefix(".") }.count
    }

    /// sluiced's user and system time so far (/proc/PID/stat, clock ticks).
    func cpuSeconds() -> Double {
        guard let stat = try? String(contentsOfFile: "/proc/\(process.processIdentifier)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return .nan }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 13, let user = Double(fields[11]), let system = Double(fields[12]) else { return .nan }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    func stop() {
        process.terminate()
        process.waitUntilExit()
    }
}
