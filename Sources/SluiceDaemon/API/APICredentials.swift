import Foundation
import SluiceEngine
import SluiceLinux

/// The API's keys: the AWS shared-credentials file sluiced writes at first start (profile `sluice`, mode 0640, so
/// that sluiced and the members of its group, who may drive it, can read it and nobody else), and the keys
/// sluiced.json adds.
struct APICredentials: Sendable {
    static let profile = "sluice"

    /// Access key id → secret.
    let secrets: [String: String]

    func secret(for accessKeyId: String) -> String? { secrets[accessKeyId] }

    /// The keys in force: the file's (written first if there is none) and the configured ones.
    static func load(paths: SluicePaths, settings: APISettings) throws -> APICredentials {
        if Posix.status(paths.credentials) == nil { try write(newKeyAt: paths.credentials) }
        guard let data = FileManager.default.contents(atPath: paths.credentials) else {
            throw APICredentialsError(description: "cannot read \(paths.credentials)")
        }
        var secrets: [String: String] = [:]
        for key in CredentialsFile.keys(String(decoding: data, as: UTF8.self)) {
            secrets[key.accessKeyId] = key.secretAccessKey
        }
        for key in settings.keys { secrets[key.accessKeyId] = key.secretAccessKey }
        return APICredentials(secrets: secrets)
    }

    /// A new key pair in AWS's shapes (20-character id, 40-character secret), from the system's generator.
    private static func write(newKeyAt path: String) throws {
        var generator = SystemRandomNumberGenerator()
        let upper = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
        let any = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
        let id = "AKIA" + String((0..<16).map { _ in upper.randomElement(using: &generator)! })
        let secret = String((0..<40).map { _ in any.randomElement(using: &generator)! })
        let text = """
            # sluiced's API key: members of group sluice may use it (eval "$(sluice env)").
            [\(profile)]
            aws_access_key_id = \(id)
            aws_secret_access_key = \(secret)

            """
        let folder = (path as NSString).deletingLastPathComponent
        _ = Posix.makeDirectories(folder)
        let temporary = path + ".tmp"
        Posix.removeQuietly(temporary)
        // Created 0640 from the start: the secret is never readable by others, not even for a moment.
        let fd: Int32
        switch Posix.createExclusive(temporary, mode: 0o640) {
        case .success(let opened): fd = opened
        case .failure(let errno): throw APICredentialsError(description: "cannot create \(temporary): \(errno)")
        }
        let written = Array(text.utf8).withUnsafeBytes { Posix.writeAll(fd, $0) }
        _ = Posix.sync(fd)
        _ = Posix.close(fd)
        if case .failure(let errno) = written {
            Posix.removeQuietly(temporary)
            throw APICredentialsError(description: "cannot write \(temporary): \(errno)")
        }
        // The umask may have taken group read away.
        chmod(temporary, 0o640)
        if case .failure(let errno) = Posix.rename(temporary, to: path) {
            throw APICredentialsError(description: "cannot put \(path) in place: \(errno)")
        }
        Posix.syncDirectory(folder)
    }
}

extension APICredentials: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// How many keys, never what they are: a description may reach a log.
    var description: String { "APICredentials(\(secrets.count) keys)" }
    var debugDescription: String { description }
    var customMirror: Mirror { Mirror(self, children: ["keys": secrets.count]) }
}

struct APICredentialsError: Error, CustomStringConvertible {
    var description: String
}
