import ArgumentParser
import Foundation
import SluiceCore
import SluiceEngine
import SluiceJSON
import SluiceLinux
import SluicePatterns
import SluiceTopics

/// `sluice subscribe`: SNS Subscribe with protocol `exec`: writes ROOT/etc/sluice/subscriptions/NAME.json.
struct SubscribeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "subscribe",
        abstract: "Subscribe a script to a topic (SNS Subscribe with protocol exec).",
        discussion: """
            Writes ROOT/etc/sluice/subscriptions/NAME.json, checked as sluiced will load it, and prints \
            {"Subscription": NAME, "File": PATH}. Subscribing again with the same settings changes nothing; a \
            different subscription under an existing name is refused. sluiced reads subscriptions when it starts \
            and on reload.
            """
    )

    @Argument(help: "The topic: a name or an SNS topic ARN.")
    var topic: String

    @Option(name: .customLong("exec"), help: "The script to run for every message (made absolute).")
    var script: String

    @Option(name: .customLong("filter-policy"), help: "The FilterPolicy as JSON text, or file://PATH.")
    var filterPolicy: String?

    @Option(help: "The FilterPolicyScope: MessageAttributes (the default) or MessageBody.")
    var scope: String?

    @Flag(help: "RawMessageDelivery: give the script the bare message instead of the notification document.")
    var raw = false

    @Option(help: "The subscription's name (default: TOPIC-SCRIPT).")
    var name: String?

    @Option(help: "The root that sluice's folders are under, as for sluiced.")
    var root: String = "/"

    func run() throws {
        let settings = try SluiceSettings.load(root: root)
        let document: JSONValue
        let subscriptionName: String
        do {
            guard let topicName = TopicName.resolve(topic) else {
                throw CLIError(
                    "'\(topic)' is not a topic name (1 to 256 letters, digits, '-' and '_') or an SNS topic ARN"
                )
            }
            let endpoint = try Self.absoluteScript(script)
            subscriptionName = try name.map(Self.checkedName) ?? Self.defaultName(topic: topicName, script: endpoint)
            var o = JSONObject()
            o["TopicArn"] = .string(TopicName.arn(topicName, region: settings.region, account: settings.account))
            o["Protocol"] = "exec"
            o["Endpoint"] = .string(endpoint)
            if let filterPolicy { o["FilterPolicy"] = try JSONArgument.parse(filterPolicy, option: "--filter-policy") }
            if let scope {
                guard FilterPolicyScope(rawValue: scope) != nil else {
                    throw CLIError("--scope must be MessageAttributes or MessageBody, not \(scope)")
                }
                o["FilterPolicyScope"] = .string(scope)
            }
            if raw { o["RawMessageDelivery"] = true }
            document = .object(o)
        } catch let error as CLIError {
            throw CLIError.exit(error.description)
        }
        let file = SluicePaths(root: root).subscriptions + "/\(subscriptionName).json"
        if case .failure(let errors) = Subscription.decode(document, file: file, name: subscriptionName) {
            for problem in errors.problems { StandardError.write("sluice: \(problem)\n") }
            throw CLIError.exit("the subscription was not written")
        }
        if let data = FileManager.default.contents(atPath: file) {
            guard let existing = try? JSONParser.parse(bytes: Array(data)), existing == document else {
                throw CLIError.exit(
                    "\(file): a different subscription named '\(subscriptionName)' exists; choose another --name"
                )
            }
        } else {
            do {
                try AtomicFile.write(Array(document.prettyPrinted().utf8) + [0x0A], to: file)
            } catch {
                StandardError.write("sluice: \(error)\n")
                throw ExitCode(1)
            }
        }
        print(JSONValue.object(["Subscription": .string(subscriptionName), "File": .string(file)]).serialized())
    }

    /// The script as an absolute, normalized path; it must exist and be executable, or sluiced could never run it.
    static func absoluteScript(_ path: String) throws -> String {
        let absolute =
            path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        let normalized = URL(fileURLWithPath: absolute).standardizedFileURL.path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: normalized, isDirectory: &isDirectory), !isDirectory.boolValue
        else { throw CLIError("--exec \(path): no such file") }
        guard FileManager.default.isExecutableFile(atPath: normalized) else {
            throw CLIError("--exec \(path): not executable (chmod +x it)")
        }
        return normalized
    }

    /// Names become file names, dead-letter file names and SLUICE_SUBSCRIPTION: letters, digits, '.', '-', '_'.
    static func checkedName(_ name: String) throws -> String {
        guard isValidName(name) else {
            throw CLIError("--name '\(name)': use 1 to 128 letters, digits, '.', '-' and '_', not starting with '.'")
        }
        return name
    }

    static func defaultName(topic: String, script: String) -> String {
        var stem = String(script.split(separator: "/").last ?? "script")
        if let dot = stem.lastIndex(of: "."), dot != stem.startIndex { stem = String(stem[..<dot]) }
        let cleaned = String(
            stem.map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") ? $0 : "-" }
        )
        let candidate = String((topic + "-" + cleaned).prefix(128))
        return isValidName(candidate) ? candidate : topic
    }

    private static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && name.count <= 128 && !name.hasPrefix(".")
            && name.unicodeScalars.allSatisfy {
                ($0.isASCII && $0.properties.isAlphabetic) || ("0"..."9").contains($0)
                    || ".-_".unicodeScalars.contains($0)
            }
    }
}
