"""The domain core: pure rules with no I/O and no framework imports.

Functions here take the knowledge base and the person's answers as arguments and return
plain values, so they are fast to test and the CLI and web app can share them.
"""
