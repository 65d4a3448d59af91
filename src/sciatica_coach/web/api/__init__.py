"""The JSON API under ``/api/``, one module per resource. The same service calls as the pages;
the list is at ``/api/docs``."""
