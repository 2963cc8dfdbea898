"""PySide6 widgets. Views receive their models and listen to them; nothing here blocks on the model."""
