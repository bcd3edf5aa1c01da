"""The programme file (`zod.toml` is the shipped one): its sections read into typed, checked configuration."""
