import SluiceVocabulary
import Testing

/// The dashboard's tokens: signed with the API key's secret, bound to their kind, valid for their time only.
@Suite struct DashboardTokenTests {
    let secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
    func secrets(_ id: String) -> String? { id == "AKIAEXAMPLE" ? secret : nil }
    let claims = DashboardToken.Claims(accessKeyId: "AKIAEXAMPLE", user: "zoë <admin>", time: 1_000_000, nonce: "ab12")

    @Test func aLoginReadsBackWithinFiveMinutes() {
        let token = DashboardToken.login(claims, secret: secret)
        #expect(DashboardToken.readLogin(token, secret: secrets, now: 1_000_000) == claims)
        #expect(DashboardToken.readLogin(token, secret: secrets, now: 1_000_300) == claims)
        #expect(DashboardToken.readLogin(token, secret: secrets, now: 1_000_301) == nil)
        // Issued more than a minute in sluiced's future: refused, not honoured for longer.
        #expect(DashboardToken.readLogin(token, secret: secrets, now: 999_900) == nil)
    }

    @Test func anyChangeOrAnotherKeyIsRefused() {
        let token = DashboardToken.login(claims, secret: secret)
        var fields = token.split(separator: ".").map(String.init)
        fields[3] = "1000100"
        #expect(DashboardToken.readLogin(fields.joined(separator: "."), secret: secrets, now: 1_000_000) == nil)
        let other = DashboardToken.login(claims, secret: "another secret")
        #expect(DashboardToken.readLogin(other, secret: secrets, now: 1_000_000) == nil)
        var unknown = claims
        unknown.accessKeyId = "AKIAOTHER"
        #expect(
            DashboardToken.readLogin(DashboardToken.login(unknown, secret: secret), secret: secrets, now: 1_000_000)
                == nil
        )
        #expect(DashboardToken.readLogin("login.a.b", secret: secrets, now: 1_000_000) == nil)
        #expect(DashboardToken.readLogin("", secret: secrets, now: 1_000_000) == nil)
    }

    @Test func aLoginIsNotASessionNorTheOtherWayRound() {
        let login = DashboardToken.login(claims, secret: secret)
        let session = DashboardToken.session(claims, secret: secret)
        #expect(DashboardToken.readSession(login, secret: secrets, now: 999_999) == nil)
        #expect(DashboardToken.readLogin(session, secret: secrets, now: 1_000_000) == nil)
        #expect(DashboardToken.readSession(session, secret: secrets, now: 999_999) == claims)
        // A session's time is its expiry.
        #expect(DashboardToken.readSession(session, secret: secrets, now: 1_000_000) == nil)
    }

    @Test func theCsrfTokenBelongsToItsSession() {
        var other = claims
        other.nonce = "cd34"
        #expect(
            DashboardToken.csrf(session: claims, secret: secret) == DashboardToken.csrf(session: claims, secret: secret)
        )
        #expect(
            DashboardToken.csrf(session: claims, secret: secret) != DashboardToken.csrf(session: other, secret: secret)
        )
        #expect(DashboardToken.csrf(session: claims, secret: secret).count == 64)
    }
}
