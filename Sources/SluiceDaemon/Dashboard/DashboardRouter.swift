import SluiceAWS
import SluiceEngine
import SluiceJSON
import SluiceVocabulary

/// The web side of the API's listener: the dashboard's page and assets, its login, the JSON its pages read, the
/// actions they take, and Prometheus's `/metrics`.
///
/// Who may look: the JSON shows inputs and outputs, so it needs a session, which only a one-time login from
/// `sluice dashboard` gives (signed with a key of the API's credentials file: whoever can read that file may drive
/// sluiced anyway). A request that changes something also carries the session's CSRF token. `/metrics` holds
/// counts only: loopback reads it freely, anyone else needs the configured bearer token.
struct DashboardRouter: Sendable {
    let runtime: DaemonRuntime
    let credentials: APICredentials

    /// The largest body the dashboard reads (its actions are small JSON objects).
    static let bodyLimit = 64 << 10
    static let cookieName = "sluice_session"
    static let apiPrefix = "/_sluice/api/"

    /// Whether a request is the dashboard's: unsigned (AWS's clients sign every request, in a header or a presigned
    /// URL) and a page, an asset, the pages' JSON or `/metrics`. Anything else unsigned stays with the AWS side,
    /// which refuses it as AWS does: another site's page posting a form at the API among them.
    static func takes(_ request: AWSRequest) -> Bool {
        if let authorization = request.header("authorization"), authorization.hasPrefix("AWS4-") { return false }
        if request.query("X-Amz-Signature") != nil || request.query("X-Amz-Algorithm") != nil { return false }
        let path = request.rawPath
        switch request.method {
        case "GET", "HEAD": return path == "/" || path == "/metrics" || path.hasPrefix("/_sluice/")
        case "POST": return path.hasPrefix(apiPrefix)
        default: return false
        }
    }

    func respond(_ request: AWSRequest, body: [UInt8], fromLoopback: Bool) async -> AWSResponse {
        let path = request.rawPath
        if path == "/metrics" { return metrics(request, fromLoopback: fromLoopback) }
        if path == "/_sluice/login" { return login(request) }
        if request.method != "POST", let asset = DashboardAssets.files[path] {
            return DashboardResponse.page(asset.body, contentType: asset.contentType)
        }
        guard path.hasPrefix(Self.apiPrefix) || path.hasPrefix(Self.filesPrefix) else {
            return DashboardResponse.text("Not Found\n", status: 404)
        }
        guard let session = session(request) else {
            return DashboardResponse.error(
                401,
                "LoginRequired",
                "Log in with the URL that `sluice dashboard` prints on the machine sluiced runs on."
            )
        }
        if path.hasPrefix(Self.filesPrefix), request.method != "POST" { return file(request) }
        let csrf = DashboardToken.csrf(session: session.claims, secret: session.secret)
        let name = String(path.dropFirst(Self.apiPrefix.count))
        guard request.method == "POST" else {
            return DashboardData(
                runtime: runtime,
                user: session.claims.user,
                csrf: csrf,
                live: runtime.telemetry.live
            ).answer(name, request)
        }
        if let refusal = Self.forgery(request, csrf: csrf) { return refusal }
        return DashboardActions(runtime: runtime, user: session.claims.user).answer(name, body: body)
    }

    /// A valid session from the request's cookie, with the secret that signed it.
    private func session(_ request: AWSRequest) -> (claims: DashboardToken.Claims, secret: String)? {
        guard let cookie = Self.cookie(request, Self.cookieName),
            let claims = DashboardToken.readSession(
                cookie,
                secret: credentials.secret(for:),
                now: runtime.clock.now().epochSeconds
            ),
            let secret = credentials.secret(for: claims.accessKeyId)
        else { return nil }
        return (claims, secret)
    }

    /// Why a POST is refused as a possible forgery: no or a wrong CSRF token, a body that is not JSON (a form
    /// another site can post without asking), or an Origin that is not this listener.
    static func forgery(_ request: AWSRequest, csrf: String) -> AWSResponse? {
        guard let token = request.header("x-sluice-csrf"), ConstantTime.equal(token, csrf) else {
            return DashboardResponse.error(403, "InvalidCsrfToken", "the request has no valid X-Sluice-CSRF header")
        }
        guard request.header("content-type")?.lowercased().hasPrefix("application/json") == true else {
            return DashboardResponse.error(415, "UnsupportedMediaType", "the body must be application/json")
        }
        if let origin = request.header("origin"), let host = request.header("host"), origin != "http://" + host {
            return DashboardResponse.error(403, "InvalidOrigin", "requests from \(origin) are not accepted")
        }
        return nil
    }

    /// The value of cookie `name` in the request's Cookie header(s).
    static func cookie(_ request: AWSRequest, _ name: String) -> String? {
        for header in request.headers where header.name.lowercased() == "cookie" {
            for pair in header.value.split(separator: ";") {
                let parts = pair.split(separator: "=", maxSplits: 1)
                guard parts.count == 2, parts[0].trimmingSpaces == name else { continue }
                return parts[1].trimmingSpaces
            }
        }
        return nil
    }
}

extension Substring {
    /// Without the spaces around it.
    fileprivate var trimmingSpaces: String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
