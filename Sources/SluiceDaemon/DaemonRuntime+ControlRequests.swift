import SluiceEngine

extension DaemonRuntime {
    /// StartExecution, StopExecution and RedriveExecution as sluiced answers them, with the configuration in force
    /// now: for `sluice` commands (ControlService), the API and startExecution tasks alike.
    var controlRequests: ControlRequests {
        ControlRequests(
            region: settings.region,
            account: settings.account,
            machines: config.current.machines,
            persisted: store,
            controls: controls,
            clock: clock,
            redriveWindow: settings.redriveRetentionSeconds,
            start: { [handoffs] in handoffs.carryOn($0) }
        )
    }
}
