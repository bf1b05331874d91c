/// The dashboard's tokens, all signed with a key of the API's credentials file, so that whoever can read that file
/// (sluiced and the members of its group, who may drive it) can log in, and nobody else:
/// - the one-time login token `sluice dashboard` puts in a URL (five minutes, used once);
/// - the session cookie sluiced gives in exchange (twelve hours; stateless, so a restart keeps people logged in);
/// - the CSRF token a page sends with every request that changes something, derived from the session.
///
/// A token is `kind.keyId.userHex.time.nonce.signature`: the user's name in hex (any bytes a login name may have),
/// the issue (login) or expiry (session) time in Unix seconds, a random nonce, and the HMAC-SHA256 of the rest.
package enum DashboardToken {
    /// What a valid token says.
    package struct Claims: Sendable, Equatable {
        package var accessKeyId: String
        package var user: String
        /// Issued (login) or expires (session), Unix seconds.
        package var time: Int64
        package var nonce: String

        package init(accessKeyId: String, user: String, time: Int64, nonce: String) {
            self.accessKeyId = accessKeyId
            self.user = user
            self.time = time
            self.nonce = nonce
        }
    }

    package static let loginLifetime: Int64 = 300
    package static let sessionLifetime: Int64 = 12 * 3600
    /// How far in the future a login may say it was issued (the CLI's clock and sluiced's are the machine's).
    package static let skew: Int64 = 60

    package static func login(_ claims: Claims, secret: String) -> String { make("login", claims, secret) }
    package static func session(_ claims: Claims, secret: String) -> String { make("session", claims, secret) }

    /// The claims of a login token that is well signed and not expired; whether it was used already is the
    /// caller's to check (the nonce).
    package static func readLogin(_ token: String, secret: (String) -> String?, now: Int64) -> Claims? {
        guard let claims = read("login", token, secret) else { return nil }
        guard claims.time <= now + skew, now - claims.time <= loginLifetime else { return nil }
        return claims
    }

    /// The claims of a session cookie that is well signed and not expired.
    package static func readSession(_ cookie: String, secret: (String) -> String?, now: Int64) -> Claims? {
        guard let claims = read("session", cookie, secret), claims.time > now else { return nil }
        return claims
    }

    /// The CSRF token of a session: a page gets it in its JSON and sends it back in a header, which another site's
    /// page can neither read nor forge.
    package static func csrf(session: Claims, secret: String) -> String {
        Hex.lowercase(HMAC.sha256(key: Array(secret.utf8), message: "sluice-dashboard-csrf\n\(session.nonce)"))
    }

    private static func make(_ kind: String, _ claims: Claims, _ secret: String) -> String {
        let body = [
            kind, claims.accessKeyId, Hex.lowercase(Array(claims.user.utf8)), String(claims.time), claims.nonce,
        ]
        .joined(separator: ".")
        return body + "." + signature(body, secret)
    }

    private static func read(_ kind: String, _ token: String, _ secret: (String) -> String?) -> Claims? {
        let fields = token.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard fields.count == 6, fields[0] == kind, let key = secret(fields[1]),
            let user = Hex.bytes(fields[2]), let time = Int64(fields[3]), !fields[4].isEmpty
        else { return nil }
        let body = fields[0..<5].joined(separator: ".")
        guard ConstantTime.equal(signature(body, key), fields[5]) else { return nil }
        return Claims(accessKeyId: fields[1], user: String(decoding: user, as: UTF8.self), time: time, nonce: fields[4])
    }

    private static func signature(_ body: String, _ secret: String) -> String {
        Hex.lowercase(HMAC.sha256(key: Array(secret.utf8), message: "sluice-dashboard\n" + body))
    }
}
