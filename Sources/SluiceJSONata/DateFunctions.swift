enum DateFunctions {
    static func format(_ ms: Double, _ picture: String?, _ timezone: String?) throws(PendingError) -> JV? {
        do throws(PictureError) {
            return .string(try DateTimePicture.format(millis: ms, picture: picture, timezone: timezone))
        } catch {
            throw PendingError(error.code, text: error.message, literal: true)
        }
    }
}
