/// The HTTP methods the controller's API uses.
public enum APIMethod: String, Sendable {
    case GET, PUT, POST, DELETE
}
