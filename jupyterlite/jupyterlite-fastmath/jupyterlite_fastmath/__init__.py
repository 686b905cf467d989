"""jupyterlite-fastmath: a JupyterLite build addon that serves fastmath from the site itself."""

__version__ = "0.1.0"
