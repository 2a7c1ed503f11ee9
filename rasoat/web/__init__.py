"""The served site: rasoat's Datasette plugin (``rasoat.web.plugin``, loaded
through the ``datasette`` entry point), its pages and the search indexes it
queries.  Everything a reviewer reads here is in Vietnamese."""
