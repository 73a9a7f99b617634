"""The offline result bundle format: manifest, signing, records and safe reading; no I/O policy."""
