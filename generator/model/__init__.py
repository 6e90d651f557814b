"""The one pydantic model every loader produces and every stage reads."""
