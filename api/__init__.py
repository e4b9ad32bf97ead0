"""The ASGI app, the `newsgraph` command line and the settings."""
