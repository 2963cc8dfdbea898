"""The model engine: a child process serving llama.cpp over an OpenAI-compatible HTTP API, and its client."""
