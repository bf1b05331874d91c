import ArgumentParser
import Foundation
import Logging
import ServiceLifecycle
import SluiceDaemon
import SluiceEngine
import SluiceSystemd
import UnixSignals

/// The `sluiced` daemon's command line.
///
/// Parses its flags, sets up logging (native journal entries under journald, plain stderr lines elsewhere) and
/// runs the daemon as a service group that SIGTERM shuts down gracefully.
@main
struct SluicedCommand: AsyncParsableCommand {
    /// The daemon's version, as `sluiced --version` prints it.
    static let version = "0.1.0-dev"

    static let configuration = CommandConfiguration(
        commandName: "sluiced",
        abstract: "The sluice daemon: S3 → EventBridge → Step Functions → Lambda → SNS on one machine.",
        discussion: """
            Reads its settings from ROOT/etc/sluice/sluiced.json (or --config), definitions from ROOT/etc/sluice, \
            keeps buckets, topics and the store in ROOT/var/lib/sluice and runtime files in ROOT/run/sluice.
            """,
        version: version
    )

    /// The folder that prefixes every path the daemon uses (etc/sluice, var/lib/sluice, run/sluice).
    @Option(name: .long, help: ArgumentHelp("Prefix every path the daemon uses with DIR.", valueName: "DIR"))
    var root: String = "/"

    /// The settings file; when nil, `ROOT/etc/sluice/sluiced.json`.
    @Option(
        name: .long,
        help: ArgumentHelp("Daemon settings (default: ROOT/etc/sluice/sluiced.json).", valueName: "FILE")
    )
    var config: String?

    /// The settings file the daemon reads: `--config` as given, else the default under `--root`.
    var configPath: String {
        config ?? SluicePaths(root: root).settingsFile
    }

    func validate() throws {
        guard let config else { return }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: config, isDirectory: &isDirectory) else {
            throw ValidationError("--config \(config): no such file")
        }
        if isDirectory.boolValue {
            throw ValidationError("--config \(config): is a directory, not a settings file")
        }
    }

    func run() async throws {
        let settings: SluiceSettings
        do {
            settings = try SluiceSettings.load(configPath)
        } catch {
            FileHandle.standardError.write(Data("sluiced: \(configPath): \(error)\n".utf8))
            throw ExitCode(78)  // EX_CONFIG: systemd's RestartPreventExitStatus keeps it from looping
        }
        let level = Logger.Level(rawValue: settings.logLevel) ?? .info
        let journal = JournaldLogHandler.journalIsConnected
        LoggingSystem.bootstrap { label in
            var handler: any LogHandler =
                journal ? JournaldLogHandler(label: label) : StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        let logger = Logger(label: "sluice.daemon")
        // Absolute, so paths resolved from it (a subscription's script, a function's command) stay right in the
        // workers' and scripts' own working directories.
        let absoluteRoot =
            root.hasPrefix("/") ? root : SluicePaths(root: FileManager.default.currentDirectoryPath).path(root)
        let daemon: Daemon
        do {
            daemon = try await Daemon.start(root: absoluteRoot, settings: settings, logger: logger)
        } catch {
            logger.critical("sluiced failed: \(error)")
            throw ExitCode(1)
        }
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: daemon.services,
                gracefulShutdownSignals: [.sigterm, .sigint],
                logger: logger
            )
        )
        do {
            try await group.run()
        } catch {
            logger.critical("sluiced failed: \(error)")
            await daemon.stopped()
            throw ExitCode(1)
        }
        await daemon.stopped()
    }
}
