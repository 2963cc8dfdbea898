"""Model files: reading and checking GGUFs, the catalog, fit estimates, the Hub, downloads, what is on disk."""

import os

# A private app tells the Hub nothing beyond the request itself: no library telemetry, no
# environment details in the user agent. Set before huggingface_hub reads its constants.
os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
