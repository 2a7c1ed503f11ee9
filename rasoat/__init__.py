"""rasoat — rà soát văn bản quy phạm pháp luật và báo cáo hành chính.

The glue of the project: the shared data model (`rasoat.models`), the SQLite
store (`rasoat.store`), the pipeline that joins the three stages
(`rasoat.pipeline`) and the command line (`rasoat.cli`).  The stages
themselves live in the top-level packages `ingest`, `extract` and `rules`.
"""

__version__ = "0.1.0"
