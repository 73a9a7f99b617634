"""Repository functions by table family: each takes a Session, returns core records, never commits."""
