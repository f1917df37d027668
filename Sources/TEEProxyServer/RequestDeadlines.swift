import NIOCore

/// The deadlines of the request in progress and the connection's one timer that checks them.
struct RequestDeadlines {
    var read: NIODeadline?
    var write: NIODeadline?
    var timer: Scheduled<Void>?

    var nearest: NIODeadline? {
        switch (self.read, self.write) {
        case (let read?, let write?): min(read, write)
        case (let read?, nil): read
        case (nil, let write?): write
        case (nil, nil): nil
        }
    }
}
