import Storage
/// The server target; see its types.
