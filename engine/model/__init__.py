"""The domain model: the organisation's profile, its channel data and the assessment."""
