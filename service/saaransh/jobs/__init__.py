"""The file job behind `saaransh summarise`: read documents (`readers`), summarise them
chunk by chunk and write resumable JSON Lines (`file_job`). The Ray job runs the same
chunk function on its actors (saaransh.scale)."""

from .file_job import (
    ChunkProcessor,
    ClusteringProcessor,
    JsonlSink,
    Totals,
    chunked,
    pending,
    process_chunk,
    run,
    summarise_chunk,
    unwritable_record,
)
from .readers import ReadError, read_paths

__all__ = [
    "ChunkProcessor",
    "ClusteringProcessor",
    "JsonlSink",
    "ReadError",
    "Totals",
    "chunked",
    "pending",
    "process_chunk",
    "read_paths",
    "run",
    "summarise_chunk",
    "unwritable_record",
]
