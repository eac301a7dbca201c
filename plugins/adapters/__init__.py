"""Built-in channel adapters, one module per format."""
