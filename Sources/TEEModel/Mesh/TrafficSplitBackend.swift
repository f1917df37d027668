/// A backend of a `TrafficSplit`: a service and its relative weight.
public struct TrafficSplitBackend: Sendable, Equatable {
    public var service: MeshServiceIdentity
    public var weight: Int

    public init(service: MeshServiceIdentity, weight: Int) {
        self.service = service
        self.weight = weight
    }
}
