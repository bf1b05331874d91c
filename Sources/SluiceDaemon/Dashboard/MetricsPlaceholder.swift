/// Replaced by the telemetry's exposition when it lands.
extension DaemonRuntime {
    func metricsExposition() -> [UInt8] { Array("# sluice\n".utf8) }
}
