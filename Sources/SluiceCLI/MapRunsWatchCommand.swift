import ArgumentParser
import Foundation
import Glibc
import SluiceInterpreter
import SluiceStore

/// `sluice map-runs watch [ARN]`: follows a map run until it ends, with a progress bar, items/s and ETA on a
/// terminal and a plain line a second otherwise. Exit status 0 when it succeeded, 1 when it failed or was aborted.
struct MapRunsWatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract:
            "Follow a map run's progress until it ends (without an ARN: the newest running one, or the next to start)."
    )

    @Argument(help: "The map run's ARN; without it, the newest running map run, or the next one to start.")
    var mapRunArn: String?

    @Option(help: "Seconds between samples.")
    var interval: Double = 0.5

    @Option(help: "The root that sluice's folders are under, as for sluiced.")
    var root: String = "/"

    func run() throws {
        let store = try MapRunDocument.openStore(root: root)
        let arn = try mapRunArn ?? newestRunning(store)
        let terminal = isatty(STDOUT_FILENO) == 1
        var rate = ProgressRate()
        var lastPlain = Date.distantPast
        while true {
            guard let run = try store.mapRun(arn) else { throw CLIError.exit("ResourceNotFound: no map run \(arn)") }
            let done = run.itemsSucceeded + run.itemsFailed
            rate.add(done: done, at: Date())
            let line = Self.line(run, itemsPerSecond: rate.itemsPerSecond)
            if run.status != .running {
                print(terminal ? "\r\u{1B}[K" + line : line)
                if run.status != .succeeded { throw ExitCode(1) }
                return
            }
            if terminal {
                print("\r\u{1B}[K" + line, terminator: "")
                fflush(nil)
            } else if Date().timeIntervalSince(lastPlain) >= 1 {
                lastPlain = Date()
                print(line)
                fflush(nil)
            }
            Thread.sleep(forTimeInterval: max(0.05, interval))
        }
    }

    /// The newest running map run; with none running, the next one to start (a watch opened before the upload
    /// follows the run the upload starts).
    private func newestRunning(_ store: SluiceDatabase) throws -> String {
        let before = try store.mapRuns()
        if let run = before.first(where: { $0.status == .running }) { return run.mapRunArn }
        let known = Set(before.map(\.mapRunArn))
        StandardError.write("sluice: no map run is running; waiting for the next one to start (Ctrl-C to stop)\n")
        while true {
            Thread.sleep(forTimeInterval: max(0.05, interval))
            // A run may start and end between two looks: the newest one not seen before, whatever its status.
            if let run = try store.mapRuns().first(where: { !known.contains($0.mapRunArn) }) { return run.mapRunArn }
        }
    }

    /// `[#########-----------]  45%  102,000/227,000 items  41,800 items/s  ETA 3 s  RUNNING`
    static func line(_ run: MapRunRecord, itemsPerSecond: Double?) -> String {
        let done = run.itemsSucceeded + run.itemsFailed
        var parts: [String] = []
        if run.totalKnown, run.itemsRead > 0 {
            let fraction = Double(done) / Double(run.itemsRead)
            let filled = Int((fraction * 30).rounded(.down))
            parts.append("[" + String(repeating: "#", count: filled) + String(repeating: "-", count: 30 - filled) + "]")
            parts.append(String(format: "%3d%%", Int((fraction * 100).rounded(.down))))
        }
        parts.append(MapRunDocument(run: run).itemsLine)
        if run.itemsFailed > 0 { parts.append("\(run.itemsFailed) failed") }
        if run.status == .running, let itemsPerSecond {
            parts.append("\(Int(itemsPerSecond.rounded())) items/s")
            if run.totalKnown, itemsPerSecond > 0 {
                parts.append("ETA \(Int((Double(run.itemsRead - done) / itemsPerSecond).rounded(.up))) s")
            }
        }
        parts.append(run.status.rawValue)
        return parts.joined(separator: "  ")
    }
}
