import Logging
import SluiceAWS
import SluiceEngine
import SluiceVocabulary

/// The one-time login: `/_sluice/login?token=...` from `sluice dashboard` becomes a session cookie (HttpOnly, so
/// no script reads it; SameSite=Strict, so no other site's page sends it), and the URL with the token is left
/// behind by a redirect.
extension DashboardRouter {
    func login(_ request: AWSRequest) -> AWSResponse {
        let now = runtime.clock.now().epochSeconds
        guard let token = request.query("token"),
            let claims = DashboardToken.readLogin(token, secret: credentials.secret(for:), now: now),
            let secret = credentials.secret(for: claims.accessKeyId),
            runtime.dashboardLogins.use(nonce: claims.nonce, issued: claims.time, now: now)
        else {
            runtime.logger.notice("dashboard: a login URL was refused (expired, used, or not signed by this sluiced)")
            return DashboardResponse.text(Self.refusedLogin, status: 403, contentType: "text/html; charset=utf-8")
        }
        var generator = SystemRandomNumberGenerator()
        let session = DashboardToken.Claims(
            accessKeyId: claims.accessKeyId,
            user: claims.user,
            time: now + DashboardToken.sessionLifetime,
            nonce: Hex.lowercase((0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) })
        )
        let cookie =
            "\(Self.cookieName)=\(DashboardToken.session(session, secret: secret)); Path=/; HttpOnly; "
            + "SameSite=Strict; Max-Age=\(DashboardToken.sessionLifetime)"
        runtime.logger.info(
            "dashboard: \(claims.user) logged in",
            metadata: ["sluice.dashboard.user": .string(claims.user)]
        )
        return DashboardResponse.redirect(to: "/", cookie: cookie)
    }

    static let refusedLogin = """
        <!doctype html><html><head><meta charset="utf-8"><title>sluice: login refused</title></head>
        <body style="font-family: system-ui, sans-serif; margin: 3em">
        <h1>This login link does not work</h1>
        <p>A login link works once, for five minutes, on the sluiced that made it. Run <code>sluice dashboard</code>
        again on the machine sluiced runs on and open the new link.</p></body></html>

        """
}
