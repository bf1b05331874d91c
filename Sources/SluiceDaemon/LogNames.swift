/// How the journal's messages name things, so that each line reads on its own (as systemd's own units' do) with
/// two uploads running at once: executions and map runs by their ARNs' last parts, counts and times as a person
/// reads them. The SLUICE_* fields keep the whole ARNs.
enum LogNames {
    /// `score-companies:t-csv-16e17fde` for `arn:aws:states:REGION:ACCOUNT:execution:score-companies:t-csv-16e17fde`.
    static func execution(_ arn: String) -> String {
        after("execution", in: arn).joined(separator: ":")
    }

    /// `score-companies/scores:1329aee5` for `arn:aws:states:...:mapRun:score-companies/scores:1329aee5-...`.
    static func mapRun(_ arn: String) -> String {
        var parts = after("mapRun", in: arn)
        if parts.count > 1, let last = parts.popLast() { parts.append(last.prefix(8)) }
        return parts.joined(separator: ":")
    }

    /// The colon-separated parts of an ARN after its resource type (the whole ARN when it has no such part).
    private static func after(_ type: String, in arn: String) -> [Substring] {
        let parts = arn.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count > 6, parts[5] == type else { return [Substring(arn)] }
        return Array(parts[6...])
    }

    /// `164,962`.
    static func count(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (i, digit) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(digit)
        }
        return n < 0 ? "-" + out : out
    }

    /// `0.2 s`, `1.3 s`, `42 s`, `3 min 05 s`, `2 h 01 min`.
    static func duration(_ seconds: Double) -> String {
        let s = max(0, seconds)
        if s < 10 { return "\((s * 10).rounded() / 10) s" }
        let whole = Int(s.rounded())
        if whole < 60 { return "\(whole) s" }
        if whole < 3600 { return "\(whole / 60) min \(twoDigits(whole % 60)) s" }
        return "\(whole / 3600) h \(twoDigits(whole / 60 % 60)) min"
    }

    /// `0:00:01`, for an ETA.
    static func clock(_ seconds: Double) -> String {
        let s = Int(max(0, seconds).rounded(.up))
        return "\(s / 3600):\(twoDigits(s / 60 % 60)):\(twoDigits(s % 60))"
    }

    private static func twoDigits(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}
