import ArgumentParser
import Foundation
import SluiceEngine
import SluiceVocabulary

/// `sluice dashboard`: a one-time login URL for sluiced's web dashboard, signed with the API's key. Only who can
/// read the credentials file (sluiced's group, who may drive sluiced anyway) can make one; it works once, for five
/// minutes, and the browser then holds a twelve-hour session cookie.
struct DashboardCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dashboard",
        abstract: "Print a one-time login URL for sluiced's web dashboard (valid once, for five minutes)."
    )

    @Option(help: "The root that sluice's folders are under, as for sluiced.")
    var root: String = "/"

    @Flag(help: "Open the URL with xdg-open as well as printing it.")
    var open = false

    func run() throws {
        let (paths, _, endpoint) = try EnvCommand.api(root: root)
        guard let data = FileManager.default.contents(atPath: paths.credentials),
            let key = CredentialsFile.keys(String(decoding: data, as: UTF8.self)).first
        else { throw EnvCommand.unreadableCredentials(paths) }
        var generator = SystemRandomNumberGenerator()
        let claims = DashboardToken.Claims(
            accessKeyId: key.accessKeyId,
            user: Self.userName(),
            time: Int64(Date().timeIntervalSince1970),
            nonce: Hex.lowercase((0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) })
        )
        let url = endpoint + "/_sluice/login?token=" + DashboardToken.login(claims, secret: key.secretAccessKey)
        print(url)
        if open { Self.openInBrowser(url) }
    }

    /// The login name of whoever runs the command, else their uid.
    static func userName() -> String {
        let uid = getuid()
        if let entry = getpwuid(uid), let name = entry.pointee.pw_name { return String(cString: name) }
        return "uid \(uid)"
    }

    private static func openInBrowser(_ url: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["xdg-open", url]
        do {
            try process.run()
        } catch {
            FileHandle.standardError.write(Data("cannot run xdg-open: \(error); open the URL above yourself\n".utf8))
        }
    }
}
