"""Uploaded articles: checked against limits, written to a private temp folder and ingested by a
background thread (one build at a time), with progress that pages poll as JSON."""

from __future__ import annotations

import json
import re
import shutil
import tempfile
import threading
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from pydantic import BaseModel

from storyline.ingest.readers import SUPPORTED_SUFFIXES, input_format
from storyline.store import Store

MAX_FILES = 200
MAX_FILE_BYTES = 5_000_000
MAX_TOTAL_BYTES = 50_000_000
MAX_JOBS_KEPT = 50
_UNSAFE_NAME_CHARS = re.compile(r"[\x00-\x1f\x7f/\\]")

JobState = Literal["queued", "running", "done", "failed"]
BuildFunction = Callable[[Sequence[str], Store, Callable[[int], None]], object]


class UploadRejected(ValueError):
    """An upload broke a limit or had nothing usable; the message is safe to show."""


@dataclass(frozen=True)
class UploadedFile:
    """One uploaded file (or pasted text) as received."""

    name: str
    data: bytes


class JobOut(BaseModel):
    """Progress of one upload, as the job page polls it."""

    id: str
    state: JobState
    files: int
    processed: int
    added: int
    skipped: int
    errors: list[str]
    message: str


@dataclass
class Job:
    """A running or finished ingest of uploaded files."""

    id: str
    files: int
    state: JobState = "queued"
    processed: int = 0
    added: int = 0
    skipped: int = 0
    errors: list[str] = field(default_factory=list)
    message: str = "waiting for the previous upload to finish"

    def out(self) -> JobOut:
        """A copy of the job's progress for pages and JSON."""
        return JobOut(id=self.id, state=self.state, files=self.files, processed=self.processed,
                      added=self.added, skipped=self.skipped, errors=list(self.errors), message=self.message)


def safe_file_name(name: str) -> str:
    """The last path component of an uploaded name, without separators or control characters."""
    last = re.split(r"[/\\]", name)[-1]
    cleaned = _UNSAFE_NAME_CHARS.sub("_", last).strip()
    return "upload.txt" if cleaned in ("", ".", "..") else cleaned[:200]


def check_upload(files: Sequence[UploadedFile]) -> None:
    """Raise :class:`UploadRejected` unless the files are within the count and size limits."""
    if not files:
        raise UploadRejected("nothing to upload: choose files or paste some text")
    if len(files) > MAX_FILES:
        raise UploadRejected(f"too many files: at most {MAX_FILES} per upload")
    if any(len(f.data) > MAX_FILE_BYTES for f in files):
        raise UploadRejected(f"a file is larger than {MAX_FILE_BYTES // 1_000_000} MB")
    if sum(len(f.data) for f in files) > MAX_TOTAL_BYTES:
        raise UploadRejected(f"the upload is larger than {MAX_TOTAL_BYTES // 1_000_000} MB in all")
    if not any(input_format(safe_file_name(f.name)) for f in files):
        raise UploadRejected(f"no supported files: upload {SUPPORTED_SUFFIXES}")


def pasted_text_file(text: str, title: str) -> UploadedFile:
    """Pasted article text (and optional title) as a one-line JSONL file."""
    record = {"text": text, "title": title.strip() or None}
    return UploadedFile("pasted-text.jsonl", (json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8"))


def _write_files(files: Sequence[UploadedFile], folder: Path) -> list[str]:
    paths: list[str] = []
    for index, upload in enumerate(files):
        name = safe_file_name(upload.name)
        if input_format(name) is None:
            continue
        target = folder / f"{index:04d}" / name
        target.parent.mkdir()
        target.write_bytes(upload.data)
        paths.append(str(target))
    return paths


class IngestQueue:
    """Runs uploads through the pipeline in background threads, one build at a time."""

    def __init__(self, db_path: str | Path, build: BuildFunction, on_done: Callable[[], None]) -> None:
        """``db_path``: the store's location; ``build``: :func:`storyline.pipeline.build`; ``on_done`` runs after each job."""

        self.db_path = db_path
        self.build = build
        self.on_done = on_done
        self.jobs: dict[str, Job] = {}
        self._build_lock = threading.Lock()
        self._jobs_lock = threading.Lock()

    def submit(self, files: Sequence[UploadedFile]) -> JobOut:
        """Check the files, start ingesting them in the background and return the new job."""
        check_upload(files)
        job = Job(id=uuid.uuid4().hex, files=len(files))
        with self._jobs_lock:
            self.jobs[job.id] = job
            for old in list(self.jobs)[:-MAX_JOBS_KEPT]:
                del self.jobs[old]
        folder = Path(tempfile.mkdtemp(prefix="storyline-upload-"))
        paths = _write_files(files, folder)
        worker = threading.Thread(target=self._run, args=(job, paths, folder), daemon=True, name=f"ingest-{job.id}")
        worker.start()
        return job.out()

    def get(self, job_id: str) -> JobOut | None:
        """A job's progress, ``None`` for an unknown id."""
        with self._jobs_lock:
            job = self.jobs.get(job_id)
            return job.out() if job else None

    def _advance(self, job: Job, count: int) -> None:
        with self._jobs_lock:
            job.processed += count
            job.message = f"analysed {job.processed} of {job.files} files"

    def _run(self, job: Job, paths: list[str], folder: Path) -> None:
        try:
            with self._build_lock:
                with self._jobs_lock:
                    job.state, job.message = "running", "analysing"
                with Store(self.db_path) as store:
                    report = self.build(paths, store, lambda n: self._advance(job, n))
            self._finish(job, report)
        except Exception as error:  # noqa: BLE001  (a failed upload is reported, not crash the server)
            with self._jobs_lock:
                job.state, job.message = "failed", f"ingest failed ({type(error).__name__})"
        finally:
            shutil.rmtree(folder, ignore_errors=True)
            self.on_done()

    def _finish(self, job: Job, report: object) -> None:
        with self._jobs_lock:
            job.added = int(getattr(report, "added", 0))
            job.skipped = int(getattr(report, "skipped", 0))
            job.errors = [f"{Path(path).name}: {message}" for path, message in getattr(report, "errors", [])]
            job.processed = job.files
            job.state = "done"
            job.message = f"added {job.added} articles, {job.skipped} already stored, {len(job.errors)} failed"
