import SluiceAWS
import SluiceEngine
import SluiceVocabulary

/// `/metrics` in Prometheus's text format: counts only, never payloads. Loopback reads it without a login (the
/// usual node-local scrape); from elsewhere it takes `Authorization: Bearer` with `Api.MetricsToken`, and with no
/// token configured it is not served off the machine at all.
extension DashboardRouter {
    func metrics(_ request: AWSRequest, fromLoopback: Bool) -> AWSResponse {
        if !fromLoopback {
            guard let token = runtime.settings.api.metricsToken, let authorization = request.header("authorization"),
                authorization.hasPrefix("Bearer "), ConstantTime.equal(String(authorization.dropFirst(7)), token)
            else {
                var refusal = DashboardResponse.text(
                    "/metrics needs Authorization: Bearer with sluiced.json's Api.MetricsToken from off this machine\n",
                    status: 401
                )
                refusal.headers.append(("WWW-Authenticate", "Bearer realm=\"sluice\""))
                return refusal
            }
        }
        return DashboardResponse.page(
            runtime.exposition(),
            contentType: "text/plain; version=0.0.4; charset=utf-8"
        )
    }
}
