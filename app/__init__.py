"""Threadline's desktop program and command line (imports graph/, never the reverse)."""
