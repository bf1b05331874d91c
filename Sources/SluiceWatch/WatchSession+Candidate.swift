extension WatchSession {
    /// How an object came to be reported.
    enum Origin {
        /// From an inotify event naming it: a close after writing.
        case event
        /// From an inotify event of a file arriving whole, renamed or linked into place. A descriptor still open for
        /// writing on it (its writer's, or a copy a process started meanwhile inherited) may be closed later, with
        /// nothing changed: that close says nothing new.
        case arrival
        /// From a listing: startup, a new folder, a rescan. Its own close event may still be queued and then says
        /// nothing new.
        case scan
    }

    struct Reported {
        var identity: FileIdentity
        var origin: Origin
    }

    /// A file found by a listing that is reported only once it has stopped changing: it may still be being written
    /// by whoever created its folder, and its close event will come if so.
    struct Settling: Equatable {
        var path: String
        var bucketRoot: String
        var identity: FileIdentity
        var reason: ObjectEvent.Reason
        var deadline: ContinuousClock.Instant
    }

    enum Candidate: Equatable {
        case created(ObjectKey, path: String, bucketRoot: String, reason: ObjectEvent.Reason, origin: Origin)
        case deleted(ObjectKey)
    }

    /// What to do with the objects a listing finds.
    enum Discovery {
        /// Take them as already reported (startup without catch-up).
        case baseline
        /// Report them once they have settled (new folders, rescans).
        case settle
        /// Report them at once: a folder renamed into place is complete, like a file renamed into place.
        case immediate(ObjectEvent.Reason)
    }
}
