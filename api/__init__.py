"""Wiring around the engine: the command line, the GraphQL service and its storage."""
