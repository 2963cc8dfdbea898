"""Model files: reading and validating GGUFs, finding them on disk, fetching them from the Hub."""
