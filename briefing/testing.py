"""pytest fixtures for plugin authors (entry point ``pytest11``). Filled in by the testing kit."""
