import SluiceAWS
import SluiceJSON

/// The dashboard's answers: pages, JSON and redirects, each with the headers that keep a page of sluice's from
/// being framed, sniffed, cached or its login URL leaked through a Referer.
enum DashboardResponse {
    /// Only our own script and styles; inline styles for the server-drawn SVG's `<style>`; nothing else anywhere.
    static let contentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
        + "connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

    static func page(_ body: [UInt8], contentType: String, status: Int = 200) -> AWSResponse {
        AWSResponse(status: status, headers: headers(contentType), body: body)
    }

    static func json(_ value: JSONValue, status: Int = 200) -> AWSResponse {
        page(Array(value.serialized().utf8), contentType: "application/json", status: status)
    }

    /// An error in the JSON the pages read: AWS's error name where there is one, and a message.
    static func error(_ status: Int, _ code: String, _ message: String) -> AWSResponse {
        var o = JSONObject()
        o["error"] = .string(code)
        o["message"] = .string(message)
        return json(.object(o), status: status)
    }

    static func text(_ text: String, status: Int = 200, contentType: String = "text/plain; charset=utf-8")
        -> AWSResponse
    {
        page(Array(text.utf8), contentType: contentType, status: status)
    }

    /// 303 See Other to `location` (a path of ours), setting `cookie` if given.
    static func redirect(to location: String, cookie: String? = nil) -> AWSResponse {
        var response = AWSResponse(status: 303, headers: headers("text/plain; charset=utf-8"))
        response.headers.append(("Location", location))
        if let cookie { response.headers.append(("Set-Cookie", cookie)) }
        return response
    }

    private static func headers(_ contentType: String) -> [(name: String, value: String)] {
        [
            ("Content-Type", contentType),
            ("Cache-Control", "no-store"),
            ("Content-Security-Policy", contentSecurityPolicy),
            ("X-Content-Type-Options", "nosniff"),
            ("X-Frame-Options", "DENY"),
            ("Referrer-Policy", "no-referrer"),
        ]
    }
}
