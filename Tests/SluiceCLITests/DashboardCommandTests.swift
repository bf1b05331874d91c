import Foundation
import SluiceTesting
import SluiceVocabulary
import Testing

/// `sluice dashboard`: a login URL signed with the API's key, for whoever can read the credentials file.
struct DashboardCommandTests {
    @Test("The URL is the endpoint's login path with a token signed by the credentials file's key")
    func printsASignedLoginURL() async throws {
        let root = try DaemonRoot()
        defer { root.remove() }
        try root.write("etc/sluice/sluiced.json", #"{"Api": {"Listen": "127.0.0.1:4700"}}"#)
        try root.write(
            "var/lib/sluice/credentials",
            "[sluice]\naws_access_key_id = AKIAX\naws_secret_access_key = S3CR3T\n"
        )
        let run = try await SluiceTool(root: root).run(["dashboard"])
        #expect(run.status == 0, "\(run.errors)")
        let url = String(decoding: run.output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        let prefix = "http://127.0.0.1:4700/_sluice/login?token="
        #expect(url.hasPrefix(prefix))
        let now = Int64(Date().timeIntervalSince1970)
        let claims = DashboardToken.readLogin(
            String(url.dropFirst(prefix.count)),
            secret: { $0 == "AKIAX" ? "S3CR3T" : nil },
            now: now
        )
        #expect(claims?.accessKeyId == "AKIAX")
        #expect(claims?.user.isEmpty == false)
        // Another run makes another, independent login.
        let again = try await SluiceTool(root: root).run(["dashboard"])
        #expect(again.output != run.output)
    }

    @Test("Without readable credentials or with the API off it says why and exits 2")
    func refusals() async throws {
        let root = try DaemonRoot()
        defer { root.remove() }
        let missing = try await SluiceTool(root: root).run(["dashboard"])
        #expect(missing.status == 2)
        #expect(missing.errors.contains("cannot read the API's credentials"))
        try root.write("etc/sluice/sluiced.json", #"{"Api": null}"#)
        let off = try await SluiceTool(root: root).run(["dashboard"])
        #expect(off.status == 2)
        #expect(off.errors.contains("sluiced's API is off"))
    }
}
