"""The domain: plain Python (standard library only), no Qt, no llama.cpp."""
