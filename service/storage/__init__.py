"""Where the service keeps organisations, their channel data, imports and assessment history."""
