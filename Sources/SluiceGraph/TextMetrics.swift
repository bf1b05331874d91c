/// Text widths guessed without a font: the SVG is drawn on the server, which has no fonts to measure with, so
/// each character counts by its class at the drawing's sans-serif size. Generous enough that names fit.
enum TextMetrics {
    /// The width of `text` at `size` pixels; bold text (the names) is about a fifth wider in DejaVu Sans Bold,
    /// the widest of the fonts a browser here falls back to.
    static func width(_ text: some StringProtocol, size: Double, bold: Bool = false) -> Double {
        text.unicodeScalars.reduce(0) { $0 + em($1) } * size * (bold ? 1.2 : 1.05)
    }

    /// `text` as it fits in `width` pixels: whole, or cut with an ellipsis.
    static func fitting(_ text: String, width limit: Double, size: Double, bold: Bool = false) -> String {
        guard width(text, size: size, bold: bold) > limit else { return text }
        var used = width("…", size: size, bold: bold)
        var kept = ""
        for character in text {
            let w = width(String(character), size: size, bold: bold)
            guard used + w <= limit else { break }
            used += w
            kept.append(character)
        }
        return kept + "…"
    }

    /// One character's width in ems, by class (close to DejaVu Sans and Helvetica's averages).
    private static func em(_ scalar: Unicode.Scalar) -> Double {
        switch scalar.value {
        case 0x20, 0x21, 0x27, 0x2C, 0x2E, 0x3A, 0x3B, 0x49, 0x69, 0x6A, 0x6C, 0x7C: return 0.32
        case 0x66, 0x72, 0x74, 0x28, 0x29, 0x5B, 0x5D, 0x2F: return 0.42
        case 0x4D, 0x57, 0x6D, 0x77, 0x40: return 0.9
        case 0x41...0x5A: return 0.7
        case 0x30...0x39: return 0.6
        case 0x00...0x7F: return 0.56
        case 0x0300...0x036F, 0x200B...0x200F, 0xFE00...0xFE0F: return 0
        // CJK, Hangul, full-width forms and pictographs are about a square each.
        case 0x1100...0x115F, 0x2E80...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFF00...0xFF60, 0x1F300...0x1FAFF:
            return 1.0
        default: return 0.62
        }
    }
}
