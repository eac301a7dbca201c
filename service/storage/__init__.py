"""Where the service keeps organisations, their channel data, imports and assessment history."""

# the cache's table lives on the shared metadata, which the migrations are checked against
from socialaudit.service.storage import classification_cache as classification_cache
