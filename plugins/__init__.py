"""Thin MkDocs plugins: each reads its configuration, calls generator/, and hands pages to MkDocs."""
