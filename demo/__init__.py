"""The demo site: `load_demo_content` and the pages, snippets and picture it builds, one module per part.

The product apps hold no demo code and never import this app (a `forbidden` contract in
pyproject.toml); it stands on them, like `api` and `portability`.
"""
