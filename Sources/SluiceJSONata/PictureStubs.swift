// Stand-ins for the picture formatting another change brings (Pictures/): ISO 8601 dates and plain numbers only.
// Delete this file when Pictures/ lands; the names and signatures are the same.

package struct PictureError: Error, Sendable {
    package var code: String
    package var message: String
}

package enum NumberPicture {
    package static func format(_ value: Double, picture: String, options: [String: String]) throws(PictureError)
        -> String
    {
        JavaScriptNumber.string(value)
    }
}

package enum IntegerPicture {
    package static func format(_ value: Double, picture: String) throws(PictureError) -> String {
        String(Int64(value.rounded(.towardZero).clamped))
    }

    package static func parse(_ text: String, picture: String) throws(PictureError) -> Double? {
        Double(text)
    }
}

package enum JavaScriptNumber {
    package static func string(_ value: Double) -> String { NumberText.js(value) }
    package static func precision(_ value: Double, _ digits: Int) -> String { NumberText.precise(value, digits) }
}

package enum DateTimePicture {
    package static func format(millis: Double, picture: String?, timezone: String?) throws(PictureError) -> String {
        let ms = Int64(millis.rounded(.down).clamped)
        var days = ms >= 0 ? ms / 86_400_000 : -((-ms + 86_399_999) / 86_400_000)
        var rest = ms - days * 86_400_000
        let h = rest / 3_600_000
        rest %= 3_600_000
        let m = rest / 60000
        rest %= 60000
        let s = rest / 1000
        let milli = rest % 1000
        days += 719_468
        let era = (days >= 0 ? days : days - 146_096) / 146_097
        let doe = days - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        var y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let mo = mp < 10 ? mp + 3 : mp - 9
        if mo <= 2 { y += 1 }
        func pad(_ v: Int64, _ n: Int) -> String {
            let t = String(v)
            return String(repeating: "0", count: max(0, n - t.count)) + t
        }
        return "\(pad(y, 4))-\(pad(mo, 2))-\(pad(d, 2))T\(pad(h, 2)):\(pad(m, 2)):\(pad(s, 2)).\(pad(milli, 3))Z"
    }

    package static func parse(_ text: String, picture: String?) throws(PictureError) -> Double? {
        let u = Array(text.utf8)
        func num(_ from: Int, _ n: Int) -> Int64? {
            guard from + n <= u.count else { return nil }
            var v: Int64 = 0
            for c in u[from..<(from + n)] {
                guard c >= 48, c <= 57 else { return nil }
                v = v * 10 + Int64(c - 48)
            }
            return v
        }
        let fail = PictureError(
            code: "D3110",
            message: "The argument of the toMillis function must be an ISO 8601 formatted timestamp. Given \(text)")
        guard let y = num(0, 4) else { throw fail }
        var mo: Int64 = 1
        var d: Int64 = 1
        var h: Int64 = 0
        var mi: Int64 = 0
        var s: Int64 = 0
        var ms: Int64 = 0
        var i = 4
        if i < u.count, u[i] == UInt8(ascii: "-") {
            guard let v = num(i + 1, 2) else { throw fail }
            mo = v
            i += 3
            if i < u.count, u[i] == UInt8(ascii: "-") {
                guard let v = num(i + 1, 2) else { throw fail }
                d = v
                i += 3
            }
        }
        var offset: Int64 = 0
        if i < u.count, u[i] == UInt8(ascii: "T") || u[i] == UInt8(ascii: " ") {
            guard let hh = num(i + 1, 2), i + 3 < u.count, u[i + 3] == UInt8(ascii: ":"), let mm = num(i + 4, 2)
            else { throw fail }
            h = hh
            mi = mm
            i += 6
            if i < u.count, u[i] == UInt8(ascii: ":") {
                guard let ss = num(i + 1, 2) else { throw fail }
                s = ss
                i += 3
                if i < u.count, u[i] == UInt8(ascii: ".") {
                    i += 1
                    var digits = 0
                    var frac: Int64 = 0
                    while i < u.count, u[i] >= 48, u[i] <= 57 {
                        if digits < 3 { frac = frac * 10 + Int64(u[i] - 48) }
                        digits += 1
                        i += 1
                    }
                    while digits < 3 {
                        frac *= 10
                        digits += 1
                    }
                    ms = frac
                }
            }
            if i < u.count {
                if u[i] == UInt8(ascii: "Z") {
                    i += 1
                } else if u[i] == UInt8(ascii: "+") || u[i] == UInt8(ascii: "-") {
                    let sign: Int64 = u[i] == UInt8(ascii: "+") ? 1 : -1
                    guard let oh = num(i + 1, 2) else { throw fail }
                    var j = i + 3
                    if j < u.count, u[j] == UInt8(ascii: ":") { j += 1 }
                    let om = num(j, 2) ?? 0
                    offset = sign * (oh * 60 + om)
                    i = j + 2
                }
            }
        }
        guard i >= u.count else { throw fail }
        let yy = mo <= 2 ? y - 1 : y
        let era = (yy >= 0 ? yy : yy - 399) / 400
        let yoe = yy - era * 400
        let mp = mo > 2 ? mo - 3 : mo + 9
        let doy = (153 * mp + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        let days = era * 146_097 + doe - 719_468
        let total = ((days * 24 + h) * 60 + mi - offset) * 60 + s
        return Double(total * 1000 + ms)
    }
}
