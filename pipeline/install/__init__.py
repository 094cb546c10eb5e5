"""What the set-up does once, after installing the libraries: caches built, the JupyterLab
kernel and the notebook filter set up (``make venv``, ``make lab``)."""
